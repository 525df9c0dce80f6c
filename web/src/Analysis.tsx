/**
 * Analysis (issue 5): the negotiation domain of the process — issues and options, each party's
 * profile (weights, option values, reservation value, red lines; editable; estimates and
 * confidential profiles marked) — the exact solution packages (Nash, Kalai–Smorodinsky, egalitarian,
 * utilitarian) with per-party utilities and outcomes, the explanation when nothing is acceptable, and
 * a Pareto plot for any chosen pair of parties with the solution points marked (an SVG with a title
 * and description, its points also listed in a table).
 *
 * "Solve with changes" posts the edited domain and shows the answer without saving; "Save" validates
 * and stores it. The server's field errors appear next to the inputs they concern. The page names
 * the text on the table the domain is read against and says plainly that utilities are estimates.
 * Its panels are one module each under ./analysis/.
 */
import { useMemo, useState } from 'react';
import { ApiError, type AnalysisResult, type AnalysisView as View } from './api.js';
import { useApi, useWrite } from './api/queries.js';
import { clone, type Draft, letter, type Profile } from './analysis/format.js';
import { Infeasible } from './analysis/Infeasible.js';
import { Packages } from './analysis/Packages.js';
import { ParetoPlot } from './analysis/ParetoPlot.js';
import { OnTableNote } from './analysis/OnTable.js';
import { ProfileEditor } from './analysis/ProfileEditor.js';
import { href, type FieldErrors, useWorkbench } from './ui.js';

/** Server field path → the input name used here (identical: inputs are named by the domain's paths). */
function fieldErrors(err: ApiError): { errors: FieldErrors; other: string[] } {
  const errors: FieldErrors = {};
  const other: string[] = [];
  const list = err.details.length ? err.details : [{ field: err.field, message: err.message }];
  for (const d of list) {
    const f = d.field ?? '';
    // Red lines are checkboxes per option: `profiles[0].redLines.x[1]` has no input of its own.
    if (f && !/redLines/.test(f)) {
      if (!errors[f]) errors[f] = d.message;
    }
    other.push(f ? `${f}: ${d.message}` : d.message);
  }
  return { errors, other };
}

