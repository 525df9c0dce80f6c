import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProcessData } from '../../model/schemas.js';
import { GENESIS, canonicalJson, linkHash, sha256 } from '../../store/canonical.js';
import { openStore } from '../../store/open.js';
import { freshDatabase, postgresBackend } from '../../../test/support/pg.js';
import { runAccord } from '../../../test/support/cli.js';

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
const accord = (...args: string[]) => runAccord(args);

/** A database target and a way to run raw SQL on it, behind the store's back. */
interface Target {
  name: string;
  make(): Promise<{ db: string; exec(q: string): Promise<void>; rows(q: string): Promise<Record<string, unknown>[]> }>;
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
        async rows(q) {
          const raw = new Database(db);
          try {
            return raw.prepare(q).all() as Record<string, unknown>[];
          } finally {
            raw.close();
          }
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
        async rows(q) {
          const c = new pg.Client({ connectionString: db });
          await c.connect();
          try {
            return (await c.query(q)).rows;
          } finally {
            await c.end();
          }
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
    expect(JSON.parse(ok.out)).toEqual({ ok: true, checked: { versions: 1, audit: 3, entities: 4, checkpoints: 0 } });

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

/** The content hash an audit entry's link commits to, computed here independently of the store. */
function entryContent(r: Record<string, unknown>): string {
  const j = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(String(v)));
  return sha256(canonicalJson({ p: r.process_id, at: r.at, by: r.actor, a: r.action, k: r.kind, id: r.entity_id, b: j(r.before), f: j(r.after) }));
}

describe.each(targets)('accord verify catches tampering on $name', (t) => {
  /** A store with an import (party a, document d, version d-v1), a party created and updated, and a position. */
  async function seeded() {
    const target = await t.make();
    const store = await openStore(target.db);
    await store.importProcess(data, { actor: 'test' });
    await store.put('p1', 'parties', { id: 'b', name: 'B', role: 'party', aliases: [] }, { actor: 'test' });
    await store.put('p1', 'parties', { id: 'b', name: 'B2', role: 'party', aliases: [] }, { actor: 'test' });
    await store.put('p1', 'positions', { id: 'pos1', party: 'a', provision: 'd-1', stance: 'accepts', asOf: '2024-01-02', confidence: 1, visibility: 'public', evidence: [] }, { actor: 'test' });
    const audit = await store.audit();
    await store.close();
    expect((await accord('verify', '--db', target.db)).code).toBe(0);
    return { ...target, audit };
  }

  it('exits 1 when entries are cut from the tail of the log', async () => {
    const { db, exec, audit } = await seeded();
    const last = audit[audit.length - 1]!.seq;
    await exec(`delete from audit_log where seq = ${last}`);
    const r = await accord('verify', '--db', db, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).error.code).toBe('integrity');
    expect(r.err).toContain(`the audit log does not end at its stored head: the head records ${audit.length} entries ending with entry ${last}, the log holds ${audit.length - 1}`);
    expect(r.err).toContain('entries were removed');
    // The position the cut entry created is now a row no entry wrote.
    expect(r.err).toContain('positions/pos1 of process "p1": the stored row was written by no audit entry');
  });

  it('exits 1 when a current row is rewritten in SQL, naming the row', async () => {
    const { db, exec, audit } = await seeded();
    await exec(`update entities set data = replace(data, '"accepts"', '"rejects"') where kind = 'positions' and id = 'pos1'`);
    const r = await accord('verify', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`positions/pos1 of process "p1": the stored row differs from what audit entry ${audit[3]!.seq} wrote`);
    await exec(`update entities set data = replace(data, '"rejects"', '"accepts"') where kind = 'positions' and id = 'pos1'`);
    expect((await accord('verify', '--db', db)).code).toBe(0);

    // A row as imported, rewritten: named by the hash stored beside it …
    await exec(`update entities set data = replace(data, '"name":"A"', '"name":"Z"') where kind = 'parties' and id = 'a'`);
    const a = await accord('verify', '--db', db);
    expect(a.code).toBe(1);
    expect(a.err).toContain(`parties/a of process "p1": the stored row differs from what audit entry ${audit[0]!.seq} imported`);
    // … and, when that hash is rewritten too, still caught by the import's digest.
    const z = (await (async () => {
      const store = await openStore(db);
      try {
        return canonicalJson(await store.get('p1', 'parties', 'a'));
      } finally {
        await store.close();
      }
    })())!;
    await exec(`update entities set hash = '${sha256(z)}' where kind = 'parties' and id = 'a'`);
    const h = await accord('verify', '--db', db);
    expect(h.code).toBe(1);
    expect(h.err).toContain(`parties of process "p1": the 1 row as imported by audit entry ${audit[0]!.seq} does not match its digest`);
    // A row slipped in behind the store's back.
    await exec(`update entities set data = replace(data, '"name":"Z"', '"name":"A"'), hash = null where kind = 'parties' and id = 'a'`);
    expect((await accord('verify', '--db', db)).code).toBe(0);
    await exec(`insert into entities (process_id, kind, id, seq, data, updated_at, etag, hash) values ('p1', 'sources', 's9', 1, '{"id":"s9","url":"https://example.org/"}', '2024-01-01', 'x', null)`);
    const ins = await accord('verify', '--db', db);
    expect(ins.code).toBe(1);
    expect(ins.err).toContain('sources/s9 of process "p1": the stored row was written by no audit entry');
  });

  it('exits 1 on a version edited in place', async () => {
    const { db, exec } = await seeded();
    await exec(`update entities set data = replace(data, 'The parties agree.', 'The parties agree to nothing.') where kind = 'versions' and id = 'd-v1'`);
    const r = await accord('verify', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('version p1/d-v1: stored text does not match its hash');
    expect(r.err).toContain('versions/d-v1 of process "p1"');
  });

  it('catches, with a signed checkpoint, a log rewritten together with its head', async () => {
    const { db, exec, rows, audit } = await seeded();
    const key = path.join(tmp, `key-${t.name}-${Math.random().toString(36).slice(2)}`);
    expect((await accord('checkpoint', 'keygen', key)).code).toBe(0);
    const cp = `${key}.checkpoint.json`;
    const made = await accord('checkpoint', 'create', '--key', key, '--out', cp, '--db', db);
    expect(made.code).toBe(0);
    const signed = JSON.parse(readFileSync(cp, 'utf8'));
    expect(signed).toMatchObject({ format: 'accord-checkpoint/1', count: audit.length, seq: audit[audit.length - 1]!.seq, hash: audit[audit.length - 1]!.hash });
    expect((await accord('verify', '--db', db, '--checkpoint', cp, '--key', `${key}.pub`)).code).toBe(0);

    // A thorough forger: rewrites who made the second change, recomputes every later link and the head.
    await exec(`update audit_log set actor = 'mallory' where seq = ${audit[1]!.seq}`);
    const log = await rows('select * from audit_log order by seq');
    let prev = GENESIS;
    for (const r of log) {
      const hash = linkHash(prev, entryContent(r));
      await exec(`update audit_log set prev_hash = '${prev}', hash = '${hash}' where seq = ${r.seq}`);
      prev = hash;
    }
    await exec(`update log_head set hash = '${prev}'`);
    // The store alone cannot tell …
    expect((await accord('verify', '--db', db)).code).toBe(0);
    // … the checkpoint kept outside it can.
    const r = await accord('verify', '--db', db, '--checkpoint', cp, '--key', `${key}.pub`);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`checkpoint at entry ${signed.seq}: the log's entry has another hash (the log was rewritten up to there)`);

    // A checkpoint edited to match the forged log no longer verifies; another key is refused.
    writeFileSync(cp, JSON.stringify({ ...signed, hash: prev }));
    const forged = await accord('verify', '--db', db, '--checkpoint', cp, '--key', `${key}.pub`);
    expect(forged.code).toBe(1);
    expect(forged.err).toContain("the checkpoint's signature does not verify");
    const other = path.join(tmp, `other-${t.name}-${Math.random().toString(36).slice(2)}`);
    await accord('checkpoint', 'keygen', other);
    writeFileSync(cp, JSON.stringify(signed));
    const wrongKey = await accord('verify', '--db', db, '--checkpoint', cp, '--key', `${other}.pub`);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toContain(`signed by key ${signed.keyId}, not by the key given`);
    // Without a key, a checkpoint cannot be checked: a usage error.
    expect((await accord('verify', '--db', db, '--checkpoint', cp)).code).toBe(64);
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
