/**
 * The vocabulary of Accord (see PRODUCT.md, "Vocabulary") as zod schemas and the types inferred
 * from them. These schemas are the single validation boundary: the bundle loader, the CLI and the
 * HTTP API all parse user input through them. Dates are reduced-precision ISO 8601 strings
 * (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, see ./dates.ts); utilities are 0–100 unless said.
 */
import { z } from 'zod';
import { isoDateProblem } from './dates.js';

// Plain constants live in ./vocabulary.ts (no zod: the CLI's quick commands load them without it).
export { ENTITY_KINDS, STANCE_SUPPORT } from './vocabulary.js';

/** Identifier of an entity inside a process: letters, digits, `.`, `_`, `-`; starts with a letter or digit. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'expected an id of letters, digits, ".", "_" or "-" (at most 128)');
export type Id = z.infer<typeof Id>;

/** Reduced-precision ISO 8601 date; the message says exactly what is wrong (`2025-13-40` → month 13). */
export const IsoDate = z.preprocess(
  // A bare year written in YAML (`startedAt: 2025`) arrives as a number.
  (v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : v),
  z.string().superRefine((s, ctx) => {
    const p = isoDateProblem(s);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  }),
);

/** Role of an organisation in a process. */
export const ProcessRole = z.enum(['party', 'mediator', 'guarantor', 'observer']);
export type ProcessRole = z.infer<typeof ProcessRole>;

/** One peace process: the workspace everything else lives in. */
export const Process = z.object({
  id: Id,
  name: z.string().min(1),
  description: z.string().optional(),
  /** When the process began (reduced precision allowed). */
  startedAt: IsoDate.optional(),
  /** Document id of the single negotiating text: the text the mediator owns and revises. */
  singleText: Id.optional(),
});
export type Process = z.infer<typeof Process>;

/** An organisation taking part in the process. */
export const Party = z.object({
  id: Id,
  name: z.string().min(1),
  /** Short label for matrices and charts, e.g. "UA". */
  short: z.string().min(1).max(12).optional(),
  role: ProcessRole,
  /** Other names reports use ("Kyiv", "the Kremlin"). */
  aliases: z.array(z.string().min(1)).default([]),
  /** Text direction of the party's own-language names and notes. */
  dir: z.enum(['ltr', 'rtl']).optional(),
});
export type Party = z.infer<typeof Party>;

/** A person's post on behalf of a party during a period. */
export const Membership = z.object({
  /** The party the person speaks or acts for. */
  onBehalfOf: Id,
  /** Post as commonly written: "special envoy", "head of delegation", "spokesperson". */
  post: z.string().min(1),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type Membership = z.infer<typeof Membership>;

/** Someone who speaks or meets in the process. */
export const Person = z.object({
  id: Id,
  name: z.string().min(1),
  /** Other ways reports refer to the person: "the Kremlin spokesman", "Ruiz". */
  aliases: z.array(z.string().min(1)).default([]),
  memberships: z.array(Membership).default([]),
});
export type Person = z.infer<typeof Person>;

/** Kinds of negotiating documents. */
export const DocumentKind = z.enum(['plan', 'framework', 'counter-proposal', 'non-paper', 'agreement', 'declaration']);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** Text status of a provision (one-text procedure vocabulary). `proposed` is tabled text that carries no brackets but is not yet agreed. */
export const TextStatus = z.enum(['proposed', 'agreed', 'agreed-ad-referendum', 'bracketed', 'alternatives', 'placeholder', 'deleted']);
export type TextStatus = z.infer<typeof TextStatus>;

/** A bracketed span: `[...]` language not yet agreed. Offsets are UTF-16 indices into the provision text, `end` exclusive, brackets included. */
export const BracketSpan = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The text inside the brackets. */
  text: z.string(),
  /** Parties that want this language, when known. */
  proponents: z.array(Id).default([]),
});
export type BracketSpan = z.infer<typeof BracketSpan>;

