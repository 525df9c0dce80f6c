/**
 * THE access policy of a team server: the one place that decides who may call which route, and which
 * items and fields each viewer may read or write.
 *
 * Two layers, both here:
 *
 * 1. A route gate ({@link Gate}): every route declares, in its own definition (`gate` of
 *    ./route-kit.ts, and the account routes of ./auth.ts), the roles that may call it at all; a
 *    route cannot be declared without one, and {@link passes} refuses an unknown gate (fail closed).
 * 2. A viewer's view of the store ({@link PolicyStore}): every handler of a team server receives,
 *    instead of the store, a view in which items the viewer may not read do not exist — lists, single
 *    reads, whole-process loads, exports, searches, counts, analysis inputs and error messages are
 *    therefore computed from visible data only — and fields that point at invisible items (a public
 *    position's `evidence` ids) are cut. Writes through the view are checked item by item.
 *
 * Visibility (PRODUCT.md, "Share safely"; the rule is src/model/visibility.ts): an item (a position, evidence, an event, a document, a draft, a critique) is `public`,
 * `mediator-team`, `{confidentialTo: P}`, `{confidentialTo: P, alsoVisibleTo: [Q…]}` or `{confidentialTo: P, sharedWith: mediator-team}`. A
 * confidential item is visible to P's party delegates, and to the mediator (or mediator staff) where
 * P has granted it (a grant record, src/store/accounts.ts) or where it is shared with the team (a
 * critique); a team item (a draft) to the mediator's team alone. Observers and auditors see the
 * public layer; the auditor also reads the audit log, filtered the same way. A version, its provisions
 * and what is about them (positions, alignments, critiques, drafts) take their document's visibility
 * ({@link concealedBy}); a visible item's references to hidden ones (a position's evidence, an
 * evidence item's event, an event's tabled versions) are cut.
 */
import { AccordError, idTaken, notFound } from '../model/errors.js';
import { ENTITY_KINDS, type EntityKind, type Evidence, type Position, type Process, type ProcessData, type Visibility } from '../model/schemas.js';
import type { Grant, Membership, Role } from '../store/accounts.js';
import { PART_KIND } from '../store/draft-parts.js';
import { type Concealed, MEDIATOR_TEAM, NOTHING_CONCEALED, concealedBy, concealedOf, cutConcealed, visibleTo } from '../model/visibility.js';
import type { AuditEntry, ChangeContext, EntityHead, EntityMap, EntityQuery, LogHead, Page, PutItem, Revisions, Store, Tagged, VerifyResult, WriteExpect, WriteResult } from '../store/store.js';
import { putByWrite, putManyByWrite } from '../store/store.js';

/** Who is calling, for the gate: a process role, `member-any` (signed in, no process in the path) or `anonymous`. */
export type Caller = Role | 'signed-in' | 'anonymous';

/** The roles allowed on a route: any caller, any signed-in user, or a list of process roles. */
export type Gate = 'anyone' | 'signed-in' | readonly Role[];

/** Every member of the process. */
export const ALL: readonly Role[] = ['mediator', 'mediator-staff', 'party-delegate', 'observer', 'auditor'];
/** The mediator's team: edit the public record. */
export const EDITORS: readonly Role[] = ['mediator', 'mediator-staff'];
/** The editors and party delegates (who write their own party's positions, evidence and sources). */
export const WRITERS: readonly Role[] = [...EDITORS, 'party-delegate'];
/** Nobody through the API (only the command line on the server). */
export const NOBODY: readonly Role[] = [];

/** Kinds whose items carry a visibility, written by the rules of {@link canWrite}. */
export const CONFIDENTIAL_KINDS: readonly EntityKind[] = ['positions', 'evidence', 'events', 'documents', 'drafts', 'critiques'];

/** Kinds whose items may be concealed by the document they belong to ({@link concealedBy}). */
const CONTAINED_KINDS: readonly EntityKind[] = ['versions', 'positions', 'alignments', 'critiques', 'drafts'];

