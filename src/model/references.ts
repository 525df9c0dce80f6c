/**
 * THE reference-integrity rules of a process, pure: which fields of which entity kind name another
 * entity (a position's party and provision, an evidence item's sources and event, an event's tabled
 * versions…), checked against an id index ({@link RefIndex}); duplicate ids in a list; and the
 * entities that still refer to one (so that deleting it is refused). The bundle reader, the
 * services (API writes, versions, stances, CSV import) and the review planner of ingestion all ask
 * this module; problems carry the path inside the entity so that each caller can name the file,
 * line or request field.
 */
import type { EntityMap } from './entities.js';
import type { ErrorDetail } from './errors.js';
import { type EntityKind, type ProcessData, walkProvisions } from './schemas.js';
import { fieldPath } from './validation.js';
import { confidentialParty } from './visibility.js';

/** Id sets of a process, for reference look-ups. */
export interface RefIndex {
  parties: Set<string>;
  persons: Set<string>;
  documents: Set<string>;
  versions: Set<string>;
  sources: Set<string>;
  evidence: Set<string>;
  positions: Set<string>;
  events: Set<string>;
  domains: Set<string>;
  alignments: Set<string>;
  reports: Set<string>;
  drafts: Set<string>;
  critiques: Set<string>;
  /** Every provision lineage id of every version. */
  lineages: Set<string>;
}

/** One unknown reference: the path of the field inside the entity, and what is wrong. */
export interface RefProblem {
  path: (string | number)[];
  message: string;
}

/** Build the id index of a process (any subset of its lists; missing lists count as empty). */
export function refIndex(data: Partial<ProcessData>): RefIndex {
  const ids = (xs: { id: string }[] | undefined) => new Set((xs ?? []).map((x) => x.id));
  const lineages = new Set<string>();
  for (const v of data.versions ?? []) for (const p of walkProvisions(v.provisions)) lineages.add(p.lineage);
  return {
    parties: ids(data.parties),
    persons: ids(data.persons),
    documents: ids(data.documents),
    versions: ids(data.versions),
    sources: ids(data.sources),
    evidence: ids(data.evidence),
    positions: ids(data.positions),
    events: ids(data.events),
    domains: ids(data.domains as { id: string }[] | undefined),
    alignments: ids(data.alignments),
    reports: ids(data.reports),
    drafts: ids(data.drafts),
    critiques: ids(data.critiques),
    lineages,
  };
}

/** Add an entity about to be written to the index, so later items of a batch may refer to it. */
export function addToIndex(idx: RefIndex, kind: EntityKind, entity: { id: string }): void {
  idx[kind].add(entity.id);
  if (kind === 'versions') for (const p of walkProvisions((entity as EntityMap['versions']).provisions)) idx.lineages.add(p.lineage);
}

const confidentialTo = (v: Parameters<typeof confidentialParty>[0]): string | undefined => confidentialParty(v) ?? undefined;

/** Whether a visibility names party `id` (its owner's layer, or one it is also visible to). */
const namesParty = (v: Parameters<typeof confidentialParty>[0], id: string): boolean => confidentialTo(v) === id || (typeof v === 'object' && (v.alsoVisibleTo?.includes(id) ?? false));

/**
 * One reference an entity makes: the path of the field, what it names — an entity kind, a provision
 * lineage (of any version), or a document or version (a position's `document`) — and the id.
 */
export interface EntityReference {
  path: (string | number)[];
  target: EntityKind | 'lineage' | 'document-or-version';
  id: string;
}

/** The parties a visibility names: its owner and those it is also visible to. */
function visibilityRefs(ref: (path: (string | number)[], id: string | undefined, target: EntityReference['target']) => void, v: Parameters<typeof confidentialParty>[0]): void {
  ref(['visibility', 'confidentialTo'], confidentialTo(v), 'parties');
  if (typeof v === 'object') v.alsoVisibleTo?.forEach((p, j) => ref(['visibility', 'alsoVisibleTo', j], p, 'parties'));
}