/** A labelled alternative wording (Option A / Option B) with its proponents. */
export const Alternative = z.object({
  label: z.string().min(1),
  text: z.string(),
  proponents: z.array(Id).default([]),
});
export type Alternative = z.infer<typeof Alternative>;

/**
 * PA-X provision topic codes (Peace Agreements Database, University of Edinburgh, codebook v8):
 * a code is a letter-led camel-case token like `SsrFf`, `Ce`, `TjAm`, `Ele`, `StBor`.
 */
export const PaxCode = z.string().regex(/^[A-Z][A-Za-z]{1,15}$/, 'expected a PA-X code such as SsrFf, Ce, TjAm');

/** Kind of provision node. */
export const ProvisionKind = z.enum(['axis', 'point', 'subpoint']);
export type ProvisionKind = z.infer<typeof ProvisionKind>;

/** A node of a version's text. */
export interface Provision {
  kind: ProvisionKind;
  /** Number or label as written ("21", "a", "I"); null when unnumbered. */
  num: string | null;
  /** Heading (axes, titled points), null when none. */
  heading: string | null;
  /** The provision's own text (not its children's). */
  text: string;
  /** Stable lineage id carried across versions even when renumbered, merged or split. */
  lineage: string;
  status: TextStatus;
  brackets: BracketSpan[];
  alternatives: Alternative[];
  /** PA-X topic codes. */
  topics: string[];
  children: Provision[];
}
export const Provision: z.ZodType<Provision> = z.lazy(() =>
  z.object({
    kind: ProvisionKind,
    num: z.string().nullable(),
    heading: z.string().nullable(),
    text: z.string(),
    lineage: Id,
    status: TextStatus,
    brackets: z.array(BracketSpan),
    alternatives: z.array(Alternative),
    topics: z.array(PaxCode),
    children: z.array(Provision),
  }),
) as z.ZodType<Provision>;

/** An immutable version of a document's text. */
export const Version = z.object({
  id: Id,
  document: Id,
  /** Human label: "v1", "after Geneva". */
  label: z.string().min(1),
  /** When tabled or published. */
  date: IsoDate,
  /** Parties that tabled it. */
  proponents: z.array(Id).default([]),
  /** The version this one revises (same or another document). */
  basedOn: Id.optional(),
  note: z.string().optional(),
  provisions: z.array(Provision),
});
export type Version = z.infer<typeof Version>;

/**
 * Visibility of an item (src/model/visibility.ts has the rule): public; the mediator's team only;
 * confidential to one party; to one party and some others (`alsoVisibleTo`: a back channel between
 * two delegations, hidden from the rest); to one party and shared with the mediator's team.
 */
export const Visibility = z.union([
  z.literal('public'),
  z.literal('mediator-team'),
  z.object({
    /** The party whose confidential layer holds the item (who writes it). */
    confidentialTo: Id,
    /** Also addressed to the mediator's team (a critique and the positions it recorded). */
    sharedWith: z.literal('mediator-team').optional(),
    /** Other parties whose layers also hold the item (each sees it as the owner does, but cannot change it). */
    alsoVisibleTo: z
      .array(Id)
      .min(1, 'expected at least one party, or no alsoVisibleTo')
      .max(64, 'expected at most 64 parties')
      .refine((a) => new Set(a).size === a.length, 'expected each party once')
      .optional(),
  }).refine((v) => !v.alsoVisibleTo?.includes(v.confidentialTo), { message: 'expected alsoVisibleTo to name parties other than confidentialTo', path: ['alsoVisibleTo'] }),
]);
export type Visibility = z.infer<typeof Visibility>;

/** A plan, framework, counter-proposal or non-paper. Versions live separately. */
export const Document = z.object({
  id: Id,
  title: z.string().min(1),
  kind: DocumentKind,
  proponents: z.array(Id).default([]),
  /** The document this one amends (a counter-proposal amends a plan). */
  amends: Id.optional(),
  description: z.string().optional(),
  /**
   * Who sees the document (a plan drafted in secret, a non-paper): public (absent) or a party's layer.
   * Its versions, their provisions and every position, alignment, critique and draft about them take
   * this visibility (src/model/visibility.ts `concealedBy`).
   */
  visibility: Visibility.optional(),
});
export type Document = z.infer<typeof Document>;

