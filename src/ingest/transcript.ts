/**
 * Transcripts inside a report (TV and radio transcripts, interviews, briefings in question-and-answer
 * form): lines that open with a speaker label and a colon — "RUIZ: …", "Anchor: …", "Q: …",
 * "NETANYAHU (translated): …". Each such line starts a turn that runs to the next label. A report is a
 * transcript only when at least two labelled lines are found (one "ABU DHABI: …" line of a bulletin is
 * a place header, and labels that are places never count).
 */
import { isPlaceName } from './places.js';

/** Who speaks a turn: the one asking, the one answering ("A:"), or a named speaker. */
export type TurnRole = 'question' | 'answer' | 'speaker';

/** One turn of a transcript. */
export interface Turn {
  /** The label as written, without the colon and the parenthetical ("RUIZ"). */
  label: string;
  /** A parenthetical after the label ("translated", "Kremlin spokesman"), if any. */
  note: string | null;
  role: TurnRole;
  /** The label `[labelFrom, labelTo)` including the colon. */
  labelFrom: number;
  labelTo: number;
  /** The words spoken `[contentFrom, to)`. */
  contentFrom: number;
  to: number;
}

const LABEL = /^([ \t]*)([\p{Lu}][\p{L}.'’-]*(?:[ ][\p{Lu}][\p{L}.'’-]*){0,3}|[\p{Lu}]{1,2}|(?:QUESTION|ANSWER|Question|Answer))(?:[ \t]*\(([^)\n]{1,60})\))?[ \t]*:[ \t]+(?=\S)/gmu;
const QUESTIONERS = /^(?:Q|QUESTION|Question|INTERVIEWER|Interviewer|ANCHOR|Anchor|HOST|Host|PRESENTER|Presenter|REPORTER|Reporter|JOURNALIST|Journalist|MODERATOR|Moderator|CORRESPONDENT|Correspondent)$/;
const ANSWERS = /^(?:A|ANSWER|Answer)$/;
/** Labels of page furniture and notes, not speakers. */
const NOT_SPEAKERS = /^(?:Note|NOTE|Update|UPDATE|Also|ALSO|Sources?|SOURCES?|Photo|PHOTO|Caption|Credit|Related|RELATED|Editor['’]s note|Read more|Watch|Listen|Live|LIVE|Breaking|BREAKING|Analysis|ANALYSIS|Opinion|Video|VIDEO|Timeline|Background|Context|Key points|Summary|Exclusive|Correction|Disclaimer|Warning|Published|Updated|By)$/;

/**
 * The turns of the body `[from, to)` of `work`, in order; empty when the body is no transcript.
 * Never throws.
 */
export function findTurns(work: string, from: number, to: number): Turn[] {
  const body = work.slice(from, to);
  const labels: { label: string; note: string | null; labelFrom: number; labelTo: number }[] = [];
  LABEL.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = LABEL.exec(body)); ) {
    const label = m[2]!.trim();
    if (NOT_SPEAKERS.test(label) || isPlaceName(label) || /^\d/.test(label)) continue;
    // A sentence that merely contains a colon ("The plan is clear: …") is no label: labels are short and
    // either in capitals, a role word, or a name of at most four capitalised words.
    const words = label.split(/\s+/);
    if (words.length > 4) continue;
    const start = from + m.index + m[1]!.length;
    labels.push({ label, note: m[3]?.trim() ?? null, labelFrom: start, labelTo: from + m.index + m[0].length });
  }
  // Turns only when the layout repeats: two labelled lines at least, with a speaker among them.
  if (labels.length < 2) return [];
  const turns: Turn[] = labels.map((l, i) => ({
    label: l.label,
    note: l.note,
    role: QUESTIONERS.test(l.label) ? 'question' : ANSWERS.test(l.label) ? 'answer' : 'speaker',
    labelFrom: l.labelFrom,
    labelTo: l.labelTo,
    contentFrom: l.labelTo,
    to: i + 1 < labels.length ? trimEnd(work, l.labelTo, labels[i + 1]!.labelFrom) : trimEnd(work, l.labelTo, paragraphEnd(work, l.labelTo, to)),
  }));
  if (!turns.some((t) => t.role !== 'question')) return [];
  return turns;
}

/** End of the paragraph (blank line) at or after `pos`, at most `to`. */
function paragraphEnd(work: string, pos: number, to: number): number {
  const m = /\n[ \t]*\n/.exec(work.slice(pos, to));
  return m ? pos + m.index : to;
}

function trimEnd(work: string, from: number, to: number): number {
  let e = to;
  while (e > from && /\s/.test(work[e - 1]!)) e--;
  return e;
}
