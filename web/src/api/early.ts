/**
 * Requests started before React: the page's first reads (health, the vocabulary, the process
 * outline) are asked for as soon as the small entry script runs (./../main.tsx), while the bulk of
 * the scripts (React, the shell, the first view) downloads and compiles, instead of after all of
 * that. The query cache (./queries.ts `useApi`) then takes each early answer instead of asking the
 * server again.
 *
 * An early answer is handed out once, and only within {@link EARLY_MS} of its request, so a read made
 * later (after a save, say) never gets an answer older than the page's first seconds.
 */
import { getPage, type ListPage, type Params, type PathsWith, type Reply } from './client.js';

/** How long an early answer may stand in for a read the page makes (ms since it was requested). */
export const EARLY_MS = 10_000;

/** One early read: when it was asked for, its reply, and the answer once it has arrived. */
interface Early {
  at: number;
  /** The whole reply: the body as `items`, with a paged route's cursor and total (./client.ts `getPage`). */
  page: Promise<ListPage<unknown>>;
  reply: Promise<unknown>;
  answer?: { data: unknown };
}

const started = new Map<string, Early>();

/** A stable text for a path and its parameters: object keys sorted, `undefined` members left out (as JSON drops them). */
export function requestKey(path: string, params: unknown): string {
  const norm = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
            .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
        )
      : v;
  return JSON.stringify([path, norm(params ?? {})]);
}

/** Start `GET path` now (once per path and parameters); the reply is kept for {@link takeEarly}. */
export function startEarly<P extends PathsWith<'get'>>(path: P, params: Params<'get', P>): Promise<Reply<'get', P>> {
  const key = requestKey(path, params);
  const had = started.get(key);
  if (had) return had.reply as Promise<Reply<'get', P>>;
  const page = getPage(path, params) as Promise<ListPage<unknown>>;
  const reply = page.then((p) => p.items);
  const entry: Early = { at: performance.now(), page, reply };
  // A failure is reported to whoever takes the reply (unhandled here it would log a second error).
  reply.then(
    (data) => (entry.answer = { data }),
    () => undefined,
  );
  started.set(key, entry);
  return reply as Promise<Reply<'get', P>>;
}

/** The early read of `GET path` with `params`, if one was started less than {@link EARLY_MS} ago (handed out once). */
function take(path: string, params: unknown): Early | undefined {
  const key = requestKey(path, params);
  const had = started.get(key);
  if (!had) return undefined;
  started.delete(key);
  return performance.now() - had.at <= EARLY_MS ? had : undefined;
}

/** The early reply of `GET path` with `params`, if one was started less than {@link EARLY_MS} ago (handed out once). */
export function takeEarly(path: string, params: unknown): Promise<unknown> | undefined {
  return take(path, params)?.reply;
}

/**
 * Paged replies {@link settleShellReads} handed over: the app's cache got their items only, so a
 * paged view takes the whole page (with its cursor and total) from here, once, within {@link EARLY_MS}.
 */
const settledPages = new Map<string, Early>();

/** {@link takeEarly} for the first page of a paged list route: its items, next cursor and total. */
export function takeEarlyPage(path: string, params: unknown): Promise<ListPage<unknown>> | undefined {
  const key = requestKey(path, params);
  const settled = settledPages.get(key);
  if (settled) {
    settledPages.delete(key);
    if (performance.now() - settled.at <= EARLY_MS) return settled.page;
  }
  return take(path, params)?.page;
}

/** The shell's first reads, as started by {@link startShellReads}. */
const shell: { outline?: Promise<unknown> } = {};

/** A read to start early: a GET path and its parameters (checked by whoever lists it, e.g. ../first-reads.ts). */
export interface EarlyRead {
  path: PathsWith<'get'>;
  params: unknown;
}

/**
 * The shell's first reads: health and the vocabulary at once, and, on a local workbench (no
 * accounts, so nothing to sign in to first), as soon as health names the default process, its
 * outline together with `viewReads(pid)` (the first view's own reads). Failures are left for the
 * app's own reads to report.
 */
export function startShellReads(viewReads: (pid: string) => readonly EarlyRead[] = () => []): void {
  void startEarly('/api/vocabulary', {});
  shell.outline = startEarly('/api/health', {}).then((h) => {
    const pid = h.defaultProcess;
    if (h.accounts !== false || !pid) return undefined;
    const outline = startEarly('/api/processes/{pid}/outline', { path: { pid } });
    for (const r of viewReads(pid)) void startEarly(r.path, r.params as never).catch(() => undefined);
    return outline;
  });
  shell.outline.catch(() => undefined);
}

/** A read the shell asked for early and that has been answered: its path, parameters and reply. */
export interface EarlyAnswer {
  path: PathsWith<'get'>;
  params: unknown;
  data: unknown;
}

/**
 * Wait (at most `capMs`) for the shell's first reads and hand over those answered, each taken out
 * of the early store (so the app's cache holds it from its first render, and no later read gets
 * it). A read still pending after `capMs`, or failed, is left to the app's own read.
 */
export async function settleShellReads(capMs: number): Promise<EarlyAnswer[]> {
  const cap = new Promise<void>((resolve) => setTimeout(resolve, capMs));
  // The outline is asked for once health has answered: wait for it, then for every read started.
  const all = (shell.outline ?? Promise.resolve()).then(() => Promise.allSettled([...started.values()].map((e) => e.reply)));
  await Promise.race([cap, all]);
  const out: EarlyAnswer[] = [];
  for (const [key, entry] of [...started]) {
    if (!entry.answer) continue;
    started.delete(key);
    settledPages.set(key, entry);
    const [path, params] = JSON.parse(key) as [PathsWith<'get'>, unknown];
    out.push({ path, params, data: entry.answer.data });
  }
  return out;
}
