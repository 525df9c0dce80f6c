/**
 * The request context every route handler receives: a service context (the store — on a team
 * server the access policy's view of it —, the audit actor and the {@link Viewer}) plus the party
 * layer chosen for analysis results, a logger and the default process. Handlers pass it to the
 * services of src/services, which decide what the viewer may see with the one rule of
 * src/model/visibility.ts.
 */
import type { Logger } from 'pino';
import { type Viewer, viewerPartyOf } from '../model/visibility.js';
import type { ServiceContext } from '../services/context.js';

export type { Viewer };
export { viewerPartyOf };

/** Everything a handler may use besides its validated input. */
export interface RequestContext extends ServiceContext {
  /**
   * The party whose confidential layer the analysis functions may include (`viewerParty` of
   * src/analysis/positions.ts). Undefined: the public layer only.
   */
  viewerParty: string | undefined;
  log: Logger;
  /** The process the workbench opens by default (first in the store when not configured). */
  defaultProcess?: string;
}

/** The audit actor for a viewer. */
export function actorOf(viewer: Viewer): string {
  return viewer.kind === 'local' ? 'web:local' : `user:${viewer.user}`;
}
