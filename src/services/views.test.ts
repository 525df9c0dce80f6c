/**
 * The read services that select in SQL answer exactly what the model computes over the whole
 * process: the point detail (positions, evidence and sources of the point only) for every point of
 * every version of the example, and the status briefing (the latest positions on the current text
 * and the events it lists, chosen by their query columns) on the days versions and events begin,
 * in the public layer and in each party's, on SQLite and PostgreSQL.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkProvisions } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import { cachedStore } from '../store/cached-store.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { postgresBackend } from '../../test/support/pg.js';
import { type Backend, sqliteBackend } from '../../test/support/store-backends.js';
import { localContext } from './context.js';
import { point } from './stances.js';
import { status } from './status.js';
import { statusBriefing } from '../analysis/positions.js';
import { pointDetail } from './views/record.js';

const example = readBundle(fileURLToPath(new URL('../../examples/russia-ukraine-2025', import.meta.url))).data;
const pg = await postgresBackend();
const backends: Backend[] = pg ? [sqliteBackend, pg] : [sqliteBackend];

describe.each(backends)('point detail selected in SQL ($name)', (backend) => {
  let store: KyselyStore;
  beforeAll(async () => {
    store = await backend.open();
    await store.importProcess(example, { actor: 'test' });
  });
  afterAll(() => store.close());

  it('equals the detail computed over the whole process, for every point of every version and layer', async () => {
    const ctx = localContext(cachedStore(store), 'test');
    const pid = example.process.id;
    const layers = [undefined, ...example.parties.map((p) => p.id)];
    let compared = 0;
    for (const v of example.versions) {
      const asOf = v.date;
      for (const node of walkProvisions(v.provisions)) {
        if (node.kind === 'axis') continue;
        for (const viewAs of layers.slice(0, node.kind === 'point' ? layers.length : 1)) {
          const got = await point(ctx, pid, node.lineage, { asOf, version: v.id, ...(viewAs ? { viewAs } : {}) });
          expect(got).toEqual(pointDetail(example, node.lineage, { asOf, version: v.id, viewerParty: viewAs }));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe.each(backends)('status briefing selected in SQL ($name)', (backend) => {
  let store: KyselyStore;
  beforeAll(async () => {
    store = await backend.open();
    await store.importProcess(example, { actor: 'test' });
  });
  afterAll(() => store.close());

  it('equals the briefing computed over the whole process, on every day a version or an event begins, in every layer', async () => {
    const ctx = localContext(cachedStore(store), 'test');
    const pid = example.process.id;
    const days = [...new Set([...example.versions.map((v) => v.date), ...example.events.map((e) => e.start), '2000-01-01', '2100-01-01'])];
    const layers = [undefined, ...example.parties.map((p) => p.id)];
    let listed = 0;
    for (const asOf of days)
      for (const viewAs of layers) {
        const want = statusBriefing(example, { asOf, viewerParty: viewAs });
        expect(await status(ctx, pid, { asOf, ...(viewAs ? { viewAs } : {}) })).toEqual(want);
        listed += want.topContested.length + want.postponed.length + want.cancelled.length + (want.lastHeld ? 1 : 0) + (want.nextScheduled ? 1 : 0);
      }
    expect(listed).toBeGreaterThan(50);
  });
});
