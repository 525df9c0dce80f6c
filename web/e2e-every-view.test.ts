/**
 * Every view of the workbench, at a desktop size (1280×800) and a phone size (390×844), in Debian's
 * Chromium over a temporary SQLite copy of the example: each becomes usable (its main content shown,
 * nothing left loading) with no failed request and no console error, and axe-core finds no serious or
 * critical violation. The views are read from the page's own navigation, so a view added later is
 * checked without being listed here; the Text view is also checked with a point's panel open.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../test/support/axe.js';
import { type Example, listViews, SIZES, startExample, waitUsable } from '../test/support/workbench-views.js';

let example: Example;

beforeAll(async () => {
  example = await startExample();
});

afterAll(async () => {
  await example?.close();
});

/** Opens `view` in a fresh page of `ctx`, waits until it is usable and returns what went wrong on the way (failed requests, console errors). */
async function visit(page: Page, view: string): Promise<string[]> {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') failed.push(`console: ${m.text()}`);
  });
  await page.goto(`${example.url}/#/${view}`);
  await waitUsable(page, view);
  return failed;
}

describe.each(Object.entries(SIZES))('every view at the %s size', (_name, viewport) => {
  it('is usable, loads cleanly and has no serious or critical axe-core violation', async () => {
    const ctx = await example.browser.newContext({ viewport });
    try {
      const first = await ctx.newPage();
      await first.goto(`${example.url}/#/overview`);
      const views = await listViews(first);
      await first.close();
      // The workbench has at least the views its README describes.
      expect(views.map((v) => v.id)).toEqual(expect.arrayContaining(['overview', 'text', 'compare', 'positions', 'analysis', 'record', 'reports', 'edit', 'briefing']));
      const problems: Record<string, string[]> = {};
      for (const { id } of views) {
        const page = await ctx.newPage();
        const failed = await visit(page, id);
        const found = [...failed, ...(await axeViolations(page))];
        if (id === 'text') {
          await page.locator('[data-point-button]').nth(4).click();
          await page.locator('#point-panel .stance-entry').first().waitFor();
          found.push(...(await axeViolations(page)).map((v) => `point panel: ${v}`));
        }
        if (found.length) problems[id] = found;
        await page.close();
      }
      expect(problems).toEqual({});
    } finally {
      await ctx.close();
    }
  });
});
