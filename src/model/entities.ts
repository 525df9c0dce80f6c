/**
 * The entity type stored under each kind, and one entity of a write. Shared by the store (which
 * persists them), the services (which decide what to write) and the pure review planner of
 * ingestion (which proposes writes without doing I/O).
 */
import type { Alignment, Document, EntityKind, Event, Evidence, Party, Person, Position, Report, Source, Version } from './schemas.js';

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
}

/** One entity to write (e.g. with `Store.putMany`). */
export interface PutItem {
  kind: EntityKind;
  entity: EntityMap[EntityKind];
}
