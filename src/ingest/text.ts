/**
 * Report text preparation: a working copy of the text of the same length (so every offset stays an
 * offset into the text as given), with HTML tags and Markdown markers blanked, the header (headline,
 * byline) and the trailing source list set aside, and the body cut into paragraphs and sentences.
 * Sentences come from compromise's tokenizer (no tagging, which is what costs time).
 */
import nlp from 'compromise';
import { findTurns, type Turn } from './transcript.js';

/** A sentence of the body: `[from, to)` into the text, and its paragraph index. */
export interface Sentence {
  from: number;
  to: number;
  para: number;
  index: number;
}

/** A paragraph `[from, to)` with the place named by a bulletin header ("* ABU DHABI: …"), if any. */
export interface Paragraph {
  from: number;
  to: number;
  headerPlace: string | null;
}

/** The prepared report. */
export interface PreparedText {
  /** The text as given. */
  text: string;
  /** Same length as `text`: markup blanked to spaces, curly quotes and dashes normalised. */
  work: string;
  /** The body `[bodyFrom, bodyTo)`: after the header block, before the sources trailer. */
  bodyFrom: number;
  bodyTo: number;
  /** A dateline at the start of the body ("ANKARA, Nov 19 (wire) -"), as `[from, to)`, if any. */
  dateline: [number, number] | null;
  /** The place the dateline or the header's date line names ("Cartagena" of "Cartagena, Tuesday 27 September 2016"), if any. */
  datelinePlace: string | null;
  /** Page furniture blanked out: navigation, related links, subscription prompts, captions, bylines (line ranges). */
  furniture: [number, number][];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /** Turns of a transcript ("RUIZ: …", "Q: …"), empty when the report is none (./transcript.ts). */
  turns: Turn[];
  looksLikeHtml: boolean;
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** True when the text looks like an HTML document or fragment rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  if (/^\s*<!doctype html/i.test(text)) return true;
  const tags = text.match(/<\/?(?:html|head|body|p|div|span|a|br|article|section|h[1-6]|script|style|ul|li|table|meta|link)\b[^>]*>/gi);
  return (tags?.length ?? 0) >= 2;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&nbsp;': ' ', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&lt;': '<', '&gt;': '>', '&mdash;': '-', '&ndash;': '-', '&rsquo;': "'", '&lsquo;': "'", '&ldquo;': '"', '&rdquo;': '"' };

/** Blank HTML markup keeping length: tags and script/style bodies become spaces, entities become their character padded with spaces. */
function blankHtml(s: string): string {
  let out = s.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, blank);
  out = out.replace(/<!--[\s\S]*?-->/g, blank);
  out = out.replace(/<\/?(?:p|div|br|h[1-6]|li|tr|article|section)\b[^>]*>/gi, (m) => '\n' + ' '.repeat(m.length - 1));
  out = out.replace(/<[^>\n]{1,400}>/g, blank);
  out = out.replace(/&[a-z#0-9]{2,8};/gi, (m) => {
    const c = ENTITIES[m.toLowerCase()];
    return c === undefined ? m : c + ' '.repeat(m.length - 1);
  });
  return out;
}

/** Normalise typography in place (same length): curly quotes to straight, dashes to '-', NBSP to space. */
function normaliseChars(s: string): string {
  return s
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u00AB\u00BB]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/[\u00A0\u202F\u2009]/g, ' ');
}

