/**
 * The workbench shell: banner, view navigation, hash routing (`#/positions?asOf=…`), loading the
 * process, and focus management so that keyboard and screen-reader users land on each view's heading.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AnalysisView } from './Analysis.js';
import { api, ApiError, type Me, type ProcessData, setUnauthenticatedHandler, type Vocabulary } from './api.js';
import { CompareView } from './Compare.js';
import { EditView } from './Edit.js';
import { Overview } from './Overview.js';
import { PositionsView } from './Positions.js';
import { RecordView } from './Record.js';
import { ReportsView } from './Reports.js';
import { SignIn } from './SignIn.js';
import { TextView } from './TextView.js';
import { ThemeSwitch } from './ThemeSwitch.js';
import { href, partyName, type Workbench, WorkbenchContext } from './ui.js';

const VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'text', label: 'Text' },
  { id: 'compare', label: 'Compare' },
  { id: 'positions', label: 'Positions' },
  { id: 'analysis', label: 'Analysis' },
  { id: 'record', label: 'Record' },
  { id: 'reports', label: 'Reports' },
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

/**
 * Who is using the workbench: the single local user (no accounts: full access), a signed-in member
 * of a team server, or nobody yet (a team server waiting for sign-in).
 */
type Access = { mode: 'checking' } | { mode: 'local' } | { mode: 'team'; user: string; me: Me | null } | { mode: 'signin'; reason?: string };

const ROLE_LABEL: Record<string, string> = {
  mediator: 'mediator',
  'mediator-staff': 'mediator staff',
  'party-delegate': 'party delegate',
  observer: 'observer',
  auditor: 'auditor',
};

export function App() {
  const [route, setRoute] = useState<Route>(parseHash);
  const [pid, setPid] = useState<string | null>(null);
  const [data, setData] = useState<ProcessData | null>(null);
  const [vocab, setVocab] = useState<Vocabulary | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [viewAs, setViewAs] = useState('');
  const [access, setAccess] = useState<Access>({ mode: 'checking' });
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // A 401 from any call (session expired or revoked): back to the sign-in form.
  useEffect(() => {
    setUnauthenticatedHandler(() => setAccess((a) => (a.mode === 'team' || a.mode === 'checking' ? { mode: 'signin', reason: 'Your session has ended. Sign in again to continue.' } : a)));
    return () => setUnauthenticatedHandler(null);
  }, []);

  // Local workbench (no session route: 404) or team server (a session, or 401 → sign in).
  useEffect(() => {
    api
      .session()
      .then((s) => setAccess({ mode: 'team', user: s.user, me: null }))
      .catch((err) => {
        if (err instanceof ApiError && err.status === 401) setAccess({ mode: 'signin' });
        else setAccess({ mode: 'local' });
      });
  }, []);

  useEffect(() => {
    const onHash = () => setRoute(parseHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const signedIn = access.mode === 'local' || access.mode === 'team';
  const teamUser = access.mode === 'team' ? access.user : null;
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    (async () => {
      try {
        const [health, v] = await Promise.all([api.health(), api.vocabulary()]);
        if (!live) return;
        setVocab(v);
        if (!health.defaultProcess) {
          setFailure(
            teamUser
              ? 'You are not a member of any process on this server yet. Ask a mediator for an invitation.'
              : 'The store holds no process. Import one with `accord import DIR` or start with `npm start`.',
          );
          return;
        }
        const [d, me] = await Promise.all([api.exportProcess(health.defaultProcess), teamUser ? api.me(health.defaultProcess) : Promise.resolve(null)]);
        if (!live) return;
        setFailure(null);
        setPid(health.defaultProcess);
        setData(d);
        if (me) setAccess((a) => (a.mode === 'team' ? { ...a, me } : a));
      } catch (err) {
        if (live && !(err instanceof ApiError && err.status === 401)) setFailure(err instanceof ApiError ? err.message : String(err));
      }
    })();
    return () => {
      live = false;
    };
  }, [signedIn, teamUser]);

  const signOut = async () => {
    try {
      await api.signOut();
    } catch {
      /* already signed out */
    }
    setData(null);
    setPid(null);
    setViewAs('');
    setAccess({ mode: 'signin', reason: 'You are signed out.' });
  };

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

  const me = access.mode === 'team' ? access.me : null;
  // A local user edits everything; a member of a team server what its role allows (src/server/policy.ts).
  const canEdit = access.mode === 'local' || me?.role === 'mediator' || me?.role === 'mediator-staff';
  const wb: Workbench | null = useMemo(
    () => (pid && data && vocab && signedIn ? { pid, data, vocab, revision, reload, navigate, viewAs, setViewAs, canEdit, team: access.mode === 'team' } : null),
    [pid, data, vocab, revision, reload, navigate, viewAs, canEdit, signedIn, access.mode],
  );
  // Layers a viewer may choose: every party locally; on a team server those granted to the role
  // (a party delegate always sees its own party's layer, without choosing).
  const layers = access.mode === 'local' ? (data?.parties ?? []) : me && me.role !== 'party-delegate' ? (data?.parties ?? []).filter((p) => me.sees.includes(p.id)) : [];

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
        {access.mode !== 'signin' && (
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
        )}
        {access.mode === 'team' && (
          <div className="who" aria-label="Signed in">
            <span>
              <strong dir="auto">{access.user}</strong>
              {me && (
                <>
                  {' · '}
                  <span className="role">{ROLE_LABEL[me.role] ?? me.role}</span>
                  {me.party && data ? (
                    <>
                      {' · '}
                      <span className="party" dir="auto">
                        {partyName(data, me.party)}
                      </span>
                    </>
                  ) : null}
                </>
              )}
            </span>
            <button type="button" className="sign-out" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
        {data && layers.length > 0 && (
          <div className="layer">
            <label htmlFor="layer-select">Layer</label>
            <select id="layer-select" value={viewAs} onChange={(e) => setViewAs(e.target.value)}>
              <option value="">Public</option>
              {layers.map((p) => (
                <option key={p.id} value={p.id}>
                  Public + {p.short ?? p.name} confidential
                </option>
              ))}
            </select>
          </div>
        )}
      </header>
      <main id="main" ref={mainRef}>
        {access.mode === 'signin' ? (
          <SignIn
            reason={access.reason}
            onSignedIn={(s) => {
              setFailure(null);
              setAccess({ mode: 'team', user: s.user, me: null });
            }}
          />
        ) : failure ? (
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
            {route.view === 'compare' && <CompareView params={route.params} />}
            {route.view === 'positions' && <PositionsView params={route.params} />}
            {route.view === 'analysis' && <AnalysisView params={route.params} />}
            {route.view === 'record' && <RecordView params={route.params} />}
            {route.view === 'reports' && <ReportsView params={route.params} />}
            {route.view === 'edit' && <EditView params={route.params} />}
          </WorkbenchContext.Provider>
        )}
      </main>
      <footer className="footer">
        <p>
          Accord workbench · every claim traceable to its source · <a href="/api/openapi.json">API (OpenAPI 3.1)</a>
        </p>
        <ThemeSwitch />
      </footer>
    </>
  );
}
