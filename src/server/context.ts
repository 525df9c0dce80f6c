/**
 * The request context every route handler receives: who is asking (the {@link Viewer}), the store,
 * the actor written to the audit log and a logger. The access policy of issue 7 plugs in here: it
 * supplies a viewer per request (accounts, roles, the party a delegate acts for) and wraps handlers;
 * handlers themselves only ever ask {@link viewerPartyOf} / {@link canSeeAll} and
 * {@link filterVisible} what they may show.
 */
import type { Logger } from 'pino';
import type { Visibility } from '../model/schemas.js';
import { visibleTo } from '../analysis/positions.js';
import type { Store } from '../store/store.js';

/**
 * Who is asking. `local` is the single user of a workbench started on their own machine
 * (`npm start`, `accord serve`): full access. `user` is a signed-in account (issue 7): its role in the
 * process and, for a party delegate, the party whose confidential layer it may see; `sees` lists every
 * party layer the viewer may see (its own, or those granted to a mediator role).
 */
export type Viewer =
  | { kind: 'local' }
  | { kind: 'user'; user: string; role: string; party?: string; sees?: string[] };

/** Everything a handler may use besides its validated input. */
export interface RequestContext {
  viewer: Viewer;
  /**
   * The party whose confidential layer the analysis functions may include (`viewerParty` of
   * src/analysis/positions.ts). Undefined: the public layer only.
   */
  viewerParty: string | undefined;
  store: Store;
  /** Recorded as the actor of every change in the audit log (`web:local`, `user:<name>`). */
  actor: string;
  log: Logger;
  /** The process the workbench opens by default (first in the store when not configured). */
  defaultProcess?: string;
}

/** True when the viewer may see every layer of raw entity lists (the local single user). */
export function canSeeAll(viewer: Viewer): boolean {
  return viewer.kind === 'local';
}

/**
 * The confidential layer a viewer sees in analysis results: a signed-in party delegate sees their
 * party's layer; the local user chooses one with `?viewAs=<party>` (default: public only).
 */
export function viewerPartyOf(viewer: Viewer, viewAs?: string): string | undefined {
  if (viewer.kind === 'local') return viewAs;
  // A mediator role may choose, with ?viewAs, one of the layers parties granted it (src/server/policy.ts).
  return viewer.party ?? (viewAs !== undefined && viewer.sees?.includes(viewAs) ? viewAs : undefined);
}

/** The audit actor for a viewer. */
export function actorOf(viewer: Viewer): string {
  return viewer.kind === 'local' ? 'web:local' : `user:${viewer.user}`;
}

/**
 * Items a viewer may see in a raw entity list: everything for the local user, otherwise only items
 * whose `visibility` is public or confidential to a party whose layer the viewer sees (`sees`, set
 * by the access policy; default the viewer's own party). Items without a visibility field are public.
 */
export function filterVisible<T>(ctx: Pick<RequestContext, 'viewer'>, items: T[]): T[] {
  if (canSeeAll(ctx.viewer)) return items;
  const v = ctx.viewer;
  const sees = v.kind === 'user' ? (v.sees ?? (v.party ? [v.party] : [])) : [];
  return items.filter((x) => sees.some((p) => visibleTo((x as { visibility?: Visibility }).visibility, p)) || visibleTo((x as { visibility?: Visibility }).visibility, undefined));
}
