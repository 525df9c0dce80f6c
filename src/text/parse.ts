/**
 * The plan parser: turns a peace plan as it circulates in the wild (plain text or Markdown, in
 * English, French, Spanish, Portuguese, Russian, Ukrainian or Arabic, left-to-right or right-to-left)
 * into axes, points and sub-points, plus warnings that name the line of every anomaly.
 *
 * How it reads a text (see `parsePlan` for the contract):
 * 1. Characters are cleaned line by line (../normalise.ts): BOM, CRLF, NBSP, controls, bidi marks.
 * 2. Each line is classified on its own (./parse/lines.ts): blank, page debris, rule, heading,
 *    keyword heading ("Part One", "Chapter 3"), block quote, footnote, list item with its label
 *    ("1.", "1-", "(a)", "Article I -", "Статья 2.", "•", glued or not), or plain text.
 * 3. One pass over the lines builds the tree (./parse/builder.ts) with a stack of open items keyed by
 *    indentation and marker family; a label in wrapped prose is only believed when plausible there.
 *    Points enumerated inside a paragraph ("agreed on: 1- …; 2- …", "first, …; second, …") are read
 *    as points (./parse/inline.ts).
 * 4. Text that is not a provision (title, preamble, notes, footnotes, page numbers, source lists,
 *    signature blocks, closing commitments, trailing commentary) is set aside in a warning that
 *    quotes it: nothing is silently dropped.
 * 5. A last pass (./parse/finish.ts) settles levels (a heading holding no points is a point; a title
 *    with nothing under it is no axis), finishes each node (Markdown inline syntax, brackets,
 *    alternatives, sub-points enumerated in its prose) and checks the numbering (a repeated number
 *    is read by position, gaps and disorder are warned).
 *
 * Linear in the input: a 5 MB text parses in well under a second. A text with no recognisable
 * point is kept whole as one unnumbered provision with one `no-structure` warning. Never throws: on
 * an internal failure the whole text is returned in one `internal-error` warning.
 */
import { collapseSpaces, normaliseInput, normaliseTypography } from './normalise.js';
import { Builder, newNode } from './parse/builder.js';
import { checkNumbering, finishNode, settleLevels } from './parse/finish.js';
import { classifyLine, learnLabelWords } from './parse/lines.js';
import { WARNING_CODES } from './parse/warnings.js';
import type { ParseResult, PlanFormat } from './types.js';

export { findAlternatives, findBrackets } from './parse/finish.js';
export { lineKind, romanValue, splitHeading } from './parse/lines.js';
export { WARNING_CODES, type WarningCode } from './parse/warnings.js';

/** Options of {@link parsePlan}. */
export interface ParseOptions {
  /** Input format; detected when absent (see {@link detectFormat}). */
  format?: PlanFormat;
}

/**
 * Guess the format: 'markdown' when the text has ATX headings (`# …`), bold point labels
 * (`**12.**`), bold spans, or backslash escapes of punctuation; otherwise 'text'.
 */
export function detectFormat(input: string): PlanFormat {
  if (/^ {0,3}#{1,6}(?:[ \t]|$)/m.test(input)) return 'markdown';
  if (/^\s*(?:[-*+]\s+)?(?:\*\*|__)\s*\d{1,5}\s*[.)]?\s*(?:\*\*|__)/m.test(input)) return 'markdown';
  if (/\*\*\S[^*\n]*\*\*/.test(input)) return 'markdown';
  if (/\\[!-/:-@[-`{-~]/.test(input)) return 'markdown';
  return 'text';
}

/**
 * Parse a peace plan written as plain text or Markdown.
 *
 * @param input the whole text (any string: BOM, CRLF, NBSP and garbage are all accepted).
 * @param opts.format 'markdown' or 'text'; detected by {@link detectFormat} when absent. Markdown
 *   enables `#` headings, block quotes, `[^n]:` footnotes and inline syntax (emphasis removed,
 *   link URLs kept in parentheses, backslash escapes honoured, `**Title.**` lead-ins read as a
 *   point's heading).
 * @returns provisions (axes holding points holding sub-points; points outside any axis at top
 *   level) and warnings sorted by line. Points keep their label as written in `num` (digits of any
 *   script as ASCII, number words as digits: "PART ONE" → "1"; a repeated or duplicated number read
 *   by position is warned); unnumbered bullets have `num` null. `text` is whitespace-normalised,
 *   without label or children. Alternatives (`Option A: …`) are listed in `alternatives` and also
 *   left in `text`, so the text reads as written. Text that is not a provision is quoted in a
 *   warning saying why it was set aside. A text with no recognisable point gives one unnumbered
 *   point holding the whole text and a `no-structure` warning; a blank text gives nothing.
 *
 * Never throws.
 */
export function parsePlan(input: string, opts: ParseOptions = {}): ParseResult {
  const source = typeof input === 'string' ? input : String(input ?? '');
  try {
    return parseUnsafe(source, opts);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      provisions: [],
      warnings: [
        {
          line: 1,
          code: WARNING_CODES.INTERNAL_ERROR,
          message: `the parser failed (${why}); the whole text was set aside: "${collapseSpaces(source)}"`,
        },
      ],
    };
  }
}

function parseUnsafe(input: string, opts: ParseOptions): ParseResult {
  const format = opts.format ?? detectFormat(input);
  const md = format === 'markdown';
  const norm = normaliseInput(input);
  const learned = learnLabelWords(norm.lines.map((l) => l.text));
  const classes = norm.lines.map((l) => classifyLine(l.text, md, learned));
  const b = new Builder(norm.lines, classes, md, learned);
  b.run();
  const roots = settleLevels(b.roots, b);
  for (const n of roots) finishNode(n, b, md);
  checkNumbering(roots, b);
  let provisions = roots;
  let own = b.warnings;
  if (!provisions.length) {
    const first = norm.lines.find((l) => l.text.trim());
    if (first) {
      // Nothing recognisable: the whole text is one provision, with one warning saying so.
      // Read as any point is (typography, brackets, an enumeration inside its text), so that the
      // Markdown it renders to reads back the same.
      const whole = newNode('point', null, null, first.no);
      b.segs.set(whole, [{ text: norm.lines.map((l) => l.text).join(' '), line: first.no }]);
      finishNode(whole, b, md);
      provisions = [whole];
      own = [{ line: first.no, code: WARNING_CODES.NO_STRUCTURE, message: 'no recognisable points, headings or numbered paragraphs: the whole text is kept as one unnumbered provision' }];
    }
  }
  const warnings = [...norm.warnings, ...own].map((w, k) => ({ w, k }));
  warnings.sort((x, y) => x.w.line - y.w.line || x.k - y.k);
  return { provisions, warnings: warnings.map((x) => x.w) };
}
