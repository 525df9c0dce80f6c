/**
 * Team mode end to end: two `accord serve` processes over one PostgreSQL database (stateless API
 * processes): a session opened on one works on the other, and disabling the user ends it on both.
 * Also: without accounts, serving beyond this machine is refused.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../store/bundle.js';
import { Accounts } from '../store/accounts.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { openStore } from '../store/open.js';
import { freshDatabase, postgresBackend } from '../../test/support/pg.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/accord.mjs');
const MINI = path.join(ROOT, 'src/store/fixtures/mini');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

function startServer(args: string[]): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ACCORD_LOG_LEVEL: 'warn' } });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /Accord workbench: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, out: () => out });
    });
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${err}`)));
  });
}

const pg = await postgresBackend();

describe.skipIf(!pg)('accord serve --db postgres://… in team mode', () => {
  it('shares sessions between two server processes and revokes them on both', async () => {
    const url = await freshDatabase('serve');
    const store = (await openStore(url)) as KyselyStore;
    await store.importProcess(readBundle(MINI).data, { actor: 'test' });
    const accounts = new Accounts(store);
    await accounts.addUser('mel', 'mediator password 1', { processId: 'mini', role: 'mediator' }, { actor: 'test' });

    const [a, b] = await Promise.all([startServer(['serve', '--db', url, '--port', '0', '--no-build']), startServer(['serve', '--db', url, '--port', '0', '--no-build'])]);
    expect(a.out()).toContain('team mode');
    expect((await fetch(`${a.url}/api/processes/mini/parties`)).status).toBe(401);

    const login = await fetch(`${a.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: a.url }, body: JSON.stringify({ username: 'mel', password: 'mediator password 1' }) });
    expect(login.status).toBe(201);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrf } = (await login.json()) as { csrf: string };

    const onB = await fetch(`${b.url}/api/processes/mini/parties`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { id: string }[]).map((p) => p.id)).toEqual(['north', 'south', 'med', 'obs']);
    // A write on B, read back on A.
    const put = await fetch(`${b.url}/api/processes/mini/parties/obs`, { method: 'PUT', headers: { cookie, 'x-csrf-token': csrf, origin: b.url, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Observers', role: 'observer' }) });
    expect(put.status).toBe(200);
    expect((await store.get('mini', 'parties', 'obs'))?.name).toBe('Observers');

    await accounts.disableUser('mel', { actor: 'test' });
    expect((await fetch(`${a.url}/api/processes/mini/parties`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${b.url}/api/processes/mini/parties`, { headers: { cookie } })).status).toBe(401);
    expect((await store.verify()).ok).toBe(true);
    await store.close();
  });
});

describe('accord serve without accounts', () => {
  it('refuses to listen beyond this machine', () => {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--db', ':memory:', '--host', '0.0.0.0', '--port', '0', '--no-build'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('no accounts');
  });
});