/**
 * What a viewer cannot see that visible items may point at: evidence and events in layers it does
 * not see, and what hidden documents conceal (src/model/visibility.ts {@link Concealed}).
 */
export interface Hidden {
  evidence: ReadonlySet<string>;
  events: ReadonlySet<string>;
  concealed: Concealed;
}

/** Nothing hidden: a viewer of every layer, or a process without confidential items. */
export const NOTHING_HIDDEN: Hidden = { evidence: new Set(), events: new Set(), concealed: NOTHING_CONCEALED };

/** Whether `caller` passes `gate`. */
export function passes(gate: Gate | undefined, caller: Caller): boolean {
  if (gate === undefined) return false;
  if (gate === 'anyone') return true;
  if (gate === 'signed-in') return caller !== 'anonymous';
  return caller !== 'anonymous' && caller !== 'signed-in' && gate.includes(caller);
}

/** What one signed-in user may do in one process. */
export interface Access {
  user: string;
  /** Every membership of the user (for process lists). */
  memberships: Membership[];
  /** The process the request is about, when the path names one the user is a member of. */
  processId?: string;
  role?: Role;
  /** The party a delegate acts for. */
  party?: string;
  /**
   * Layers this viewer sees: its own party's (delegate); or the mediator's team's
   * ({@link MEDIATOR_TEAM}) and those of the parties that granted its role (mediator, mediator staff).
   */
  sees: string[];
}

/** Build the access of a user in `processId` from its memberships and the grants of that process. */
export function accessFor(user: string, memberships: Membership[], processId: string | undefined, grants: Grant[]): Access {
  const m = processId ? memberships.find((x) => x.processId === processId) : undefined;
  if (!m) return { user, memberships, sees: [] };
  const granted = grants.filter((g) => g.grantee === m.role).map((g) => g.party);
  const sees = m.role === 'party-delegate' ? [m.party!] : m.role === 'mediator' || m.role === 'mediator-staff' ? [MEDIATOR_TEAM, ...granted] : granted;
  return { user, memberships, processId, role: m.role, ...(m.party ? { party: m.party } : {}), sees };
}

/** How an item's visibility stands for a viewer. */
export type VisibilityClass = 'public' | 'own' | 'granted' | 'hidden';

/**
 * Classify a visibility for a viewer: public; the viewer's own layer (its party's, for a delegate;
 * the team's, for the mediator's team); readable by a grant or because a party shared it with the
 * team (`granted`); or hidden. Whether it is seen at all is the one rule of src/model/visibility.ts
 * over the layers the viewer sees ({@link Access.sees}); this only tells the seen kinds apart, for writes.
 */
export function classify(a: Pick<Access, 'role' | 'party' | 'sees'>, v: Visibility | undefined): VisibilityClass {
  if (visibleTo(v)) return 'public';
  if (!visibleTo(v, a.sees)) return 'hidden';
  if (v === 'mediator-team') return 'own';
  return a.role === 'party-delegate' && a.party === (v as { confidentialTo: string }).confidentialTo ? 'own' : 'granted';
}

/**
 * Whether the viewer may read an item of `kind`: any item carrying a visibility is judged by it, and
 * an item held by a hidden document is concealed with it (`concealed`, default nothing).
 */
export function canRead(a: Access, kind: string, item: unknown, concealed: Concealed = NOTHING_CONCEALED): boolean {
  return classify(a, (item as { visibility?: Visibility } | null)?.visibility) !== 'hidden' && !concealedBy(kind, item, concealed);
}

/** The party an item speaks for: a position's or critique's party, an evidence item's `onBehalfOf`. */
function attributedParty(kind: string, item: unknown): string | undefined {
  if (kind === 'positions') return (item as Position).party;
  if (kind === 'evidence') return (item as Evidence).onBehalfOf;
  if (kind === 'critiques') return (item as { party?: string }).party;
  return undefined;
}

