/**
 * THE visibility rule of Accord (PRODUCT.md, "Share safely"), decided here and nowhere else. An item
 * (position, evidence, negotiation profile, draft, critique) is one of:
 *  - `public`;
 *  - `mediator-team`: the mediator's team only (a draft of the next version);
 *  - `{confidentialTo: P}`: party P's confidential layer (the mediator reads it only where P granted it);
 *  - `{confidentialTo: P, sharedWith: 'mediator-team'}`: P's layer and the mediator's team (a party's
 *    critique of a tabled text, addressed to the mediator, and the positions it recorded);
 *  - `{confidentialTo: P, alsoVisibleTo: [Q, …]}`: P's layer and those of Q, … (an exchange between
 *    some delegations, hidden from the others). The item lies in each listed party's layer, so
 *    whoever sees Q's layer (Q's delegates, a mediator role Q granted its layer) sees it too.
 * Items held by others take their holder's visibility ({@link concealedBy}): a version, its
 * provisions and whatever is about them are seen only by who sees the version's document.
 * A viewer sees a set of **layers** ({@link layersOf}): every layer for the local single user; for a
 * signed-in member, the layers the access policy gave it (`sees`: a delegate's own party; for the
 * mediator's roles the team layer {@link MEDIATOR_TEAM} and the parties that granted the role).
 * The access policy (src/server/policy.ts), the services and the analysis functions all ask
 * {@link visibleTo} / {@link visibleToViewer}.
 */
import type { Visibility } from './schemas.js';

/**
 * Name of the mediator's team's layer among a viewer's layers. It can never be a party id (ids start
 * with a letter or digit), so no party's delegates can be given it by naming a party so.
 */
export const MEDIATOR_TEAM = '@mediator-team';

/**
 * Who is asking. `local` is the single user of a workbench started on their own machine (the CLI,
 * `npm start`, `accord serve` without accounts): full access. `user` is a signed-in account: its role
 * in the process and, for a party delegate, its party; `sees` lists every layer it may see (party
 * ids, and {@link MEDIATOR_TEAM} for the mediator's team).
 */
export type Viewer = { kind: 'local' } | { kind: 'user'; user: string; role: string; party?: string; sees?: string[] };

/** The local single user. */
export const LOCAL_VIEWER: Viewer = { kind: 'local' };

/** Layers a viewer sees: `all` for the local user, else its `sees` (default: its own party). */
export function layersOf(viewer: Viewer): 'all' | readonly string[] {
  if (viewer.kind === 'local') return 'all';
  return viewer.sees ?? (viewer.party ? [viewer.party] : []);
}

/** The party whose confidential layer holds an item (null for public and team-only items). */
export function confidentialParty(v: Visibility | undefined): string | null {
  return v !== undefined && typeof v === 'object' ? v.confidentialTo : null;
}

/** Whether an item of visibility `v` is also addressed to the mediator's team (team-only items and shared party items). */
export function sharedWithMediator(v: Visibility | undefined): boolean {
  return v === 'mediator-team' || (v !== undefined && typeof v === 'object' && v.sharedWith === 'mediator-team');
}

/**
 * Whether an item of visibility `v` shows in a view of the given layers: public items always; a
 * team-only item when the layers include {@link MEDIATOR_TEAM}; a party's item when the layers
 * include that party, or include the team layer and the item is shared with the team. `layers`: one
 * layer, a list, or `all`; `undefined`: the public layer only. Items without a visibility are public.
 */
export function visibleTo(v: Visibility | undefined, layers?: string | readonly string[] | 'all'): boolean {
  if (v === undefined || v === 'public') return true;
  if (layers === undefined) return false;
  if (layers === 'all') return true;
  const has = (l: string) => (typeof layers === 'string' ? layers === l : layers.includes(l));
  if (v === 'mediator-team') return has(MEDIATOR_TEAM);
  return has(v.confidentialTo) || (v.sharedWith === 'mediator-team' && has(MEDIATOR_TEAM)) || (v.alsoVisibleTo?.some(has) ?? false);
}

/**
 * The layers besides its owner's that hold an item of visibility `v`: the parties of
 * `alsoVisibleTo` and {@link MEDIATOR_TEAM} when it is shared with the team; empty for public and
 * team-only items. With {@link confidentialParty}, every layer from which {@link visibleTo} sees it.
 */
export function sharedLayers(v: Visibility | undefined): string[] {
  if (v === undefined || typeof v !== 'object') return [];
  return [...(v.alsoVisibleTo ?? []), ...(v.sharedWith === 'mediator-team' ? [MEDIATOR_TEAM] : [])];
}

/**
 * What a viewer cannot see of the documents of a process, from which it follows what else it cannot
 * see ({@link concealedBy}): the documents whose visibility hides them, their versions, and the
 * provision lineages found in those versions only (a lineage also in a visible version stays seen).
 */
export interface Concealed {
  documents: ReadonlySet<string>;
  versions: ReadonlySet<string>;
  lineages: ReadonlySet<string>;
}

/** Nothing concealed (no confidential document, or a viewer that sees them all). */
export const NOTHING_CONCEALED: Concealed = { documents: new Set(), versions: new Set(), lineages: new Set() };

