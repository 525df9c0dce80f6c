/** `accord version add` through the shared contract of the versions job (test/support/contracts/versions.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe } from 'vitest';
import { walkProvisions } from '../../model/schemas.js';
import { readBundle } from '../../store/bundle.js';
import { openSqliteStore } from '../../store/sqlite.js';
import { versionsContract } from '../../../test/support/contracts/versions.js';
import { runAccord } from '../../../test/support/cli.js';

const MINI = readBundle(fileURLToPath(new URL('../../store/fixtures/mini', import.meta.url))).data;
const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-version-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let db = '';
let n = 0;

/** Run the CLI in process with --json; the parsed stdout. */
async function accord(...args: string[]): Promise<Record<string, any>> {
  const r = await runAccord([...args, '--json', '--db', db]);
  process.exitCode = undefined;
  return JSON.parse(r.out);
}

describe('accord version add (versions contract)', () => {
  versionsContract({
    async reset() {
      db = path.join(dir, `store-${++n}.db`);
      const store = await openSqliteStore(db);
      await store.importProcess(MINI, { actor: 'test' });
      await store.close();
      return MINI.process.id;
    },
    async addVersion(_pid, input) {
      const file = path.join(dir, `text-${++n}.md`);
      writeFileSync(file, input.text);
      const args = ['version', 'add', file, '--document', input.document];
      if (input.id) args.push('--id', input.id);
      if (input.date) args.push('--date', input.date);
      if (input.basedOn) args.push('--based-on', input.basedOn);
      for (const p of input.proponents ?? []) args.push('--proponent', p);
      const r = await accord(...args);
      return r.error ? { ok: false, code: r.error.code, field: r.error.field } : { ok: true, result: r };
    },
    async lineages(pid, version) {
      const store = await openSqliteStore(db);
      try {
        const v = await store.get(pid, 'versions', version);
        return v ? [...walkProvisions(v.provisions)].filter((p) => p.kind === 'point').map((p) => p.lineage) : [];
      } finally {
        await store.close();
      }
    },
  });
});
