/**
 * The contract of the versions job (src/services/versions.ts), run through every face: the CLI test
 * (`accord version add`) and the API test (`POST /api/processes/:pid/texts`) each call
 * {@link versionsContract} with an adapter, so the same expectations hold whichever face is used.
 * The fixture is the mini process (src/store/fixtures/mini): document `draft` with versions
 * draft-v1 (2024-03-01) and draft-v2 (2024-04-01, based on v1). Expected values are hand-checked:
 * a v3 that repeats v2's three points word for word and adds a fourth carries the three lineage ids
 * across and gives the fourth a new one.
 */
import { expect, it } from 'vitest';

/** What a face answers: the service's result as JSON, or the error's code and field. */
export type FaceAnswer = { ok: true; result: Record<string, any> } | { ok: false; code: string; field?: string };

/** One face of the versions job. */
export interface VersionsFace {
  /** A fresh store holding the mini process; returns the process id. */
  reset(): Promise<string>;
  /** Add a version of a document from its Markdown text. */
  addVersion(pid: string, input: { document: string; text: string; id?: string; date?: string; basedOn?: string; proponents?: string[] }): Promise<FaceAnswer>;
  /** Lineage ids of the points of a stored version, in reading order. */
  lineages(pid: string, version: string): Promise<string[]>;
}

const V2 = [
  '## I. Security',
  '',
  '1. The parties observe a ceasefire from the date of signature.',
  '2. Forces withdraw twenty kilometres from the line of contact.',
  '',
  '## II. Politics',
  '',
  '3. Elections are held within eighteen months.',
  '   a. An electoral commission is formed.',
  '   b. Observers are invited.',
];
/** v2's text word for word, plus a point about something v2 never mentions. */
const V3 = [...V2, '', '## III. Refugees', '', '4. Displaced families may return to their homes.', ''].join('\n');

/** Declare the contract's tests for `face` (inside a describe block). */
export function versionsContract(face: VersionsFace): void {
  it('adds a version from its text, based on the latest earlier version, carrying lineage ids of unchanged points', async () => {
    const pid = await face.reset();
    const before = await face.lineages(pid, 'draft-v2');
    const r = await face.addVersion(pid, { document: 'draft', text: V3, date: '2024-05-01' });
    expect(r.ok).toBe(true);
    const res = (r as { result: Record<string, any> }).result;
    expect(res.version).toMatchObject({ id: 'draft-v3', document: 'draft', label: 'v3', date: '2024-05-01', basedOn: 'draft-v2', proponents: ['med'] });
    expect(res.counts.points).toBe(4);
    expect(res.lineage.fresh).toBeGreaterThan(0);
    const after = await face.lineages(pid, 'draft-v3');
    expect(after.slice(0, 3)).toEqual(before);
    expect(before).not.toContain(after[3]);
  });

  it('refuses an existing version id, an unknown document, base or party — and writes nothing', async () => {
    const pid = await face.reset();
    expect(await face.addVersion(pid, { document: 'draft', text: V3, id: 'draft-v1' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await face.addVersion(pid, { document: 'nope', text: V3 })).toMatchObject({ ok: false, code: 'not_found', field: 'document' });
    expect(await face.addVersion(pid, { document: 'draft', text: V3, basedOn: 'nope' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await face.addVersion(pid, { document: 'draft', text: V3, proponents: ['atlantis'] })).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await face.lineages(pid, 'draft-v3')).toEqual([]);
  });
}
