/**
 * Every route of the HTTP API in ONE table ({@link ROUTES}), assembled from the route modules of
 * ./routes/ (one per concern: service, entities and processes, positions and the record, texts and
 * analysis views, the review queue). The Hono app (./app.ts) and the OpenAPI document
 * (./openapi.ts) are both built from it, so a test can enumerate every route, and the access policy
 * reads each route's own gate and wraps every handler (`createApp({ wrap })`). Routes are declared
 * with the kit of ./route-kit.ts; handlers are thin adapters over src/services.
 *
 * Shape: JSON in and out under `/api`; entities of a process under `/api/processes/:pid/<kind>`
 * (list, read, create, update, delete; versions are immutable: list, read, create only); queries
 * and views; errors as `{"error":{"code","message","field?","details?"}}` with the status of
 * src/model/errors.ts.
 */
import { z } from 'zod';
import { ChangesInput, CritiqueInput, CritiqueUpdate, DraftEdits, DraftInput, entityInput, FoldInput, ProcessInput, SINGULAR, StanceInput, SubmitInput, TableInput, VersionTextInput } from '../model/inputs.js';
import { ENTITY_SCHEMAS, Id, Process } from '../model/schemas.js';
import { AcceptBody, ACCOUNT_ROUTES, LoginBody } from './account-routes.js';
import { buildOpenApi } from './openapi.js';
import type { Route } from './route-kit.js';
import { entityTableRoutes } from './routes/entities.js';
import { queryRoutes } from './routes/queries.js';
import { reportRoutes } from './routes/reports.js';
import { serviceRoutes } from './routes/service.js';
import { CompareDecisions, viewRoutes } from './routes/views.js';
import { onetextRoutes } from './routes/onetext.js';

export { BinaryReply, JsonReply, type Route, type RouteDef, TextReply } from './route-kit.js';

/** The error body every failure returns. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('stable code, see src/model/errors.ts ERROR_CODES'),
    message: z.string(),
    field: z.string().optional().describe('the offending field, e.g. "party" or "positions[0].asOf"'),
    details: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
  }),
});

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Component schemas of the OpenAPI document, by name. */
export const COMPONENTS: Record<string, z.ZodType> = {
  Process,
  ...Object.fromEntries(
    (Object.keys(ENTITY_SCHEMAS) as (keyof typeof ENTITY_SCHEMAS)[]).flatMap((k) => [
      [cap(SINGULAR[k]), ENTITY_SCHEMAS[k]],
      [`${cap(SINGULAR[k])}Input`, entityInput(k)],
    ]),
  ),
  Domain: z.looseObject({ id: Id }),
  DomainInput: entityInput('domains'),
  Changes: ChangesInput,
  ProcessImport: ProcessInput,
  StanceInput,
  VersionTextInput,
  DraftInput,
  DraftEdits,
  TableInput,
  FoldInput,
  CritiqueInput,
  CritiqueUpdate,
  SubmitInput,
  CompareDecisions,
  LoginBody,
  AcceptBody,
  Error: ErrorBody,
};

/** Every route of the API. Build the app with `createApp` (./app.ts); never register routes elsewhere. */
export const ROUTES: Route[] = [...serviceRoutes(() => openApiDocument()), ...entityTableRoutes(), ...reportRoutes(), ...queryRoutes(), ...viewRoutes(), ...onetextRoutes()];

let cachedDoc: unknown;
/** The OpenAPI 3.1 document of {@link ROUTES} and of the team server's account routes (built once). */
export function openApiDocument(): unknown {
  cachedDoc ??= buildOpenApi([...ROUTES, ...ACCOUNT_ROUTES], COMPONENTS);
  return cachedDoc;
}
