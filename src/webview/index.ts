/**
 * The preview's script, running inside the webview. It is the only script
 * the page runs (CSP: a fresh nonce per page). It
 *  - reads the initial state from the `data-state` JSON,
 *  - sanitizes every HTML it inserts (DOMPurify: no <script>, no on*=, no
 *    javascript: URLs, no forms/meta/base) — a second wall behind the CSP,
 *  - swaps only what changed (morphdom), so scroll position and loaded images stay,
 *  - keeps editor and preview scrolled together through `data-line`,
 *  - turns every link click into a message: the webview never navigates.
 */
import DOMPurify from 'dompurify';
import morphdom from 'morphdom';
import type { FromWebview, InitialState, PreviewState, ToWebview } from './protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  setState(state: PreviewState): void;
  getState(): PreviewState | undefined;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const stateElement = document.getElementById('jekyll-preview-state');
const initial = JSON.parse(stateElement?.getAttribute('data-state') ?? '{}') as InitialState;
const root = document.getElementById('jekyll-preview-root')!;
let state: PreviewState = { resource: initial.resource, locked: initial.locked, line: initial.line };

/** The post's HTML as inert, sanitized nodes. */
function sanitized(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: ['form', 'meta', 'base', 'link', 'iframe', 'frame', 'object', 'embed', 'script', 'noscript'],
    FORBID_ATTR: ['action', 'formaction', 'ping'],
    RETURN_DOM_FRAGMENT: true,
  });
}

function setContent(html: string, version: number): void {
  const next = root.cloneNode(false) as HTMLElement;
  next.appendChild(sanitized(html));
  morphdom(root, next, {
    childrenOnly: true,
    // Keep a loaded image when only its neighbours changed.
    onBeforeElUpdated: (from, to) => !from.isEqualNode(to),
  });
  vscode.postMessage({ type: 'rendered', resource: state.resource, version });
}

// ---------------------------------------------------------------------------
// Scroll sync (editor line ↔ element with data-line), as VS Code's Markdown preview does.

interface LineElement {
  line: number;
  element: HTMLElement;
}

function lineElements(): LineElement[] {
  const out: LineElement[] = [];
  for (const element of root.querySelectorAll<HTMLElement>('[data-line]')) {
    const line = Number(element.dataset.line);
    if (Number.isFinite(line) && element.offsetParent !== null) out.push({ line, element });
  }
  return out;
}

function top(el: HTMLElement): number {
  return el.getBoundingClientRect().top + window.scrollY;
}

/** The elements just before and after a line. */
function around(line: number): { previous: LineElement | undefined; next: LineElement | undefined } {
  let previous: LineElement | undefined;
  for (const e of lineElements()) {
    if (e.line <= line) previous = e;
    else return { previous, next: e };
  }
  return { previous, next: undefined };
}

let programmaticScroll = 0;

function scrollToLine(line: number): void {
  const { previous, next } = around(line);
  if (!previous) {
    programmaticScroll++;
    window.scrollTo(0, 0);
    return;
  }
  let y = top(previous.element);
  if (next && next.line !== previous.line) y += ((line - previous.line) / (next.line - previous.line)) * (top(next.element) - y);
  programmaticScroll++;
  window.scrollTo(0, Math.max(0, y - 8));
}

/** The (fractional) editor line at the top of the preview. */
function lineAtTop(): number | undefined {
  const y = window.scrollY + 8;
  let previous: LineElement | undefined;
  let next: LineElement | undefined;
  for (const e of lineElements()) {
    if (top(e.element) <= y) previous = e;
    else {
      next = e;
      break;
    }
  }
  if (!previous) return next ? 0 : undefined;
  if (!next) return previous.line;
  const a = top(previous.element);
  const b = top(next.element);
  return previous.line + (b > a ? ((y - a) / (b - a)) * (next.line - previous.line) : 0);
}

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener(
  'scroll',
  () => {
    if (programmaticScroll > 0) {
      programmaticScroll--;
      return;
    }
    if (scrollTimer) return;
    scrollTimer = setTimeout(() => {
      scrollTimer = undefined;
      const line = lineAtTop();
      if (line === undefined) return;
      state = { ...state, line: Math.floor(line) };
      vscode.setState(state);
      if (initial.scrollEditorWithPreview) vscode.postMessage({ type: 'revealLine', line });
    }, 50);
  },
  { passive: true },
);

// ---------------------------------------------------------------------------
// Links: never navigate; the extension decides (open a post, the browser, …).

document.addEventListener(
  'click',
  (event) => {
    const target = event.target instanceof Element ? event.target.closest('a') : null;
    if (!target) return;
    event.preventDefault();
    if (target.dataset.command === 'problems') {
      vscode.postMessage({ type: 'showProblems' });
      return;
    }
    const href = target.getAttribute('href') ?? '';
    if (href.startsWith('#')) {
      const id = decodeURIComponent(href.slice(1));
      document.getElementById(id)?.scrollIntoView();
      return;
    }
    if (href) vscode.postMessage({ type: 'openLink', href });
  },
  true,
);
// Middle clicks and form submissions go nowhere either.
document.addEventListener('auxclick', (e) => e.preventDefault(), true);
document.addEventListener('submit', (e) => e.preventDefault(), true);

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  switch (m.type) {
    case 'update':
      setContent(m.html, m.version);
      break;
    case 'scrollToLine':
      state = { ...state, line: m.line };
      vscode.setState(state);
      scrollToLine(m.line);
      break;
    case 'requestHtml': {
      const styles = m.styleOf?.map(({ selector, property }) => {
        const el = document.querySelector(selector);
        return el ? getComputedStyle(el).getPropertyValue(property) : null;
      });
      vscode.postMessage({ type: 'html', id: m.id, html: document.documentElement.outerHTML, styles });
      break;
    }
  }
});

/**
 * The site style shows the site's own CSS on the browser's defaults, as the
 * published page: the rules of VS Code's default webview stylesheet (body
 * padding and colours, link colours …) are taken out; its pseudo-element
 * rules (scrollbars, find highlights) stay.
 */
function setAsideDefaultStyles(): void {
  const sheet = (document.getElementById('_defaultStyles') as HTMLStyleElement | null)?.sheet;
  if (!sheet) return;
  for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
    const rule = sheet.cssRules[i];
    if (rule instanceof CSSStyleRule && !rule.selectorText.trim().startsWith('::')) sheet.deleteRule(i);
  }
}

if (initial.style === 'site') setAsideDefaultStyles();
setContent(initial.html, initial.version);
vscode.setState(state);
if (state.line !== undefined) {
  const line = state.line;
  // After layout (images may still load; the line's element is placed by then).
  requestAnimationFrame(() => scrollToLine(line));
}