/**
 * Whether the viewer may create/replace (`write`) or delete an item of `kind` with this content.
 * Mediator roles write the public layer and the team's own (drafts); a party's layer is theirs to
 * read (granted, or shared with the team), not to change, and a critique is its party's alone; the
 * mediator alone deletes; a delegate writes positions, evidence and critiques of its own party
 * (public, or in its party's layer), events of its party's layer, and sources; observers and
 * auditors write nothing.
 */
export function canWrite(a: Access, kind: string, item: unknown, op: 'write' | 'delete'): boolean {
  const role = a.role;
  if (!role || role === 'observer' || role === 'auditor') return false;
  if (op === 'delete' && role === 'mediator-staff') return false;
  if (CONFIDENTIAL_KINDS.includes(kind as EntityKind)) {
    const cls = classify(a, (item as { visibility?: Visibility }).visibility);
    // A delegation records its own back channels (events of its layer); the public record is the team's.
    if (role === 'party-delegate' && kind === 'events') return cls === 'own';
    if (role === 'party-delegate') return (cls === 'own' || cls === 'public') && attributedParty(kind, item) === a.party;
    if (kind === 'critiques') return false;
    return cls === 'public' || cls === 'own';
  }
  if (role === 'party-delegate') return kind === 'sources' && op === 'write';
  if (kind === 'versions' && op === 'delete') return false;
  return true;
}

/**
 * A negotiation domain as a viewer may read it: party profiles (src/analysis/domain.ts, each with a
 * `visibility`) confidential to a layer the viewer does not see are cut.
 */
export function redactDomain<T>(a: Pick<Access, 'role' | 'party' | 'sees'>, domain: T): T {
  const profiles = (domain as { profiles?: unknown }).profiles;
  if (!Array.isArray(profiles)) return domain;
  const kept = profiles.filter((p) => classify(a, (p as { visibility?: Visibility } | null)?.visibility) !== 'hidden');
  return kept.length === profiles.length ? domain : ({ ...domain, profiles: kept } as T);
}

/**
 * Cut, field by field, references to items the viewer may not see (a visible position's evidence ids,
 * an evidence item's event, an event's tabled versions and provisions of hidden documents) and, given
 * the viewer's access, a domain's profiles confidential to layers it does not see. Returns the same
 * object when nothing is cut.
 */
export function redactItem<T>(kind: string, item: T, hidden: Hidden, access?: Pick<Access, 'role' | 'party' | 'sees'>): T {
  if (kind === 'domains' && access) return redactDomain(access, item);
  if (kind === 'positions' && hidden.evidence.size) {
    const p = item as unknown as Position;
    if (p.evidence.some((e) => hidden.evidence.has(e))) return { ...p, evidence: p.evidence.filter((e) => !hidden.evidence.has(e)) } as T;
  }
  if (kind === 'evidence' && hidden.events.size) {
    const e = item as unknown as Evidence;
    if (e.event !== undefined && hidden.events.has(e.event)) {
      const { event: _e, ...rest } = e;
      return rest as T;
    }
  }
  return cutConcealed(kind, item, hidden.concealed);
}

/** Filtered views of loaded processes, by the loaded object and the access that filtered it (and the kinds it holds). */
const VIEWS = new WeakMap<ProcessData, Map<string, ProcessData>>();

const forbidden = (what: string) => new AccordError('forbidden', `your role does not allow ${what}`);

/**
 * The store as one viewer may see and change it. Reads return only what {@link canRead} allows, with
 * {@link redactItem} applied; an invisible item answers exactly like a missing one. Writes are
 * checked by {@link canWrite}; an update keeps any evidence ids the writer could not see.
 * Processes the user is not a member of do not exist in this view.
 */
export class PolicyStore implements Store {
  constructor(
    private readonly inner: Store,
    readonly access: Access,
  ) {}

  get dialect() {
    return this.inner.dialect;
  }

  private member(pid: string): boolean {
    return this.access.memberships.some((m) => m.processId === pid);
  }

  private inProcess(pid: string): void {
    if (!this.member(pid) || this.access.processId !== pid) throw notFound(`no process "${pid}" in the store`, { field: 'pid' });
  }

