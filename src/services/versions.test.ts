/** The versions service against a real store, through the shared contract (test/support/contracts/versions.ts). */
import { fileURLToPath } from 'node:url';
import { afterEach, describe } from 'vitest';
import { AccordError } from '../model/errors.js';
import { walkProvisions } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { versionsContract } from '../../test/support/contracts/versions.js';
import { localContext } from './context.js';
import { addVersion } from './versions.js';

const MINI = readBundle(fileURLToPath(new URL('../store/fixtures/mini', import.meta.url))).data;
let store: Store | undefined;
afterEach(async () => store?.close());

describe('versions service', () => {
  versionsContract({
    async reset() {
      store = await openSqliteStore(':memory:');
      await store.importProcess(MINI, { actor: 'test' });
      return MINI.process.id;
    },
    async addVersion(pid, input) {
      try {
        return { ok: true, result: (await addVersion(localContext(store!, 'test'), pid, input)) as never };
      } catch (e) {
        if (!(e instanceof AccordError)) throw e;
        return { ok: false, code: e.code, field: e.location.field };
      }
    },
    async lineages(pid, version) {
      const v = await store!.get(pid, 'versions', version);
      return v ? [...walkProvisions(v.provisions)].filter((p) => p.kind === 'point').map((p) => p.lineage) : [];
    },
  });
});
