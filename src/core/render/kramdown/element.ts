/**
 * The block tree our kramdown port builds before it becomes markdown-it
 * tokens: kramdown's Kramdown::Element, reduced to what the parser and the
 * converter use.
 */
import type { ContentModel } from './syntax';

/** An inline attribute list `{: #id .class key="v" ref}`: attributes plus ALD references. */
export interface Ial {
  attrs: Record<string, string>;
  refs?: string[];
}

export type ElType =
  | 'root'
  | 'blank'
  | 'p'
  | 'header'
  | 'blockquote'
  | 'codeblock'
  | 'hr'
  | 'ul'
  | 'ol'
  | 'li'
  | 'dl'
  | 'dt'
  | 'dd'
  | 'html_element'
  | 'xml_comment'
  | 'xml_pi'
  | 'table'
  | 'thead'
  | 'tbody'
  | 'tfoot'
  | 'tr'
  | 'td'
  | 'math'
  | 'eob'
  | 'raw'
  | 'comment'
  | 'text'
  | 'raw_text'
  | 'footnote_def'
  | 'temp';

export interface ElOptions {
  ial?: Ial;
  level?: number;
  rawText?: string;
  transparent?: boolean;
  category?: 'block' | 'span';
  contentModel?: ContentModel;
  isClosed?: boolean;
  /** Fenced code: the whole info word (`ruby?x=1`). */
  lang?: string;
  alignment?: Array<'default' | 'left' | 'right' | 'center'>;
  firstAsPara?: boolean;
  /** :raw (nomarkdown): the output types it is for. */
  rawType?: string[];
  /** :text inside raw HTML that came from script/style (output as is). */
  rawOutput?: boolean;
}

export interface El {
  type: ElType;
  /** Text, code, tag name, comment, eob kind… */
  value: string;
  /** List items and definitions before their content is parsed. */
  values?: string[];
  attr: Record<string, string>;
  options: ElOptions;
  children: El[];
  /** 0-based line in the parsed source. */
  line: number;
}

export function el(type: ElType, value = '', line = 0, options: ElOptions = {}, attr: Record<string, string> = {}): El {
  return { type, value, attr, options, children: [], line };
}