  /** Ids of the confidential items of `kind` in layers this viewer does not see. */
  private async hiddenIds(pid: string, kind: EntityKind): Promise<Set<string>> {
    const all = await this.inner.heads(pid, kind, { confidential: true });
    if (!all.length) return new Set();
    const seen = new Set((await this.inner.heads(pid, kind, { confidential: true, layers: this.access.sees })).map((h) => h.id));
    return new Set(all.filter((h) => !seen.has(h.id)).map((h) => h.id));
  }

  /**
   * What this viewer cannot see that visible items may point at ({@link Hidden}), and the ids of the
   * items of each contained kind that hidden documents conceal (for the queries' exclusions).
   */
  private hidden(pid: string): Promise<Hidden & { excluded: Map<EntityKind, string[]> }> {
    return this.inner.memo(pid, `${this.accessKey}\u0000hidden`, ['evidence', 'events', 'documents', ...CONTAINED_KINDS], async () => {
      const [evidence, events, documents] = await Promise.all([this.hiddenIds(pid, 'evidence'), this.hiddenIds(pid, 'events'), this.hiddenIds(pid, 'documents')]);
      const excluded = new Map<EntityKind, string[]>();
      if (!documents.size) return { evidence, events, concealed: NOTHING_CONCEALED, excluded };
      const concealed = concealedOf(documents, await this.inner.list(pid, 'versions'));
      for (const kind of CONTAINED_KINDS) {
        excluded.set(kind, kind === 'versions' ? [...concealed.versions] : (await this.inner.list(pid, kind)).filter((x) => concealedBy(kind, x, concealed)).map((x) => (x as { id: string }).id));
      }
      return { evidence, events, concealed, excluded };
    });
  }

  /** One key per distinct access (role, party, layers seen): what this viewer may see depends on nothing else. */
  private get accessKey(): string {
    return `${this.access.role}|${this.access.party ?? ''}|${[...this.access.sees].sort().join(',')}`;
  }

  /**
   * A query narrowed to what this viewer sees: the layers it sees, for kinds whose items carry a
   * visibility; without the items hidden documents conceal, for the kinds they hold.
   */
  private async restrict(pid: string, kind: EntityKind, q: EntityQuery): Promise<EntityQuery> {
    let out = q;
    if (CONFIDENTIAL_KINDS.includes(kind)) {
      const sees = this.access.sees;
      out = { ...out, layers: q.layers === undefined || q.layers === 'all' ? sees : q.layers.filter((l) => sees.includes(l)) };
    }
    if (CONTAINED_KINDS.includes(kind)) {
      const excluded = (await this.hidden(pid)).excluded.get(kind);
      if (excluded?.length) out = { ...out, exclude: [...(q.exclude ?? []), ...excluded] };
    }
    return out;
  }

  /** Items as this viewer reads them ({@link redactItem}). */
  private async redactAll<K extends EntityKind>(pid: string, kind: K, items: EntityMap[K][]): Promise<EntityMap[K][]> {
    if (kind === 'domains') return items.map((x) => redactDomain(this.access, x));
    if (!items.length) return items;
    const hidden = await this.hidden(pid);
    return items.map((x) => redactItem(kind, x, hidden));
  }

  async query<K extends EntityKind>(processId: string, kind: K, q: EntityQuery = {}): Promise<Page<EntityMap[K]>> {
    this.inProcess(processId);
    const page = await this.inner.query(processId, kind, await this.restrict(processId, kind, q));
    return { items: await this.redactAll(processId, kind, page.items), next: page.next };
  }

  async count(processId: string, kind: EntityKind, q: EntityQuery = {}): Promise<number> {
    this.inProcess(processId);
    return this.inner.count(processId, kind, await this.restrict(processId, kind, q));
  }

  async heads(processId: string, kind: EntityKind, q: EntityQuery = {}): Promise<EntityHead[]> {
    this.inProcess(processId);
    return this.inner.heads(processId, kind, await this.restrict(processId, kind, q));
  }

