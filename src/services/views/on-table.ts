/**
 * Which text a negotiation domain is read against, for the Analysis page: the version on the table
 * (the current single negotiating text as of today, src/analysis/positions.ts `currentVersion`) by
 * name, and the point number of each provision an issue of the domain is about — read from the
 * version on the table when it holds the point, else from the latest version that does.
 */
import { currentVersion } from '../../analysis/positions.js';
import { compareIsoDates } from '../../model/dates.js';
import { type ProcessData, walkProvisions } from '../../model/schemas.js';

/** The text on the table and the numbers of the points a domain's issues are about. */
export interface OnTable {
  /** The version on the table, by name (`title`, `label`, `date`); null when the process has none. */
  version: { id: string; title: string; label: string; date: string } | null;
  /** Point number by lineage (the provision's `num`, or its lineage when it has none), for each issue's provision some version holds. */
  points: Record<string, string>;
  /** Lineages an issue names that no version of the process holds. */
  missing: string[];
}

/** {@link OnTable} of `data` for the provisions `lineages` (the domain's issues' `provision`s). */
export function onTable(data: Pick<ProcessData, 'process' | 'documents' | 'versions'>, lineages: readonly string[], today?: string): OnTable {
  const cur = currentVersion(data as ProcessData, today);
  const title = new Map(data.documents.map((d) => [d.id, d.title]));
  const wanted = new Set(lineages);
  const points: Record<string, string> = {};
  // The version on the table first, then the others newest first: the first that holds a point numbers it.
  const order = data.versions
    .map((v, i) => ({ v, i }))
    .sort((a, b) => Number(b.v.id === cur?.id) - Number(a.v.id === cur?.id) || compareIsoDates(b.v.date, a.v.date) || a.i - b.i)
    .map((x) => x.v);
  for (const v of order) {
    for (const p of walkProvisions(v.provisions)) {
      if (wanted.has(p.lineage) && !(p.lineage in points) && p.kind !== 'axis') points[p.lineage] = p.num ?? p.lineage;
    }
  }
  return {
    version: cur ? { id: cur.id, title: title.get(cur.document) ?? cur.document, label: cur.label, date: cur.date } : null,
    points,
    missing: [...wanted].filter((l) => !(l in points)),
  };
}
