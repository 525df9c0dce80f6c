/**
 * THE visibility rule of Accord (PRODUCT.md, "Share safely"), decided here and nowhere else. An item
 * (position, evidence, negotiation profile, draft, critique) is one of:
 *  - `public`;
 *  - `mediator-team`: the mediator's team only (a draft of the next version);
 *  - `{confidentialTo: P}`: party P's confidential layer (the mediator reads it only where P granted it);
 *  - `{confidentialTo: P, sharedWith: 'mediator-team'}`: P's layer and the mediator's team (a party's
 *    critique of a tabled text, addressed to the mediator, and the positions it recorded).
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
  return has(v.confidentialTo) || (v.sharedWith === 'mediator-team' && has(MEDIATOR_TEAM));
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
