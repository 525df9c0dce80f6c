/**
 * The input schemas of Accord's jobs, one per input, shared by every face: the HTTP API validates
 * request bodies with them (and publishes them in its OpenAPI document), the services parse their
 * input with them, and the browser's forms validate with the same schemas before sending. Entity
 * inputs are the model schemas of ./schemas.ts with the id optional (generated when absent).
 */
import { z } from 'zod';
import { CritiqueAnswer, ENTITY_KINDS, ENTITY_SCHEMAS, type EntityKind, Evidence, Id, IsoDate, PaxCode, Position, Process, ProvisionKind, Source, TextStatus } from './schemas.js';
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
  drafts: 'draft',
  critiques: 'critique',
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
 * Kinds written only through their own service, never as plain entities of a batch: drafts and
 * critiques (src/services/drafts.ts, critiques.ts), whose rules (lineage, recorded positions) a
 * plain write would skip.
 */
export const SERVICE_ONLY_KINDS: readonly EntityKind[] = ['drafts', 'critiques'];

/**
 * Kinds `POST /changes` writes: every kind but reports, which change only through the review queue
 * (queue, accept, reject), so that a proposal is applied exactly once and never marked without it,
 * and the {@link SERVICE_ONLY_KINDS}.
 */
export const BATCH_KINDS: EntityKind[] = WRITE_ORDER.filter((k) => k !== 'reports' && !SERVICE_ONLY_KINDS.includes(k));

/** Several entities to create or update together, by kind (`POST /changes`; kinds {@link BATCH_KINDS}). */
export const ChangesInput = z.strictObject(
  Object.fromEntries(BATCH_KINDS.map((k) => [k, z.array(entityInput(k)).optional()])) as Record<Exclude<EntityKind, 'reports' | 'drafts' | 'critiques'>, z.ZodOptional<z.ZodArray<z.ZodObject>>>,
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

// ── the one-text procedure: drafts and critiques ─────────────────────────────────────────────

const Lineage = Id.describe('lineage id of a provision of the draft');
const Proponents = z.array(Id).describe('parties that want this wording');
/** A provision's own text in a draft (at most 100,000 characters). */
const ProvisionTextInput = z.string().max(100_000);

/**
 * One edit of a draft's point tree (src/model/draft-edit.ts applies it): set a provision's fields;
 * add, delete, move, split or merge provisions; bracket a span; give a point Option A/B
 * alternatives; renumber the points. Lineage ids are kept by every edit; new provisions get new ones.
 */
export const DraftOp = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('set'),
    lineage: Lineage,
    text: ProvisionTextInput.optional().describe('the new wording; brackets and Option A/B alternatives are read from it'),
    heading: z.string().max(1000).nullable().optional(),
    num: z.string().min(1).max(32).nullable().optional(),
    status: TextStatus.optional().describe('text status; default: read from the text (bracketed, alternatives, proposed) unless set by hand'),
    topics: z.array(PaxCode).optional(),
    bracketProponents: z.array(Proponents).optional().describe('proponents of each bracketed span, in order'),
    alternativeProponents: z.record(z.string().min(1), Proponents).optional().describe('proponents of each option, by label'),
  }),
  z.strictObject({
    op: z.literal('add'),
    kind: ProvisionKind,
    parent: Lineage.nullable().describe('the axis or point to add under; null: at top level'),
    index: z.number().int().nonnegative().optional().describe('position among the parent’s children (default: last)'),
    num: z.string().min(1).max(32).nullable().optional(),
    heading: z.string().max(1000).nullable().optional(),
    text: ProvisionTextInput.default(''),
  }),
  z.strictObject({ op: z.literal('delete'), lineage: Lineage }),
  z.strictObject({
    op: z.literal('move'),
    lineage: Lineage,
    parent: Lineage.nullable().describe('the new parent; null: top level'),
    index: z.number().int().nonnegative().describe('position among the new parent’s children'),
  }),
  z.strictObject({
    op: z.literal('split'),
    lineage: Lineage,
    at: z.number().int().positive().describe('UTF-16 offset in the text where the second provision begins'),
    num: z.string().min(1).max(32).nullable().optional().describe('number of the second provision (default: "<num> bis")'),
  }),
  z.strictObject({ op: z.literal('merge'), lineage: Lineage, with: Lineage.describe('the provision merged into `lineage` (and removed)') }),
  z.strictObject({
    op: z.literal('bracket'),
    lineage: Lineage,
    start: z.number().int().nonnegative(),
    end: z.number().int().positive().describe('end (exclusive) of the span to bracket, UTF-16 offsets into the text'),
    proponents: Proponents.default([]),
  }),
  z.strictObject({
    op: z.literal('alternatives'),
    lineage: Lineage,
    options: z
      .array(z.strictObject({ label: z.string().regex(/^([A-Z]|\d{1,2})$/, 'expected an option label: one capital letter or a number'), text: z.string().min(1).max(20_000), proponents: Proponents.default([]) }))
      .max(12)
      .describe('the options, replacing any the text has (none: the alternatives are removed)'),
  }),
  z.strictObject({ op: z.literal('renumber').describe('number points 1, 2, 3… in reading order and sub-points a, b, c… under each') }),
]);
export type DraftOp = z.input<typeof DraftOp>;
/** A parsed {@link DraftOp} (defaults applied). */
export type DraftOpParsed = z.output<typeof DraftOp>;

