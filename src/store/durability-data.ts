/**
 * Generated process data for the durability harness (./durability.ts): large, deterministic, and
 * different in every row from one generation to the next.
 */
import type { Position, ProcessData } from '../model/schemas.js';

/** Sizes of the generated process. */
export interface BigProcessSize {
  positions: number;
  evidence: number;
  versions: number;
  /** Provisions per version. */
  points: number;
}

/** Default size: roughly 10 000 rows, a fraction of a second to a few seconds to import. */
export const DEFAULT_SIZE: BigProcessSize = { positions: 4000, evidence: 2000, versions: 30, points: 40 };

/**
 * A deterministic process `id` of the given size; `gen` changes every entity's content, so that two
 * generations are distinguishable row by row.
 */
export function bigProcess(id: string, gen: number, size: BigProcessSize = DEFAULT_SIZE): ProcessData {
  const parties = ['a', 'b', 'c', 'd'].map((p) => ({ id: p, name: `Party ${p.toUpperCase()} g${gen}`, role: 'party' as const, aliases: [] }));
  const versions = Array.from({ length: size.versions }, (_, v) => ({
    id: `v${v}`,
    document: 'doc',
    label: `v${v} g${gen}`,
    date: '2025-01-01',
    proponents: ['a'],
    provisions: Array.from({ length: size.points }, (_, k) => ({
      kind: 'point' as const,
      num: String(k + 1),
      heading: null,
      text: `Point ${k + 1} of version ${v}, generation ${gen}: the parties shall [consider] the matter.`,
      lineage: `l${k}`,
      status: 'proposed' as const,
      brackets: [],
      alternatives: [],
      topics: [],
      children: [],
    })),
  }));
  const evidence = Array.from({ length: size.evidence }, (_, k) => ({
    id: `e${k}`,
    speaker: `speaker ${k % 17}`,
    form: 'paraphrase' as const,
    text: `Statement ${k} of generation ${gen}`,
    saidAt: '2025-02-01',
    attribution: 'on-record' as const,
    sources: [],
    visibility: k % 5 === 0 ? { confidentialTo: 'a' } : ('public' as const),
  }));
  const stances = ['accepts', 'rejects', 'undecided', 'accepts-with-conditions'] as const;
  const positions: Position[] = Array.from({ length: size.positions }, (_, k) => ({
    id: `p${k}`,
    party: parties[k % 4]!.id,
    provision: `l${k % size.points}`,
    stance: stances[(k + gen) % 4]!,
    asOf: '2025-03-01',
    confidence: 1,
    visibility: 'public',
    evidence: [`e${k % Math.max(1, size.evidence)}`],
    note: `g${gen}`,
  }));
  return {
    process: { id, name: `Big process generation ${gen}` },
    parties,
    persons: [],
    documents: [{ id: 'doc', title: 'Draft', kind: 'plan', proponents: ['a'] }],
    versions,
    sources: [],
    evidence,
    positions,
    events: [],
    domains: [],
    alignments: [],
    reports: [],
  };
}