/** The Analysis view (`#/analysis?domain=…`): see the module comment. */
export function AnalysisView({ params }: { params: URLSearchParams }) {
  const { pid, viewAs, canEdit, navigate } = useWorkbench();
  const domainParam = params.get('domain') ?? undefined;
  const q = useApi('/api/processes/{pid}/analysis', { path: { pid }, query: { domain: domainParam, viewAs: viewAs || undefined } });
  const write = useWrite();
  const [view, setView] = useState<View | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [dirty, setDirty] = useState(false);
  const [whatIf, setWhatIf] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState<string>('');
  const [busy, setBusy] = useState<'' | 'solve' | 'save'>('');
  const loadErr = q.error ? q.error.message : null;

  // Each answer of the server (first load, another domain or layer, a save anywhere) starts the page
  // afresh. Taken while rendering (React renders again at once, before anything is painted), not in
  // an effect, which would first paint "Loading…" over an answer already in the cache.
  const [taken, setTaken] = useState<View | undefined>(undefined);
  if (q.data && q.data !== taken) {
    const v = q.data;
    setTaken(v);
    setView(v);
    setDraft(v.domain ? (clone(v.domain) as Draft) : null);
    setResult(v.result);
    setDirty(false);
    setWhatIf(false);
    setErrors({});
    setProblems(v.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)));
  }

  const update = (k: number) => (fn: (p: Profile) => void) => {
    setDraft((d) => {
      if (!d) return d;
      const next = clone(d);
      fn(next.profiles[k]!);
      return next;
    });
    setDirty(true);
    setStatus('');
  };

  const run = async (kind: 'solve' | 'save') => {
    if (!draft) return;
    setBusy(kind);
    setStatus(kind === 'solve' ? 'Solving…' : 'Saving…');
    try {
      const v = (
        kind === 'solve'
          ? await write({ method: 'post', path: '/api/processes/{pid}/analysis', params: { path: { pid } }, body: draft as never })
          : await write({ method: 'put', path: '/api/processes/{pid}/analysis/{id}', params: { path: { pid, id: draft.id } }, body: draft as never })
      ).data;
      setResult(v.result);
      setErrors({});
      setProblems([]);
      if (kind === 'save') {
        setView(v);
        setDirty(false);
        setWhatIf(false);
        setStatus('Saved. The packages below are those of the saved domain.');
      } else {
        setWhatIf(true);
        setStatus('Solved with your changes (not saved).');
      }
    } catch (err) {
      if (err instanceof ApiError) {
        const { errors: fe, other } = fieldErrors(err);
        setErrors(fe);
        setProblems(other);
        setStatus(kind === 'solve' ? 'Not solved: the domain has problems (shown next to the fields).' : 'Not saved: the domain has problems (shown next to the fields).');
      } else setStatus(String(err));
    } finally {
      setBusy('');
    }
  };

  const discard = () => {
    if (!view) return;
    setDraft(view.domain ? (clone(view.domain) as Draft) : null);
    setResult(view.result);
    setDirty(false);
    setWhatIf(false);
    setErrors({});
    setProblems(view.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)));
    setStatus('Changes discarded.');
  };

  const maxOptions = useMemo(() => (draft ? Math.max(...draft.issues.map((i) => i.options.length)) : 0), [draft]);
  // Point numbers by lineage, from the text on the table (else the latest version that has the point).
  const nums = view?.onTable?.points ?? {};
  const pointNum = (lineage: string) => nums[lineage] ?? lineage;

  return (
    <section aria-labelledby="analysis-h" className="view analysis">
      <h1 id="analysis-h" tabIndex={-1}>
        Analysis
      </h1>
      {loadErr && (
        <p role="alert" className="alert">
          {loadErr}
        </p>
      )}
      {!view ? (
        !loadErr && <p role="status">Loading the analysis…</p>
      ) : !draft ? (
        <p className="muted">This process has no negotiation domain yet. Add one to the bundle as domain.yaml, import a GENIUS domain with `accord solve`, or store it through the API.</p>
      ) : (
        <>
          <div className="toolbar">
            {view.domains.length > 1 && (
              <div className="control">
                <label htmlFor="domain-select">Domain</label>
                <select id="domain-select" value={draft.id} onChange={(e) => navigate('analysis', { domain: e.target.value })}>
                  {view.domains.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <p className="domain-title">
              <strong dir="auto">{draft.name}</strong>
              {draft.description ? (
                <span className="muted small block" dir="auto">
                  {draft.description}
                </span>
              ) : null}
            </p>
          </div>
          <OnTableNote onTable={view.onTable} profiles={draft.profiles.length} estimates={draft.profiles.filter((p) => p.estimate).length} />
          {result && (
            <p className="lede" aria-live="polite">
              {result.parties.length} parties, {draft.issues.length} issues, {result.outcomes.toLocaleString('en')} possible packages ·{' '}
              {result.feasible ? (
                <>
                  <span aria-hidden="true">✓</span> acceptable packages exist · Pareto frontier: {result.frontier.size} package{result.frontier.size === 1 ? '' : 's'}
                  {result.frontier.exact ? ' (exact)' : ' (representative)'}
                </>
              ) : (
                <>
                  <span aria-hidden="true">⚠</span> no package is acceptable to every party
                </>
              )}
              {whatIf ? (
                <span className="pbadge pbadge-whatif">
                  <span aria-hidden="true">✎</span> what-if: not saved
                </span>
              ) : null}
            </p>
          )}
          {problems.length > 0 && (
            <div className="error-summary" role="alert">
              <h2>The domain has {problems.length === 1 ? 'a problem' : `${problems.length} problems`}</h2>
              <ul>
                {problems.slice(0, 12).map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          {result && !result.feasible && <Infeasible result={result} draft={draft} />}
          {result && <Packages result={result} draft={draft} />}
          {result && result.feasible && <ParetoPlot key={`${draft.id}-${result.parties.map((p) => p.id).join(',')}`} result={result} />}

          <section aria-labelledby="issues-h">
            <h2 id="issues-h">Issues and options</h2>
            <div className="table-scroll" role="region" aria-label="Issues and options table, scrolls sideways" tabIndex={0}>
              <table className="data issues">
                <thead>
                  <tr>
                    <th scope="col">Issue</th>
                    {Array.from({ length: maxOptions }, (_, j) => (
                      <th scope="col" key={j}>
                        Option {letter(j)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {draft.issues.map((iss) => (
                    <tr key={iss.id} data-issue={iss.id}>
                      <th scope="row">
                        <span dir="auto">{iss.name}</span>
                        {iss.provision ? (
                          <span className="small block">
                            <a href={href('text', { point: iss.provision })}>point {pointNum(iss.provision)}</a>
                          </span>
                        ) : null}
                      </th>
                      {Array.from({ length: maxOptions }, (_, j) => {
                        const o = iss.options[j];
                        return (
                          <td key={j}>
                            {o ? (
                              <>
                                <span dir="auto">{o.label}</span>
                                {o.note ? (
                                  <span className="small muted block" dir="auto">
                                    {o.note}
                                  </span>
                                ) : null}
                              </>
                            ) : null}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="profiles-h">
            <h2 id="profiles-h">Party profiles</h2>
            <p className="muted small">
              Utility = Σ weight × option value (weights scaled to sum 1, values 0–100). A party accepts no package below its reservation value or crossing one of its red lines
              (<span aria-hidden="true">⊘</span> ticked). {canEdit ? 'Change any figure, then solve to see the packages move, or save.' : 'Your role may read these profiles, not change them.'}
            </p>
            <form
              className="profiles-form"
              onSubmit={(e) => {
                e.preventDefault();
                void run('solve');
              }}
              noValidate
            >
              {draft.profiles.map((_, k) => (
                <ProfileEditor key={draft.profiles[k]!.party} draft={draft} k={k} errors={errors} readOnly={!canEdit} update={update(k)} />
              ))}
              {canEdit && (
                <div className="actions sticky-actions">
                  <button type="submit" disabled={busy !== ''}>
                    {busy === 'solve' ? 'Solving…' : 'Solve with changes'}
                  </button>{' '}
                  <button type="button" className="primary" disabled={busy !== '' || (!dirty && !whatIf)} onClick={() => void run('save')}>
                    {busy === 'save' ? 'Saving…' : 'Save domain'}
                  </button>{' '}
                  <button type="button" disabled={busy !== '' || (!dirty && !whatIf)} onClick={discard}>
                    Discard changes
                  </button>{' '}
                  <span role="status" aria-live="polite" className="small">
                    {status}
                    {dirty && !status ? 'Unsaved changes.' : ''}
                  </span>
                  {result && (whatIf || status.startsWith('Saved')) ? (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="link-button small"
                        onClick={() => {
                          const h = document.getElementById(result.feasible ? 'packages-h' : 'infeasible-h');
                          h?.scrollIntoView({ block: 'start' });
                          h?.focus();
                        }}
                      >
                        Go to the {result.feasible ? 'packages' : 'explanation'}
                      </button>
                    </>
                  ) : null}
                </div>
              )}
            </form>
          </section>
        </>
      )}
    </section>
  );
}