  async revisions(processId: string): Promise<Revisions> {
    this.inProcess(processId);
    return this.inner.revisions(processId);
  }

  /** Values computed for this viewer are kept apart from every other access's. */
  async memo<T>(processId: string, key: string, deps: readonly string[], compute: () => Promise<T>): Promise<T> {
    this.inProcess(processId);
    return this.inner.memo(processId, `${this.accessKey}\u0000${key}`, deps, compute);
  }

  async listProcesses(): Promise<Process[]> {
    return (await this.inner.listProcesses()).filter((p) => this.member(p.id));
  }

  async getProcess(id: string): Promise<Process | undefined> {
    return this.member(id) ? this.inner.getProcess(id) : undefined;
  }

  async importProcess(): Promise<void> {
    throw forbidden('importing a whole process (use `accord import` on the server)');
  }

  async deleteProcess(): Promise<void> {
    throw forbidden('deleting a process (use the command line on the server)');
  }

  async loadProcess(id: string): Promise<ProcessData> {
    this.inProcess(id);
    return this.viewOf(await this.inner.loadProcess(id));
  }

  async loadKinds(id: string, kinds: readonly EntityKind[]): Promise<ProcessData> {
    this.inProcess(id);
    // What the viewer may read of the loaded kinds depends on the items they point at (positions'
    // evidence, evidence's events, what a document holds): those kinds are loaded too.
    const need = new Set<EntityKind>(kinds);
    if (need.has('positions')) need.add('evidence');
    if (need.has('evidence')) need.add('events');
    if (CONTAINED_KINDS.some((k) => need.has(k)) || need.has('events') || need.has('documents')) need.add('documents').add('versions');
    return this.viewOf(await this.inner.loadKinds(id, [...need]), need.size === kinds.length ? undefined : kinds);
  }

  /**
   * The viewer's view of loaded data. A read cache below may hand out the same object to many
   * requests: its filtered views are kept beside it, one per distinct access, and never mutated.
   */
  private viewOf(full: ProcessData, kinds?: readonly EntityKind[]): ProcessData {
    const key = `${this.accessKey}\u0000${kinds?.join() ?? ''}`;
    let views = VIEWS.get(full);
    if (!views) VIEWS.set(full, (views = new Map()));
    const known = views.get(key);
    if (known) return known;
    const view = this.filterProcess(full, kinds);
    views.set(key, view);
    return view;
  }

  /**
   * `full` as this viewer sees it (only `kinds` of it, the others empty, when given): what it may
   * read of each kind is judged by the items they point at, which `full` holds.
   */
  private filterProcess(full: ProcessData, kinds?: readonly EntityKind[]): ProcessData {
    const a = this.access;
    const ids = (xs: { id: string }[] | undefined, hide: (x: { id: string }) => boolean) => new Set((xs ?? []).filter(hide).map((x) => x.id));
    const documents = ids(full.documents, (d) => !canRead(a, 'documents', d));
    const hidden: Hidden = {
      evidence: ids(full.evidence, (e) => !canRead(a, 'evidence', e)),
      events: ids(full.events, (e) => !canRead(a, 'events', e)),
      concealed: concealedOf(documents, full.versions ?? []),
    };
    const out = { ...full } as unknown as Record<string, unknown[]>;
    for (const k of ENTITY_KINDS) {
      out[k] = kinds && !kinds.includes(k) ? [] : (out[k] ?? []).filter((x) => canRead(a, k, x, hidden.concealed)).map((x) => redactItem(k, x, hidden, a));
    }
    return out as unknown as ProcessData;
  }

  async list<K extends EntityKind>(processId: string, kind: K): Promise<EntityMap[K][]> {
    this.inProcess(processId);
    const hidden = await this.hidden(processId);
    const items = (await this.inner.list(processId, kind)).filter((x) => canRead(this.access, kind, x, hidden.concealed));
    return items.map((x) => redactItem(kind, x, hidden, this.access));
  }

