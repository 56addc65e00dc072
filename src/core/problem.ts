/** 0-based, like VS Code's Position. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A minimal replacement of document text (positions in the document as the editor sees it). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix that renames/moves the file instead of (or as well as) editing it. */
export interface FileRename {
  from: string;
  to: string;
}

/** Edits to another file of the site (e.g. adding an author to `_config.yml`). */
export interface FileEdits {
  path: string;
  edits: TextEdit[];
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  otherFiles?: FileEdits[];
  rename?: FileRename;
  /** The one obvious fix: VS Code shows it first and applies it with "auto fix". */
  preferred?: boolean;
}

export interface Problem {
  code: string;
  severity: Severity;
  range: Range;
  message: string;
  fixes: Fix[];
}
