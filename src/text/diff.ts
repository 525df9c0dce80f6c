/**
 * Word-level differences between two provision texts, on top of jsdiff's `diffWordsWithSpace`
 * (Myers 1986, "An O(ND) difference algorithm"), plus a plain-text redline renderer.
 */
import { diffWordsWithSpace } from 'diff';

/** One run of a word diff: text kept, inserted (only in the new text) or deleted (only in the old). */
export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * Word diff from `oldText` to `newText`. Words, punctuation and whitespace runs are tokens of their
 * own (jsdiff's `diffWords` shares whitespace between runs and can give a side a space it never
 * had), so joining the `equal` + `delete` runs gives `oldText` exactly, and `equal` + `insert`
 * gives `newText` exactly: a side can be shown as it is written.
 */
export function wordDiff(oldText: string, newText: string): DiffOp[] {
  if (oldText === newText) return oldText ? [{ op: 'equal', text: oldText }] : [];
  const out: DiffOp[] = [];
  for (const c of diffWordsWithSpace(oldText, newText)) {
    const op: DiffOp['op'] = c.added ? 'insert' : c.removed ? 'delete' : 'equal';
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += c.value;
    else out.push({ op, text: c.value });
  }
  return out;
}

/** Rebuild the old (`'old'`) or new (`'new'`) text from a diff. */
export function applySide(ops: DiffOp[], side: 'old' | 'new'): string {
  return ops
    .filter((o) => o.op === 'equal' || o.op === (side === 'old' ? 'delete' : 'insert'))
    .map((o) => o.text)
    .join('');
}

/** One run of a side of a diff, for display: text kept, or text changed on that side (deleted from the old, inserted in the new). */
export interface SideRun {
  changed: boolean;
  text: string;
}

/**
 * One side of a diff as runs to display: kept text, and changed text joined into one run wherever
 * two changes of this side are separated only by whitespace (so "reliable security" replaced word by
 * word reads as one changed phrase, its spaces inside the mark, not as two marks with a gap);
 * spaces at the outer edges of a changed run are left as kept text.
 * Joining the runs gives the side's text exactly ({@link applySide}); no two runs in a row are both
 * changed or both kept, and no kept run between two changed runs is whitespace only.
 */
export function sideRuns(ops: DiffOp[], side: 'old' | 'new'): SideRun[] {
  const own = side === 'old' ? 'delete' : 'insert';
  const mine = ops.filter((o) => (o.op === 'equal' || o.op === own) && o.text !== '');
  const joined: SideRun[] = [];
  const push = (into: SideRun[], changed: boolean, text: string) => {
    if (!text) return;
    const last = into[into.length - 1];
    if (last && last.changed === changed) last.text += text;
    else into.push({ changed, text });
  };
  mine.forEach((o, i) => push(joined, o.op === own || (/^\s+$/.test(o.text) && i > 0 && mine[i - 1]!.op === own && mine[i + 1]?.op === own), o.text));
  // Spaces at the edges of a changed run go to the kept text beside it (the mark covers words only).
  const out: SideRun[] = [];
  for (const r of joined) {
    const core = r.text.trim();
    if (!r.changed || !core) {
      push(out, r.changed, r.text);
      continue;
    }
    const lead = r.text.slice(0, r.text.indexOf(core));
    push(out, false, lead);
    push(out, true, core);
    push(out, false, r.text.slice(lead.length + core.length));
  }
  return out;
}

/** The words inserted and deleted by a diff (whitespace-split, in order). */
export function changedWords(ops: DiffOp[]): { inserted: string[]; deleted: string[] } {
  const words = (k: DiffOp['op']) =>
    ops
      .filter((o) => o.op === k)
      .flatMap((o) => o.text.split(/\s+/))
      .filter(Boolean);
  return { inserted: words('insert'), deleted: words('delete') };
}

/**
 * Render a diff as a terminal redline. With `color`, deletions are red and struck through and
 * insertions green and underlined (ANSI SGR); without, deletions are written `[-…-]` and
 * insertions `{+…+}` (the `git diff --word-diff=plain` convention).
 */
export function redline(ops: DiffOp[], color: boolean): string {
  return ops
    .map((o) => {
      if (o.op === 'equal') return o.text;
      const lead = o.text.match(/^\s*/)![0];
      const trail = o.text.slice(lead.length).match(/\s*$/)![0];
      const core = o.text.slice(lead.length, o.text.length - trail.length);
      if (!core) return o.text;
      if (color) return lead + (o.op === 'insert' ? `\x1b[32;4m${core}\x1b[0m` : `\x1b[31;9m${core}\x1b[0m`) + trail;
      return lead + (o.op === 'insert' ? `{+${core}+}` : `[-${core}-]`) + trail;
    })
    .join('');
}