  async get<K extends EntityKind>(processId: string, kind: K, id: string): Promise<EntityMap[K] | undefined> {
    this.inProcess(processId);
    const x = await this.inner.get(processId, kind, id);
    if (!x) return undefined;
    const hidden = await this.hidden(processId);
    return canRead(this.access, kind, x, hidden.concealed) ? redactItem(kind, x, hidden, this.access) : undefined;
  }

  /**
   * Check a set of writes before any is made (a batch is refused as a whole): each must pass
   * {@link canWrite}, and none may land on an item the viewer cannot see. Items without an id are new.
   * `mode` is `update` for a replace (PUT) and `create` for creations and batches.
   */
  async checkWrites(processId: string, items: { kind: EntityKind; entity: Record<string, unknown> }[], mode: 'create' | 'update'): Promise<void> {
    this.inProcess(processId);
    for (const { kind, entity } of items) {
      const old = entity.id === undefined ? undefined : await this.inner.get(processId, kind, String(entity.id));
      // Replacing an invisible item: left to the handler, which cannot find it in this view and answers
      // exactly as for a missing one.
      if (mode === 'update' && old && !canRead(this.access, kind, old)) continue;
      this.checkWrite(kind, entity, old);
    }
  }

  private checkWrite(kind: EntityKind, entity: unknown, old: unknown): void {
    const id = String((entity as { id?: unknown }).id);
    if (old && !canRead(this.access, kind, old)) {
      // The same answer as for an id taken by an item the writer sees (src/model/errors.ts idTaken).
      throw idTaken(id);
    }
    if (!canWrite(this.access, kind, entity, 'write') || (old && !canWrite(this.access, kind, old, 'write'))) {
      throw forbidden(`writing this ${kind === 'evidence' ? 'evidence item' : kind.replace(/s$/, '')} as ${this.access.role}${this.access.party ? ` of ${this.access.party}` : ''}`);
    }
  }

  /** Check one write and return what to store (an update keeps the evidence ids the writer could not see). */
  private async prepare<K extends EntityKind>(processId: string, kind: K, entity: EntityMap[K]): Promise<EntityMap[K]> {
    const id = String((entity as { id: unknown }).id);
    const old = await this.inner.get(processId, kind, id);
    this.checkWrite(kind, entity, old);
    if (kind === 'domains' && old) {
      // Profiles the writer could not see, or reads only by a party's grant, stay as they were.
      const oldProfiles = ((old as { profiles?: unknown }).profiles ?? []) as { party?: string; visibility?: Visibility }[];
      const keep = Array.isArray(oldProfiles) ? oldProfiles.filter((p) => ['hidden', 'granted'].includes(classify(this.access, p?.visibility))) : [];
      if (keep.length) {
        const parties = new Set(keep.map((p) => p?.party));
        const mine = ((entity as { profiles?: unknown }).profiles ?? []) as { party?: string }[];
        return { ...entity, profiles: [...(Array.isArray(mine) ? mine.filter((p) => !parties.has(p?.party)) : []), ...keep] } as EntityMap[K];
      }
    }
    if (kind === 'positions' && old) {
      const hidden = (await this.hidden(processId)).evidence;
      const kept = (old as unknown as Position).evidence.filter((e) => hidden.has(e));
      if (kept.length) {
        const p = entity as unknown as Position;
        return { ...p, evidence: [...p.evidence.filter((e) => !hidden.has(e)), ...kept] } as unknown as EntityMap[K];
      }
    }
    return entity;
  }

  async getTagged<K extends EntityKind>(processId: string, kind: K, id: string): Promise<Tagged<EntityMap[K]> | undefined> {
    this.inProcess(processId);
    const x = await this.inner.getTagged(processId, kind, id);
    if (!x) return undefined;
    const entity = await this.get(processId, kind, id);
    return entity === undefined ? undefined : { entity, etag: x.etag };
  }

  // jscpd:ignore-start — the Store interface's signatures, as every store declares them; the rule is putByWrite's
  put<K extends EntityKind>(processId: string, kind: K, entity: EntityMap[K], ctx: ChangeContext, expect?: WriteExpect): Promise<'created' | 'updated'> {
    return putByWrite(this, processId, kind, entity, ctx, expect);
  }

