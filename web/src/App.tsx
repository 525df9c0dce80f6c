/**
 * The workbench shell: banner, view navigation, hash routing (`#/positions?asOf=…`), loading the
 * process, and focus management so that keyboard and screen-reader users land on each view's heading.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy, type LazyExoticComponent, type RefObject, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, type Me, setUnauthenticatedHandler } from './api.js';
import { messageOf } from './api/client.js';
import { invalidateKinds, peekApi, useApi } from './api/queries.js';
import { SignIn } from './SignIn.js';
import { ThemeSwitch } from './ThemeSwitch.js';
import { href, partyName, type Workbench, WorkbenchContext } from './ui.js';
import { loadedView, loadView, routeOf, VIEWS, type ViewProps } from './views.js';

/** Every view as a lazy component (its chunk loaded on first use; see ./views.ts). */
const LAZY: Record<string, LazyExoticComponent<ComponentType<ViewProps>>> = Object.fromEntries(VIEWS.map((v) => [v.id, lazy(async () => ({ default: await loadView(v.id) }))]));

interface Route {
  view: string;
  params: URLSearchParams;
}

const parseHash = (): Route => routeOf(window.location.hash);

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
  const [viewAs, setViewAs] = useState('');
  const qc = useQueryClient();
  // Health read before the first render (./api/early.ts) already tells a local workbench.
  const [access, setAccess] = useState<Access>(() => (peekApi(qc, '/api/health', {})?.accounts === false ? { mode: 'local' } : { mode: 'checking' }));
  // The views menu on a phone: collapsed behind a button naming the current view.
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  // A 401 from any call (session expired or revoked): back to the sign-in form.
  useEffect(() => {
    setUnauthenticatedHandler(() => setAccess((a) => (a.mode === 'team' || a.mode === 'checking' ? { mode: 'signin', reason: 'Your session has ended. Sign in again to continue.' } : a)));
    return () => setUnauthenticatedHandler(null);
  }, []);

  // One read of health (started early by the entry script): a local workbench (no accounts: no
  // session to ask for) or a team server (a session, or 401 → sign in).
  const health = useApi('/api/health', {});
  const accounts = health.data?.accounts;
  const healthFailed = health.error !== null;
  useEffect(() => {
    if (access.mode !== 'checking') return;
    if (healthFailed) setAccess({ mode: 'local' });
    else if (accounts === false) setAccess({ mode: 'local' });
    else if (accounts === true)
      api
        .session()
        .then((s) => setAccess({ mode: 'team', user: s.user, me: null }))
        .catch((err) => setAccess(err instanceof ApiError && err.status === 401 ? { mode: 'signin' } : { mode: 'local' }));
  }, [access.mode, accounts, healthFailed]);

  useEffect(() => {
    const onHash = () => {
      setRoute(parseHash());
      setMenuOpen(false);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const signedIn = access.mode === 'local' || access.mode === 'team';
  const teamUser = access.mode === 'team' ? access.user : null;
  const vocab = useApi('/api/vocabulary', {}, { enabled: signedIn });
  const pid = signedIn ? (health.data?.defaultProcess ?? null) : null;
  const outline = useApi('/api/processes/{pid}/outline', { path: { pid: pid ?? '' } }, { enabled: signedIn && pid !== null });

  useEffect(() => {
    if (!teamUser || !pid) return;
    let live = true;
    api
      .me(pid)
      .then((me) => live && setAccess((a) => (a.mode === 'team' ? { ...a, me } : a)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [teamUser, pid]);

  const loadError = signedIn ? [health.error, vocab.error, outline.error].find((e) => e && !(e instanceof ApiError && e.status === 401)) : undefined;
  const failure = !signedIn
    ? null
    : loadError
    ? messageOf(loadError)
    : health.data && !health.data.defaultProcess
      ? teamUser
        ? 'You are not a member of any process on this server yet. Ask a mediator for an invitation.'
        : 'The store holds no process. Import one with `accord import DIR` or start with `npm start`.'
      : null;

  const signOut = async () => {
    try {
      await api.signOut();
    } catch {
      /* already signed out */
    }
    qc.clear();
    setViewAs('');
    setAccess({ mode: 'signin', reason: 'You are signed out.' });
  };

  const reload = useCallback(async () => {
    if (!pid) return;
    await invalidateKinds(qc, pid, ['processes', 'parties', 'persons', 'documents', 'versions', 'sources', 'evidence', 'positions', 'events', 'domains', 'alignments', 'reports']);
  }, [pid, qc]);

  const navigate = useCallback((view: string, params: Record<string, string | undefined> = {}) => {
    window.location.hash = href(view, params);
  }, []);

  const me = access.mode === 'team' ? access.me : null;
  // A local user edits everything; a member of a team server what its role allows (src/server/policy.ts).
  const canEdit = access.mode === 'local' || me?.role === 'mediator' || me?.role === 'mediator-staff';
  const wb: Workbench | null = useMemo(
    () =>
      pid && outline.data && vocab.data && signedIn ? { pid, outline: outline.data, vocab: vocab.data, reload, navigate, viewAs, setViewAs, canEdit, team: access.mode === 'team' } : null,
    [pid, outline.data, vocab.data, reload, navigate, viewAs, canEdit, signedIn, access.mode],
  );
  const shownName = outline.data?.process.name;
  // Layers a viewer may choose: every party locally; on a team server those granted to the role
  // (a party delegate always sees its own party's layer, without choosing).
  const parties = outline.data?.parties ?? [];
  const layers = access.mode === 'local' ? parties : me && me.role !== 'party-delegate' ? parties.filter((p) => me.sees.includes(p.id)) : [];
  // The mediator's team also sees its own layer: the critiques submitted to it and the positions they record.
  const teamLayer = Boolean(me?.sees.includes('@mediator-team'));

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
          {shownName && (
            <span className="process-name" dir="auto" title={shownName}>
              {shownName}
            </span>
          )}
        </div>
        {access.mode !== 'signin' && (
          <nav
            aria-label="Views"
            className={menuOpen ? 'menu-open' : undefined}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && menuOpen) setMenuOpen(false);
            }}
          >
            <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="views-menu" onClick={() => setMenuOpen((o) => !o)}>
              <span aria-hidden="true">☰ </span>
              {VIEWS.find((v) => v.id === route.view)?.label ?? 'Views'}
              <span className="sr-only">: menu of the views</span>
              <span aria-hidden="true" className="menu-caret">
                {menuOpen ? ' ▴' : ' ▾'}
              </span>
            </button>
            <ul className="tabs" id="views-menu">
              {VIEWS.map((v) => (
                <li key={v.id}>
                  <a
                    href={href(v.id)}
                    aria-current={route.view === v.id ? 'page' : undefined}
                    data-view={v.id}
                    onPointerEnter={() => void loadView(v.id).catch(() => undefined)}
                    onFocus={() => void loadView(v.id).catch(() => undefined)}
                  >
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
                  {me.party && outline.data ? (
                    <>
                      {' · '}
                      <span className="party" dir="auto">
                        {partyName(outline.data, me.party)}
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
        {outline.data && (layers.length > 0 || teamLayer) && (
          <div className="layer">
            <label htmlFor="layer-select">Layer</label>
            <select id="layer-select" value={viewAs} onChange={(e) => setViewAs(e.target.value)}>
              <option value="">Public</option>
              {teamLayer && <option value="@mediator-team">Public + mediator’s team</option>}
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
              // Health names the default process of the member now signed in: ask again.
              void qc.resetQueries({ queryKey: ['api', '/api/health'] });
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
            <Suspense
              fallback={
                <p role="status" className="loading">
                  Loading the view…
                </p>
              }
            >
              <Shown view={route.view} params={route.params} mainRef={mainRef} />
            </Suspense>
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

let firstView = true;
/**
 * The view of the route, loaded on first use. Once it is on screen (after its chunk arrived), the
 * focus moves to its heading, so that keyboard and screen-reader users land there after navigation
 * (not on the first page shown).
 */
function Shown({ view, params, mainRef }: { view: string; params: URLSearchParams; mainRef: RefObject<HTMLElement | null> }) {
  // A module already loaded is rendered at once: a lazy component suspends even then, and React
  // holds a suspended boundary's content back for up to 300 ms after its fallback showed.
  const V = loadedView(view) ?? LAZY[view] ?? LAZY.overview!;
  useLayoutEffect(() => {
    if (firstView) {
      firstView = false;
      return;
    }
    (mainRef.current?.querySelector('h1') as HTMLElement | null)?.focus();
  }, [view, mainRef]);
  return <V params={params} />;
}
