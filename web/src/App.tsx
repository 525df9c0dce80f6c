/**
 * The workbench shell: banner, view navigation, hash routing (`#/positions?asOf=…`), loading the
 * process, and focus management so that keyboard and screen-reader users land on each view's heading.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, type ProcessData, type Vocabulary } from './api.js';
import { EditView } from './Edit.js';
import { Overview } from './Overview.js';
import { PositionsView } from './Positions.js';
import { RecordView } from './Record.js';
import { TextView } from './TextView.js';
import { href, type Workbench, WorkbenchContext } from './ui.js';

const VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'text', label: 'Text' },
  { id: 'positions', label: 'Positions' },
  { id: 'record', label: 'Record' },
  { id: 'edit', label: 'Edit' },
] as const;

interface Route {
  view: string;
  params: URLSearchParams;
}

function parseHash(): Route {
  const h = window.location.hash.replace(/^#\/?/, '');
  const [view, query] = h.split('?', 2);
  const known = VIEWS.some((v) => v.id === view);
  return { view: known ? view! : 'overview', params: new URLSearchParams(query ?? '') };
}

export function App() {
  const [route, setRoute] = useState<Route>(parseHash);
  const [pid, setPid] = useState<string | null>(null);
  const [data, setData] = useState<ProcessData | null>(null);
  const [vocab, setVocab] = useState<Vocabulary | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [viewAs, setViewAs] = useState('');
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    const onHash = () => setRoute(parseHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    (async () => {
      try {
        const [health, v] = await Promise.all([api.health(), api.vocabulary()]);
        setVocab(v);
        if (!health.defaultProcess) {
          setFailure('The store holds no process. Import one with `accord import DIR` or start with `npm start`.');
          return;
        }
        setPid(health.defaultProcess);
        setData(await api.exportProcess(health.defaultProcess));
      } catch (err) {
        setFailure(err instanceof ApiError ? err.message : String(err));
      }
    })();
  }, []);

  const reload = useCallback(async () => {
    if (!pid) return;
    setData(await api.exportProcess(pid));
    setRevision((r) => r + 1);
  }, [pid]);

  const navigate = useCallback((view: string, params: Record<string, string | undefined> = {}) => {
    window.location.hash = href(view, params);
  }, []);

  // Move focus to the new view's heading after navigation (not on the first render).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const h1 = mainRef.current?.querySelector('h1');
    (h1 as HTMLElement | null)?.focus();
  }, [route.view]);

  const wb: Workbench | null = useMemo(
    () => (pid && data && vocab ? { pid, data, vocab, revision, reload, navigate, viewAs, setViewAs } : null),
    [pid, data, vocab, revision, reload, navigate, viewAs],
  );

  const skip = (e: { preventDefault(): void }) => {
    e.preventDefault();
    (mainRef.current?.querySelector('h1') as HTMLElement | null)?.focus();
  };

  return (
    <>
      <a className="skip-link" href="#/" onClick={skip}>
        Skip to content
      </a>
      <header className="banner">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ⚖
          </span>
          <span className="brand-name">Accord</span>
          {data && (
            <span className="process-name" dir="auto">
              {data.process.name}
            </span>
          )}
        </div>
        <nav aria-label="Views">
          <ul className="tabs">
            {VIEWS.map((v) => (
              <li key={v.id}>
                <a href={href(v.id)} aria-current={route.view === v.id ? 'page' : undefined} data-view={v.id}>
                  {v.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {data && (
          <div className="layer">
            <label htmlFor="layer-select">Layer</label>
            <select id="layer-select" value={viewAs} onChange={(e) => setViewAs(e.target.value)}>
              <option value="">Public</option>
              {data.parties.map((p) => (
                <option key={p.id} value={p.id}>
                  Public + {p.short ?? p.name} confidential
                </option>
              ))}
            </select>
          </div>
        )}
      </header>
      <main id="main" ref={mainRef}>
        {failure ? (
          <section>
            <h1 tabIndex={-1}>Accord</h1>
            <p role="alert" className="alert">
              {failure}
            </p>
          </section>
        ) : !wb ? (
          <p role="status" className="loading">
            Loading the process…
          </p>
        ) : (
          <WorkbenchContext.Provider value={wb}>
            {route.view === 'overview' && <Overview />}
            {route.view === 'text' && <TextView params={route.params} />}
            {route.view === 'positions' && <PositionsView params={route.params} />}
            {route.view === 'record' && <RecordView params={route.params} />}
            {route.view === 'edit' && <EditView params={route.params} />}
          </WorkbenchContext.Provider>
        )}
      </main>
      <footer className="footer">
        <p>
          Accord workbench · every claim traceable to its source · <a href="/api/openapi.json">API (OpenAPI 3.1)</a>
        </p>
      </footer>
    </>
  );
}
