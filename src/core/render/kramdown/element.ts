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
  /** `attr` to read (an empty object when the element has none; not to be written). */
  readonly readAttr: Readonly<Record<string, string>>;
  /** `options` to read (an empty object when the element has none; not to be written). */
  readonly readOptions: Readonly<ElOptions>;
  children: El[];
  /** 0-based line in the parsed source. */
  line: number;
}

const NO_ATTR: Readonly<Record<string, string>> = Object.freeze({});
const NO_OPTIONS: Readonly<ElOptions> = Object.freeze({});

/**
 * An element whose `attr` and `options` objects are made on first use: most
 * elements never have any, and a long post has tens of thousands of elements,
 * which live until it is converted (two objects each, copied by every
 * collection of the young generation, took a large share of a 1 MB post's render).
 */
class Element implements El {
  values?: string[];
  children: El[] = [];
  private a: Record<string, string> | undefined;
  private o: ElOptions | undefined;

  constructor(
    public type: ElType,
    public value: string,
    public line: number,
    options: ElOptions | undefined,
    attr: Record<string, string> | undefined,
  ) {
    this.o = options;
    this.a = attr;
  }

  get attr(): Record<string, string> {
    return (this.a ??= {});
  }
  set attr(v: Record<string, string>) {
    this.a = v;
  }
  get options(): ElOptions {
    return (this.o ??= {});
  }
  set options(v: ElOptions) {
    this.o = v;
  }
  get readAttr(): Readonly<Record<string, string>> {
    return this.a ?? NO_ATTR;
  }
  get readOptions(): Readonly<ElOptions> {
    return this.o ?? NO_OPTIONS;
  }
}

export function el(type: ElType, value = '', line = 0, options?: ElOptions, attr?: Record<string, string>): El {
  return new Element(type, value, line, options, attr);
}