/** A provision of an edited tree sent whole: the model's Provision with lineage, status and lists optional. */
export interface DraftProvisionInput {
  kind: z.infer<typeof ProvisionKind>;
  num?: string | null;
  heading?: string | null;
  text: string;
  lineage?: string;
  status?: z.infer<typeof TextStatus>;
  topics?: string[];
  bracketProponents?: string[][];
  alternativeProponents?: Record<string, string[]>;
  children?: DraftProvisionInput[];
}
export const DraftProvisionInput: z.ZodType<DraftProvisionInput> = z.lazy(() =>
  z.strictObject({
    kind: ProvisionKind,
    num: z.string().min(1).max(32).nullable().optional(),
    heading: z.string().max(1000).nullable().optional(),
    text: ProvisionTextInput,
    lineage: Id.optional(),
    status: TextStatus.optional(),
    topics: z.array(PaxCode).optional(),
    bracketProponents: z.array(Proponents).optional(),
    alternativeProponents: z.record(z.string().min(1), Proponents).optional(),
    children: z.array(DraftProvisionInput).optional(),
  }),
) as z.ZodType<DraftProvisionInput>;

/**
 * A new draft (`POST /drafts`, `accord draft new`): a copy of the version it revises (`basedOn`),
 * or the text of a pasted plan, an uploaded .docx (base64) or an edited tree, parsed and given
 * lineage ids against `basedOn` on the server.
 */
export const DraftInput = z
  .strictObject({
    id: Id.optional().describe('draft id (default generated)'),
    basedOn: Id.optional().describe('the version the draft revises; without text, docx or provisions the draft starts as its copy'),
    document: Id.optional().describe("the document the draft will be a version of (default: basedOn's document)"),
    title: z.string().min(1).max(200).optional(),
    text: z.string().min(1).max(2_000_000).optional().describe('a plan as plain text or Markdown'),
    format: z.enum(['text', 'markdown']).optional(),
    docx: z.string().min(1).max(1_400_000).optional().describe('a Word file (.docx), base64'),
    provisions: z.array(DraftProvisionInput).max(20_000).optional().describe('an edited point tree'),
  })
  .refine((d) => [d.text, d.docx, d.provisions].filter((x) => x !== undefined).length <= 1, { message: 'give at most one of text, docx and provisions', path: ['text'] })
  .refine((d) => d.basedOn !== undefined || d.document !== undefined, { message: 'give basedOn (the version revised) or document', path: ['basedOn'] })
  .refine((d) => d.basedOn !== undefined || d.text !== undefined || d.docx !== undefined || d.provisions !== undefined, { message: 'a draft needs a version to start from (basedOn), or a text, docx or provisions', path: ['basedOn'] });
export type DraftInput = z.input<typeof DraftInput>;

/** Edits of a draft, applied in order, all or none (`POST /drafts/:id/edits`). */
export const DraftEdits = z.strictObject({ ops: z.array(DraftOp).min(1).max(500) });
export type DraftEdits = z.input<typeof DraftEdits>;

/** Tabling a draft as an immutable version (`POST /drafts/:id/table`). */
export const TableInput = z.strictObject({
  id: Id.optional().describe('version id (default <document>-v<n>)'),
  label: z.string().min(1).max(200).optional().describe('default v<n>'),
  date: IsoDate.optional().describe("date tabled (default: the event's start when it names a day, else today)"),
  event: Id.optional().describe('the event of the record at which it is tabled (its place); the version is added to the event’s tabled list'),
  proponents: z.array(Id).optional().describe("parties that table it (default: the document's proponents)"),
  note: z.string().min(1).optional(),
});
export type TableInput = z.input<typeof TableInput>;

/** Taking a critique's amendment into a draft (`POST /drafts/:id/fold`). */
export const FoldInput = z.strictObject({
  critique: Id.describe('the critique holding the amendment'),
  provision: Id.describe('lineage id of the point'),
  how: z.enum(['accept', 'bracket']).describe('accept: the amended wording replaces the words it changes; bracket: the disputed words stand side by side in brackets, each reading with the parties holding it'),
});
export type FoldInput = z.input<typeof FoldInput>;

/** One answer of a critique as written: the model's answer without the ids recorded on submission. */
const CritiqueAnswerInput = CritiqueAnswer.omit({ position: true, evidence: true }).strict();

/** A new critique of a tabled version (`POST /critiques`). */
export const CritiqueInput = z.strictObject({
  version: Id.describe('the tabled version answered'),
  party: Id.optional().describe("the party answering (a delegate's own party by default)"),
  answers: z.array(CritiqueAnswerInput).max(20_000).default([]),
  note: z.string().min(1).optional(),
});
export type CritiqueInput = z.input<typeof CritiqueInput>;

/** A critique's answers saved again (`PUT /critiques/:id`): the whole list replaces the old one. */
export const CritiqueUpdate = z.strictObject({
  answers: z.array(CritiqueAnswerInput).max(20_000),
  note: z.string().min(1).nullable().optional(),
});
export type CritiqueUpdate = z.input<typeof CritiqueUpdate>;

/**
 * Submitting a critique (`POST /critiques/:id/submit`): the date its positions are recorded as of,
 * and optionally the answers (and note) to submit in place of the saved ones — how a submitted
 * critique is changed: submitted again.
 */
export const SubmitInput = z.strictObject({
  date: IsoDate.optional().describe('submission date (default today)'),
  answers: z.array(CritiqueAnswerInput).max(20_000).optional(),
  note: z.string().min(1).nullable().optional(),
});
export type SubmitInput = z.input<typeof SubmitInput>;
