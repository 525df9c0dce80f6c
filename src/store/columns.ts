/**
 * The query columns kept beside each entity's JSON (migration 0004 of ./migrations.ts), so that the
 * views and the list routes select, filter, order and page in SQL instead of loading a whole
 * process: the entity's date (first day and precision, see src/model/dates.ts), the party, person and
 * other entity it is filed under, its status and its confidential layer. Derived from the entity
 * alone, on every write and import, by {@link queryColumns}; the JSON stays the record.
 */
import { startOf } from '../model/dates.js';
import { MEDIATOR_TEAM } from '../model/visibility.js';

/** The query columns of one entity row; null where the kind has no such field. */
export interface QueryColumns {
  /** First day of the entity's date (`YYYY-MM-DD`, see {@link dateFieldOf}); `''` when it has none (sorts first). */
  at: string;
  /** Length of the date as written (4 year, 7 month, 10 day; 0 without one): coarser sorts before finer on one first day. */
  prec: number;
  /** First day of the last day an event runs (its `end`, else its `start`). */
  at_end: string | null;
  /** The party: a position's `party`, an evidence item's `onBehalfOf`. */
  party: string | null;
  /** The person: an evidence item's `speaker`. */
  person: string | null;
  /** The entity it is filed under: a position's `provision` (lineage), an evidence item's `event`, a version's `document`. */
  ref: string | null;
  /** An event's `status`. */
  status: string | null;
  /**
   * The layer that holds the item: the party of `visibility.confidentialTo`, or the mediator's team's
   * (src/model/visibility.ts `MEDIATOR_TEAM`) for a team-only item; null when public.
   */
  layer: string | null;
  /**
   * The other layers that hold it (src/model/visibility.ts `sharedLayers`: `alsoVisibleTo`, the
   * team's), written `|Q|R|` so that one layer is found by exact containment; null when none.
   */
  readers: string | null;
  /** What lists show of it: a version's `label`, an event's, document's or report's `title`. */
  label: string | null;
}

/** The date field of each kind that has one (what `at`/`prec` hold). */
const DATE_FIELD: Record<string, string> = {
  positions: 'asOf',
  evidence: 'saidAt',
  events: 'start',
  versions: 'date',
  sources: 'publishedAt',
  reports: 'published',
};

/** The field whose date `at` holds for `kind`, or undefined. */
export function dateFieldOf(kind: string): string | undefined {
  return DATE_FIELD[kind];
}

/** The `readers` column of a visibility of any shape (layers that are not strings are left out). */
function readersOf(v: unknown): string | null {
  if (!v || typeof v !== 'object') return null;
  const { alsoVisibleTo, sharedWith } = v as { alsoVisibleTo?: unknown; sharedWith?: unknown };
  const layers = [...(Array.isArray(alsoVisibleTo) ? alsoVisibleTo.filter((x): x is string => typeof x === 'string' && x !== '') : []), ...(sharedWith === 'mediator-team' ? [MEDIATOR_TEAM] : [])];
  return layers.length ? `|${layers.join('|')}|` : null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const day = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? startOf(v) : null);

/** The query columns of an entity of `kind` (any shape: fields that are not strings give null). */
export function queryColumns(kind: string, entity: unknown): QueryColumns {
  const e = (entity ?? {}) as Record<string, unknown>;
  const field = DATE_FIELD[kind];
  const date = field ? e[field] : undefined;
  const at = day(date);
  const vis = e.visibility as { confidentialTo?: unknown } | 'mediator-team' | undefined;
  return {
    at: at ?? '',
    prec: at ? (date as string).length : 0,
    at_end: kind === 'events' ? (day(e.end) ?? at) : null,
    party: kind === 'positions' ? str(e.party) : kind === 'evidence' ? str(e.onBehalfOf) : null,
    person: kind === 'evidence' ? str(e.speaker) : null,
    ref: kind === 'positions' ? str(e.provision) : kind === 'evidence' ? str(e.event) : kind === 'versions' ? str(e.document) : null,
    status: kind === 'events' ? str(e.status) : null,
    layer: vis === 'mediator-team' ? MEDIATOR_TEAM : vis && typeof vis === 'object' ? str(vis.confidentialTo) : null,
    readers: readersOf(e.visibility),
    label: kind === 'versions' ? str(e.label) : kind === 'events' || kind === 'documents' || kind === 'reports' ? str(e.title) : null,
  };
}
