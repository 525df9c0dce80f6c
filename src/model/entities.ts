/**
 * The entity type stored under each kind, and one entity of a write. Shared by the store (which
 * persists them), the services (which decide what to write) and the pure review planner of
 * ingestion (which proposes writes without doing I/O).
 */
import type { Alignment, Critique, Document, Draft, EntityKind, Event, Evidence, Party, Person, Position, Report, Source, Version } from './schemas.js';

/** The entity type stored under each kind. Domains are opaque JSON objects with an `id`. */
export interface EntityMap {
  parties: Party;
  persons: Person;
  documents: Document;
  versions: Version;
  sources: Source;
  evidence: Evidence;
  positions: Position;
  events: Event;
  domains: Record<string, unknown> & { id: string };
  alignments: Alignment;
  reports: Report;
  drafts: Draft;
  critiques: Critique;
}

/**
 * What a conditional write requires of the stored row, checked inside the write's transaction (so
 * that of two concurrent writers with the same expectation exactly one succeeds):
 * - `{absent: true}` — a create: the id must be free, else `conflict`;
 * - `{present: true}` — an update: the row must exist, else `not_found`;
 * - `{etag}` — HTTP `If-Match` semantics: the row must exist (`not_found`) and still carry this
 *   entity tag, else `precondition_failed` (someone changed it since it was read).
 */
export type WriteExpect = { absent: true } | { present: true } | { etag: string };

/** One entity to write (e.g. with `Store.putMany`), optionally conditional ({@link WriteExpect}). */
export interface PutItem {
  kind: EntityKind;
  entity: EntityMap[EntityKind];
  expect?: WriteExpect;
}
