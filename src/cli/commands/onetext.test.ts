/**
 * `accord draft …` and `accord critique …` on a SQLite file holding the mini process (document
 * `draft`, versions draft-v1 and draft-v2; parties north, south, med): a round from the command
 * line, in process, plus the real binary for help and an exit code. Expected values hand-checked
 * against src/store/fixtures/mini.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkProvisions } from '../../model/schemas.js';
import { readBundle } from '../../store/bundle.js';
import { openSqliteStore } from '../../store/sqlite.js';
import * as onetextCmd from './onetext.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/accord.mjs');
const MINI = readBundle(path.join(ROOT, 'src/store/fixtures/mini')).data;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-onetext-'));
const db = path.join(tmp, 'accord.db');

beforeAll(async () => {
  const store = await openSqliteStore(db);
  await store.importProcess(MINI, { actor: 'test' });
  await store.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run `accord …` in process, capturing stdout. */
async function run(...args: string[]): Promise<string> {
  const program = new Command('accord').exitOverride();
  onetextCmd.register(program);
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'accord', ...args, '--db', db]);
    return out;
  } finally {
    process.stdout.write = write;
  }
}
const json = async (...args: string[]) => JSON.parse(await run(...args, '--json'));

describe('accord draft / critique', () => {
  it('plays a round: draft from a version, edit, table; a party critiques; the next draft folds the amendment in; the response says what was done', async () => {
    const started = await json('draft', 'new', '--based-on', 'draft-v2', '--id', 'd1');
    expect(started.lineage).toEqual({ inherited: 7, fresh: 0 });
    const shown = await run('draft', 'show', 'd1');
    expect(shown).toContain('2. Forces withdraw twenty kilometres from the line of contact.  [draft-2]');
    const tag = (await json('draft', 'show', 'd1')).etag as string;
    const saved = await json('draft', 'edit', 'd1', '--set', 'draft-3=Elections are held within a year.', '--if-match', tag);
    expect(saved.touched.map((p: { text: string }) => p.text)).toEqual(['Elections are held within a year.']);
    // The tag read before the save is stale now: the edit is refused and changes nothing.
    await expect(run('draft', 'edit', 'd1', '--set', 'draft-3=lost', '--if-match', tag)).rejects.toMatchObject({ code: 'precondition_failed' });
    const ops = path.join(tmp, 'ops.json');
    writeFileSync(ops, JSON.stringify([{ op: 'add', kind: 'point', parent: 'draft-axis-II', num: '4', text: 'Displaced families may return to their homes.' }]));
    await run('draft', 'edit', 'd1', '--ops', ops);
    const tabled = await json('draft', 'table', 'd1', '--date', '2024-05-02', '--event', 'ev3', '--proponent', 'med');
    expect(tabled.version).toEqual({ id: 'draft-v3', document: 'draft', label: 'v3', date: '2024-05-02', basedOn: 'draft-v2', proponents: ['med'], event: 'ev3' });
    expect(tabled.counts).toEqual({ points: 4, provisions: 8 });

    const answers = path.join(tmp, 'answers.json');
    const amended = 'Elections are held within two years.';
    writeFileSync(answers, JSON.stringify([{ provision: 'draft-3', stance: 'proposes-alternative', amendment: amended }, { provision: 'draft-1', stance: 'accepts' }]));
    const c = await json('critique', 'new', '--version', 'draft-v3', '--party', 'south', '--answers', answers);
    expect(c).toMatchObject({ party: 'south', status: 'draft', visibility: { confidentialTo: 'south' } });
    const sub = await json('critique', 'submit', c.id, '--date', '2024-05-10');
    expect(sub.positions).toHaveLength(2);
    expect(await run('critique', 'list', '--version', 'draft-v3')).toContain(`${c.id}  south on draft-v3  2 answer(s)  submitted 2024-05-10`);

    await run('draft', 'new', '--based-on', 'draft-v3', '--id', 'd2');
    const folded = await json('draft', 'fold', 'd2', '--critique', c.id, '--provision', 'draft-3');
    expect(folded.touched.map((p: { text: string }) => p.text)).toEqual([amended]);
    expect(await run('draft', 'revise', 'd2')).toContain(`south: proposes-alternative — proposes: “${amended}” — (accepted into the draft)`);
    await run('draft', 'table', 'd2', '--date', '2024-06-01');
    const resp = await json('critique', 'response', 'draft-v4');
    expect(resp.rows.map((r: { party: string; provision: string; outcome: string }) => [r.party, r.provision, r.outcome])).toEqual([
      ['south', 'draft-3', 'adopted'],
      ['south', 'draft-1', 'unchanged'],
    ]);
    const check = await openSqliteStore(db);
    const v4 = await check.get(MINI.process.id, 'versions', 'draft-v4');
    await check.close();
    expect(v4!.label).toBe('v4');
    expect([...walkProvisions(v4!.provisions)].map((p) => p.lineage)).toContain('draft-3');
  });

  it('has --help for each command, exits 75 when a save’s tag is stale and 73 when the draft was tabled (the real binary)', async () => {
    const help = spawnSync(process.execPath, [BIN, 'draft', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const c of ['new', 'edit', 'fold', 'revise', 'table']) expect(help.stdout).toContain(c);
    await run('draft', 'new', '--based-on', 'draft-v2', '--id', 'd9');
    const stale = spawnSync(process.execPath, [BIN, 'draft', 'edit', 'd9', '--set', 'draft-1=x', '--if-match', 'stale', '--db', db], { encoding: 'utf8' });
    expect(stale.status).toBe(75);
    expect(stale.stderr).toContain('changed since you read it');
    const tabled = spawnSync(process.execPath, [BIN, 'draft', 'edit', 'd1', '--set', 'draft-1=x', '--db', db], { encoding: 'utf8' });
    expect(tabled.status).toBe(73);
    expect(tabled.stderr).toContain('was tabled as version "draft-v3"');
    expect(tabled.stderr).not.toMatch(/at .*\.[tj]s:\d+/);
  });
});
