/**
 * The input schemas of Accord's jobs, one per input, shared by every face: the HTTP API validates
 * request bodies with them (and publishes them in its OpenAPI document), the services parse their
 * input with them, and the browser's forms validate with the same schemas before sending. Entity
 * inputs are the model schemas of ./schemas.ts with the id optional (generated when absent).
 */
import { z } from 'zod';
import { ENTITY_KINDS, ENTITY_SCHEMAS, type EntityKind, Evidence, Id, IsoDate, Position, Process, Source } from './schemas.js';
import { PairOverride } from './schemas.js';

/** Human singular names of the kinds, for messages and generated ids. */
export const SINGULAR: Record<EntityKind, string> = {
  parties: 'party',
  persons: 'person',
  documents: 'document',
  versions: 'version',
  sources: 'source',
  evidence: 'evidence',
  positions: 'position',
  events: 'event',
  domains: 'domain',
  alignments: 'alignment',
  reports: 'report',
};

const INPUT_CACHE = new Map<EntityKind, z.ZodObject>();

/** Body of a create or replace of an entity of `kind`: the model schema with `id` optional. */
export function entityInput(kind: EntityKind): z.ZodObject {
  const cached = INPUT_CACHE.get(kind);
  if (cached) return cached;
  const base = kind === 'domains' ? z.looseObject({ id: Id }) : (ENTITY_SCHEMAS[kind as keyof typeof ENTITY_SCHEMAS] as unknown as z.ZodObject);
  const extended = base.extend({ id: Id.optional() });
  const s = kind === 'domains' ? extended : extended.strict();
  INPUT_CACHE.set(kind, s);
  return s;
}

/** The stored schema of an entity of `kind` (domains: any object with an id). */
export function entitySchema(kind: EntityKind): z.ZodType {
  return kind === 'domains' ? z.looseObject({ id: Id }) : (ENTITY_SCHEMAS[kind as keyof typeof ENTITY_SCHEMAS] as z.ZodType);
}

/** Order in which a batch writes kinds, so that referenced entities come first. */
const PREFERRED_ORDER: EntityKind[] = ['parties', 'persons', 'documents', 'versions', 'sources', 'events', 'evidence', 'positions', 'domains'];
export const WRITE_ORDER: EntityKind[] = [...PREFERRED_ORDER.filter((k) => ENTITY_KINDS.includes(k)), ...ENTITY_KINDS.filter((k) => !PREFERRED_ORDER.includes(k))];

/**
 * Kinds `POST /changes` writes: every kind but reports, which change only through the review queue
 * (queue, accept, reject), so that a proposal is applied exactly once and never marked without it.
 */
export const BATCH_KINDS: EntityKind[] = WRITE_ORDER.filter((k) => k !== 'reports');

/** Several entities to create or update together, by kind (`POST /changes`; kinds {@link BATCH_KINDS}). */
export const ChangesInput = z.strictObject(
  Object.fromEntries(BATCH_KINDS.map((k) => [k, z.array(entityInput(k)).optional()])) as Record<Exclude<EntityKind, 'reports'>, z.ZodOptional<z.ZodArray<z.ZodObject>>>,
);
export type ChangesInput = z.infer<typeof ChangesInput>;

/** A whole process: the JSON form of a bundle (`POST /api/processes`). */
export const ProcessInput = z.strictObject({
  process: Process,
  ...(Object.fromEntries(
    (Object.keys(ENTITY_SCHEMAS) as (keyof typeof ENTITY_SCHEMAS)[]).map((k) => [k, z.array(ENTITY_SCHEMAS[k] as z.ZodType).default([])]),
  ) as Record<Exclude<EntityKind, 'domains'>, z.ZodDefault<z.ZodArray<z.ZodType>>>),
  domains: z.array(z.looseObject({ id: Id })).default([]),
});

/**
 * A stance with what backs it, recorded together (the stance form, one row of an analyst's sheet, a
 * statement accepted from a report): the position; optionally the evidence (who said it, when,
 * how attributed) and the source it was reported in — a new source, or an existing one by id.
 * Defaults: the evidence speaks for the position's party on the position's date, with the
 * position's visibility; a speaker named like a known person is that person; a new source whose URL
 * is already on record is that source.
 */
export const StanceInput = z.strictObject({
  position: Position.extend({ id: Id.optional() }).strict(),
  evidence: Evidence.extend({ id: Id.optional(), saidAt: IsoDate.optional(), visibility: Evidence.shape.visibility.optional() }).strict().optional(),
  source: Source.extend({ id: Id.optional() }).strict().optional(),
});
export type StanceInput = z.input<typeof StanceInput>;

/** A new version of a document from its text (`accord version add`, `POST /texts`). */
export const VersionTextInput = z.strictObject({
  document: Id.describe('the document this is a version of'),
  text: z.string().min(1).max(2_000_000).describe('the plan as plain text or Markdown'),
  format: z.enum(['text', 'markdown']).optional().describe('text or markdown (default: from the content)'),
  id: Id.optional().describe('version id (default <document>-v<n>)'),
  label: z.string().min(1).optional().describe('human label (default v<n>)'),
  date: IsoDate.optional().describe('ISO date tabled (default today)'),
  basedOn: z.union([Id, z.literal(false)]).optional().describe('the version it revises; false for none; default: the latest earlier version of the document, or of the document it amends'),
  proponents: z.array(Id).optional().describe("parties that tabled it (default: the document's proponents)"),
  note: z.string().optional(),
  overrides: z.array(PairOverride).optional().describe('person-confirmed pairs {from, to, change} against the base, stored as the pair’s alignment decisions'),
});
export type VersionTextInput = z.input<typeof VersionTextInput>;
