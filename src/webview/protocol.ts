/**
 * The messages between the preview panel (extension host) and its webview
 * script, typed once for both sides. Type-only: nothing here runs.
 */

/** What the webview keeps across reloads (vscode.setState) and what the page is built with (the `data-state` JSON). */
export interface PreviewState {
  /** The previewed post's URI (string form). */
  resource: string;
  locked: boolean;
  /** Editor line to show first (0-based), from the editor or the last scroll. */
  line: number | undefined;
}

/** The page's initial state, passed as escaped JSON in `data-state` (never inline script). */
export interface InitialState extends PreviewState {
  /** The first render, so the page shows the post at once. */
  html: string;
  version: number;
  /** Sync the editor when the preview scrolls. */
  scrollEditorWithPreview: boolean;
  /** `site`: the page is the site's layout with the site's CSS (VS Code's default webview styles are set aside). */
  style: 'editor' | 'site';
}

/** Test hook: a computed style the page reports back (`getComputedStyle(querySelector(selector))[property]`). */
export interface StyleProbe {
  selector: string;
  property: string;
}

/** Extension → webview. */
export type ToWebview =
  | { type: 'update'; html: string; version: number }
  | { type: 'scrollToLine'; line: number }
  /** Test hook: post back the rendered DOM. */
  | { type: 'requestHtml'; id: number; styleOf?: StyleProbe[] };

/** Webview → extension. */
export type FromWebview =
  /** The content for this document version is in the page. */
  | { type: 'rendered'; resource: string; version: number }
  /** The preview scrolled: the editor line at its top. */
  | { type: 'revealLine'; line: number }
  /** A click on a link (the href as written in the post): the webview itself never navigates. */
  | { type: 'openLink'; href: string }
  /** The header card's problem count was clicked. */
  | { type: 'showProblems' }
  /** Reply to requestHtml: the whole document as it is now. */
  | { type: 'html'; id: number; html: string; styles?: Array<string | null> };
