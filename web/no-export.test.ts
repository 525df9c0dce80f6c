/**
 * No part of the workbench asks for the whole process (`GET /export`): each view reads its own
 * server view or entity route (web/src/api/queries.ts). A source check over web/src, beside the
 * Chromium test that records the requests of every view (web/e2e-workbench.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('./src', import.meta.url));

/** Every .ts/.tsx file under `dir` except the generated API types. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && name !== 'openapi.d.ts' ? [full] : [];
  });
}

describe('the web client', () => {
  it('names the whole-process export route nowhere in its sources', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(20);
    const naming = files.filter((f) => /\/export\b/.test(readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
    expect(naming).toEqual([]);
  });
});
