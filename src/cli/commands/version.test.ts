/**
 * Adding documents and versions, stored alignment decisions, replay and brackets — command logic
 * called in process on a SQLite store holding the example process, plus one run of the real binary.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordError } from '../../model/errors.js';
import { walkProvisions } from '../../model/schemas.js';
import { readBundle, writeBundle } from '../../store/bundle.js';
import { openSqliteStore } from '../../store/sqlite.js';
import type { Store } from '../../store/store.js';
import { walkWithKeys } from '../../text/provisions.js';
import * as compareCmd from './compare.js';
import * as positionsCmd from './positions.js';
import { runCompare } from './compare.js';
import * as replayCmd from './replay.js';
import * as versionCmd from './version.js';
import { addDocument, addVersion } from './version.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const EXAMPLE = path.join(ROOT, 'examples/russia-ukraine-2025');
const CP = path.resolve(ROOT, '../shared/corpus/counter-proposals');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-version-'));
const db = path.join(tmp, 'accord.db');
const PID = 'russia-ukraine-2025';
const ctx = { actor: 'test' };
let store: Store;

beforeAll(async () => {
  store = await openSqliteStore(db);
  await store.importProcess(readBundle(EXAMPLE).data, ctx);
});
afterAll(async () => {
  await store.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A minimal Word file (stored ZIP: content types, package relationships, one paragraph per line). */
function docx(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const files: [string, string][] = [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const lineages = async (versionId: string) => {
  const v = (await store.get(PID, 'versions', versionId))!;
  return new Map(walkWithKeys(v.provisions).map((k) => [k.key, k.node.lineage]));
};

async function failure(p: Promise<unknown>): Promise<AccordError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AccordError);
    return e as AccordError;
  }
  throw new Error('expected a failure');
}

