/**
 * Amendments of a point, pure (the one-text procedure): a party proposes a new wording for a point
 * of a tabled version; the mediator reads it as a word-level change of the tabled wording (like a
 * legislature's amendment), and takes it into the draft of the next version in one of two ways:
 *
 * - **accept**: the words the amendment changes are changed in the draft. The draft may already
 *   differ from the tabled wording (the mediator edited it, or took another party's amendment), so
 *   the change is a three-way merge over words and spaces (node-diff3, Khanna, Kunal & Pierce 2007,
 *   "A formal investigation of diff3"): tabled wording = origin, draft = one side, amendment = the
 *   other. Where both changed the same words differently, nothing is merged and the caller is told;
 * - **bracket**: each run of words the amendment changes stands twice, side by side in brackets —
 *   `[thirty] [twenty]` — the tabled reading and the amended one, each later given the parties that
 *   hold it; merged into the draft the same way.
 */
import { diff3Merge } from 'node-diff3';
import { type DiffOp, wordDiff } from '../text/diff.js';

/** The word-level change from the tabled wording to the amended one (jsdiff, see src/text/diff.ts). */
export function amendmentDiff(tabled: string, amended: string): DiffOp[] {
  return wordDiff(tabled, amended);
}

/** Words and runs of white space, in order (joining them gives the text back). */
export function wordTokens(text: string): string[] {
  return text.split(/(\s+)/).filter((t) => t !== '');
}

/** Outcome of a three-way merge of wordings. */
export type FoldOutcome = { ok: true; text: string } | { ok: false; conflicts: number };

/**
 * Apply the change `tabled → changed` to `draft` (the current wording, itself derived from
 * `tabled`): the changed words are changed where the draft still has them; a draft equal to the
 * tabled wording simply becomes `changed`. Changes of the same words on both sides that agree are
 * not conflicts.
 */
export function mergeWording(tabled: string, draft: string, changed: string): FoldOutcome {
  if (draft === tabled) return { ok: true, text: changed };
  if (changed === tabled || draft === changed) return { ok: true, text: draft };
  const regions = diff3Merge(wordTokens(draft), wordTokens(tabled), wordTokens(changed), { excludeFalseConflicts: true });
  const conflicts = regions.filter((r) => r.conflict).length;
  if (conflicts) return { ok: false, conflicts };
  return { ok: true, text: regions.flatMap((r) => r.ok ?? []).join('') };
}

/** The two readings of one disputed run of words. */
export interface Reading {
  /** The tabled words (empty when the amendment only adds words). */
  tabled: string;
  /** The amended words (empty when the amendment only removes words). */
  amended: string;
}

/**
 * The tabled wording with every run of words the amendment changes written as its readings in
 * brackets: `[tabled words] [amended words]`, or a single `[words]` where one side is empty (words
 * only added, or only removed). `readings` lists the runs in order.
 */
export function bracketReadings(tabled: string, amended: string): { text: string; readings: Reading[] } {
  const ops = wordDiff(tabled, amended);
  const readings: Reading[] = [];
  let out = '';
  let del = '';
  let ins = '';
  const flush = () => {
    if (!del && !ins) return;
    const lead = (del.match(/^\s*/)![0].length >= ins.match(/^\s*/)![0].length ? del : ins).match(/^\s*/)![0];
    const trail = (del.match(/\s*$/)![0].length >= ins.match(/\s*$/)![0].length ? del : ins).match(/\s*$/)![0];
    const d = del.trim();
    const i = ins.trim();
    if (d || i) {
      readings.push({ tabled: d, amended: i });
      out += lead + [d && `[${d}]`, i && `[${i}]`].filter(Boolean).join(' ') + trail;
    } else out += lead || trail;
    del = '';
    ins = '';
  };
  for (const op of ops) {
    if (op.op === 'equal') {
      flush();
      out += op.text;
    } else if (op.op === 'delete') del += op.text;
    else ins += op.text;
  }
  flush();
  return { text: out.replace(/ {2,}/g, ' ').trim(), readings };
}
