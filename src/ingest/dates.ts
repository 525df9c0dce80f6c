/**
 * Date expressions of a report resolved against its publication date, on chrono-node.
 *
 * chrono-node (casual English) finds the expressions; a parser and a refiner of our own add what news
 * reports need and chrono does not do by itself:
 * - weekday names alone ("on Tuesday") resolved by the tense of their clause: past → the latest such day
 *   on or before the publication date, future ("is due to", "will") → the next one on or after it,
 *   otherwise the closest; "next Thursday" and other modified weekdays are left to chrono;
 * - "this week", "next week", "last week" → the Monday–Sunday range (ISO 8601 weeks), approximate;
 * - "over the weekend", "last weekend", "this weekend" → the Saturday–Sunday range, approximate;
 * - "today (Wednesday)" → today, the weekday in brackets being a confirmation, not a second date;
 * - "the same day" → the date of the previous expression in the text;
 * - "a day after X", "two days later", "the day before" → anchored to the nearest other date of the
 *   sentence (or of the narrative before it) rather than to the publication date;
 * - times of day alone, durations and "now" are dropped.
 * Output dates are reduced-precision ISO 8601 (see src/model/dates.ts).
 */
import * as chrono from 'chrono-node';
import type { DateMention } from './types.js';
import { addDays } from '../model/dates.js';

type Tense = 'past' | 'future' | 'unknown';

const FUTURE = /\b(?:will|shall|'ll|(?:is|are|am)\s+(?:due|expected|set|scheduled|planned|going|to\s+(?:meet|visit|travel|hold|attend|go|fly))|plans?\s+to|intends?\s+to|next|tomorrow|upcoming|later\s+this|would\s+(?:meet|visit|travel|hold|attend|go|fly|be\s+held|take\s+place))\b/i;
const PAST = /\b(?:was|were|had|did|said|told|met|held|spent|went|saw|sat|took|gave|made|came|flew|left|spoke|wrote|yesterday|ago|last|\w{3,}ed)\b/i;

/** Clause boundaries used to delimit the context of an expression (for tense and anchoring). */
const BOUNDARY = /[.;:!?]\s|\s(?:but|while|whereas)\s|,\s+(?:who|which)\s|\sthat\s/gi;

/** The clause of `text` around `index`: from the previous boundary to the next one. */
export function clauseAround(text: string, index: number, length = 0): [number, number] {
  let from = 0;
  let to = text.length;
  BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(text))) {
    const end = m.index + m[0].length;
    if (end <= index) from = end;
    else if (m.index >= index + length) {
      to = m.index;
      break;
    }
  }
  return [from, to];
}

/** Tense of the clause around `index` in `text`: explicit future markers win, then any past-tense verb. */
export function clauseTense(text: string, index: number, length = 0): Tense {
  const [a, b] = clauseAround(text, index, length);
  const clause = text.slice(a, b);
  if (/\b(?:was|were|had\s+been)\s+(?:due|expected|set|scheduled|planned)\b/i.test(clause)) return 'unknown';
  if (FUTURE.test(clause)) return 'future';
  if (PAST.test(clause)) return 'past';
  return 'unknown';
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const weekdayOf = (isoDay: string) => new Date(isoDay + 'T12:00:00Z').getUTCDay();

/** The day with weekday `w` (0 = Sunday) relative to `ref` (YYYY-MM-DD) in the given direction. */
export function resolveWeekday(ref: string, w: number, tense: Tense): string {
  const pw = weekdayOf(ref);
  const back = (pw - w + 7) % 7;
  const fwd = (w - pw + 7) % 7;
  if (tense === 'past') return addDays(ref, -back);
  if (tense === 'future') return addDays(ref, fwd);
  return fwd < back ? addDays(ref, fwd) : addDays(ref, -back);
}

/** Monday of the ISO week containing `d`. */
function mondayOf(d: string): string {
  return addDays(d, -((weekdayOf(d) + 6) % 7));
}

/** Saturday–Sunday of the weekend meant by `which` relative to `ref`. */
export function weekendRange(ref: string, which: 'past' | 'this' | 'next'): [string, string] {
  const w = weekdayOf(ref);
  if (which === 'past') {
    if (w === 0) return [addDays(ref, -1), ref];
    const sat = addDays(ref, -((w + 1) % 7 || 7));
    return [sat, addDays(sat, 1)];
  }
  if (w === 6) return [ref, addDays(ref, 1)];
  if (w === 0) return which === 'this' ? [addDays(ref, -1), ref] : [addDays(ref, 6), addDays(ref, 7)];
  const sat = addDays(ref, 6 - w);
  return [sat, addDays(sat, 1)];
}

const NUM: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, the: 1 };
const ANCHORED = /^(a|an|one|two|three|four|five|six|seven|\d+|the)\s+days?\s+(after|later|before|earlier)$/i;
const WEEK_RE = /^(?:(?:later|earlier|early|late)\s+)?(?:this|next|last|coming|past)\s+week$/i;

