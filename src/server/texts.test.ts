/** `POST /api/processes/:pid/texts` through the shared contract of the versions job (test/support/contracts/versions.ts). */
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { describe } from 'vitest';
import { readBundle } from '../store/bundle.js';
import { openSqliteStore } from '../store/sqlite.js';
import { versionsContract } from '../../test/support/contracts/versions.js';
import { createApp } from './app.js';

const MINI = readBundle(fileURLToPath(new URL('../store/fixtures/mini', import.meta.url))).data;
let app: ReturnType<typeof createApp>;

describe('POST /texts (versions contract)', () => {
  versionsContract({
    async reset() {
      const store = await openSqliteStore(':memory:');
      await store.importProcess(MINI, { actor: 'test' });
      app = createApp({ store, logger: pino({ level: 'silent' }), webDir: false });
      return MINI.process.id;
    },
    async addVersion(pid, input) {
      const r = await app.request(`/api/processes/${pid}/texts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...input, format: 'markdown' }) });
      const body = (await r.json()) as Record<string, any>;
      return r.status === 201 ? { ok: true, result: body } : { ok: false, code: body.error.code, field: body.error.field };
    },
    async lineages(pid, version) {
      const r = await app.request(`/api/processes/${pid}/versions/${version}`);
      if (r.status !== 200) return [];
      const v = (await r.json()) as { provisions: { kind: string; lineage: string; children: unknown[] }[] };
      const out: string[] = [];
      const walk = (ps: { kind: string; lineage: string; children: unknown[] }[]) => {
        for (const p of ps) {
          if (p.kind === 'point') out.push(p.lineage);
          walk(p.children as never);
        }
      };
      walk(v.provisions);
      return out;
    },
  });
});