/** Blank Markdown markers: heading hashes, list bullets, emphasis stars/underscores, block quotes. */
function blankMarkdown(s: string): string {
  let out = s.replace(/^(\s{0,3})(#{1,6}\s|>\s?|[*+]\s|-\s(?=\S))/gm, (m) => blank(m));
  out = out.replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, (_m, d: string, inner: string) => ' '.repeat(d.length) + inner + ' '.repeat(d.length));
  out = out.replace(/(^|[\s(])([*_])(?=\S)([^\n*_]*?\S)\2(?=[\s).,;:!?]|$)/gm, (_m, pre: string, _d: string, inner: string) => pre + ' ' + inner + ' ');
  out = out.replace(/^\s*[-*_]{3,}\s*$/gm, blank);
  return out;
}

const TRAILER = /^[ \t]*(?:sources?(?:\s+used(?:\s+for\s+this\s+report)?)?|references|links)\s*:?\s*$/im;

/** A line that is page furniture on its own (navigation, byline, caption, prompt, copyright). */
const FURNITURE_LINE = [
  /^(?:[^|\n]{1,30}\|){3,}[^|\n]*$/, // navigation bar "Home | World | Middle East | …"
  /^\s*(?:\[[^\]\n]{1,40}\]\s*){1,}$/, // "[Log in]  [Subscribe]"
  /^\s*[\p{Lu}][\p{Lu} &-]{1,30}(?:\s*[>›»]\s*[\p{Lu}][\p{Lu} &-]{1,30}){1,}\s*$/u, // breadcrumb "WORLD > AFRICA > LIBYA"
  /^\s*by\s+[\p{L} .,'’-]{2,60}(?:\s*[|·•]\s*.*)?$/iu, // byline "By corpus staff | Published …"
  /^\s*(?:published|updated|posted|last\s+updated)\b[^.\n]{0,80}$/i,
  /^\s*[[(]?\s*(?:photo|picture|image|caption|credit|video|watch|listen|graphic|map)\s*:[^\n]*$/i, // captions
  /^\s*\[(?:photo|picture|image|video|graphic)[^\n]*\]\s*$/i,
  /^\s*\[?(?:sign\s+up|subscribe|newsletter|follow\s+us|share\s+(?:this|on)|advertisement|log\s+in|register)\b[^\n]{0,80}\]?\s*$/i,
  /^\s*(?:\(c\)|©|copyright\b)[^\n]{0,80}$/i,
  /^\s*(?:[^\n]{0,60}\s)?all\s+rights\s+reserved\.?\s*$/i,
  /^\s*(?:related|see\s+also|read\s+(?:more|also|next)|more\s+(?:to\s+read|on\s+this|stories)|most\s+(?:read|popular)|recommended|you\s+may\s+also\s+like|trending)\s*:[^\n]*$/i,
  /^\s*[-*_=]{3,}\s*$/,
];
/** A line that opens a block of furniture running to the next blank line ("MORE TO READ", "Related stories"). */
const FURNITURE_BLOCK = /^\s*(?:related(?:\s+(?:stories|articles|coverage|news|content))?|see\s+also|read\s+(?:more|also|next)|more\s+(?:to\s+read|on\s+this(?:\s+story)?|stories|from\s+\S+)|most\s+(?:read|popular)|recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like|trending(?:\s+now)?|latest\s+news|top\s+stories)\s*:?\s*$/i;
const FURNITURE_ITEM = /^\s*(?:[>•·▸▶*-]\s+|\d+\.\s+)/;

/** Blank page furniture in `work` (same length); returns the blanked ranges. */
function blankFurniture(work: string): { work: string; ranges: [number, number][] } {
  const ranges: [number, number][] = [];
  let out = '';
  let pos = 0;
  let inBlock = false;
  const lines = work.split('\n');
  for (const line of lines) {
    const a = pos;
    pos += line.length + 1;
    const t = line.trim();
    let kill = false;
    if (inBlock) {
      if (t === '') inBlock = false;
      else if (FURNITURE_ITEM.test(line) || t.split(/\s+/).length <= 12 && !/[.!?]["')]?$/.test(t)) kill = true;
      else inBlock = false;
    }
    if (!kill && t && FURNITURE_BLOCK.test(t)) {
      kill = true;
      inBlock = true;
    }
    if (!kill && t && FURNITURE_LINE.some((r) => r.test(line))) kill = true;
    if (kill) {
      ranges.push([a, a + line.length]);
      out += line.replace(/[^\n]/g, ' ') + '\n';
    } else out += line + '\n';
  }
  // Captions in brackets inside a line: "[Photo: … ]".
  let w = out.slice(0, work.length);
  w = w.replace(/\[(?:photo|picture|image|video|caption|graphic)\b[^\]\n]{0,300}\]/gi, (m) => {
    return ' '.repeat(m.length);
  });
  return { work: w, ranges };
}

/** Live-blog post times at the start of a line ("10:32 GMT -", "14.05:") are layout, not event times. */
function blankPostTimes(work: string): string {
  return work.replace(/^([ \t]*)(\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|GMT|UTC|local(?:\s+time)?|[A-Z]{2,4})?\s*(?:[-–—:|]\s*)?)(?=\S)/gim, (_m, sp: string, t: string) => sp + ' '.repeat(t.length));
}

/**
 * Prepare a report: blank markup, find header, dateline, trailer, paragraphs and sentences.
 * Never throws on any string.
 */
export function prepareText(text: string): PreparedText {
  const html = looksLikeHtml(text);
  let work = normaliseChars(text);
  if (html) work = blankHtml(work);
  work = blankMarkdown(work);
  const f = blankFurniture(work);
  work = blankPostTimes(f.work);

  // Trailer: a "Sources:" line and everything after it; or a trailing run of bare URLs.
  let bodyTo = work.length;
  const trailer = TRAILER.exec(work);
  if (trailer) bodyTo = trailer.index;
  else {
    const lines = work.slice(0, bodyTo).split('\n');
    let end = bodyTo;
    for (let i = lines.length - 1; i >= 0; i--) {
      const l = lines[i]!.trim();
      if (l === '' || /^\S*https?:\/\/\S+$/.test(l)) end -= lines[i]!.length + (i > 0 ? 1 : 0);
      else break;
    }
    bodyTo = Math.max(0, end);
  }

  // Paragraph blocks (blank-line separated) inside [0, bodyTo).
  const blocks: [number, number][] = [];
  const re = /\n[ \t]*\n/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const region = work.slice(0, bodyTo);
  while ((m = re.exec(region))) {
    blocks.push([last, m.index]);
    last = m.index + m[0].length;
  }
  blocks.push([last, bodyTo]);
  const trimmed = blocks
    .map(([a, b]) => {
      while (a < b && /\s/.test(work[a]!)) a++;
      while (b > a && /\s/.test(work[b - 1]!)) b--;
      return [a, b] as [number, number];
    })
    .filter(([a, b]) => b > a);

  // Header: leading blocks none of whose lines ends like a sentence (headline, byline, date line).
  let first = 0;
  while (first < trimmed.length - 1) {
    const [a, b] = trimmed[first]!;
    const lines = work.slice(a, b).split('\n').map((l) => l.trim()).filter(Boolean);
    const sentenceLike = lines.some((l) => /[.!?]["')]?$/.test(l) && l.split(/\s+/).length > 3);
    if (sentenceLike) break;
    first++;
  }
  const bodyBlocks = trimmed.slice(first);
  const bodyFrom = bodyBlocks[0]?.[0] ?? bodyTo;

  // Dateline: "CITY, <date> (agency) - " or "CITY, <date>. " at the start of the body.
  let dateline: [number, number] | null = null;
  const dl = /^([A-Z][A-Z .'-]{2,30}(?:\/[A-Z .'-]+)*),\s+[^.\n]{1,40}?(?:\([^)\n]{1,40}\))?\s*(?:-+|\.)\s+/.exec(work.slice(bodyFrom, Math.min(bodyTo, bodyFrom + 120)));
  if (dl) dateline = [bodyFrom, bodyFrom + dl[0].length];

  const paragraphs: Paragraph[] = bodyBlocks.map(([a, b]) => {
    const h = /^[ \t]*([A-Z][A-Z .'-]{2,30}):\s/.exec(work.slice(a, b));
    const headerPlace = h && h[1] !== 'ALSO' && h[1] !== 'NOTE' && h[1] !== 'UPDATE' ? h[1]! : null;
    return { from: a, to: b, headerPlace };
  });

  const sentences: Sentence[] = [];
  paragraphs.forEach((p, pi) => {
    const seg = work.slice(p.from, p.to).replace(/\n/g, ' ');
    const parts = splitSentences(seg);
    for (const [a, b] of parts) {
      let s = p.from + a;
      let e = p.from + b;
      while (s < e && /\s/.test(work[s]!)) s++;
      while (e > s && /\s/.test(work[e - 1]!)) e--;
      if (e > s) sentences.push({ from: s, to: e, para: pi, index: sentences.length });
    }
  });

  const turns = findTurns(work, bodyFrom, bodyTo);
  return { text, work, bodyFrom, bodyTo, dateline, datelinePlace: datelinePlaceOf(work, bodyFrom, dateline), furniture: f.ranges, paragraphs, sentences, turns, looksLikeHtml: html };
}

const WEEKDAY_OR_MONTH = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/;

/**
 * The place of the dateline: the body's dateline ("ANKARA, Nov 19 (wire) -"), else a header line of
 * the form "Place, <weekday or date>…" ("Cartagena, Tuesday 27 September 2016 (corpus wire)").
 */
function datelinePlaceOf(work: string, bodyFrom: number, dateline: [number, number] | null): string | null {
  const lines = dateline ? [work.slice(dateline[0], dateline[1])] : work.slice(0, bodyFrom).split('\n');
  for (const l of lines) {
    const m = /^\s*([\p{Lu}][\p{L}'’.-]*(?:\s+[\p{Lu}][\p{L}'’.-]*){0,2}),\s+([^\n]{3,60})/u.exec(l);
    if (m && WEEKDAY_OR_MONTH.test(m[2]!) && !/^(?:By|Published|Updated)$/i.test(m[1]!)) {
      const p = m[1]!;
      return /^[\p{Lu}\s.'’-]+$/u.test(p) ? p.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_x, a: string, c: string) => a + c.toUpperCase()) : p;
    }
  }
  return null;
}

/** Split one paragraph into sentence ranges with compromise's tokenizer; falls back to punctuation. */
function splitSentences(seg: string): [number, number][] {
  try {
    const json = nlp.tokenize(seg).json({ offset: true }) as { offset: { start: number; length: number } }[];
    const out: [number, number][] = [];
    for (const s of json) out.push([s.offset.start, s.offset.start + s.offset.length]);
    if (out.length) {
      // Make the ranges contiguous so nothing of the paragraph is lost between sentences.
      out[0]![0] = 0;
      for (let i = 1; i < out.length; i++) out[i]![0] = Math.min(out[i]![0], out[i - 1]![1]);
      out[out.length - 1]![1] = seg.length;
      for (let i = 0; i < out.length - 1; i++) out[i]![1] = out[i + 1]![0];
      return out;
    }
  } catch {
    /* fall through */
  }
  const out: [number, number][] = [];
  const re = /[^.!?]+[.!?]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(seg))) out.push([m.index, m.index + m[0].length]);
  return out;
}

const STOP = new Set('the of and to in a is was that on for with he said it as at by from his be has have had were are this not but an which who their they been its or will would after over than also'.split(' '));

/**
 * Share of English function words among the words of `text` (0–1), and the share of letters outside
 * the Latin script. Used to tell a report in another language.
 */
export function englishScore(text: string): { words: number; stopShare: number; nonLatinShare: number } {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let stop = 0;
  for (const w of words) if (STOP.has(w)) stop++;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const nonLatin = text.match(/[^\p{Script=Latin}\P{L}]/gu)?.length ?? 0;
  return { words: words.length, stopShare: words.length ? stop / words.length : 0, nonLatinShare: letters ? nonLatin / letters : 0 };
}

/**
 * `[from, to)` of `work` cut at every match of `separator` (a global expression), the separators left
 * out and empty pieces dropped, as absolute ranges in order.
 */
export function splitRange(work: string, from: number, to: number, separator: RegExp): [number, number][] {
  const out: [number, number][] = [];
  const re = new RegExp(separator.source, separator.flags.includes('g') ? separator.flags : `${separator.flags}g`);
  const seg = work.slice(from, to);
  let last = 0;
  for (let m: RegExpExecArray | null; (m = re.exec(seg)); ) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (m.index > last) out.push([from + last, from + m.index]);
    last = m.index + m[0].length;
  }
  if (last < seg.length) out.push([from + last, to]);
  return out;
}

