/**
 * The outline of a process: what every page of the workbench names without loading the record —
 * the process, its parties, the persons by name, the documents, every version without its text (in
 * date order, with its axes), the events in brief. A page asks for its own view (the matrix, one
 * text, the record…) and names things from the outline, instead of downloading the whole process.
 * Computed from the data the viewer may see (on a team server, the access policy's view).
 */
import { currentVersion } from '../../analysis/positions.js';
import { compareIsoDates } from '../../model/dates.js';
import type { Event, Party, ProcessData } from '../../model/schemas.js';
import { versionsByDate, type VersionRef } from './compare.js';

/** A version in the outline: its reference, what it revises, and its axes (chapters) by label. */
export interface OutlineVersion extends VersionRef {
  basedOn: string | null;
  note: string | null;
  /** True for the current single negotiating text (as of today). */
  current: boolean;
  /** The version's axes: lineage and label (`I. Sovereignty`). */
  axes: { lineage: string; label: string }[];
}

/** The outline of a process (see the module doc). */
export interface Outline {
  process: { id: string; name: string; description: string | null; singleText: string | null };
  parties: Party[];
  /** Persons by name, with their aliases (for pickers and for naming attendees and speakers). */
  persons: { id: string; name: string; aliases: string[] }[];
  documents: { id: string; title: string; kind: string; proponents: string[] }[];
  /** Every version in date order, without its provisions. */
  versions: OutlineVersion[];
  /** Events in date order, in brief (the record view has them in full). */
  events: Pick<Event, 'id' | 'title' | 'start' | 'status' | 'kind'>[];
}

/** The outline of loaded process data. */
export function outlineOf(data: ProcessData): Outline {
  const cur = currentVersion(data);
  const title = new Map(data.documents.map((d) => [d.id, d.title]));
  return {
    process: { id: data.process.id, name: data.process.name, description: data.process.description ?? null, singleText: data.process.singleText ?? null },
    parties: data.parties,
    persons: data.persons.map((p) => ({ id: p.id, name: p.name, aliases: p.aliases })),
    documents: data.documents.map((d) => ({ id: d.id, title: d.title, kind: d.kind, proponents: d.proponents })),
    versions: versionsByDate(data).map((v) => ({
      id: v.id,
      document: v.document,
      title: title.get(v.document) ?? v.document,
      label: v.label,
      date: v.date,
      proponents: v.proponents,
      basedOn: v.basedOn ?? null,
      note: v.note ?? null,
      current: v.id === cur?.id,
      axes: v.provisions.filter((p) => p.kind === 'axis').map((p) => ({ lineage: p.lineage, label: [p.num, p.heading].filter(Boolean).join('. ') })),
    })),
    events: data.events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => compareIsoDates(a.e.start, b.e.start) || a.i - b.i)
      .map(({ e }) => ({ id: e.id, title: e.title, start: e.start, status: e.status, kind: e.kind })),
  };
}
