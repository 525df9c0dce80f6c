import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ProcessData } from '../../model/schemas.js';
import { openStore } from '../../store/open.js';
import { freshDatabase, postgresBackend } from '../../../test/support/pg.js';
import { main } from '../main.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-verify-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const data: ProcessData = {
  process: { id: 'p1', name: 'Sample' },
  parties: [{ id: 'a', name: 'A', role: 'party', aliases: [] }],
  persons: [],
  documents: [{ id: 'd', title: 'Draft', kind: 'plan', proponents: [] }],
  versions: [
    {
      id: 'd-v1',
      document: 'd',
      label: 'v1',
      date: '2024-01-01',
      proponents: [],
      provisions: [{ kind: 'point', num: '1', heading: null, text: 'The parties agree.', lineage: 'd-1', status: 'proposed', brackets: [], alternatives: [], topics: [], children: [] }],
    },
  ],
  sources: [],
  evidence: [],
  positions: [],
  events: [],
  domains: [],
};

/** Run `accord …` in-process; returns the exit code and what it printed. */
async function accord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(['node', 'accord', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** A database target and a way to run raw SQL on it, behind the store's back. */
interface Target {
  name: string;
  make(): Promise<{ db: string; exec(q: string): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'sqlite',
    async make() {
      const db = path.join(tmp, `v-${Math.random().toString(36).slice(2)}.db`);
      return {
        db,
        async exec(q) {
          const raw = new Database(db);
          raw.exec(q);
          raw.close();
        },
      };
    },
  },
];
if (await postgresBackend()) {
  targets.push({
    name: 'postgres',
    async make() {
      const db = await freshDatabase('verify');
      return {
        db,
        async exec(q) {
          const c = new pg.Client({ connectionString: db });
          await c.connect();
          await c.query(q);
          await c.end();
        },
      };
    },
  });
}

describe.each(targets)('accord verify on $name', (t) => {
  it('passes an intact store and names the first tampered version or audit row', async () => {
    const { db, exec } = await t.make();
    const store = await openStore(db);
    await store.importProcess(data, { actor: 'test' });
    await store.put('p1', 'parties', { id: 'b', name: 'B', role: 'party', aliases: [] }, { actor: 'test' });
    await store.put('p1', 'parties', { id: 'b', name: 'B2', role: 'party', aliases: [] }, { actor: 'test' });
    const audit = await store.audit();
    await store.close();
    expect(audit.map((a) => a.action)).toEqual(['import', 'create', 'update']);

    const ok = await accord('verify', '--db', db, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ ok: true, checked: { versions: 1, audit: 3 } });

    // A stored version's text edited in place.
    await exec(`update entities set data = replace(data, 'The parties agree.', 'The parties disagree.') where kind = 'versions' and id = 'd-v1'`);
    const v = await accord('verify', '--db', db);
    expect(v.code).toBe(1);
    expect(v.err).toContain('integrity');
    expect(v.err).toContain('version p1/d-v1');
    await exec(`update entities set data = replace(data, 'The parties disagree.', 'The parties agree.') where kind = 'versions' and id = 'd-v1'`);
    expect((await accord('verify', '--db', db)).code).toBe(0);

    // The middle audit row rewritten: the creation of party b is named, not a later one.
    const mid = audit[1]!.seq;
    await exec(`update audit_log set actor = 'mallory' where seq = ${mid}`);
    const a = await accord('verify', '--db', db, '--json');
    expect(a.code).toBe(1);
    expect(JSON.parse(a.out).error.code).toBe('integrity');
    expect(a.err).toContain(`audit entry ${mid} (parties/b)`);
    await exec(`update audit_log set actor = 'test' where seq = ${mid}`);
    expect((await accord('verify', '--db', db)).code).toBe(0);

    // A row deleted from the audit log breaks the link of its successor.
    await exec(`delete from audit_log where seq = ${mid}`);
    const d = await accord('verify', '--db', db);
    expect(d.code).toBe(1);
    expect(d.err).toContain(`audit entry ${audit[2]!.seq} (parties/b)`);
  });
});

describe('accord verify as a process', () => {
  it('exits 1 on a broken chain', async () => {
    const db = path.join(tmp, 'spawned.db');
    const store = await openStore(db);
    await store.importProcess(data, { actor: 'test' });
    await store.close();
    const raw = new Database(db);
    raw.exec(`update audit_log set after = '{}'`);
    raw.close();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/accord.mjs'), 'verify', '--db', db], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/audit entry 1 \(process\/p1\)/);
  });
});