/** Every reference one entity of `kind` makes, with the path of its field. */
export function entityReferences<K extends EntityKind>(kind: K, e: EntityMap[K]): EntityReference[] {
  const out: EntityReference[] = [];
  const ref = (path: (string | number)[], id: string | undefined, target: EntityReference['target']) => {
    if (id !== undefined) out.push({ path, target, id });
  };
  switch (kind) {
    case 'persons':
      (e as EntityMap['persons']).memberships.forEach((m, j) => ref(['memberships', j, 'onBehalfOf'], m.onBehalfOf, 'parties'));
      break;
    case 'documents': {
      const d = e as EntityMap['documents'];
      d.proponents.forEach((p, j) => ref(['proponents', j], p, 'parties'));
      ref(['amends'], d.amends, 'documents');
      visibilityRefs(ref, d.visibility);
      break;
    }
    case 'versions': {
      const v = e as EntityMap['versions'];
      ref(['document'], v.document, 'documents');
      v.proponents.forEach((p, j) => ref(['proponents', j], p, 'parties'));
      ref(['basedOn'], v.basedOn, 'versions');
      break;
    }
    case 'evidence': {
      const x = e as EntityMap['evidence'];
      ref(['onBehalfOf'], x.onBehalfOf, 'parties');
      x.sources.forEach((s, j) => ref(['sources', j], s, 'sources'));
      ref(['event'], x.event, 'events');
      ref(['critique'], x.critique, 'critiques');
      visibilityRefs(ref, x.visibility);
      break;
    }
    case 'positions': {
      const p = e as EntityMap['positions'];
      ref(['party'], p.party, 'parties');
      ref(['provision'], p.provision, 'lineage');
      ref(['document'], p.document, 'document-or-version');
      p.evidence.forEach((x, j) => ref(['evidence', j], x, 'evidence'));
      visibilityRefs(ref, p.visibility);
      break;
    }
    case 'events': {
      const ev = e as EntityMap['events'];
      ev.attendees.forEach((a, j) => ref(['attendees', j, 'party'], a.party, 'parties'));
      ev.tabled.forEach((v, j) => ref(['tabled', j], v, 'versions'));
      ev.provisions.forEach((l, j) => ref(['provisions', j], l, 'lineage'));
      ev.sources.forEach((s, j) => ref(['sources', j], s, 'sources'));
      visibilityRefs(ref, ev.visibility);
      break;
    }
    case 'alignments': {
      const a = e as EntityMap['alignments'];
      ref(['from'], a.from, 'versions');
      ref(['to'], a.to, 'versions');
      break;
    }
    case 'reports':
      ref(['sourceId'], (e as EntityMap['reports']).sourceId, 'sources');
      break;
    case 'drafts': {
      const d = e as EntityMap['drafts'];
      ref(['document'], d.document, 'documents');
      ref(['basedOn'], d.basedOn, 'versions');
      ref(['tabledAs'], d.tabledAs, 'versions');
      break;
    }
    case 'critiques': {
      const c = e as EntityMap['critiques'];
      ref(['version'], c.version, 'versions');
      ref(['party'], c.party, 'parties');
      visibilityRefs(ref, c.visibility);
      break;
    }
    default:
      break;
  }
  return out;
}

const WHAT: Record<string, string> = {
  parties: 'party',
  persons: 'person',
  documents: 'document',
  versions: 'version',
  sources: 'source',
  evidence: 'evidence',
  events: 'event',
  drafts: 'draft',
  critiques: 'critique',
  lineage: 'provision lineage',
  'document-or-version': 'document or version',
};

/** How a message names what a reference points at: `party`, `provision lineage`, `document or version`. */
export function targetName(target: EntityReference['target']): string {
  return WHAT[target] ?? target;
}

/** Whether `r` resolves in `idx`. */
export function resolves(r: EntityReference, idx: RefIndex): boolean {
  if (r.target === 'lineage') return idx.lineages.has(r.id);
  if (r.target === 'document-or-version') return idx.documents.has(r.id) || idx.versions.has(r.id);
  return idx[r.target].has(r.id);
}

/** Unknown references in one entity of `kind`, with the path of each offending field. */
export function entityRefProblems<K extends EntityKind>(kind: K, e: EntityMap[K], idx: RefIndex): RefProblem[] {
  return entityReferences(kind, e)
    .filter((r) => !resolves(r, idx))
    .map((r) => ({ path: r.path, message: `unknown ${targetName(r.target)} "${r.id}"` }));
}

/**
 * Unknown references in one entity as field-level problems (`party: unknown party "xx"`);
 * `prefix` is prepended to field paths (e.g. `positions[0].`).
 */
