/**
 * Who may record a stance through the stance service (src/services/stances.ts `recordStance`, the
 * route `POST /stances`): the access policy's rule for positions and evidence, on SQLite and on
 * PostgreSQL. A party delegate records its own party's stances (public, or confidential to its own
 * party) with their evidence and source; a stance of another party, or evidence spoken on another
 * party's behalf, is refused and nothing at all is written; observers record nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Visibility } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import type { Store } from '../store/store.js';
import { recordStance } from '../services/stances.js';
import type { ServiceContext } from '../services/context.js';
import { accessFor, PolicyStore } from './policy.js';
import { postgresBackend } from '../../test/support/pg.js';
import { type Backend, sqliteBackend } from '../../test/support/store-backends.js';

const MINI = new URL('../store/fixtures/mini', import.meta.url).pathname;
const backends: Backend[] = [sqliteBackend];
const pg = await postgresBackend();
if (pg) backends.push(pg);

const opened: Store[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});

/** A fresh store holding the mini process, and a service context for `user` with `role` (and `party`). */
async function contextFor(backend: Backend, role: 'party-delegate' | 'observer' | 'mediator', party?: string): Promise<{ store: Store; ctx: ServiceContext }> {
  const store = await backend.open();
  opened.push(store);
  await store.importProcess(readBundle(MINI).data, { actor: 'test' });
  const user = party ?? role;
  const access = accessFor(user, [{ processId: 'mini', role, ...(party ? { party } : {}) }], 'mini', []);
  const viewer = { kind: 'user' as const, user, role, ...(party ? { party } : {}), sees: access.sees };
  return { store, ctx: { store: new PolicyStore(store, access), actor: `user:${user}`, viewer } };
}

const stance = (id: string, party: string, extra: { onBehalfOf?: string; visibility?: Visibility } = {}) => ({
  position: { id, party, provision: 'draft-1', stance: 'rejects' as const, asOf: '2024-03-10', ...(extra.visibility ? { visibility: extra.visibility } : {}) },
  evidence: { id: `${id}-e`, speaker: 'a delegate', form: 'paraphrase' as const, text: 'We cannot accept this clause.', attribution: 'on-record' as const, ...(extra.onBehalfOf ? { onBehalfOf: extra.onBehalfOf } : {}) },
  source: { id: `${id}-s`, url: `https://example.org/${id}` },
});

/** Ids of positions, evidence and sources in the store (unfiltered). */
const written = async (store: Store) => {
  const d = await store.loadProcess('mini');
  return [...d.positions, ...d.evidence, ...d.sources].map((x) => x.id).sort();
};

describe.each(backends.map((b) => [b.name, b] as const))('recording a stance as a party delegate (%s)', (_name, backend) => {
  it("records its own party's stance with its evidence and source, public or in its own layer", async () => {
    const { store, ctx } = await contextFor(backend, 'party-delegate', 'north');
    const r = await recordStance(ctx, 'mini', stance('own-1', 'north'));
    expect(r.written.map((w) => `${w.kind}:${w.id}:${w.outcome}`)).toEqual(['sources:own-1-s:created', 'evidence:own-1-e:created', 'positions:own-1:created']);
    expect(await store.get('mini', 'evidence', 'own-1-e')).toMatchObject({ onBehalfOf: 'north', saidAt: '2024-03-10', sources: ['own-1-s'] });
    const own = await recordStance(ctx, 'mini', stance('own-2', 'north', { visibility: { confidentialTo: 'north' } }));
    expect(own.position.visibility).toEqual({ confidentialTo: 'north' });
    // Saving the same form again updates, never duplicates.
    const again = await recordStance(ctx, 'mini', stance('own-1', 'north'));
    expect(again.written.filter((w) => w.kind !== 'sources').map((w) => w.outcome)).toEqual(['updated', 'updated']);
  });

  it("refuses another party's stance, evidence on another party's behalf, or another party's layer, and writes nothing", async () => {
    const { store, ctx } = await contextFor(backend, 'party-delegate', 'north');
    const before = await written(store);
    await expect(recordStance(ctx, 'mini', stance('theirs-1', 'south'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recordStance(ctx, 'mini', stance('theirs-2', 'north', { onBehalfOf: 'south' }))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recordStance(ctx, 'mini', stance('theirs-3', 'north', { visibility: { confidentialTo: 'south' } }))).rejects.toMatchObject({ code: 'forbidden' });
    expect(await written(store)).toEqual(before);
  });

  it('lets an observer record no stance, and a mediator record any party’s', async () => {
    const obs = await contextFor(backend, 'observer');
    await expect(recordStance(obs.ctx, 'mini', stance('obs-1', 'north'))).rejects.toMatchObject({ code: 'forbidden' });
    expect(await obs.store.get('mini', 'positions', 'obs-1')).toBeUndefined();
    const med = await contextFor(backend, 'mediator');
    expect((await recordStance(med.ctx, 'mini', stance('med-1', 'south'))).position.party).toBe('south');
  });
});
