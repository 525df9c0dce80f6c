/**
 * Fetching, caching and invalidation for the workbench, with TanStack Query over the typed client
 * (./client.ts). A view asks for what it shows with {@link useApi} (`useApi('/api/processes/{pid}/matrix',
 * { path: { pid }, query: { asOf } })`): one cache entry per path and parameters, shared by every
 * view that asks the same. A save goes through {@link useWrite}, which, once the server has
 * answered, marks stale exactly the cached answers that read a kind of entity the save wrote
 * ({@link READS}: the matrix reads positions, the outline reads parties…), so those are fetched
 * again and nothing else is.
 */
import { keepPreviousData, QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { takeEarly, takeEarlyPage } from './early.js';
import { ApiError, type Body, get, getPage, getTagged, type ListPage, type Method, type Params, type PathsWith, type Reply, send, type Tagged } from './client.js';

/** What a write may change: an entity kind of src/model/schemas.ts, or a process as a whole. */
export type Kind = 'processes' | 'parties' | 'persons' | 'documents' | 'versions' | 'sources' | 'evidence' | 'positions' | 'events' | 'domains' | 'alignments' | 'reports' | 'drafts' | 'critiques';

const ENTITY_KINDS: readonly Kind[] = ['parties', 'persons', 'documents', 'versions', 'sources', 'evidence', 'positions', 'events', 'domains', 'alignments', 'reports', 'drafts', 'critiques'];
const ALL: readonly Kind[] = ['processes', ...ENTITY_KINDS];
const STANCES: readonly Kind[] = ['positions', 'evidence', 'versions', 'documents', 'parties'];

/**
 * The kinds each GET view reads (its answer changes when one of them is written). Entity routes
 * (`/api/processes/{pid}/<kind>`, `/<kind>/{id}`) read their own kind; a path not listed and not
 * an entity route is taken to read everything; `[]` never goes stale by a write.
 */
export const READS: Partial<Record<PathsWith<'get'>, readonly Kind[]>> = {
  '/api/health': ['processes'],
  '/api/vocabulary': [],
  '/api/processes/{pid}': ['processes'],
  '/api/processes/{pid}/outline': ['processes', 'parties', 'persons', 'documents', 'versions', 'events'],
  '/api/processes/{pid}/text': STANCES,
  '/api/processes/{pid}/points': ['versions', 'documents'],
  '/api/processes/{pid}/steps': ['positions', 'versions'],
  '/api/processes/{pid}/activity': ['events', 'versions', 'documents', 'positions', 'evidence'],
  '/api/processes/{pid}/matrix': STANCES,
  '/api/processes/{pid}/contested': STANCES,
  '/api/processes/{pid}/points/{lineage}': [...STANCES, 'sources', 'events', 'persons'],
  '/api/processes/{pid}/timeline': ['events'],
  '/api/processes/{pid}/rounds': ['versions', 'documents'],
  '/api/processes/{pid}/compare': ['versions', 'documents', 'alignments'],
  '/api/processes/{pid}/analysis': ['domains', 'parties', 'versions'],
  '/api/processes/{pid}/reports': ['reports'],
  '/api/processes/{pid}/reports/{id}': ['reports', 'events', 'persons', 'parties', 'sources'],
  '/api/processes/{pid}/drafts/{id}/revise': ['drafts', 'critiques', 'versions', 'documents'],
  '/api/processes/{pid}/versions/{id}/response': ['critiques', 'versions', 'documents'],
  '/api/processes/{pid}/rounds/grid': ['versions', 'documents'],
};

/** The kinds a cached answer of `path` reads (see {@link READS}). */
export function kindsRead(path: string): readonly Kind[] {
  const listed = (READS as Record<string, readonly Kind[] | undefined>)[path];
  if (listed) return listed;
  const m = /^\/api\/processes\/\{pid\}\/([a-z]+)(?:\/\{id\})?$/.exec(path);
  if (m && (ENTITY_KINDS as readonly string[]).includes(m[1]!)) return [m[1] as Kind];
  return ALL;
}

/**
 * The kinds a write changed: those its reply names (`written: [{kind}]` of `/changes` and
 * `/stances`, the outcomes of a review), else the kind its path names, else by route.
 */
export function kindsWritten(method: Exclude<Method, 'get'>, path: string, reply: unknown): Kind[] {
  const r = reply as { written?: { kind: string }[]; outcomes?: { written: { kind: string }[] }[] } | null | undefined;
  if (Array.isArray(r?.written)) return [...new Set(r.written.map((w) => w.kind as Kind))];
  if (Array.isArray(r?.outcomes)) return [...new Set<Kind>(['reports', ...r.outcomes.flatMap((o) => o.written.map((w) => w.kind as Kind))])];
  if (path.endsWith('/texts')) return ['versions', 'alignments'];
  // The one-text procedure: a draft's edits change it alone; tabling adds a version (its alignment decisions, its event); a submission records positions and evidence.
  if (/\/drafts\/\{id\}\/(edits|fold)$/.test(path)) return ['drafts'];
  if (/\/drafts\/\{id\}\/table$/.test(path)) return ['drafts', 'versions', 'alignments', 'events'];
  if (/\/critiques\/\{id\}\/(submit|publish)$/.test(path)) return ['critiques', 'positions', 'evidence'];
  if (path.endsWith('/compare')) return ['alignments'];
  if (/\/analysis\/\{id\}$/.test(path)) return ['domains'];
  if (path.endsWith('/analysis') && method === 'post') return [];
  const m = /^\/api\/processes\/\{pid\}\/([a-z]+)(?:\/\{id\})?$/.exec(path);
  if (m && (ENTITY_KINDS as readonly string[]).includes(m[1]!)) return [m[1] as Kind];
  return [...ALL];
}

/** The workbench's cache: answers stay fresh 30 s; a failure the server meant (4xx) is not retried. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (n, err) => n < 2 && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}

type Key = readonly ['api', string, unknown, ...unknown[]];
const keyOf = (path: string, params: unknown, ...more: unknown[]): Key => ['api', path, params ?? {}, ...more];
const pidOf = (params: unknown) => (params as { path?: { pid?: string } } | undefined)?.path?.pid;

/** Put the answer `data` of `GET path` with `params` into the cache (as if read now), e.g. an answer read before the app started (./early.ts). */
export function seedApi(qc: QueryClient, path: string, params: unknown, data: unknown): void {
  qc.setQueryData(keyOf(path, params), data);
}

/** The cached answer of `GET path` with `params`, if there is one (no request is made). */
export function peekApi<P extends PathsWith<'get'>>(qc: QueryClient, path: P, params: Params<'get', P>): Reply<'get', P> | undefined {
  return qc.getQueryData<Reply<'get', P>>(keyOf(path, params));
}

/** Mark stale every cached answer of process `pid` that reads one of `kinds` (and refetch those on screen). */
export function invalidateKinds(qc: QueryClient, pid: string | undefined, kinds: readonly Kind[]): Promise<void> {
  if (!kinds.length) return Promise.resolve();
  return qc.invalidateQueries({
    predicate: (q) => {
      const [tag, path, params] = q.queryKey as unknown as Key;
      if (tag !== 'api') return false;
      const p = pidOf(params);
      if (p !== undefined && pid !== undefined && p !== pid) return false;
      return kindsRead(path).some((k) => kinds.includes(k));
    },
  });
}

/** Options of {@link useApi}. */
export interface UseApiOptions {
  /** False: do not fetch yet (a dependency is missing). */
  enabled?: boolean;
  /** Keep showing the previous answer while the answer for new parameters loads. */
  keepPrevious?: boolean;
}

/** The answer of `GET path` with `params`, cached (see the module doc). */
export function useApi<P extends PathsWith<'get'>>(path: P, params: Params<'get', P>, opts: UseApiOptions = {}): UseQueryResult<Reply<'get', P>, ApiError> {
  return useQuery<Reply<'get', P>, ApiError, Reply<'get', P>, Key>({
    queryKey: keyOf(path, params),
    // The answer of a read the entry script started early (./early.ts), else a request now.
    queryFn: () => (takeEarly(path, params) as Promise<Reply<'get', P>> | undefined) ?? get(path, params),
    enabled: opts.enabled ?? true,
    ...(opts.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

/** What {@link useApiPages} gives a list view. */
export interface Pages<T> {
  /** The items of every page read so far, in order; null until the first page is in. */
  items: T[] | null;
  /** How many items match in all (the server's count), null until known. */
  total: number | null;
  /** Whether there is a further page. */
  hasMore: boolean;
  /** Read the next page (nothing if one is being read or there is none). */
  loadMore: () => void;
  /** Whether a further page is being read. */
  loadingMore: boolean;
  error: ApiError | null;
}

/**
 * The answer of a paged list route (`limit`, `cursor`; the next cursor and the total in headers),
 * read `pageSize` items at a time: the first page at once, each further one on {@link Pages.loadMore}.
 * Cached and made stale like {@link useApi} (the same path, the same kinds read); when the
 * parameters change the pages read so far stay shown until the first page of the new ones is in.
 */
export function useApiPages<P extends PathsWith<'get'>, T>(path: P, params: Params<'get', P>, pageSize: number): Pages<T> {
  const withPage = (cursor: string | undefined) => {
    const p = params as { path?: unknown; query?: Record<string, unknown> };
    return { ...p, query: { ...(p.query ?? {}), limit: String(pageSize), ...(cursor ? { cursor } : {}) } } as unknown as Params<'get', P>;
  };
  const q = useInfiniteQuery<ListPage<Reply<'get', P>>, ApiError, { pages: ListPage<Reply<'get', P>>[] }, Key, string | undefined>({
    queryKey: keyOf(path, params, 'pages', pageSize),
    // The first page may have been read before React arrived (./early.ts, ../first-reads.ts).
    queryFn: ({ pageParam }) => (pageParam === undefined ? (takeEarlyPage(path, withPage(undefined)) as Promise<ListPage<Reply<'get', P>>> | undefined) : undefined) ?? getPage(path, withPage(pageParam)),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
  });
  const pages = q.data?.pages;
  const items = useMemo(() => (pages ? pages.flatMap((pg) => pg.items as unknown as T[]) : null), [pages]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  return {
    items,
    total: pages?.[0]?.total ?? null,
    hasMore: q.hasNextPage,
    loadMore,
    loadingMore: q.isFetchingNextPage,
    error: q.error ?? null,
  };
}

/** {@link useApi} with the entity tag of the answer (entity reads), for a form that writes back with `If-Match`. */
export function useTagged<P extends PathsWith<'get'>>(path: P, params: Params<'get', P>, opts: UseApiOptions = {}): UseQueryResult<Tagged<Reply<'get', P>>, ApiError> {
  return useQuery<Tagged<Reply<'get', P>>, ApiError, Tagged<Reply<'get', P>>, Key>({
    queryKey: keyOf(path, params, 'tagged'),
    queryFn: () => getTagged(path, params),
    enabled: opts.enabled ?? true,
    // A form keeps what it opened: no refetch behind its back.
    staleTime: Infinity,
  });
}

/** One write: method, path, parameters, body and `If-Match`. */
export interface WriteRequest<M extends Exclude<Method, 'get'>, P extends PathsWith<M>> {
  method: M;
  path: P;
  params: Params<M, P>;
  body?: Body<M, P>;
  ifMatch?: string;
}

/**
 * A function that performs a write and then invalidates what it changed ({@link kindsWritten});
 * resolves with the reply and its entity tag, rejects with the {@link ApiError}.
 */
export function useWrite(): <M extends Exclude<Method, 'get'>, P extends PathsWith<M>>(w: WriteRequest<M, P>) => Promise<Tagged<Reply<M, P>>> {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: async (w: WriteRequest<'post', PathsWith<'post'>>) => {
      const r = await send(w.method, w.path, w.params, { body: w.body, ifMatch: w.ifMatch });
      await invalidateKinds(qc, pidOf(w.params), kindsWritten(w.method, w.path, r.data));
      return r;
    },
  });
  const { mutateAsync } = m;
  return useCallback((w) => mutateAsync(w as never) as never, [mutateAsync]);
}
