/**
 * The Text page's data in one answer: a version with its whole text (axes, points, sub-points,
 * brackets, alternatives), its document, each party's current stance on each point as of a date
 * (the positions matrix of that version), and where the version stands among the rounds of the text
 * (the rounds before and after it, with bracket and alternative counts). The workbench asks for it
 * once per text shown; one point's detail is its own view (./record.ts, `pointDetail`).
 */
import type { PositionsMatrix } from '../../analysis/positions.js';
import type { ProcessData, Stance, Version } from '../../model/schemas.js';
import { type Round, roundsView } from './compare.js';

/** The Text page (see the module doc). */
export interface TextPage {
  /** The date stances are taken as of (ISO). */
  asOf: string;
  version: Version;
  document: { id: string; title: string; kind: string } | null;
  /** The parties of the matrix (observers excluded), in matrix order. */
  parties: { id: string; name: string; short: string }[];
  /** Stance by point lineage and party id, for the points some party has a stance on. */
  stances: Record<string, Record<string, Stance>>;
  /** The version among the rounds of the text (every version in date order). */
  rounds: { total: number; previous: Round | null; shown: Round; next: Round | null } | null;
}

/** The Text page of the version the matrix `m` was computed for (see {@link TextPage}). */
export function textPage(data: ProcessData, m: Pick<PositionsMatrix, 'asOf' | 'version' | 'parties' | 'rows'>): TextPage {
  const version = data.versions.find((v) => v.id === m.version.id)!;
  const doc = data.documents.find((d) => d.id === version.document);
  const stances: TextPage['stances'] = {};
  for (const r of m.rows) {
    for (const [party, c] of Object.entries(r.cells)) if (c) (stances[r.lineage] ??= {})[party] = c.stance;
  }
  const all = roundsView(data);
  const i = all.findIndex((r) => r.id === version.id);
  return {
    asOf: m.asOf,
    version,
    document: doc ? { id: doc.id, title: doc.title, kind: doc.kind } : null,
    parties: m.parties,
    stances,
    rounds: i < 0 ? null : { total: all.length, previous: all[i - 1] ?? null, shown: all[i]!, next: all[i + 1] ?? null },
  };
}
