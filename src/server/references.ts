/**
 * Cross-reference checks for entities written through the API: a position's party must exist, an
 * evidence item's sources must exist, an event's tabled versions must exist, and so on (the same
 * rules the bundle reader applies to a whole bundle, here for one entity or a batch). Deleting an
 * entity that others still refer to is refused with the referrers named.
 */
import type { ErrorDetail } from '../model/errors.js';
import { type EntityKind, type ProcessData, walkProvisions } from '../model/schemas.js';
import type { EntityMap } from '../store/store.js';

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
  /** Every provision lineage id of every version. */
  lineages: Set<string>;
}

/** Build the id index of a process. */
export function refIndex(data: ProcessData): RefIndex {
  const ids = (xs: { id: string }[]) => new Set(xs.map((x) => x.id));
  const lineages = new Set<string>();
  for (const v of data.versions) for (const p of walkProvisions(v.provisions)) lineages.add(p.lineage);
  return {
    parties: ids(data.parties),
    persons: ids(data.persons),
    documents: ids(data.documents),
    versions: ids(data.versions),
    sources: ids(data.sources),
    evidence: ids(data.evidence),
    positions: ids(data.positions),
    events: ids(data.events),
    domains: ids(data.domains as { id: string }[]),
    alignments: ids(data.alignments ?? []),
    reports: ids(data.reports ?? []),
    lineages,
  };
}

/** Add an entity about to be written to the index, so later items of a batch may refer to it. */
export function addToIndex(idx: RefIndex, kind: EntityKind, entity: { id: string }): void {
  idx[kind].add(entity.id);
  if (kind === 'versions') for (const p of walkProvisions((entity as EntityMap['versions']).provisions)) idx.lineages.add(p.lineage);
}

/**
 * Unknown references in one entity, as field-level problems (`party: unknown party "xx"`).
 * `prefix` is prepended to field paths (e.g. `positions[0].`).
 */
export function referenceProblems<K extends EntityKind>(kind: K, e: EntityMap[K], idx: RefIndex, prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const ref = (field: string, value: string | undefined, set: Set<string>, what: string) => {
    if (value !== undefined && !set.has(value)) out.push({ field: prefix + field, message: `unknown ${what} "${value}"` });
  };
  const vis = (v: unknown) => {
    if (v && typeof v === 'object' && 'confidentialTo' in v) ref('visibility.confidentialTo', (v as { confidentialTo: string }).confidentialTo, idx.parties, 'party');
  };
  switch (kind) {
    case 'persons': {
      const p = e as EntityMap['persons'];
      p.memberships.forEach((m, j) => ref(`memberships[${j}].onBehalfOf`, m.onBehalfOf, idx.parties, 'party'));
      break;
    }
    case 'documents': {
      const d = e as EntityMap['documents'];
      d.proponents.forEach((p, j) => ref(`proponents[${j}]`, p, idx.parties, 'party'));
      ref('amends', d.amends, idx.documents, 'document');
      break;
    }
    case 'alignments': {
      const a = e as EntityMap['alignments'];
      ref('from', a.from, idx.versions, 'version');
      ref('to', a.to, idx.versions, 'version');
      break;
    }
    case 'reports': {
      ref('sourceId', (e as EntityMap['reports']).sourceId, idx.sources, 'source');
      break;
    }
    case 'versions': {
      const v = e as EntityMap['versions'];
      ref('document', v.document, idx.documents, 'document');
      v.proponents.forEach((p, j) => ref(`proponents[${j}]`, p, idx.parties, 'party'));
      ref('basedOn', v.basedOn, idx.versions, 'version');
      break;
    }
    case 'evidence': {
      const x = e as EntityMap['evidence'];
      ref('onBehalfOf', x.onBehalfOf, idx.parties, 'party');
      x.sources.forEach((s, j) => ref(`sources[${j}]`, s, idx.sources, 'source'));
      ref('event', x.event, idx.events, 'event');
      vis(x.visibility);
      break;
    }
    case 'positions': {
      const p = e as EntityMap['positions'];
      ref('party', p.party, idx.parties, 'party');
      ref('provision', p.provision, idx.lineages, 'provision lineage');
      if (p.document !== undefined && !idx.documents.has(p.document) && !idx.versions.has(p.document)) {
        out.push({ field: prefix + 'document', message: `unknown document or version "${p.document}"` });
      }
      p.evidence.forEach((x, j) => ref(`evidence[${j}]`, x, idx.evidence, 'evidence'));
      vis(p.visibility);
      break;
    }
    case 'events': {
      const ev = e as EntityMap['events'];
      ev.attendees.forEach((a, j) => ref(`attendees[${j}].party`, a.party, idx.parties, 'party'));
      ev.tabled.forEach((v, j) => ref(`tabled[${j}]`, v, idx.versions, 'version'));
      ev.provisions.forEach((l, j) => ref(`provisions[${j}]`, l, idx.lineages, 'provision lineage'));
      ev.sources.forEach((s, j) => ref(`sources[${j}]`, s, idx.sources, 'source'));
      break;
    }
    default:
      break;
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
  const confidentialTo = (v: unknown) => (v && typeof v === 'object' && 'confidentialTo' in v ? (v as { confidentialTo: string }).confidentialTo : undefined);
  switch (kind) {
    case 'parties':
      data.persons.forEach((p) => hit('persons', p, p.memberships.some((m) => m.onBehalfOf === id)));
      data.documents.forEach((d) => hit('documents', d, d.proponents.includes(id)));
      data.versions.forEach((v) => hit('versions', v, v.proponents.includes(id)));
      data.evidence.forEach((e) => hit('evidence', e, e.onBehalfOf === id || confidentialTo(e.visibility) === id));
      data.positions.forEach((p) => hit('positions', p, p.party === id || confidentialTo(p.visibility) === id));
      data.events.forEach((e) => hit('events', e, e.attendees.some((a) => a.party === id)));
      break;
    case 'persons':
      data.evidence.forEach((e) => hit('evidence', e, e.speaker === id));
      data.events.forEach((e) => hit('events', e, e.attendees.some((a) => a.person === id)));
      break;
    case 'documents':
      data.documents.forEach((d) => hit('documents', d, d.amends === id));
      data.versions.forEach((v) => hit('versions', v, v.document === id));
      data.positions.forEach((p) => hit('positions', p, p.document === id));
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
    default:
      break;
  }
  return out;
}