/**
 * A link Accord stores and shows: an absolute URL whose scheme is `http`, `https` or `mailto`
 * (never `javascript:`, `data:`, `file:` or the like, which a briefing or a page would run or open).
 */
export const WebUrl = z.url({ protocol: /^(https?|mailto)$/, error: 'expected an http(s) or mailto URL' });

/**
 * A source's URL: a {@link WebUrl}, or `accord:report/<id>`, the name the review gives the source of
 * a report that came without a URL (src/ingest/review.ts); never rendered as a link.
 */
export const SourceUrl = z.url({ protocol: /^(https?|mailto|accord)$/, error: 'expected an http(s) or mailto URL' });

/** Whether `url` is a {@link WebUrl}: what a rendered link may point to (others are shown as text). */
export function isWebUrl(url: string | undefined): url is string {
  return url !== undefined && WebUrl.safeParse(url).success;
}

/** Where a claim was published. */
export const Source = z.object({
  id: Id,
  url: SourceUrl,
  outlet: z.string().min(1).optional(),
  title: z.string().optional(),
  publishedAt: IsoDate.optional(),
});
export type Source = z.infer<typeof Source>;

/** How a statement is attributed. */
export const AttributionKind = z.enum([
  'on-record',
  'official-document',
  'anonymous-official',
  'sources',
  'leak',
  'outlet-report',
]);
export type AttributionKind = z.infer<typeof AttributionKind>;

/** Who said what, when, for whom, how attributed, from which sources. */
export const Evidence = z.object({
  id: Id,
  /** Person id when known, else a description ("two officials"). */
  speaker: z.string().min(1),
  onBehalfOf: Id.optional(),
  form: z.enum(['quote', 'paraphrase']),
  text: z.string().min(1),
  saidAt: IsoDate,
  attribution: AttributionKind,
  sources: z.array(Id).default([]),
  /** The event at which it was said. */
  event: Id.optional(),
  /** The critique this evidence is (a party's point-by-point answer to a tabled version). */
  critique: Id.optional(),
  visibility: Visibility.default('public'),
});
export type Evidence = z.infer<typeof Evidence>;

/** A party's stance on a provision. Ordered from support to opposition in {@link STANCE_ORDER}. */
export const Stance = z.enum([
  'accepts',
  'accepts-with-conditions',
  'proposes-alternative',
  'rejects',
  'undecided',
  'no-public-position',
]);
export type Stance = z.infer<typeof Stance>;

/** Longest free-text note or condition on a position, in characters (a paragraph or two; longer material belongs in evidence or a source). */
export const NOTE_MAX = 2000;

/** A party's stance on one provision lineage (or on the whole document) as of a date. */
export const Position = z.object({
  id: Id,
  party: Id,
  /** Provision lineage id; absent when the stance is on the document as a whole. */
  provision: Id.optional(),
  /** The document (or version) the stance was about. */
  document: Id.optional(),
  stance: Stance,
  conditions: z.string().max(NOTE_MAX, `expected at most ${NOTE_MAX} characters`).optional(),
  /** Free label of the issue, e.g. "army cap". */
  issue: z.string().optional(),
  asOf: IsoDate,
  /** Confidence of the coding, 0–1. */
  confidence: z.number().min(0).max(1).default(1),
  visibility: Visibility.default('public'),
  evidence: z.array(Id).default([]),
  note: z.string().max(NOTE_MAX, `expected at most ${NOTE_MAX} characters`).optional(),
});
export type Position = z.infer<typeof Position>;

/** Kinds of events on the diplomatic record. */
export const EventKind = z.enum(['meeting', 'visit', 'phone-call', 'talks', 'statement', 'publication', 'summit', 'signing', 'referendum']);
export type EventKind = z.infer<typeof EventKind>;

