import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editKillTrials, importKillTrials } from './durability.js';
import { freshDatabase, postgresBackend } from '../../test/support/pg.js';

/** Small enough to keep the suite quick on two cores, large enough that an import takes a while. */
const SIZE = { positions: 2000, evidence: 800, versions: 15, points: 30 };

const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const targets: { name: string; target: () => Promise<string>; imports: number; edits: number }[] = [
  { name: 'sqlite', target: async () => path.join(dir, 'store.db'), imports: 6, edits: 3 },
];
if (await postgresBackend()) targets.push({ name: 'postgres', target: () => freshDatabase('dur'), imports: 4, edits: 2 });

describe.each(targets)('SIGKILL during writes on $name', ({ target, imports, edits }) => {
  it('leaves the store exactly as before an interrupted import or fully imported, with chains intact', async () => {
    const t = await target();
    const r = await importKillTrials(t, imports, { size: SIZE });
    expect(r.corrupt).toEqual([]);
    expect(r.completed + r.rolledBack).toBe(imports);
    // At least the first kill (aimed at mid-import) must have caught an import before its commit.
    expect(r.rolledBack).toBeGreaterThanOrEqual(1);

    const e = await editKillTrials(t, edits, { maxMs: 400 });
    expect(e.corrupt).toEqual([]);
  });
});
