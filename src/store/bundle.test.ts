import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import { readBundle, writeBundle } from './bundle.js';
import { openSqliteStore } from './sqlite.js';

const MINI = fileURLToPath(new URL('./fixtures/mini', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/russia-ukraine-2025', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Copy the mini bundle, apply `edit` to one file, and return the folder. */
function broken(name: string, file: string, edit: (s: string) => string): string {
  const dir = path.join(tmp, name);
  cpSync(MINI, dir, { recursive: true });
  const f = path.join(dir, file);
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  return dir;
}

function problemOf(dir: string): AccordError {
  try {
    readBundle(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(AccordError);
    return e as AccordError;
  }
  throw new Error('expected the bundle to be rejected');
}

describe('process bundles', () => {
  it('reads the mini fixture with its structure, metadata and lineages', () => {
    const { data, warnings } = readBundle(MINI);
    expect(warnings).toEqual([]);
    expect(data.process).toMatchObject({ id: 'mini', startedAt: '2024-03', singleText: 'draft' });
    expect(data.versions.map((v) => v.id)).toEqual(['draft-v1', 'draft-v2']);
    const v1 = data.versions[0]!;
    expect(v1.provisions.map((a) => [a.kind, a.num, a.heading, a.lineage])).toEqual([
      ['axis', 'I', 'Security', 'draft-axis-I'],
      ['axis', 'II', 'Politics', 'draft-axis-II'],
    ]);
    const p2 = v1.provisions[0]!.children[1]!;
    expect(p2).toMatchObject({ num: '2', lineage: 'draft-2', status: 'bracketed', topics: ['Ce'] });
    expect(p2.brackets).toEqual([{ start: 16, end: 24, text: 'thirty', proponents: [] }]);
    expect(p2.text.slice(16, 24)).toBe('[thirty]');
    expect(v1.provisions[1]!.children[0]!.children.map((s) => s.lineage)).toEqual(['draft-3.a', 'draft-3.b']);
    expect(data.positions).toHaveLength(7);
  });

  it('round-trips losslessly: read → write → read gives the same data', () => {
    for (const src of [MINI, EXAMPLE]) {
      const a = readBundle(src).data;
      const out = path.join(tmp, 'rt-' + path.basename(src));
      writeBundle(out, a);
      const b = readBundle(out).data;
      expect(b).toEqual(a);
      // and once more, so the written form is a fixed point
      const out2 = out + '-2';
      writeBundle(out2, b);
      expect(readFileSync(path.join(out2, 'documents.yaml'), 'utf8')).toBe(readFileSync(path.join(out, 'documents.yaml'), 'utf8'));
    }
  });

  it('reads the same data with the fast YAML parser as with the exact one', () => {
    for (const src of [MINI, EXAMPLE]) expect(readBundle(src).data).toEqual(readBundle(src, undefined, { exact: true }).data);
  });

  it('fast and exact YAML readers agree on any names and aliases written to a bundle (property)', () => {
    const base = readBundle(MINI).data;
    // plain-looking scalars where YAML 1.1, js-yaml and YAML 1.2 core are known to differ, mixed into free text
    const tricky = fc.constantFrom('0b101', '+0x1F', '+.5', '-.5', '1_000', '0o17', '017', 'yes', 'off', '~', 'null', '.inf', '2024-01-01', '1:20', '*a', '&a x', '!x', '@x', "'q'", '"q"', '- x', 'a: b', '# c', '\t', 'é ש', '\u2028');
    const text = fc.oneof(tricky, fc.string({ minLength: 1, maxLength: 12 }), fc.array(tricky, { minLength: 1, maxLength: 3 }).map((a) => a.join(' ')));
    let n = 0;
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), (name, aliases) => {
        fc.pre(name.trim().length > 0 && aliases.every((a) => a.length > 0));
        const data = { ...base, persons: base.persons.map((p, i) => (i === 0 ? { ...p, name, aliases } : p)) };
        const out = path.join(tmp, `fast-${n++}`);
        writeBundle(out, data);
        const fast = readBundle(out).data;
        expect(fast.persons[0]).toMatchObject({ name, aliases });
        expect(fast).toEqual(readBundle(out, undefined, { exact: true }).data);
        rmSync(out, { recursive: true, force: true });
      }),
      { numRuns: 150, seed: 18 },
    );
  });

  it('keeps who sees each item through a round trip: a confidential document, items of several parties', () => {
    const a = readBundle(MINI).data;
    const shared = { confidentialTo: 'north', alsoVisibleTo: ['south'] };
    a.documents[0] = { ...a.documents[0]!, visibility: { confidentialTo: 'north' } };
    a.positions[0] = { ...a.positions[0]!, visibility: shared };
    a.events[0] = { ...a.events[0]!, visibility: shared };
    a.evidence[0] = { ...a.evidence[0]!, visibility: { confidentialTo: 'north', sharedWith: 'mediator-team' } };
    const out = path.join(tmp, 'rt-visibility');
    writeBundle(out, a);
    const b = readBundle(out).data;
    expect(b).toEqual(a);
    expect(b.documents[0]!.visibility).toEqual({ confidentialTo: 'north' });
  });

  it('round-trips through the store: import → export → import', async () => {
    const store = await openSqliteStore(':memory:');
    const a = readBundle(EXAMPLE).data;
    await store.importProcess(a, { actor: 't' });
    const out = path.join(tmp, 'store-rt');
    writeBundle(out, await store.loadProcess(a.process.id));
    const b = readBundle(out).data;
    expect(b).toEqual(a);
    await store.close();
  });

  it('keeps alignment decisions in alignments.yaml losslessly and checks their version references', () => {
    const a = readBundle(MINI).data;
    expect(a.alignments).toEqual([]);
    const decided = {
      ...a,
      alignments: [{ id: 'draft-v1--draft-v2', from: 'draft-v1', to: 'draft-v2', overrides: [{ from: ['2'], to: ['2'], change: 'amended' as const, note: 'desk check' }, { from: ['4'], to: [], change: 'deleted' as const }] }],
    };
    const out = path.join(tmp, 'rt-alignments');
    expect(writeBundle(out, decided)).toContain('alignments.yaml');
    expect(readBundle(out).data).toEqual(decided);
    writeFileSync(path.join(out, 'alignments.yaml'), readFileSync(path.join(out, 'alignments.yaml'), 'utf8').replace('to: draft-v2', 'to: draft-v9'));
    const e = problemOf(out);
    expect(e.details).toEqual([{ file: 'alignments.yaml', line: 4, field: '[0].to', message: 'unknown version "draft-v9"' }]);
  });

  it('rejects bad YAML naming the file and line', () => {
    const e = problemOf(broken('bad-yaml', 'parties.yaml', (s) => s.replace('  short: S\n', '  short: [S\n')));
    expect(e.code).toBe('invalid_input');
    expect(e.details[0]).toMatchObject({ file: 'parties.yaml' });
    expect(e.details[0]!.message).toMatch(/YAML syntax error/);
    expect(e.details[0]!.line).toBeGreaterThanOrEqual(7);
  });

  it('names only the first syntax error of a file and counts the ones that follow from it', () => {
    // One bad indent in the first entry: the exact parser reports a long cascade after it.
    const e = problemOf(broken('bad-indent', 'parties.yaml', (s) => s.replace(/^- id: (.*)$/m, '- id: $1 : [')));
    const lines = readFileSync(path.join(tmp, 'bad-indent', 'parties.yaml'), 'utf8').split('\n');
    const bad = lines.findIndex((l) => l.endsWith(' : [')) + 1;
    expect(e.details).toHaveLength(1);
    expect(e.details[0]).toMatchObject({ file: 'parties.yaml', line: bad });
    expect(e.details[0]!.message).toMatch(/^YAML syntax error at column \d+: [^\n]+ \(and \d+ more syntax errors? after it, which usually follow from this one\)$/);
    expect(e.details[0]!.message).not.toMatch(/at line \d+, column/);
  });

  it('rejects an unknown party in a position, naming file, line and field', () => {
    const e = problemOf(broken('unknown-party', 'positions.yaml', (s) => s.replace('party: south\n  provision: draft-1', 'party: westland\n  provision: draft-1')));
    expect(e.details).toEqual([{ file: 'positions.yaml', line: 8, field: '[1].party', message: 'unknown party "westland"' }]);
    expect(e.describe()).toContain('positions.yaml:8: [1].party: unknown party "westland"');
  });

  it('rejects an impossible date saying what was expected', () => {
    const e = problemOf(broken('bad-date', 'events.yaml', (s) => s.replace('start: 2024-03-04', 'start: 2025-13-40')));
    expect(e.details).toHaveLength(1);
    expect(e.details[0]).toMatchObject({ file: 'events.yaml', line: 5, field: '[0].start' });
    expect(e.details[0]!.message).toContain('month 13 is not between 01 and 12');
  });

  it('rejects a stance outside the vocabulary, listing the allowed ones', () => {
    const e = problemOf(broken('bad-stance', 'positions.yaml', (s) => s.replace('stance: rejects', 'stance: hates')));
    expect(e.details[0]).toMatchObject({ file: 'positions.yaml', line: 4, field: '[0].stance' });
    expect(e.details[0]!.message).toContain('"accepts"');
  });

  it('rejects a missing text file naming the documents.yaml line', () => {
    const dir = broken('missing-text', 'documents.yaml', (s) => s);
    rmSync(path.join(dir, 'texts/draft-v2.md'));
    const e = problemOf(dir);
    expect(e.details).toEqual([
      { file: 'documents.yaml', line: 18, field: '[0].versions[1].text', message: 'missing file: text "texts/draft-v2.md" not found in the bundle' },
    ]);
  });

  it('rejects a missing process.yaml and a missing folder', () => {
    const dir = broken('no-process', 'parties.yaml', (s) => s);
    rmSync(path.join(dir, 'process.yaml'));
    expect(problemOf(dir).details[0]!.message).toContain('missing file: a bundle needs process.yaml');
    expect(problemOf(path.join(tmp, 'nowhere')).code).toBe('not_found');
  });

  it('rejects a position on a provision lineage that no version has', () => {
    const e = problemOf(broken('bad-lineage', 'positions.yaml', (s) => s.replace('provision: draft-2\n  stance: rejects', 'provision: draft-99\n  stance: rejects')));
    expect(e.details[0]).toMatchObject({ file: 'positions.yaml', line: 3, field: '[0].provision', message: 'unknown provision lineage "draft-99"' });
  });

  it('leaves the store unchanged when a broken bundle is imported', async () => {
    const store = await openSqliteStore(':memory:');
    await store.importProcess(readBundle(MINI).data, { actor: 't' });
    const before = await store.loadProcess('mini');
    const auditBefore = await store.audit();
    const dir = broken('unchanged', 'positions.yaml', (s) => s.replace('party: north', 'party: nobody'));
    expect(() => readBundle(dir)).toThrow(AccordError);
    expect(await store.loadProcess('mini')).toEqual(before);
    expect(await store.audit()).toEqual(auditBefore);
    await store.close();
  });
});