/** Status of an event. */
export const EventStatus = z.enum(['scheduled', 'held', 'postponed', 'cancelled', 'rescheduled', 'under-way', 'proposed']);
export type EventStatus = z.infer<typeof EventStatus>;

/** CAMEO event codes (Conflict and Mediation Event Observations, Schrodt 2012): 2–4 digits, e.g. 036, 044, 046. */
export const CameoCode = z.string().regex(/^\d{2,4}$/, 'expected a CAMEO code of 2–4 digits, e.g. 046');

/** A place; all parts optional. */
export const Place = z.object({
  city: z.string().optional(),
  country: z.string().optional(),
  venue: z.string().optional(),
});
export type Place = z.infer<typeof Place>;

/** Someone at an event: a known person id or a name, with party and role. */
export const Attendee = z.object({
  person: z.string().min(1),
  party: Id.optional(),
  role: z.string().optional(),
});
export type Attendee = z.infer<typeof Attendee>;

/** A meeting, visit, call, round of talks, publication or statement. */
export const Event = z.object({
  id: Id,
  kind: EventKind,
  status: EventStatus,
  title: z.string().min(1),
  start: IsoDate,
  end: IsoDate.optional(),
  /** True when the date is approximate ("around mid-November"). */
  approximate: z.boolean().default(false),
  place: Place.optional(),
  attendees: z.array(Attendee).default([]),
  /** Versions tabled at the event. */
  tabled: z.array(Id).default([]),
  /** Provision lineages discussed. */
  provisions: z.array(Id).default([]),
  cameo: CameoCode.optional(),
  summary: z.string().optional(),
  note: z.string().optional(),
  sources: z.array(Id).default([]),
  /** Who sees the event: public (absent), or confidential to a party's layer (a back channel, a call held out of view); the rule of positions (src/model/visibility.ts). */
  visibility: Visibility.optional(),
});
export type Event = z.infer<typeof Event>;

/** Change kinds of an aligned pair (the same list as CHANGE_KINDS in src/text/align.ts). */
export const PairChange = z.enum(['unchanged', 'amended', 'moved', 'merged', 'split', 'added', 'deleted']);
export type PairChange = z.infer<typeof PairChange>;

/**
 * A person's confirmation or correction of one aligned pair. `from` names provisions of the earlier
 * version and `to` of the later one, by provision key (`21`, `#4`, `21.a`) or lineage id; `from` is
 * empty for an addition and `to` for a deletion.
 */
export const PairOverride = z
  .object({
    from: z.array(z.string().min(1)),
    to: z.array(z.string().min(1)),
    change: PairChange,
    note: z.string().optional(),
  })
  .refine((o) => o.from.length + o.to.length > 0, { message: 'an override names at least one provision in from or to' });
export type PairOverride = z.infer<typeof PairOverride>;

/**
 * The stored alignment decisions between two versions: overrides that are applied before automatic
 * matching every time the pair of versions is aligned again (see src/text/align.ts), so they survive
 * re-alignment. One record per ordered pair of versions; its id is conventionally `<from>--<to>`.
 */
export const Alignment = z.object({
  id: Id,
  /** The earlier version (A). */
  from: Id,
  /** The later version or counter-proposal (B). */
  to: Id,
  overrides: z.array(PairOverride).default([]),
  note: z.string().optional(),
});
export type Alignment = z.infer<typeof Alignment>;

/**
 * Review status of one proposal of an ingested report (src/ingest/review.ts): `pending` until a
 * reviewer decides; `accepted` (written as proposed), `edited` (written with the reviewer's changes)
 * or `rejected` (nothing written; kept to measure precision later).
 */
