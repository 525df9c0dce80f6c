/**
 * Print HTML to PDF with headless Chromium (Debian's `chromium`) through playwright-core. One
 * browser is launched on first use and kept for the next prints; it is closed after {@link IDLE_MS}
 * without a print, or when the process exits. At most {@link MAX_PAGES} prints run at once, the
 * others wait their turn in a queue, so a burst of requests never opens more than that many pages.
 * A page (each in its own browser context) is kept open after its print and reused by the next one,
 * since opening a page costs more than printing on it; between prints it shows `about:blank`.
 * Each document is loaded from a string with no network access: every request other than the
 * document itself is aborted, so a briefing can never fetch anything while printing.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
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

/** How long the browser stays up without a print, in ms. */
export const IDLE_MS = 5 * 60_000;
/** Most prints at once (pages open in the shared browser). */
export const MAX_PAGES = 2;

let browser: Promise<Browser> | null = null;
const stats = { launches: 0, prints: 0, pages: 0 };
/** Print pages left open for the next print, with the browser they belong to. */
let spare: { browser: Browser; page: Page }[] = [];

/** How many browsers were launched, PDFs printed and print pages opened by this process (for tests and benchmarks). */
export function pdfStats(): { launches: number; prints: number; pages: number } {
  return { ...stats };
}

/** A print page of `b`: a spare one when there is one, else a new page in a context of its own, offline. */
async function printPage(b: Browser): Promise<Page> {
  spare = spare.filter((s) => s.browser === b && !s.page.isClosed());
  const kept = spare.pop();
  if (kept) return kept.page;
  stats.pages++;
  const context = await b.newContext();
  const page = await context.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.emulateMedia({ media: 'print' });
  return page;
}
let idle: NodeJS.Timeout | null = null;
let running = 0;
const waiting: (() => void)[] = [];

/** The shared browser, launched on first use (a crashed or closed one is launched again). */
function sharedBrowser(): Promise<Browser> {
  if (!browser) {
    stats.launches++;
    const launching = chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    browser = launching;
    launching.then(
      (b) => b.on('disconnected', () => browser === launching && (browser = null)),
      () => browser === launching && (browser = null),
    );
  }
  return browser;
}

async function turn(): Promise<void> {
  if (running < MAX_PAGES) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function done(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
  if (running === 0 && !waiting.length) {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => void closePdfBrowser(), IDLE_MS);
    idle.unref();
  }
}

/** Close the shared browser now (tests, shutdown); the next print launches a new one. */
export async function closePdfBrowser(): Promise<void> {
  if (idle) clearTimeout(idle);
  idle = null;
  const b = browser;
  browser = null;
  spare = [];
  if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
}

process.once('exit', () => {
  void browser?.then((b) => b.close()).catch(() => undefined);
});

/**
 * Render `html` (a complete document with inline CSS/SVG) to PDF bytes: A4, CSS page size and
 * margins honoured, backgrounds printed. Reuses the shared browser; waits in the queue when
 * {@link MAX_PAGES} prints are already running.
 * @throws AccordError `unsupported` when Chromium is not installed at {@link CHROMIUM_PATH}.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new AccordError('unsupported', `PDF output needs Chromium at ${CHROMIUM_PATH} (Debian package "chromium"; or set ACCORD_CHROMIUM); use --format html instead`);
  }
  if (idle) clearTimeout(idle);
  idle = null;
  await turn();
  try {
    const b = await sharedBrowser();
    const page = await printPage(b);
    let reusable = false;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      stats.prints++;
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      // Drop the printed document before the page waits for the next one.
      await page.goto('about:blank');
      reusable = true;
      return pdf;
    } finally {
      if (reusable && browser && (await browser.catch(() => null)) === b) spare.push({ browser: b, page });
      else await page.context().close().catch(() => undefined);
    }
  } finally {
    done();
  }
}
