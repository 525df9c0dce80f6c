/**
 * THE visibility rule of Accord (PRODUCT.md, "Share safely"), decided here and nowhere else: an item
 * (position, evidence, negotiation profile) is `public` or `{confidentialTo: P}`; a confidential item
 * is visible only to a viewer who sees P's layer. Which layers a viewer sees is {@link layersOf}:
 * every layer for the local single user; for a signed-in member, the layers the access policy
 * granted it (`sees`: a delegate's own party, the parties that granted a mediator role).
 * The access policy (src/server/policy.ts), the services and the analysis functions all ask
 * {@link visibleTo} / {@link visibleToViewer}.
 */
import type { Visibility } from './schemas.js';

/**
 * Who is asking. `local` is the single user of a workbench started on their own machine (the CLI,
 * `npm start`, `accord serve` without accounts): full access. `user` is a signed-in account: its role
 * in the process and, for a party delegate, its party; `sees` lists every party layer it may see.
 */
export type Viewer = { kind: 'local' } | { kind: 'user'; user: string; role: string; party?: string; sees?: string[] };

/** The local single user. */
export const LOCAL_VIEWER: Viewer = { kind: 'local' };

/** Party layers a viewer sees: `all` for the local user, else its `sees` (default: its own party). */
export function layersOf(viewer: Viewer): 'all' | readonly string[] {
  if (viewer.kind === 'local') return 'all';
  return viewer.sees ?? (viewer.party ? [viewer.party] : []);
}

/**
 * Whether an item of visibility `v` shows in a view of the given party layers: public items always;
 * a confidential item when its party's layer is among `layers` (a single party id, a list, or `all`).
 * `undefined` layers: the public layer only. Items without a visibility are public.
 */
export function visibleTo(v: Visibility | undefined, layers?: string | readonly string[] | 'all'): boolean {
  if (v === undefined || v === 'public') return true;
  if (layers === undefined) return false;
  if (layers === 'all') return true;
  return typeof layers === 'string' ? v.confidentialTo === layers : layers.includes(v.confidentialTo);
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
 * only); a mediator role may choose one of the layers granted to it.
 */
export function viewerPartyOf(viewer: Viewer, viewAs?: string): string | undefined {
  if (viewer.kind === 'local') return viewAs;
  return viewer.party ?? (viewAs !== undefined && viewer.sees?.includes(viewAs) ? viewAs : undefined);
}