/** Run some of our commands in process (as `accord …`), capturing stdout. */
async function run(...args: string[]): Promise<string> {
  const program = new Command('accord').exitOverride();
  for (const c of [versionCmd, compareCmd, replayCmd, positionsCmd]) c.register(program);
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

describe('accord document add / version add', () => {
  it('imports the E3 counter-proposal as a new document amending the US draft; its points inherit the US lineage as the corpus expects', async () => {
    const doc = await addDocument(store, PID, { id: 'e3-reuters', title: 'E3 redraft as Reuters printed it', kind: 'counter-proposal', amends: 'us-28', proponents: ['eu'] }, ctx);
    expect(doc).toEqual({ id: 'e3-reuters', title: 'E3 redraft as Reuters printed it', kind: 'counter-proposal', amends: 'us-28', proponents: ['eu'] });
    const r = await addVersion(store, PID, { file: path.join(CP, 'e3-reuters-2025-11-23.md'), document: 'e3-reuters', date: '2025-11-23' }, ctx);
    // the document amends us-28, so its first version is based on the US version current on 23 Nov
    expect(r.version).toEqual({ id: 'e3-reuters-v1', document: 'e3-reuters', label: 'v1', date: '2025-11-23', basedOn: 'us-28-v1', proponents: ['eu'] });
    const expected = JSON.parse(readFileSync(path.join(CP, 'e3-reuters.expected-alignment.json'), 'utf8')).alignment as { counter_point: number | null; us_points: number[]; mapping: string }[];
    const want = expected.filter((a) => a.mapping === 'one-to-one').map((a) => [String(a.counter_point), `us-28-${a.us_points[0]}`] as const);
    const got = await lineages('e3-reuters-v1');
    const right = want.filter(([k, l]) => got.get(k) === l).length;
    console.log(`lineage carried for the E3 counter-proposal: ${right}/${want.length} one-to-one points as expected`);
    expect(want.length).toBe(22);
    expect(right).toBe(22);
    // the stored version is immutable
    expect((await failure(addVersion(store, PID, { file: path.join(CP, 'e3-reuters-2025-11-23.md'), document: 'e3-reuters', id: 'e3-reuters-v1' }, ctx))).code).toBe('conflict');
    expect((await failure(store.put(PID, 'versions', (await store.get(PID, 'versions', 'e3-reuters-v1'))!, ctx))).code).toBe('conflict');
  });

  it('imports a .docx as version 2 of the US draft: renumbered points keep their lineage, a new point gets a new id', async () => {
    const v1 = (await store.get(PID, 'versions', 'us-28-v1'))!;
    const points = [...walkProvisions(v1.provisions)].filter((p) => p.kind === 'point');
    const byNum = (n: string) => points.find((p) => p.num === n)!;
    const file = path.join(tmp, 'us-28-v2.docx');
    writeFileSync(file, docx(['1. ' + byNum('2').text, '2. ' + byNum('1').text, '3. Commemorative stamps are printed for the anniversary of the signature.', '4. ' + byNum('6').text.replace(/600,000/, '800,000')]));
    const r = await addVersion(store, PID, { file, document: 'us-28', label: 'after Geneva', date: '2025-11-30', proponents: ['us', 'ua'] }, ctx);
    expect(r.version).toMatchObject({ id: 'us-28-v2', label: 'after Geneva', basedOn: 'us-28-v1', proponents: ['us', 'ua'] });
    expect(r.counts.points).toBe(4);
    const got = await lineages('us-28-v2');
    expect([got.get('1'), got.get('2'), got.get('4')]).toEqual(['us-28-2', 'us-28-1', 'us-28-6']);
    // "us-28-3" belongs to point 3 of v1 (dropped here), so the new point 3 gets another id
    expect(got.get('3')).toBe('us-28-3-n2');
    expect(r.changes).toMatchObject({ moved: 2, amended: 1, added: 1, deleted: 25 });
    expect(r.lineage).toEqual({ inherited: 3, fresh: 1 });
  });

  it('names what is wrong: unknown document, base version, party, kind; duplicate document', async () => {
    const md = path.join(CP, 'e3-reuters-2025-11-23.md');
    expect(await failure(addVersion(store, PID, { file: md, document: 'nope' }, ctx))).toMatchObject({ code: 'not_found', location: { field: 'document' } });
    expect(await failure(addVersion(store, PID, { file: md, document: 'us-28', basedOn: 'nope' }, ctx))).toMatchObject({ code: 'not_found', location: { field: 'based-on' } });
    expect(await failure(addVersion(store, PID, { file: md, document: 'us-28', proponents: ['xx'] }, ctx))).toMatchObject({ code: 'invalid_input', location: { field: 'proponent' } });
    expect(await failure(addVersion(store, PID, { file: md, document: 'us-28', date: '2025-02-30' }, ctx))).toMatchObject({ code: 'invalid_input', location: { field: 'date' } });
    expect(await failure(addDocument(store, PID, { id: 'x', title: 'X', kind: 'memo' }, ctx))).toMatchObject({ code: 'invalid_input', location: { field: 'kind' } });
    expect(await failure(addDocument(store, PID, { id: 'us-28', title: 'X', kind: 'plan' }, ctx))).toMatchObject({ code: 'conflict' });
    expect(await failure(addDocument(store, PID, { id: 'y', title: 'Y', kind: 'plan', amends: 'zz' }, ctx))).toMatchObject({ code: 'not_found', location: { field: 'amends' } });
  });
});

describe('accord compare between stored versions', () => {
  it('stores a confirmation and an override (audited) and applies them on every re-alignment', async () => {
    const before = await runCompare('us-28-v1', 'e3-counter-v1', { db });
    expect(before.decisions).toBeNull();
    const p15 = before.result.pairs.find((p) => p.to.includes('15'))!;
    // the placeholder "text not reported" is paired by its stored lineage (us-28-15), not by content
    expect(p15).toMatchObject({ from: ['15'], change: 'amended', status: 'placeholder' });
    expect(p15.overridden).toBeUndefined();
    const p5 = before.result.pairs.find((p) => p.from[0] === '5')!;

    const out = JSON.parse(await run('compare', 'us-28-v1', 'e3-counter-v1', '--confirm', '5=5', '--override', '15=15:amended', '--note', 'desk review', '--json'));
    expect(out.alignment).toEqual({
      id: 'us-28-v1--e3-counter-v1',
      from: 'us-28-v1',
      to: 'e3-counter-v1',
      overrides: [
        { from: ['5'], to: ['5'], change: p5.change, note: 'desk review' },
        { from: ['15'], to: ['15'], change: 'amended', note: 'desk review' },
      ],
    });
    expect(out.pairs.find((p: { to: string[] }) => p.to[0] === '15')).toMatchObject({ from: ['15'], change: 'amended', overridden: true });
    const audit = (await store.audit(PID)).filter((e) => e.kind === 'alignments');
    expect(audit.map((e) => [e.action, e.entityId])).toEqual([['create', 'us-28-v1--e3-counter-v1']]);

    // Re-aligning (plain, in another mode, after an export and re-import) keeps the decision.
    for (const mode of ['auto', 'verbatim', 'paraphrase']) {
      const again = await runCompare('us-28-v1', 'e3-counter-v1', { db, mode });
      expect(again.result.pairs.find((p) => p.to.includes('15'))).toMatchObject({ from: ['15'], change: 'amended', overridden: true });
      expect(again.result.pairs.filter((p) => p.from.includes('15'))).toHaveLength(1);
    }
    const dir = path.join(tmp, 'bundle');
    writeBundle(dir, await store.loadProcess(PID));
    expect(readFileSync(path.join(dir, 'alignments.yaml'), 'utf8')).toContain('us-28-v1--e3-counter-v1');
    const other = await openSqliteStore(':memory:');
    await other.importProcess(readBundle(dir).data, ctx);
    expect(await other.get(PID, 'alignments', 'us-28-v1--e3-counter-v1')).toEqual(out.alignment);
    await other.close();

    // Brackets and replay read the stored decisions too; forgetting one is audited as an update.
    const forgot = await runCompare('us-28-v1', 'e3-counter-v1', { db, forget: ['5=5'] });
    expect(forgot.decisions!.overrides.map((o) => o.from)).toEqual([['15']]);
    expect((await store.audit(PID)).filter((e) => e.kind === 'alignments').map((e) => e.action)).toEqual(['create', 'update']);
  });

  it('refuses decisions it cannot keep: between files, on unknown provisions, on a pair the aligner did not make without --change', async () => {
    const md = path.join(CP, 'e3-reuters-2025-11-23.md');
    expect(await failure(runCompare(md, 'e3-counter-v1', { db, confirm: ['1=1'] }))).toMatchObject({ code: 'usage', location: { field: 'confirm' } });
    expect(await failure(runCompare('us-28-v1', 'e3-counter-v1', { db, override: ['99=1:moved'] }))).toMatchObject({ code: 'invalid_input' });
    expect(await failure(runCompare('us-28-v1', 'e3-counter-v1', { db, confirm: ['1=2'] }))).toMatchObject({ code: 'usage', location: { field: 'confirm' } });
    expect(await failure(runCompare('us-28-v1', 'e3-counter-v1', { db, override: ['1=1'] }))).toMatchObject({ code: 'usage', location: { field: 'override' } });
    expect(await failure(runCompare('us-28-v1', 'e3-counter-v1', { db, forget: ['7=7'] }))).toMatchObject({ code: 'not_found' });
    expect(await failure(runCompare('us-28-v1', 'no-such-version', { db }))).toMatchObject({ code: 'not_found' });
    // nothing was stored by the refused runs
    expect((await store.get(PID, 'alignments', 'us-28-v1--e3-counter-v1'))!.overrides).toHaveLength(1);
  });
});

describe('accord replay and accord brackets', () => {
  it('lists the rounds including the versions added above, with tabling events and position counts', async () => {
    const out = JSON.parse(await run('replay', '--json'));
    expect(out.rounds.map((r: { version: { id: string }; positions: { total: number }; tabledAt: { id: string }[] }) => [r.version.id, r.positions.total, r.tabledAt.map((e) => e.id)])).toEqual([
      ['us-28-v1', out.rounds[0].positions.total, ['ev-012', 'ev-018']],
      ['e3-counter-v1', 7, ['ev-018', 'ev-019']],
      ['e3-reuters-v1', 0, []],
      // positions about "us-28" dated from 30 Nov on now belong to v2, the version current at their date
      ['us-28-v2', out.rounds[3].positions.total, []],
      ['framework-20-v1', 24, ['ev-033']],
    ]);
    const data = await store.loadProcess(PID);
    const usAfter = data.positions.filter((p) => p.document === 'us-28' && p.asOf >= '2025-11-30' && p.visibility === 'public').length;
    expect(out.rounds[3].positions.total).toBe(usAfter);
    expect(out.rounds[0].positions.total + usAfter).toBe(36);
    const text = await run('replay');
    expect(text).toMatch(/^Round 1 {2}2025-11-20 {2}US 28-point draft peace plan — v1 \(us-28-v1\) {2}\[current text\]$/m);
    expect(text).toContain('tabled at 2025-12-23  Zelensky presents the 20-point framework (Kyiv)  [held]');
  });

  it('prints bracket and alternative counts per version and what each version settled', async () => {
    const out = JSON.parse(await run('brackets', '--json', '--document', 'us-28', 'framework-20'));
    expect(out.versions.map((v: { version: { id: string }; status: { total: { alternatives: number } }; sincePrevious?: { from: string } }) => [v.version.id, v.status.total.alternatives, v.sincePrevious?.from ?? null])).toEqual([
      ['us-28-v1', 0, null],
      ['us-28-v2', 0, 'us-28-v1'],
      ['framework-20-v1', 4, 'us-28-v2'],
    ]);
    const text = await run('brackets');
    expect(text).toMatch(/^2025-12-23 {2}framework-20-v1 +23 +0 +0 +4 +0 +0 +0$/m);
  });

  it('accord positions: each cell says which version its stance was about; --only-about keeps only this version\'s', async () => {
    const all = JSON.parse(await run('positions', '--version', 'us-28-v2', '--as-of', '2025-12-31', '--json'));
    const data = await store.loadProcess(PID);
    const byId = new Map(data.positions.map((p) => [p.id, p]));
    // brute force: us-28 positions from 30 Nov on are about v2, earlier ones about v1; other documents have one version
    const expectAbout = (id: string) => {
      const p = byId.get(id)!;
      if (p.document === 'us-28') return p.asOf >= '2025-11-30' ? 'us-28-v2' : 'us-28-v1';
      return { 'e3-counter': 'e3-counter-v1', 'framework-20': 'framework-20-v1' }[p.document!];
    };
    const cells = all.rows.flatMap((r: { cells: Record<string, { positionId: string; about: string } | null> }) => Object.values(r.cells).filter(Boolean)) as { positionId: string; about: string }[];
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.about).toBe(expectAbout(c.positionId));
    const only = JSON.parse(await run('positions', '--version', 'us-28-v2', '--as-of', '2025-12-31', '--only-about', '--json'));
    const kept = only.rows.flatMap((r: { cells: Record<string, { about: string } | null> }) => Object.values(r.cells).filter(Boolean)) as { about: string }[];
    expect(kept.every((c) => c.about === 'us-28-v2')).toBe(true);
    expect(kept.length).toBe(cells.filter((c) => c.about === 'us-28-v2').length);
    const text = await run('positions', '--version', 'us-28-v2', '--as-of', '2025-12-31');
    if (cells.some((c) => c.about !== 'us-28-v2')) expect(text).toContain('* stance taken against another version of the point');
  });
});