export function referenceProblems<K extends EntityKind>(kind: K, e: EntityMap[K], idx: RefIndex, prefix = ''): ErrorDetail[] {
  return entityRefProblems(kind, e, idx).map((p) => ({ field: prefix + fieldPath(p.path), message: p.message }));
}

/** Kinds in the order a whole process is checked (and written: referenced kinds first). */
export const CHECK_ORDER: EntityKind[] = ['parties', 'persons', 'documents', 'versions', 'sources', 'events', 'critiques', 'evidence', 'positions', 'domains', 'alignments', 'reports', 'drafts'];

/** One problem of a whole process: the list, the item's index in it, the path inside the item. */
export interface ProcessProblem extends RefProblem {
  kind: EntityKind;
  index: number;
}

/**
 * Every integrity problem of a whole process: duplicate ids within a list, unknown references of
 * every item, and an unknown single negotiating text (`kind` absent → the process itself).
 */
export function processProblems(data: ProcessData): (ProcessProblem | { kind: 'process'; index: -1; path: string[]; message: string })[] {
  const idx = refIndex(data);
  const out: (ProcessProblem | { kind: 'process'; index: -1; path: string[]; message: string })[] = [];
  for (const kind of CHECK_ORDER) {
    const list = ((data as unknown as Record<string, { id: string }[] | undefined>)[kind] ?? []) as { id: string }[];
    const seen = new Set<string>();
    list.forEach((e, index) => {
      if (seen.has(e.id)) out.push({ kind, index, path: ['id'], message: `duplicate id "${e.id}"` });
      seen.add(e.id);
      for (const p of entityRefProblems(kind, e as EntityMap[typeof kind], idx)) out.push({ kind, index, ...p });
    });
  }
  if (data.process.singleText !== undefined && !idx.documents.has(data.process.singleText)) {
    out.push({ kind: 'process', index: -1, path: ['singleText'], message: `unknown document "${data.process.singleText}"` });
  }
  return out;
}

/**
 * Entities that refer to `id` of `kind` (as `kind/id` strings), which a delete would leave dangling.
 * Speakers and attendees count when they name the person by id.
 */
export function referrersOf(data: ProcessData, kind: EntityKind, id: string): string[] {
  const out: string[] = [];
  const hit = (k: string, x: { id: string }, cond: boolean) => {
    if (cond) out.push(`${k}/${x.id}`);
  };
  switch (kind) {
    case 'parties':
      data.persons.forEach((p) => hit('persons', p, p.memberships.some((m) => m.onBehalfOf === id)));
      data.documents.forEach((d) => hit('documents', d, d.proponents.includes(id) || namesParty(d.visibility, id)));
      data.versions.forEach((v) => hit('versions', v, v.proponents.includes(id)));
      data.evidence.forEach((e) => hit('evidence', e, e.onBehalfOf === id || namesParty(e.visibility, id)));
      data.positions.forEach((p) => hit('positions', p, p.party === id || namesParty(p.visibility, id)));
      data.events.forEach((e) => hit('events', e, e.attendees.some((a) => a.party === id) || namesParty(e.visibility, id)));
      (data.critiques ?? []).forEach((c) => hit('critiques', c, c.party === id || namesParty(c.visibility, id)));
      break;
    case 'persons':
      data.evidence.forEach((e) => hit('evidence', e, e.speaker === id));
      data.events.forEach((e) => hit('events', e, e.attendees.some((a) => a.person === id)));
      break;
    case 'documents':
      data.documents.forEach((d) => hit('documents', d, d.amends === id));
      data.versions.forEach((v) => hit('versions', v, v.document === id));
      data.positions.forEach((p) => hit('positions', p, p.document === id));
      (data.drafts ?? []).forEach((d) => hit('drafts', d, d.document === id));
      break;
    case 'sources':
      data.evidence.forEach((e) => hit('evidence', e, e.sources.includes(id)));
      data.events.forEach((e) => hit('events', e, e.sources.includes(id)));
      (data.reports ?? []).forEach((r) => hit('reports', r, r.sourceId === id));
      break;
    case 'evidence':
      data.positions.forEach((p) => hit('positions', p, p.evidence.includes(id)));
      break;
    case 'events':
      data.evidence.forEach((e) => hit('evidence', e, e.event === id));
      break;
    case 'critiques':
      data.evidence.forEach((e) => hit('evidence', e, e.critique === id));
      break;
    default:
      break;
  }
  return out;
}
