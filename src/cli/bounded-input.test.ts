/**
 * Bounded input (issue 19): each hostile file is built on the fly and given to the `accord` command
 * as a user would (bin/accord.mjs in a child process); each must be refused with exit 65 (bad input)
 * naming the file, with a peak resident set under 500 MB (read in the child by
 * test/support/peak-rss.mjs). Time is not asserted (speed belongs to benchmarks): the child is killed
 * only past a hang guard of 30 s, far above the 1–3 s these take and far below the minutes an
 * unbounded read took; the wall times are printed for the record.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repeatedDeflate, zip } from '../../test/support/zip.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/accord.mjs');
const PEAK = pathToFileURL(path.join(ROOT, 'test/support/peak-rss.mjs')).href;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-bounded-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Hang guard, not a speed bound: an unbounded read of these inputs ran for minutes. */
const SECONDS = 30;
const MAX_RSS_MB = 500;
const figures: string[] = [];
afterAll(() => console.log(`bounded input (wall s, peak RSS MB):\n  ${figures.join('\n  ')}`));

/** Run `accord ...args` in a child; exit code, stderr, wall seconds and peak RSS in MB. */
function accord(label: string, ...args: string[]) {
  const rssFile = path.join(tmp, `rss-${Math.random().toString(36).slice(2)}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', PEAK, BIN, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    timeout: SECONDS * 1000,
    env: { ...process.env, NO_COLOR: '1', ACCORD_PEAK_RSS_FILE: rssFile },
  });
  const seconds = (performance.now() - t0) / 1000;
  let rssMb = NaN;
  try {
    rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    /* killed before exit: no figure */
  }
  figures.push(`${label}: exit ${r.status ?? r.signal}, ${seconds.toFixed(2)} s, ${rssMb.toFixed(0)} MB`);
  return { code: r.status, signal: r.signal, err: r.stderr, rssMb };
}

/** The refusal every case expects: exit 65 in time and memory, a message naming the file. */
function expectRefused(r: ReturnType<typeof accord>, file: string, says: RegExp) {
  expect(r.signal, `killed after ${SECONDS} s`).toBeNull();
  expect(r.code, r.err).toBe(65);
  expect(r.err).toContain(path.basename(file));
  expect(r.err).toMatch(says);
  expect(r.err).not.toMatch(/\bat .*\.(js|ts):\d+/); // no stack trace
  expect(r.rssMb).toBeLessThan(MAX_RSS_MB);
}

/** A file of `bytes` bytes whose first bytes are `head` and whose rest is a hole (no disk used). */
function sparseFile(file: string, head: string, bytes: number): string {
  writeFileSync(file, head);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from('\n'), 0, 1, bytes - 1);
  closeSync(fd);
  return file;
}

const MB = 1024 * 1024;
const db = () => path.join(tmp, `s-${Math.random().toString(36).slice(2)}.db`);

beforeAll(() => {
  // Builds the CLI when the sources are newer, so no case below pays for it.
  spawnSync(process.execPath, [BIN, '--version'], { cwd: tmp });
});

describe('hostile inputs are refused with exit 65, in bounded time and memory', () => {
  it('parse: a 100 MB plain text (refused before it is read)', () => {
    const file = path.join(tmp, 'huge-plan.txt');
    const line = Buffer.from('12. The parties agree to withdraw their forces from the line of contact within ninety days.\n');
    const fd = openSync(file, 'w');
    const block = Buffer.concat(Array.from({ length: Math.ceil(MB / line.length) }, () => line));
    for (let i = 0; i < 100; i++) writeSync(fd, block);
    closeSync(fd);
    expectRefused(accord('parse 100 MB text', 'parse', file), file, /more than the .* allowed.*ACCORD_MAX_TEXT_MB/);
  });

  it('parse: a .docx zip bomb (1 GiB document.xml declaring 4 KB) is refused before mammoth inflates it', () => {
    const file = path.join(tmp, 'bomb.docx');
    const types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
    writeFileSync(
      file,
      zip([
        { name: '[Content_Types].xml', data: Buffer.from(types) },
        { name: 'word/document.xml', deflated: repeatedDeflate(Buffer.alloc(MB, 0x20), 1024), declaredSize: 4096 },
      ]),
    );
    expectRefused(accord('parse .docx zip bomb', 'parse', file), file, /inflate to more than .*ACCORD_MAX_DOCX_MB/);
  });

  it('parse: a .docx of 30,000 entries is refused on its entry count', () => {
    const file = path.join(tmp, 'many.docx');
    writeFileSync(file, zip(Array.from({ length: 30_000 }, (_, i) => ({ name: `word/media/e${i}.bin`, data: Buffer.from('x'), stored: true }))));
    expectRefused(accord('parse .docx 30,000 entries', 'parse', file), file, /30000 entries.*ACCORD_MAX_DOCX_ENTRIES/);
  });

  it('import-csv: a 1.3 GB sheet with a wrong header is refused on its header, unread', () => {
    const file = sparseFile(path.join(tmp, 'wrong-header.csv'), 'country,population,area\nA,1,2\n', 1300 * MB);
    expectRefused(accord('import-csv 1.3 GB, wrong header', 'import-csv', file, '--db', db()), file, /header row lacks columns party, point, stance, date/);
  });

  it('import-csv: a 1.3 GB sheet with a right header is refused on its size, unread', () => {
    const file = sparseFile(path.join(tmp, 'huge.csv'), 'party,point,stance,date\n', 1300 * MB);
    expectRefused(accord('import-csv 1.3 GB, right header', 'import-csv', file, '--db', db()), file, /more than the .* allowed.*ACCORD_MAX_FILE_MB/);
  });

  it('import-akn: an entity expansion bomb (a billion laughs)', () => {
    const file = path.join(tmp, 'laughs.xml');
    const ents = ['<!ENTITY l0 "laugh laugh laugh laugh laugh laugh laugh laugh laugh laugh">'];
    for (let i = 1; i <= 9; i++) ents.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
    writeFileSync(
      file,
      `<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n${ents.join('\n')}\n]>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="plan"><meta><identification source="#x"/></meta><mainBody><p>&l9;</p></mainBody></doc></akomaNtoso>\n`,
    );
    expectRefused(accord('import-akn billion laughs', 'import-akn', file, '--db', db()), file, /entit/i);
  });

  it('import-akn: elements nested 200,000 deep', () => {
    const file = path.join(tmp, 'deep.xml');
    const n = 200_000;
    writeFileSync(file, `<?xml version="1.0"?>\n<akomaNtoso><doc name="plan"><mainBody>${'<point>'.repeat(n)}x${'</point>'.repeat(n)}</mainBody></doc></akomaNtoso>\n`);
    expectRefused(accord('import-akn 200,000 deep', 'import-akn', file, '--db', db()), file, /nest/i);
  });

  it('import-akn: a 1.3 GB file is refused on its size, unread', () => {
    const file = sparseFile(path.join(tmp, 'huge-akn.xml'), '<?xml version="1.0"?>\n<akomaNtoso>', 1300 * MB);
    expectRefused(accord('import-akn 1.3 GB', 'import-akn', file, '--db', db()), file, /more than the .* allowed.*ACCORD_MAX_FILE_MB/);
  });

  /** A YAML mapping whose aliases expand to 10^9 strings. */
  const aliasBomb = () => {
    const lines = [`l0: &l0 [${Array(10).fill('"laugh"').join(', ')}]`];
    for (let i = 1; i <= 9; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    return lines.join('\n') + '\n';
  };

  it('import: a bundle whose process.yaml is a YAML alias bomb', () => {
    const dir = path.join(tmp, 'bomb-bundle');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'process.yaml'), `id: bomb\nname: Bomb\n${aliasBomb()}`);
    expectRefused(accord('import YAML alias bomb', 'import', dir, '--db', db()), 'process.yaml', /alias.*ACCORD_MAX_YAML_ALIASES/);
  });

  it('import: a bundle with a 100 MB version text', () => {
    const dir = path.join(tmp, 'big-text-bundle');
    mkdirSync(path.join(dir, 'texts'), { recursive: true });
    writeFileSync(path.join(dir, 'process.yaml'), 'id: big\nname: Big\n');
    writeFileSync(path.join(dir, 'documents.yaml'), '- id: plan\n  title: Plan\n  kind: plan\n  versions:\n    - id: v1\n      label: v1\n      date: "2025-01-01"\n      text: texts/v1.md\n');
    sparseFile(path.join(dir, 'texts/v1.md'), '# Plan\n\n1. A point.\n', 100 * MB);
    expectRefused(accord('import 100 MB version text', 'import', dir, '--db', db()), 'v1.md', /more than the .* allowed.*ACCORD_MAX_TEXT_MB/);
  });

  it('solve: a negotiation domain that is a YAML alias bomb', () => {
    const file = path.join(tmp, 'bomb-domain.yaml');
    writeFileSync(file, aliasBomb());
    expectRefused(accord('solve YAML alias bomb', 'solve', file), file, /alias.*ACCORD_MAX_YAML_ALIASES/);
  });
});

describe('input limits are configurable', () => {
  it('a plan over a lowered ACCORD_MAX_TEXT_MB is refused; the default reads it', () => {
    const file = path.join(tmp, 'plan-2mb.txt');
    writeFileSync(file, '1. First point.\n2. Second point.\n' + 'x'.repeat(2 * MB) + '\n');
    const r = spawnSync(process.execPath, [BIN, 'parse', file, '--json'], { cwd: tmp, encoding: 'utf8', env: { ...process.env, ACCORD_MAX_TEXT_MB: '1' } });
    expect(r.status, r.stderr).toBe(65);
    expect(r.stderr).toMatch(/more than the 1\.0 MiB allowed/);
    const ok = spawnSync(process.execPath, [BIN, 'parse', file, '--json'], { cwd: tmp, encoding: 'utf8', maxBuffer: 64 * MB });
    expect(ok.status, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as { provisions: unknown[] }).provisions.length).toBeGreaterThan(0);
  });
});
