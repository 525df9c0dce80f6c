/**
 * The committed types of the HTTP API (web/src/api/openapi.d.ts) are those openapi-typescript
 * generates from the server's OpenAPI document now: a route added or changed without
 * `npm run gen:api` fails here, before the web client could call a path the server lost.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes } from '../scripts/gen-api.js';
import { openApiDocument } from '../src/server/routes.js';

describe('generated API types', () => {
  it('are up to date with /api/openapi.json (run `npm run gen:api` when this fails)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const fresh = await apiTypes();
    expect(committed === fresh, 'web/src/api/openapi.d.ts is stale: run `npm run gen:api` and commit it').toBe(true);
  });

  it('name every path of the document', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const paths = Object.keys((openApiDocument() as { paths: Record<string, unknown> }).paths);
    expect(paths.length).toBeGreaterThan(40);
    for (const p of paths) expect(committed, p).toContain(`"${p}": {`);
  });
});
