/** Stable warning codes of the plan parser (see ../parse.ts). */

/**
 * Stable warning codes. Scripts and the UI match on these strings: never rename one.
 * Each warning also carries a human message and the 1-based input line.
 */
export const WARNING_CODES = {
  /** A UTF-8 byte-order mark opened the text; removed. */
  BOM: 'bom',
  /** Windows (CRLF) or old Mac (CR) line endings, or Unicode line separators; read as line breaks. */
  CRLF: 'crlf',
  /** Non-breaking or other special spaces read as normal spaces (one warning per line). */
  NBSP: 'nbsp',
  /** Invisible or control characters removed (zero-width space, soft hyphen, C0/C1 controls). */
  CONTROL_CHAR: 'control-char',
  /** Trailing spaces/tabs removed (one summary warning listing the lines). */
  TRAILING_WHITESPACE: 'trailing-whitespace',
  /** Curly quotes straightened and/or dash variants unified (one summary warning listing the lines). */
  TYPOGRAPHY: 'typography',
  /** A footnote reference (`¹`, `[1]`, `[^1]`) removed from provision text. */
  FOOTNOTE_MARKER: 'footnote-marker',
  /** A footnote line (starting with `¹`, `[1]` or `[^1]:`) set aside; the message quotes it. */
  FOOTNOTE: 'footnote',
  /** A page number or running header line (`— 2 —`, `Page 2`, `2/5`) set aside. */
  PAGE_DEBRIS: 'page-debris',
  /** A point number used twice; either read as the missing next number or kept as written. */
  DUPLICATE_NUMBER: 'duplicate-number',
  /** Point numbers missing from the sequence. */
  SKIPPED_NUMBER: 'skipped-number',
  /** A point number lower than the one before it inside the same axis. */
  OUT_OF_ORDER: 'out-of-order',
  /** Several points written on one line ("1. Foo. 2. Bar.") were split. */
  INLINE_SPLIT: 'inline-split',
  /** Title, preamble, block quote or note before the first provision; set aside, quoted. */
  PREAMBLE: 'preamble',
  /** A block quote after the first provision (an editor's note); set aside, quoted. */
  NOTE: 'note',
  /** A "Sources" / "References" / "Notes" section; set aside, quoted. */
  BACK_MATTER: 'back-matter',
  /** Text after the end of the plan (after the last item, or after a closing rule `---`); set aside. */
  TRAILING_TEXT: 'trailing-text',
  /** An unlabelled, unindented paragraph between points, joined to the point before it. */
  LOOSE_PARAGRAPH: 'loose-paragraph',
  /** A `[` without its `]` or the reverse in a provision's text. */
  UNBALANCED_BRACKET: 'unbalanced-bracket',
  /** A label with no text and no sub-items. */
  EMPTY_ITEM: 'empty-item',
  /** Right-to-left or left-to-right marks and bidi controls removed (one summary warning). */
  BIDI_MARK: 'bidi-mark',
  /** Points or sub-points numbered inside a paragraph ("as follows: 1- … 2- …") were split out. */
  INLINE_LIST: 'inline-list',
  /** A heading with nothing under it (a title line) was set aside rather than kept as an empty axis. */
  EMPTY_HEADING: 'empty-heading',
  /** No recognisable point: the whole text is kept as one unnumbered provision. */
  NO_STRUCTURE: 'no-structure',
  /** The parser failed unexpectedly; the whole input is set aside (a bug: please report). */
  INTERNAL_ERROR: 'internal-error',
} as const;

/** One of the {@link WARNING_CODES} values. */
export type WarningCode = (typeof WARNING_CODES)[keyof typeof WARNING_CODES];


/** Where the parser's stages put their warnings. */
export interface WarningSink {
  warn(line: number, code: WarningCode, message: string): void;
}

/** A text shortened for a warning message: whitespace collapsed, cut at `max` characters. */
export function clip(s: string, max = 80): string {
  const t = s.replace(/\s{2,}|[^\S ]/g, ' ').trim();
  return t.length > max ? t.slice(0, max) + '…' : t;
}
