/**
 * Shapes of report ingestion: what {@link extractReport} (./extract.ts) takes and proposes.
 *
 * Every proposal carries `span: [from, to]`, UTF-16 offsets into the report text as given (`to`
 * exclusive), so a reviewer can highlight the characters it was read from, and a `confidence` in [0, 1].
 * Dates are reduced-precision ISO 8601 (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, see src/model/dates.ts).
 */
import type { AttributionKind, EventKind, EventStatus, Party, Person, Place, Stance } from '../model/schemas.js';
import type { DatePrecision } from '../model/dates.js';
import type { ProposedParty } from './actors.js';

export type { ProposedParty };

/** A provision a statement may concern: its number as written, text and topic codes. */
export interface KnownProvision {
  lineage: string;
  num: string;
  text: string;
  topics: string[];
}

/** What the process already knows: persons and parties to match names against, optionally provisions. */
export interface KnownContext {
  parties: Party[];
  persons: Person[];
  /** Provisions of the text under negotiation; when absent, statements are tied to no provision. */
  provisions?: KnownProvision[];
}

/** The report to ingest. */
export interface ReportInput {
  /** Plain text (Markdown tolerated; HTML is detected and its tags ignored). */
  text: string;
  /** Publication date `YYYY-MM-DD`; relative dates ("on Tuesday") are resolved against it. */
  published: string;
  outlet?: string;
  url?: string;
}

/** A character range `[from, to)` into the report text. */
export type Span = [number, number];

/** Stance cue read from a statement; mapped to the model's {@link Stance} by {@link cueToStance}. */
export type StanceCue = 'accepts' | 'rejects' | 'conditional' | 'amends' | 'optimistic' | 'pessimistic' | 'not-participating';

/** A person or group at an event, or a speaker. */
export interface ProposedPerson {
  /** Known person id; absent for new persons and groups. */
  person?: string;
  /** Display name: the known person's name, or the name/phrase as written. */
  name: string;
  /** Party the person acts for, when known or inferred. */
  party?: string;
  /** `known` person, `new` person (named, not in the record: propose adding), `group` ("a Russian delegation", a post without a name). */
  kind: 'known' | 'new' | 'group';
  /** The title or post the report gives ("foreign minister", "Field Marshal"), when it gives one. */
  post?: string;
}

/** A proposed event. */
export interface EventProposal {
  kind: EventKind;
  status: EventStatus;
  /** Start date, null when the report gives none ("no date has been fixed"). */
  start: string | null;
  /** End date of a multi-day event or of an approximate range ("next week"). */
  end: string | null;
  precision: DatePrecision | null;
  /** True for ranges standing for one unknown day ("over the weekend", "next week"). */
  approximate: boolean;
  place: Place | null;
  attendees: ProposedPerson[];
  /** In person or remote (video call); phone calls are their own kind. */
  medium: 'in-person' | 'remote';
  /** For talks and meetings: direct, indirect (no face-to-face meeting) or proximity talks, when the report says. */
  format?: 'direct' | 'indirect' | 'proximity';
  /** Short human title ({@link eventTitle}), e.g. "Meeting of Smith and Jones in Oslo". */
  title: string;
  /** The main mention; `mentions` lists every mention merged into this proposal. */
  span: Span;
  mentions: Span[];
  confidence: number;
}

/** A proposed statement (evidence). */
export interface StatementProposal {
  speaker: ProposedPerson;
  /** Party the statement is made on behalf of (first of `parties`), or null when unknown. */
  party: string | null;
  parties: string[];
  attribution: AttributionKind;
  form: 'quote' | 'paraphrase';
  /** Quoted words when the statement quotes, else the sentence(s) as written. */
  text: string;
  cue: StanceCue | null;
  /** The model's stance for the cue (see {@link cueToStance}), null when there is no cue. */
  stance: Stance | null;
  /** Provision numbers concerned, by the numbering of `known.provisions` (none without them). */
  provisions: string[];
  /** Topic labels that led to `provisions` ("army cap", "territory"…). */
  topics: string[];
  date: string | null;
  /**
   * Index into the result's `events` of the event the statement was made at (./link.ts), or null.
   * Not kept in a queued report: the review recomputes it from the proposals (src/ingest/review.ts).
   */
  event?: number | null;
  /** Where the date came from: stated next to the attribution, the surrounding narrative, or the publication date. */
  dateSource: 'explicit' | 'context' | 'published';
  span: Span;
  confidence: number;
}

/** A note on the input or the result, with a stable code. */
export interface IngestWarning {
  code: 'empty' | 'html' | 'not_english' | 'partial_language' | 'no_body' | 'dateline_mismatch' | 'no_store' | 'furniture';
  message: string;
}

/** What {@link extractReport} returns. Nothing is written anywhere: these are proposals for review. */
export interface IngestResult {
  published: string;
  outlet?: string;
  url?: string;
  events: EventProposal[];
  statements: StatementProposal[];
  /** Persons named in the report that are not in the record, proposed for adding. */
  newPersons: ProposedPerson[];
  /** Parties (states, organisations) the proposals refer to that are not in the record, proposed for adding. */
  newParties: ProposedParty[];
  /** Language of the report as detected (ISO 639-1, e.g. `en`, `es`), or `und` when too short to tell. */
  language: string;
  warnings: IngestWarning[];
}

/** A resolved date expression found in the text. */
export interface DateMention {
  from: number;
  to: number;
  text: string;
  start: string;
  end: string | null;
  precision: DatePrecision;
  approximate: boolean;
  /** How it was read: an absolute date, a weekday, relative to the publication date, anchored to another date… */
  kind: 'absolute' | 'weekday' | 'relative' | 'anchored' | 'same-day' | 'week' | 'weekend' | 'range';
}

export type { Person, Party };
