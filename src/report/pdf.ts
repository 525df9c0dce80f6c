/**
 * Print HTML to PDF with headless Chromium (Debian's `chromium`) through playwright-core. The page is
 * loaded from a string with no network access: every request other than the document itself is
 * aborted, so a briefing can never fetch anything while printing.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { AccordError } from '../model/errors.js';

/** Chromium used for printing; override with $ACCORD_CHROMIUM. */
export const CHROMIUM_PATH = process.env.ACCORD_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, sandbox-free, offline headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Render `html` (a complete document with inline CSS/SVG) to PDF bytes: A4, CSS page size and
 * margins honoured, backgrounds printed.
 * @throws AccordError `unsupported` when Chromium is not installed at {@link CHROMIUM_PATH}.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new AccordError('unsupported', `PDF output needs Chromium at ${CHROMIUM_PATH} (Debian package "chromium"; or set ACCORD_CHROMIUM); use --format html instead`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
