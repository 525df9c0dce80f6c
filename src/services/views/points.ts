/**
 * The points of every version of a process for a picker (the stance form's "Point"): grouped by
 * version, newest version first, each lineage once (under the newest version that has it), each
 * labelled with its number path and the start of its text (`21.a. The parties…`).
 */
import { compareIsoDates } from '../../model/dates.js';
import type { ProcessData, Provision } from '../../model/schemas.js';

/** One group of the picker: a version and the points first met in it. */
export interface PointGroup {
  version: string;
  /** `<document title>, <version label>` */
  label: string;
  points: { lineage: string; label: string }[];
}

/** Longest text kept in a point's label, in characters (longer texts end with `…`). */
const TEXT_CHARS = 70;

/** The picker's groups (see the module doc). */
export function pointGroups(data: ProcessData): PointGroup[] {
  const seen = new Set<string>();
  const title = new Map(data.documents.map((d) => [d.id, d.title]));
  const out: PointGroup[] = [];
  const versions = data.versions
    .map((v, i) => ({ v, i }))
    .sort((a, b) => compareIsoDates(b.v.date, a.v.date) || a.i - b.i)
    .map((x) => x.v);
  for (const v of versions) {
    const points: PointGroup['points'] = [];
    const visit = (ps: Provision[], prefix: string) => {
      for (const p of ps) {
        if (p.kind === 'axis') visit(p.children, '');
        else {
          const num = prefix ? `${prefix}.${p.num ?? '•'}` : (p.num ?? '•');
          if (!seen.has(p.lineage)) {
            seen.add(p.lineage);
            const text = p.text.length > TEXT_CHARS ? `${p.text.slice(0, TEXT_CHARS - 1)}…` : p.text;
            points.push({ lineage: p.lineage, label: `${num}. ${text}` });
          }
          visit(p.children, num);
        }
      }
    };
    visit(v.provisions, '');
    if (points.length) out.push({ version: v.id, label: `${title.get(v.document) ?? v.document}, ${v.label}`, points });
  }
  return out;
}
