/**
 * The layer a reader sees: which party's confidential items (if any) are shown to the viewer of a
 * service call. Kept apart from the stance service so light readers (`accord status`) can check a
 * `viewAs` without loading the alignment and CSV code that module needs.
 */
import { AccordError } from '../model/errors.js';
import type { ProcessData } from '../model/schemas.js';
import { MEDIATOR_TEAM, viewerPartyOf } from '../model/visibility.js';
import type { ServiceContext } from './context.js';

/**
 * Check `viewAs` names a party of the process (local user) and return the layer the viewer sees.
 * @throws AccordError `invalid_input` (field `viewAs`) for a party the process does not have.
 */
export function layerOf(ctx: ServiceContext, data: Pick<ProcessData, 'parties'>, viewAs: string | undefined): string | undefined {
  if (viewAs !== undefined && viewAs !== MEDIATOR_TEAM && ctx.viewer.kind === 'local' && !data.parties.some((p) => p.id === viewAs)) {
    throw new AccordError('invalid_input', `unknown party "${viewAs}"`, { field: 'viewAs' });
  }
  return viewerPartyOf(ctx.viewer, viewAs);
}
