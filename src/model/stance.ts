/**
 * The rules of recording a stance with what backs it, pure (no I/O): a party's position on a
 * provision (or a whole document), the evidence it rests on and the source that reported it,
 * planned together against a process. The same rules for the stance form of the workbench, a row of
 * an analyst's sheet and a statement accepted from a report (src/services/stances.ts writes the plan
 * in one transaction; the pure review planner of ingestion calls it directly):
 *
 * - a new source whose URL is already on record is that source (not a duplicate);
 * - the evidence speaks for the position's party on the position's date, with the position's
 *   visibility, unless it says otherwise; a speaker named like a known person (name or alias,
 *   case-insensitive) is that person's id;
 * - the position cites the evidence, which cites the source;
 * - every entity parses through its model schema and every reference is checked
 *   (./references.ts); problems name `position.…`, `evidence.…`, `source.…`.
 */
import type { PutItem } from './entities.js';
import type { ErrorDetail } from './errors.js';
import { addToIndex, type RefIndex, referenceProblems, refIndex } from './references.js';
import { Evidence, Position, type ProcessData, Source } from './schemas.js';
import { zodDetails } from './validation.js';

/** A position to record: the model's Position with id, confidence, visibility and evidence optional. */
export type PositionDraft = Omit<Position, 'id' | 'confidence' | 'visibility' | 'evidence'> & Partial<Pick<Position, 'id' | 'confidence' | 'visibility' | 'evidence'>>;
/** Evidence to record with it: id, date, visibility, sources optional (defaults in the module doc). */
export type EvidenceDraft = Omit<Evidence, 'id' | 'saidAt' | 'visibility' | 'sources'> & Partial<Pick<Evidence, 'id' | 'saidAt' | 'visibility' | 'sources'>>;
/** A source to cite: id optional. */
export type SourceDraft = Omit<Source, 'id'> & Partial<Pick<Source, 'id'>>;

/** One stance to plan: one or more positions resting on the same (optional) evidence and source. */
export interface StanceDraft {
  positions: PositionDraft[];
  evidence?: EvidenceDraft;
  source?: SourceDraft;
}

/** The plan: what to write (sources, evidence, positions, in that order) and what is wrong. */
export interface StancePlan {
  items: PutItem[];
  positions: Position[];
  evidence?: Evidence;
  source?: Source;
  /** Whether the source is new (false: an existing source with the same URL is cited). */
  newSource: boolean;
  problems: ErrorDetail[];
}

/** Options of {@link planStance}. */
export interface PlanStanceOptions {
  /** A fresh id for a kind's singular name (`position`, `evidence`, `source`). */
  newId(kind: 'position' | 'evidence' | 'source'): string;
  /** Field prefixes of messages (default `position`, `evidence`, `source`). */
  fields?: { position?: string; evidence?: string; source?: string };
  /** The id index to check references against and extend (default: built from `data`). */
  index?: RefIndex;
}

/** Person id of a speaker written as a known person's name or alias (case-insensitive), else the text as given. */
export function resolveSpeaker(data: Pick<ProcessData, 'persons'>, speaker: string): string {
  const s = speaker.trim();
  const k = s.toLowerCase();
  if (data.persons.some((p) => p.id === s)) return s;
  return data.persons.find((p) => p.name.toLowerCase() === k)?.id ?? data.persons.find((p) => p.aliases.some((a) => a.toLowerCase() === k))?.id ?? s;
}

/** Plan one stance (see the module doc). Never throws for bad input: problems are returned. */
export function planStance(data: ProcessData, draft: StanceDraft, opts: PlanStanceOptions): StancePlan {
  const f = { position: 'position', evidence: 'evidence', source: 'source', ...opts.fields };
  const idx = opts.index ?? refIndex(data);
  const problems: ErrorDetail[] = [];
  const items: PutItem[] = [];
  const parse = <T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, value: unknown, prefix: string): T | undefined => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    problems.push(...zodDetails(r.error, [prefix]));
    return undefined;
  };

  let source: Source | undefined;
  let newSource = false;
  if (draft.source) {
    const d = draft.source;
    // An existing source with the same URL, or one planned by an earlier stance of the same batch.
    const known = data.sources.find((s) => s.url === d.url && (d.id === undefined || d.id === s.id)) ?? (d.id !== undefined && idx.sources.has(d.id) ? { ...d, id: d.id } : undefined);
    if (known) source = known;
    else {
      source = parse(Source, { ...draft.source, id: draft.source.id ?? opts.newId('source') }, f.source);
      newSource = source !== undefined;
    }
  }
  const first = draft.positions[0];
  let evidence: Evidence | undefined;
  if (draft.evidence) {
    const e = draft.evidence;
    evidence = parse(
      Evidence,
      {
        ...e,
        id: e.id ?? opts.newId('evidence'),
        speaker: typeof e.speaker === 'string' ? resolveSpeaker(data, e.speaker) : e.speaker,
        onBehalfOf: e.onBehalfOf ?? first?.party,
        saidAt: e.saidAt ?? first?.asOf,
        visibility: e.visibility ?? first?.visibility ?? 'public',
        sources: [...new Set([...(e.sources ?? []), ...(source ? [source.id] : [])])],
      },
      f.evidence,
    );
  }
  const positions: Position[] = [];
  for (const p of draft.positions) {
    const pos = parse(Position, { ...p, id: p.id ?? opts.newId('position'), evidence: [...new Set([...(p.evidence ?? []), ...(evidence ? [evidence.id] : [])])] }, f.position);
    if (pos) positions.push(pos);
  }
  if (problems.length) return { items: [], positions, evidence, source, newSource, problems };
  if (source && newSource) {
    addToIndex(idx, 'sources', source);
    items.push({ kind: 'sources', entity: source });
  }
  if (evidence) {
    problems.push(...referenceProblems('evidence', evidence, idx, `${f.evidence}.`));
    addToIndex(idx, 'evidence', evidence);
    items.push({ kind: 'evidence', entity: evidence });
  }
  for (const pos of positions) {
    problems.push(...referenceProblems('positions', pos, idx, `${f.position}.`));
    addToIndex(idx, 'positions', pos);
    items.push({ kind: 'positions', entity: pos });
  }
  return { items: problems.length ? [] : items, positions, evidence, source, newSource, problems };
}