/** Parser for expressions chrono does not know: weekends, "the same day", "the day before/after". */
const extraParsers: chrono.Parser[] = [
  {
    pattern: () => /\b(?:(last|this|next|coming|past|over\s+the|during\s+the|at\s+the|on\s+the)\s+)?weekend\b/i,
    extract: (ctx, m) => {
      const r = ctx.createParsingResult(m.index!, m[0]);
      r.addTag('accord.weekend');
      return r;
    },
  },
  {
    pattern: () => /\b(?:on\s+|that\s+|the\s+)?(?:the\s+)?same\s+day\b/i,
    extract: (ctx, m) => {
      const r = ctx.createParsingResult(m.index!, m[0]);
      r.addTag('accord.sameday');
      return r;
    },
  },
  {
    pattern: () => /\b(?:(?:later|earlier|early|late)\s+)?(this|next|last|coming|past)\s+week\b/i,
    extract: (ctx, m) => {
      const r = ctx.createParsingResult(m.index!, m[0]);
      r.addTag('accord.week');
      return r;
    },
  },
  {
    pattern: () => /\bthe\s+day\s+(before|after)\b/i,
    extract: (ctx, m) => {
      const r = ctx.createParsingResult(m.index!, m[0]);
      r.addTag('accord.anchored');
      return r;
    },
  },
];

