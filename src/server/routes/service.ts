/** Routes of the service itself: liveness, the OpenAPI document, the controlled vocabularies. */
import { STANCE_LABEL, STANCE_SYMBOL } from '../../analysis/positions.js';
import { AttributionKind, DocumentKind, EventKind, EventStatus, ProcessRole, Stance, TextStatus } from '../../model/schemas.js';
import { NoQuery, type Route, route } from '../route-kit.js';

/** The service routes; `openApi` answers the document (built by ../routes.ts from the whole table). */
export function serviceRoutes(openApi: () => unknown): Route[] {
  return [
    route({
      method: 'GET',
      path: '/api/health',
      gate: 'anyone',
      action: 'read',
      resource: 'service',
      summary: 'Liveness, the default process of this workbench, and whether it has accounts (a team server)',
      query: NoQuery,
      response: { status: 200, description: '`{ok, dialect, defaultProcess, accounts}`: `accounts` false on a local workbench (no sign-in, no /api/session)' },
      async handler(ctx) {
        return {
          ok: true,
          dialect: ctx.store.dialect,
          defaultProcess: ctx.defaultProcess ?? (await ctx.store.listProcesses())[0]?.id ?? null,
          accounts: ctx.viewer.kind !== 'local',
        };
      },
    }),
    route({
      method: 'GET',
      path: '/api/openapi.json',
      gate: 'anyone',
      action: 'read',
      resource: 'service',
      summary: 'This API as an OpenAPI 3.1 document',
      query: NoQuery,
      response: { status: 200, description: 'OpenAPI 3.1 document' },
      handler: async () => openApi(),
    }),
    route({
      method: 'GET',
      path: '/api/vocabulary',
      gate: 'anyone',
      action: 'read',
      resource: 'service',
      summary: 'The controlled vocabularies (stances with symbols and labels, event statuses, attributions…) for clients',
      query: NoQuery,
      response: { status: 200, description: 'vocabularies by name' },
      handler: async () => ({
        stances: Stance.options.map((s) => ({ value: s, label: STANCE_LABEL[s], symbol: STANCE_SYMBOL[s] })),
        eventStatuses: EventStatus.options,
        eventKinds: EventKind.options,
        attributions: AttributionKind.options,
        textStatuses: TextStatus.options,
        documentKinds: DocumentKind.options,
        processRoles: ProcessRole.options,
      }),
    }),
  ];
}