  putMany(processId: string, items: PutItem[], ctx: ChangeContext): Promise<('created' | 'updated')[]> {
    return putManyByWrite(this, processId, items, ctx);
  }
  // jscpd:ignore-end

  /** Every item is checked before any is written; then one transaction below, each item under its own expectation. */
  async write(processId: string, items: PutItem[], ctx: ChangeContext): Promise<WriteResult[]> {
    this.inProcess(processId);
    const prepared: PutItem[] = [];
    for (const it of items) prepared.push({ ...it, entity: await this.prepare(processId, it.kind, it.entity) });
    return this.inner.write(processId, prepared, ctx);
  }

  async remove(processId: string, kind: EntityKind, id: string, ctx: ChangeContext, expect?: { etag: string }): Promise<void> {
    this.inProcess(processId);
    const old = await this.inner.get(processId, kind, id);
    if (!old || !canRead(this.access, kind, old)) throw notFound(`no ${kind} "${id}" in process "${processId}"`, { field: 'id' });
    if (!canWrite(this.access, kind, old, 'delete')) throw forbidden(`deleting this item as ${this.access.role}`);
    await this.inner.remove(processId, kind, id, ctx, expect);
  }

  /** The log's head is the administrator's (it counts entries of every layer). */
  async logHead(): Promise<LogHead> {
    throw forbidden('reading the audit log head (use `accord verify` on the server)');
  }

  /** The audit entries of the request's process this viewer may read ({@link visibleAudit}). */
  async audit(processId?: string): Promise<AuditEntry[]> {
    const pid = processId ?? this.access.processId;
    if (!pid) return [];
    this.inProcess(pid);
    return visibleAudit(this.access, await this.inner.audit(pid), await this.hidden(pid));
  }

  /** Integrity as this viewer may learn it: ok or not, without counts or names of entries it cannot see. */
  async verify(): Promise<VerifyResult> {
    const r = await this.inner.verify();
    return r.ok ? { ok: true, checked: { versions: 0, audit: 0 } } : { ok: false, checked: { versions: 0, audit: 0 }, firstBroken: 'the record fails its hash-chain check; an administrator can locate the entry with `accord verify` on the server' };
  }

  async close(): Promise<void> {
    /* the underlying store belongs to the server */
  }
}

/** An audit entry as a viewer reads it: no chain fields (their sequence would reveal hidden entries). */
export type AuditView = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/**
 * Audit entries a viewer may read: changes to items it can see (before and after), account changes,
 * and whole-process imports without their counts and digest (which would reveal hidden items).
 * Sequence numbers and hashes are dropped for the same reason; `accord verify` checks the chain.
 */
export function visibleAudit(a: Access, entries: AuditEntry[], hidden: Hidden): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const e of entries) {
    if ((ENTITY_KINDS as string[]).includes(e.kind) || e.kind === PART_KIND) {
      // A part of a draft (src/store/draft-parts.ts) carries the draft's visibility and document: judged as the draft is.
      const kind = e.kind === PART_KIND ? 'drafts' : e.kind;
      const c = hidden.concealed;
      if ((e.before != null && !canRead(a, kind, e.before, c)) || (e.after != null && !canRead(a, kind, e.after, c))) continue;
      out.push({ ...e, before: e.before == null ? e.before : redactItem(kind, e.before, hidden, a), after: e.after == null ? e.after : redactItem(kind, e.after, hidden, a) });
    } else if (e.kind === 'process') {
      out.push({ ...e, before: e.before == null ? null : { replaced: true }, after: e.after == null ? null : { imported: true } });
    } else {
      out.push(e);
    }
  }
  return out;
}

/** Strip the chain fields of audit entries for the API. */
export function auditViews(entries: AuditEntry[]): AuditView[] {
  return entries.map(({ seq: _s, prevHash: _p, hash: _h, ...rest }) => rest);
}