/** Lineage ids of a version's provisions, sub-provisions included. */
function lineagesOf(v: { provisions?: readonly unknown[] }, out: Set<string>): Set<string> {
  const walk = (ps: readonly unknown[] | undefined) => {
    for (const p of ps ?? []) {
      const x = p as { lineage?: unknown; children?: readonly unknown[] };
      if (typeof x.lineage === 'string') out.add(x.lineage);
      walk(x.children);
    }
  };
  walk(v.provisions);
  return out;
}

/**
 * What of the documents `hiddenDocuments` hides: those documents, the versions filed under them
 * (`versions`: every version, or at least those of hidden documents and those sharing lineages with
 * them) and the lineages no visible version holds.
 */
export function concealedOf(hiddenDocuments: ReadonlySet<string>, versions: readonly { id: string; document: string; provisions?: readonly unknown[] }[]): Concealed {
  if (!hiddenDocuments.size) return NOTHING_CONCEALED;
  const hiddenVersions = new Set<string>();
  const hiddenLineages = new Set<string>();
  const seenLineages = new Set<string>();
  for (const v of versions) {
    if (hiddenDocuments.has(v.document)) {
      hiddenVersions.add(v.id);
      lineagesOf(v, hiddenLineages);
    } else lineagesOf(v, seenLineages);
  }
  for (const l of seenLineages) hiddenLineages.delete(l);
  return { documents: hiddenDocuments, versions: hiddenVersions, lineages: hiddenLineages };
}

/**
 * Whether an item of `kind` is concealed because what holds it is ({@link Concealed}): a version of
 * a hidden document; a position about a hidden document or version or on a hidden lineage; an
 * alignment, critique or draft of a hidden version or document. (Events keep their own visibility;
 * their references to hidden versions and lineages are cut instead, see {@link cutConcealed}.)
 */
export function concealedBy(kind: string, item: unknown, c: Concealed): boolean {
  if (!c.documents.size) return false;
  const x = (item ?? {}) as Record<string, unknown>;
  const inDocs = (id: unknown) => typeof id === 'string' && (c.documents.has(id) || c.versions.has(id));
  switch (kind) {
    case 'documents':
      return c.documents.has(String(x.id));
    case 'versions':
      return inDocs(x.document) || c.versions.has(String(x.id));
    case 'positions':
      return inDocs(x.document) || (typeof x.provision === 'string' && c.lineages.has(x.provision));
    case 'alignments':
      return inDocs(x.from) || inDocs(x.to);
    case 'critiques':
      return inDocs(x.version);
    case 'drafts':
      return inDocs(x.document) || inDocs(x.basedOn) || inDocs(x.tabledAs);
    default:
      return false;
  }
}

/**
 * An item with its references to concealed things cut (an event's tabled versions and provision
 * lineages, a document's `amends`): the same object when there is nothing to cut.
 */
export function cutConcealed<T>(kind: string, item: T, c: Concealed): T {
  if (!c.documents.size) return item;
  if (kind === 'events') {
    const e = item as unknown as { tabled?: string[]; provisions?: string[] };
    const tabled = (e.tabled ?? []).filter((v) => !c.versions.has(v));
    const provisions = (e.provisions ?? []).filter((l) => !c.lineages.has(l));
    if (tabled.length === (e.tabled ?? []).length && provisions.length === (e.provisions ?? []).length) return item;
    return { ...item, tabled, provisions };
  }
  if (kind === 'documents') {
    const d = item as unknown as { amends?: string };
    if (d.amends !== undefined && c.documents.has(d.amends)) {
      const { amends: _a, ...rest } = d;
      return rest as T;
    }
  }
  if (kind === 'versions') {
    const v = item as unknown as { basedOn?: string };
    if (v.basedOn !== undefined && c.versions.has(v.basedOn)) {
      const { basedOn: _b, ...rest } = v;
      return rest as T;
    }
  }
  return item;
}

/** Whether `viewer` may see an item of visibility `v` in raw data (lists, reads, exports). */
export function visibleToViewer(viewer: Viewer, v: Visibility | undefined): boolean {
  return visibleTo(v, layersOf(viewer));
}

/** The items of a list `viewer` may see (items without a `visibility` field are public). */
export function filterVisible<T>(viewer: Viewer, items: T[]): T[] {
  const layers = layersOf(viewer);
  if (layers === 'all') return items;
  return items.filter((x) => visibleTo((x as { visibility?: Visibility }).visibility, layers));
}

/**
 * The confidential layer a viewer sees in analysis results (matrix, status, briefing): a signed-in
 * party delegate sees its party's layer; the local user chooses one with `viewAs` (default: public
 * only); a mediator role may choose one of the layers it sees (a granted party's, or the team's
 * {@link MEDIATOR_TEAM}: what the parties shared with the mediator).
 */
export function viewerPartyOf(viewer: Viewer, viewAs?: string): string | undefined {
  if (viewer.kind === 'local') return viewAs;
  return viewer.party ?? (viewAs !== undefined && viewer.sees?.includes(viewAs) ? viewAs : undefined);
}