/** Refiner: drop what is not a calendar date and the bracketed weekday of "today (Wednesday)". */
const cleanupRefiner: chrono.Refiner = {
  refine: (ctx, results) =>
    results.filter((r, i) => {
      const t = r.text.trim();
      if (/^(?:right\s+)?now$/i.test(t)) return false;
      if (/^(?:after\s+|before\s+|at\s+)?(?:midnight|noon|midday)$/i.test(t)) return false;
      if (/\b(?:hours?|minutes?|seconds?)\b/i.test(t) && !/\b(?:days?|weeks?)\b/i.test(t)) return false;
      if (/^for\b/i.test(t)) return false;
      // Durations ("five days of talks", "within five days") are no dates; "five days ago/later" are.
      if (/^(?:within\s+|in\s+|over\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a\s+few|several)\s+(?:days?|weeks?|months?|years?)$/i.test(t)) return false;
      // "after five days of talks": a count of days governing a noun is how long something lasted.
      if (/\b(?:days?|weeks?|months?|years?)$/i.test(t) && !/\b(?:ago|later|earlier)\b/i.test(t) && /^\s+of\s/i.test(ctx.text.slice(r.index + r.text.length, r.index + r.text.length + 4))) return false;
      const tags = r.tags();
      const special = WEEK_RE.test(t) || /weekend$/i.test(t) || [...tags].some((x) => x.startsWith('accord.'));
      const hasDay = r.start.isCertain('day') || r.start.isCertain('weekday') || r.start.isCertain('month') || special;
      if (!hasDay) return false;
      // Weekday names are capitalised in English: "sat down", "wed" are not dates.
      if (!special && r.start.isCertain('weekday') && !r.start.isCertain('day') && !/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b/.test(t)) return false;
      // "today (Wednesday)": the bracketed weekday confirms the previous expression.
      const prev = results[i - 1];
      if (prev && /^\(?\s*\w+day\s*\)?$/i.test(t) && /^(?:today|yesterday|tomorrow)$/i.test(prev.text.trim())) {
        const between = ctx.text.slice(prev.index + prev.text.length, r.index);
        if (/^\s*\(?\s*$/.test(between)) return false;
      }
      return true;
    }),
};

let customChrono: chrono.Chrono | null = null;
function parser(): chrono.Chrono {
  if (!customChrono) {
    const c = chrono.casual.clone();
    c.parsers.push(...extraParsers);
    c.refiners.push(cleanupRefiner);
    customChrono = c;
  }
  return customChrono;
}

/** A date mention before anchoring (internal). */
interface RawMention extends DateMention {
  anchor?: { days: number; dir: 'after' | 'later' | 'before' | 'earlier' | 'day-before' | 'day-after' };
}

/**
 * Find and resolve every date expression in `text[from, to)`.
 *
 * @param text   the working text (same offsets as the report)
 * @param published publication date `YYYY-MM-DD` (valid; checked by the caller)
 * @param exclude ranges to ignore (the dateline)
 * @returns mentions in text order, with offsets into `text`
 */
export function findDateMentions(text: string, published: string, from = 0, to = text.length, exclude: [number, number][] = []): DateMention[] {
  const body = text.slice(from, to);
  let results: chrono.ParsedResult[];
  try {
    results = parser().parse(body, { instant: new Date(published + 'T12:00:00Z'), timezone: 0 }, { forwardDate: false });
  } catch {
    return [];
  }
  const out: RawMention[] = [];
  for (const r of results) {
    const a = from + r.index;
    let b = a + r.text.length;
    while (b > a && /[\s,.;:]/.test(text[b - 1]!)) b--;
    if (exclude.some(([x, y]) => a < y && b > x)) continue;
    const m = toMention(r, text, a, b, published);
    if (m) out.push(m);
  }
  out.sort((x, y) => x.from - y.from);
  return anchor(out, text, published);
}

function toMention(r: chrono.ParsedResult, text: string, a: number, b: number, published: string): RawMention | null {
  const t = r.text.trim();
  const tags = r.tags();
  const base = { from: a, to: b, text: text.slice(a, b) };
  if (tags.has('accord.week') || WEEK_RE.test(t)) {
    const mod = /(this|next|last|coming|past)\s+week/i.exec(t)![1]!.toLowerCase();
    const shift = mod === 'next' || mod === 'coming' ? 7 : mod === 'last' || mod === 'past' ? -7 : 0;
    const mon = addDays(mondayOf(published), shift);
    return { ...base, start: mon, end: addDays(mon, 6), precision: 'day', approximate: true, kind: 'week' };
  }
  if (tags.has('accord.weekend') || /weekend$/i.test(t)) {
    const mod = /^(last|this|next|coming|past)/i.exec(t)?.[1]?.toLowerCase();
    let which: 'past' | 'this' | 'next';
    if (mod === 'last' || mod === 'past') which = 'past';
    else if (mod === 'next' || mod === 'coming') which = 'next';
    else if (mod === 'this') which = 'this';
    else which = clauseTense(text, a, b - a) === 'future' ? 'next' : 'past';
    const [s, e] = weekendRange(published, which);
    return { ...base, start: s, end: e, precision: 'day', approximate: true, kind: 'weekend' };
  }
  if (tags.has('accord.sameday')) return { ...base, start: published, end: null, precision: 'day', approximate: false, kind: 'same-day' };
  if (tags.has('accord.anchored')) {
    const dir = /before/i.test(t) ? 'day-before' : 'day-after';
    return { ...base, start: published, end: null, precision: 'day', approximate: false, kind: 'anchored', anchor: { days: 1, dir } };
  }
  const an = ANCHORED.exec(t);
  if (an) {
    const n = NUM[an[1]!.toLowerCase()] ?? Number(an[1]);
    return { ...base, start: published, end: null, precision: 'day', approximate: false, kind: 'anchored', anchor: { days: n, dir: an[2]!.toLowerCase() as 'after' } };
  }
  const s = r.start;
  // Weekday alone ("on Tuesday", "Monday night"): resolve by the tense of its clause.
  if (s.isCertain('weekday') && !s.isCertain('day') && !/^(?:last|next|this|coming|past)\s/i.test(t)) {
    const w = s.get('weekday')!;
    const start = resolveWeekday(published, w, clauseTense(text, a, b - a));
    return { ...base, start, end: null, precision: 'day', approximate: false, kind: 'weekday' };
  }
  const start = iso(s.date());
  const precision = s.isCertain('day') || s.isCertain('weekday') ? 'day' : s.isCertain('month') ? 'month' : 'year';
  const cut = (d: string) => (precision === 'day' ? d : precision === 'month' ? d.slice(0, 7) : d.slice(0, 4));
  const end = r.end ? cut(iso(r.end.date())) : null;
  const relative = /\b(?:ago|yesterday|today|tomorrow|tonight|last|next|this)\b/i.test(t) || !s.isCertain('month');
  return { ...base, start: cut(start), end: end && end !== cut(start) ? end : null, precision, approximate: false, kind: end ? 'range' : relative ? 'relative' : 'absolute' };
}

/** Resolve "the same day" and anchored expressions against neighbouring mentions. */
function anchor(ms: RawMention[], text: string, published: string): DateMention[] {
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.kind === 'same-day') {
      const prev = [...ms.slice(0, i)].reverse().find((x) => x.kind !== 'anchored');
      m.start = prev ? prev.start : published;
      m.end = null;
      continue;
    }
    if (m.kind !== 'anchored' || !m.anchor) continue;
    const { days, dir } = m.anchor;
    // "A day after [X on Tuesday]" → Tuesday + 1 when a date closely follows inside the same sentence.
    const next = ms[i + 1];
    const sentenceEnd = nextSentenceEnd(text, m.to);
    if ((dir === 'after' || dir === 'before') && next && next.from < sentenceEnd && next.from - m.to < 60 && next.kind !== 'anchored') {
      m.start = addDays(next.start, dir === 'after' ? days : -days);
    } else {
      const prev = [...ms.slice(0, i)].reverse().find((x) => x.kind !== 'anchored');
      const base = prev ? prev.start : published;
      const sign = dir === 'after' || dir === 'day-before' ? -1 : 1;
      // "X, a day after Y" → Y is a day before X; "two days later" → X + 2; "the day before" → X - 1.
      const delta = dir === 'later' || dir === 'day-after' ? days : dir === 'earlier' || dir === 'day-before' ? -days : sign * days;
      m.start = addDays(base.length === 10 ? base : published, delta);
    }
    delete m.anchor;
  }
  return ms.map(({ anchor: _a, ...rest }) => rest);
}

function nextSentenceEnd(text: string, from: number): number {
  const re = /[.!?](?:\s|$)/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : text.length;
}

/** Render a mention's value as the corpus writes it: `YYYY-MM-DD` or `start/end`. */
export function mentionValue(m: Pick<DateMention, 'start' | 'end'>): string {
  return m.end ? `${m.start}/${m.end}` : m.start;
}