export const ReviewStatus = z.enum(['pending', 'accepted', 'edited', 'rejected']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/** A character range `[from, to)` of a report's text, in UTF-16 code units (`to` exclusive). */
export const TextSpan = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

/** A person or group as a report names them: a known person id, a new (named) person, or a group phrase. */
export const NamedPerson = z.object({
  /** Known person id; absent for new persons and groups. */
  person: z.string().min(1).optional(),
  /** The known person's name, or the name or phrase as written. */
  name: z.string().min(1),
  party: Id.optional(),
  kind: z.enum(['known', 'new', 'group']),
  /** The title or post the report gives the person. */
  post: z.string().min(1).optional(),
});
export type NamedPerson = z.infer<typeof NamedPerson>;

/** An event as proposed by the extractor (src/ingest/types.ts EventProposal without span and confidence). */
export const ProposedEvent = z.object({
  kind: EventKind,
  status: EventStatus,
  /** Null when the report gives no date ("no date has been fixed"). */
  start: IsoDate.nullable(),
  end: IsoDate.nullable(),
  precision: z.enum(['year', 'month', 'day']).nullable(),
  approximate: z.boolean(),
  place: Place.nullable(),
  attendees: z.array(NamedPerson),
  medium: z.enum(['in-person', 'remote']),
  /** Talks format when the report gives one. */
  format: z.enum(['direct', 'indirect', 'proximity']).optional(),
  title: z.string().min(1),
  /** Every mention of the event in the report. */
  mentions: z.array(TextSpan).default([]),
});
export type ProposedEvent = z.infer<typeof ProposedEvent>;

/** A statement as proposed by the extractor (src/ingest/types.ts StatementProposal without span and confidence). */
export const ProposedStatement = z.object({
  speaker: NamedPerson,
  party: Id.nullable(),
  parties: z.array(Id).default([]),
  attribution: AttributionKind,
  form: z.enum(['quote', 'paraphrase']),
  text: z.string().min(1),
  /** The stance cue as read (accepts, rejects, conditional, amends, optimistic, pessimistic, not-participating). */
  cue: z.enum(['accepts', 'rejects', 'conditional', 'amends', 'optimistic', 'pessimistic', 'not-participating']).nullable(),
  stance: Stance.nullable(),
  /** Provision numbers as read, in the numbering of the version the ingest used (the text on the table unless one was named). */
  provisions: z.array(z.string()).default([]),
  topics: z.array(z.string()).default([]),
  date: IsoDate.nullable(),
  dateSource: z.enum(['explicit', 'context', 'published']),
});
export type ProposedStatement = z.infer<typeof ProposedStatement>;

/** A reviewer's changes to an event proposal. `mergeInto`: a stored event id, or null to create a new event even when one matches. */
export const EventEdits = z.strictObject({
  kind: EventKind.optional(),
  status: EventStatus.optional(),
  title: z.string().min(1).optional(),
  start: IsoDate.optional(),
  end: IsoDate.nullable().optional(),
  approximate: z.boolean().optional(),
  place: Place.nullable().optional(),
  attendees: z.array(Attendee).optional(),
  note: z.string().optional(),
  mergeInto: Id.nullable().optional(),
});
export type EventEdits = z.infer<typeof EventEdits>;

/**
 * A reviewer's changes to a statement proposal. With `stance` and `provisions` (lineage ids) or
 * `document`, accepting also records the party's position(s), backed by the new evidence.
 */
export const StatementEdits = z.strictObject({
  speaker: z.string().min(1).optional(),
  onBehalfOf: Id.nullable().optional(),
  form: z.enum(['quote', 'paraphrase']).optional(),
  text: z.string().min(1).optional(),
  saidAt: IsoDate.optional(),
  attribution: AttributionKind.optional(),
  event: Id.nullable().optional(),
  stance: Stance.optional(),
  provisions: z.array(Id).optional(),
  document: Id.optional(),
  conditions: z.string().min(1).optional(),
  issue: z.string().min(1).optional(),
});
export type StatementEdits = z.infer<typeof StatementEdits>;

/** A reviewer's changes to a proposed new person: the id to create, name, aliases, party and post. */
export const PersonEdits = z.strictObject({
  id: Id.optional(),
  name: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  party: Id.nullable().optional(),
  post: z.string().min(1).optional(),
});
export type PersonEdits = z.infer<typeof PersonEdits>;

/** What a review decision wrote: when, by whom, and the entities created or merged into. */
export const ReviewOutcome = z.object({
  /** ISO 8601 date-time of the decision. */
  at: z.string().min(1),
  by: z.string().min(1),
  written: z
    .array(z.object({ kind: z.enum(['sources', 'persons', 'events', 'evidence', 'positions']), id: Id, action: z.enum(['created', 'merged']) }))
    .default([]),
});
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

const proposalBase = {
  /** 1-based number of the proposal within its report (events first, then statements, then persons). */
  n: z.number().int().positive(),
  span: TextSpan,
  /** Extractor's confidence, 0–1. */
  confidence: z.number().min(0).max(1),
  status: ReviewStatus.default('pending'),
  review: ReviewOutcome.optional(),
};

/** One proposal of an ingested report with its review state. */
export const ReportProposal = z.discriminatedUnion('type', [
  z.object({ ...proposalBase, type: z.literal('event'), proposed: ProposedEvent, edits: EventEdits.default({}) }),
  z.object({ ...proposalBase, type: z.literal('statement'), proposed: ProposedStatement, edits: StatementEdits.default({}) }),
  z.object({ ...proposalBase, type: z.literal('person'), proposed: NamedPerson, edits: PersonEdits.default({}) }),
]);
export type ReportProposal = z.infer<typeof ReportProposal>;

/**
 * A news report in the review queue: its text exactly as ingested (proposal spans index it), its
 * publication details, and the proposals read from it. Nothing reaches events, evidence, positions
 * or persons until a reviewer accepts a proposal; `sourceId` is the Source created on the first
 * acceptance and cited by everything accepted from the report.
 */
export const Report = z.object({
  id: Id,
  text: z.string(),
  /** Publication date `YYYY-MM-DD`; relative dates in the text were resolved against it. */
  published: IsoDate,
  outlet: z.string().min(1).optional(),
  url: WebUrl.optional(),
  /** Headline: the first line of the text. */
  title: z.string().optional(),
  sourceId: Id.optional(),
  proposals: z.array(ReportProposal).default([]),
  /** The extractor's notes on the input (HTML tags ignored, dateline mismatch…). */
  warnings: z.array(z.string()).default([]),
});
export type Report = z.infer<typeof Report>;

/**
 * A draft of the next version of a document, kept by the mediator's team (the one-text procedure):
 * the point tree being edited, with every lineage id it inherited from `basedOn`, autosaved until
 * it is tabled as an immutable version. Only the mediator's team sees it (`visibility`).
 */
export const Draft = z.object({
  id: Id,
  /** The document the draft will become a version of. */
  document: Id,
  /** The version it revises (absent: a first version). */
  basedOn: Id.optional(),
  /** Working title of the draft ("v3 after the Geneva critiques"). */
  title: z.string().min(1).optional(),
  provisions: z.array(Provision),
  /**
   * Splits and merges made in the editor, as alignment decisions against `basedOn` (lineage ids on
   * both sides): stored with the version when it is tabled, so the comparison shows them as such.
   */
  links: z.array(PairOverride).default([]),
  /** Amendments of critiques taken into the draft: which critique, which point, how. */
  folded: z
    .array(z.object({ critique: Id, provision: Id, how: z.enum(['accepted', 'bracketed']) }))
    .default([]),
  /** `open` while edited; `tabled` once it became the version `tabledAs` (then read-only). */
  status: z.enum(['open', 'tabled']).default('open'),
  tabledAs: Id.optional(),
  /** ISO 8601 date-time of the last save, and who saved it. */
  updatedAt: z.string().min(1),
  updatedBy: z.string().min(1).optional(),
  /** A draft is the mediator's team's alone. */
  visibility: z.literal('mediator-team').default('mediator-team'),
});
export type Draft = z.infer<typeof Draft>;

/** The stances a party may take on a point in a critique. */
export const CritiqueStance = z.enum(['accepts', 'accepts-with-conditions', 'proposes-alternative', 'rejects']);
export type CritiqueStance = z.infer<typeof CritiqueStance>;

/** A party's answer on one point of a tabled version. */
export const CritiqueAnswer = z.object({
  /** Lineage id of the point (or sub-point) in the critiqued version. */
  provision: Id,
  stance: CritiqueStance,
  /** The conditions of an `accepts-with-conditions`. */
  conditions: z.string().min(1).optional(),
  /**
   * The wording the party proposes for the whole point (an amendment, read as a word-level change
   * of the tabled wording, like a legislature's amendment).
   */
  amendment: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
  /** The position recorded for this answer on submission. */
  position: Id.optional(),
  /** The evidence item recorded for this answer on submission (the answer itself, as said by the party). */
  evidence: Id.optional(),
});
export type CritiqueAnswer = z.infer<typeof CritiqueAnswer>;

/**
 * A party delegation's critique of a tabled version, point by point. Confidential to the party and
 * the mediator's team (`{confidentialTo: party, sharedWith: mediator-team}`) unless the party
 * publishes it (`public`). Submitting records a position per answer, as of `submittedAt`, with the
 * answer as its evidence.
 */
export const Critique = z.object({
  id: Id,
  /** The tabled version answered. */
  version: Id,
  party: Id,
  answers: z.array(CritiqueAnswer).default([]),
  /** A covering note on the whole text. */
  note: z.string().min(1).optional(),
  /** `draft` while the delegation writes it; `submitted` once handed to the mediator. */
  status: z.enum(['draft', 'submitted']).default('draft'),
  /** Date of the (latest) submission: the positions' `asOf`. */
  submittedAt: IsoDate.optional(),
  /** ISO 8601 date-time of the last save, and who saved it. */
  updatedAt: z.string().min(1),
  updatedBy: z.string().min(1).optional(),
  visibility: Visibility,
});
export type Critique = z.infer<typeof Critique>;

/** Everything a process holds; the unit of bundle import/export. */
export interface ProcessData {
  process: Process;
  parties: Party[];
  persons: Person[];
  documents: Document[];
  versions: Version[];
  sources: Source[];
  evidence: Evidence[];
  positions: Position[];
  events: Event[];
  /** Negotiation domains (see src/analysis); opaque to the store. */
  domains: Record<string, unknown>[];
  /** Stored alignment decisions between versions; absent means none. */
  alignments?: Alignment[];
  /** Ingested news reports in the review queue; absent means none. */
  reports?: Report[];
  /** Drafts of next versions (the mediator's team's); absent means none. */
  drafts?: Draft[];
  /** Parties' critiques of tabled versions; absent means none. */
  critiques?: Critique[];
}

/**
 * A process holding nothing: every list empty, including `alignments` and `reports`; the optional
 * `drafts` and `critiques` absent (a process without any lists none). A fresh object each call.
 */
export function emptyProcessData(process: Process): ProcessData {
  return { process, parties: [], persons: [], documents: [], versions: [], sources: [], evidence: [], positions: [], events: [], domains: [], alignments: [], reports: [] };
}

/** Entity kinds stored per process, with their schema. */
export const ENTITY_SCHEMAS = {
  parties: Party,
  persons: Person,
  documents: Document,
  versions: Version,
  sources: Source,
  evidence: Evidence,
  positions: Position,
  events: Event,
  alignments: Alignment,
  reports: Report,
  drafts: Draft,
  critiques: Critique,
} as const;
export type EntityKind = keyof typeof ENTITY_SCHEMAS | 'domains';

/** Walk a provision tree depth-first, parents before children. */
export function* walkProvisions(ps: Provision[]): Generator<Provision> {
  for (const p of ps) {
    yield p;
    yield* walkProvisions(p.children);
  }
}
