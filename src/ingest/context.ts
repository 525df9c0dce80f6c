/**
 * The analysed report shared by event and statement extraction: prepared text, date mentions,
 * mentions of people and parties, places, clauses and attributions (who said it, and where the
 * reported content begins).
 */
import type { DateMention, KnownContext } from './types.js';
import type { PreparedText, Sentence } from './text.js';
import type { Mention, PersonIndex } from './people.js';
import type { PlaceMention } from './places.js';

/** An attribution: a speech (or stance) verb, its speaker mention(s) and the span of what was said. */
export interface Attribution {
  sentence: Sentence;
  /** The verb phrase ("said", "according to", "by his words"). */
  verbFrom: number;
  verbTo: number;
  /** Speaker mentions (several when coordinated: "Brandt, Costa and Adeyemi, who assured…"). */
  speakers: Mention[];
  /** Where the reported content starts (after the verb), for dating events inside it. */
  contentFrom: number;
  /** "according to X" source mention, when the attribution is of that form. */
  source?: Mention;
  /** A document speaks ("the European counter-proposal … raises"). */
  documentVerb?: boolean;
}

/** Everything extraction needs about the report. */
export interface Analysis {
  prep: PreparedText;
  work: string;
  published: string;
  known: KnownContext;
  index: PersonIndex;
  dates: DateMention[];
  mentions: Mention[];
  places: PlaceMention[];
  attributions: Attribution[];
}

/** Mentions inside `[from, to)`. */
export function mentionsIn(a: Analysis, from: number, to: number): Mention[] {
  return a.mentions.filter((m) => m.from >= from && m.to <= to);
}

/** Date mentions inside `[from, to)`. */
export function datesIn(a: Analysis, from: number, to: number): DateMention[] {
  return a.dates.filter((d) => d.from >= from && d.to <= to);
}

/** The sentence containing position `pos`, or undefined (header, trailer). */
export function sentenceAt(a: Analysis, pos: number): Sentence | undefined {
  const ss = a.prep.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ss[mid]!;
    if (pos < s.from) hi = mid - 1;
    else if (pos >= s.to) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** Clause boundaries inside a sentence (for events, attendees, dates). */
const CLAUSE_BOUNDARY = /;|\s(?:but|while|whereas)\s|,\s*(?:who|which|whose|where)\s|\sthat\s|,\s+(?:(?:a|an|one|two|three|four|\d+|hours|days|shortly|just|soon)\s+(?:\w+\s+)?)?(?:after|before)\s/gi;

/** Split a sentence `[from, to)` of `work` into clause ranges. */
export function clauses(work: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  const seg = work.slice(from, to);
  let last = 0;
  let afterThat = false;
  const push = (a: number, b: number, inContent: boolean) => {
    if (b <= a) return;
    // Inside reported content, ", said …" / ", and argued …" starts another reported clause.
    if (inContent) {
      const sub = /,\s+(?:and\s+)?(?:said|says|added|argued|insisted|noted|warned|confirmed|stressed)\s/g;
      let l = a;
      for (let m: RegExpExecArray | null; (m = sub.exec(seg.slice(0, b))); ) {
        if (m.index < a) continue;
        if (m.index > l) out.push([from + l, from + m.index]);
        l = m.index + m[0].length;
      }
      if (l < b) out.push([from + l, from + b]);
      return;
    }
    out.push([from + a, from + b]);
  };
  CLAUSE_BOUNDARY.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = CLAUSE_BOUNDARY.exec(seg)); ) {
    if (m.index < last) continue;
    push(last, m.index, afterThat);
    afterThat = /\sthat\s/i.test(m[0]);
    last = m.index + m[0].length;
    // A relative clause ("…, who had arrived in the capital on Monday, and by…") ends at the next comma.
    if (/,\s*(?:who|which|whose|where)\s/i.test(m[0])) {
      const c = seg.indexOf(',', last);
      if (c > 0) {
        push(last, c, false);
        last = c + 1;
        CLAUSE_BOUNDARY.lastIndex = last;
      }
    }
  }
  push(last, seg.length, afterThat);
  return out;
}

/**
 * The date of the narrative at `pos`: the nearest date mention before it in the same paragraph, else
 * the publication date (a new paragraph of a report returns to its "today"). Dates of reported future
 * plans (after the publication date) and week or weekend ranges are skipped.
 */
export function discourseDate(a: Analysis, pos: number): { date: string; source: 'context' | 'published' } {
  const s = sentenceAt(a, pos);
  const para = s ? a.prep.paragraphs[s.para] : undefined;
  for (let i = a.dates.length - 1; i >= 0; i--) {
    const d = a.dates[i]!;
    if (d.to > pos) continue;
    if (para && d.from < para.from) break;
    if (d.start > a.published) continue;
    if (d.kind === 'week' || d.kind === 'weekend') continue;
    return { date: d.end && d.kind === 'range' ? d.end : d.start, source: 'context' };
  }
  return { date: a.published, source: 'published' };
}
