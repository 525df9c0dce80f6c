/**
 * The workbench's views: their routes and tab labels in navigation order, and the loader of each
 * view's module (its own chunk, so the first download holds only the shell). Free of React, so that
 * the entry script (./main.tsx) can start fetching the first view's chunk before React itself has
 * arrived.
 */
import type { ComponentType } from 'react';

/** What every view is given: the query of its route (`#/positions?asOf=…` → `asOf=…`). */
export type ViewProps = { params: URLSearchParams };

/** Every view, in navigation order: its route and the label of its tab. */
export const VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'text', label: 'Text' },
  { id: 'compare', label: 'Compare' },
  { id: 'onetext', label: 'Rounds' },
  { id: 'positions', label: 'Positions' },
  { id: 'analysis', label: 'Analysis' },
  { id: 'record', label: 'Record' },
  { id: 'reports', label: 'Reports' },
  { id: 'edit', label: 'Edit' },
  { id: 'briefing', label: 'Briefing' },
] as const;

const LOADERS: Record<string, () => Promise<ComponentType<ViewProps>>> = {
  overview: async () => (await import('./Overview.js')).Overview,
  text: async () => (await import('./TextView.js')).TextView,
  compare: async () => (await import('./Compare.js')).CompareView,
  positions: async () => (await import('./Positions.js')).PositionsView,
  analysis: async () => (await import('./Analysis.js')).AnalysisView,
  record: async () => (await import('./Record.js')).RecordView,
  reports: async () => (await import('./Reports.js')).ReportsView,
  edit: async () => (await import('./Edit.js')).EditView,
  briefing: async () => (await import('./Briefing.js')).BriefingView,
  onetext: async () => (await import('./views/onetext/OneText.js')).OneTextView,
};

/** The route of a location hash (`#/positions?asOf=…`): a known view (Overview when unknown) and its query. */
export function routeOf(hash: string): { view: string; params: URLSearchParams } {
  const [view, query] = hash.replace(/^#\/?/, '').split('?', 2);
  return { view: VIEWS.some((v) => v.id === view) ? view! : 'overview', params: new URLSearchParams(query ?? '') };
}

const loading = new Map<string, Promise<ComponentType<ViewProps>>>();
const loaded = new Map<string, ComponentType<ViewProps>>();

/** Load the module of `view` (once); resolves with its component. */
export function loadView(view: string): Promise<ComponentType<ViewProps>> {
  const id = view in LOADERS ? view : 'overview';
  let p = loading.get(id);
  if (!p) {
    p = LOADERS[id]!().then((c) => {
      loaded.set(id, c);
      return c;
    });
    // A failed download is retried on the next attempt (and reported by the view's Suspense boundary).
    p.catch(() => loading.delete(id));
    loading.set(id, p);
  }
  return p;
}

/** The component of `view` if its module has already arrived (so it is shown without suspending), else null. */
export function loadedView(view: string): ComponentType<ViewProps> | null {
  return loaded.get(view in LOADERS ? view : 'overview') ?? null;
}
