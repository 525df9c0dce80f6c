/**
 * The one-text procedure in the workbench (`#/onetext`): the picture of the rounds (points ×
 * versions of the text, each cell with its status and whether the wording changed), who critiqued
 * what in a round (points × parties, as the viewer may see the critiques), the mediator's team's
 * drafts (start one from any version, edit, revise, table) and a delegation's critiques (start or
 * open its own). `?draft=`, `?critique=` and `?revise=` open the editor, critique and revise views.
 */
import { useState } from 'react';
import type { Critique, Version } from '../../../../src/model/schemas.js';
import { OUTCOME_LABEL } from '../../../../src/model/vocabulary.js';
import { messageOf, pageUrl } from '../../api/client.js';
import { useApi, useWrite } from '../../api/queries.js';
import { href, partyName, partyShort, StanceMark, useWorkbench, vocabLabel } from '../../ui.js';
import { CritiqueEditor } from './CritiqueEditor.js';
import { DraftEditor } from './DraftEditor.js';
import { Revise } from './Revise.js';
import { Diff, flatten, usePart } from './common.js';
import './onetext.css';

const CHANGE_WORD = { new: 'new', reworded: 'reworded', same: 'unchanged' } as const;
const CHANGE_SYMBOL = { new: '✚', reworded: '✎', same: '=' } as const;

export function OneTextView({ params }: { params: URLSearchParams }) {
  const draft = params.get('draft');
  const critique = params.get('critique');
  const revise = params.get('revise');
  if (draft) return <DraftEditor id={draft} />;
  if (critique) return <CritiqueEditor id={critique} />;
  if (revise) return <Revise id={revise} />;
  return <Rounds document={params.get('document') ?? undefined} round={params.get('version') ?? undefined} />;
}

function Rounds({ document, round }: { document?: string; round?: string }) {
  const wb = useWorkbench();
  const part = usePart();
  const grid = useApi('/api/processes/{pid}/rounds/grid', { path: { pid: wb.pid }, query: document ? { document } : {} }, { keepPrevious: true });
  const docs = wb.outline.documents.filter((d) => wb.outline.versions.some((v) => v.document === d.id));
  const g = grid.data;
  const versions = g ? wb.outline.versions.filter((v) => v.document === g.document.id) : [];
  const shown = versions.find((v) => v.id === round) ?? versions.at(-1);
  return (
    <section className="onetext">
      <h1 tabIndex={-1}>Rounds of the text</h1>
      <p className="lede">Draft, critique, revise, table — round after round. {part.team ? 'Drafts are seen by the mediator’s team only.' : 'Your critiques are seen by your delegation, and by the mediator’s team once submitted.'}</p>
      <div className="toolbar">
        <label htmlFor="ot-doc">Document</label>{' '}
        <select id="ot-doc" value={g?.document.id ?? document ?? ''} onChange={(e) => wb.navigate('onetext', { document: e.target.value })}>
          {docs.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </div>
      {grid.isError && (
        <p role="alert" className="alert">
          {grid.error.message}
        </p>
      )}
      {g && (
        <>
          <h2 id="ot-grid-h">Points × versions</h2>
          <div className="ot-grid-wrap" role="region" aria-labelledby="ot-grid-h" tabIndex={0}>
            <table className="ot-grid">
              <caption className="sr-only">Each point of {g.document.title} in each version: its number, text status and whether its wording changed since the version before.</caption>
              <thead>
                <tr>
                  <th scope="col">Point</th>
                  {g.versions.map((v) => (
                    <th scope="col" key={v.id}>
                      {v.label}
                      <br />
                      <span className="small">{v.date}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.lineage} data-lineage={r.lineage}>
                    <th scope="row">{r.label}</th>
                    {r.cells.map((c, i) => (
                      <td key={g.versions[i]!.id} className={c ? `ot-cell ot-${c.status} ot-change-${c.change}` : 'ot-cell ot-absent'}>
                        {c ? (
                          <>
                            <span aria-hidden="true">{CHANGE_SYMBOL[c.change]}</span> {c.num ?? ''}
                            <span className="sr-only">
                              {' '}
                              {CHANGE_WORD[c.change]}, {vocabLabel(c.status)}
                            </span>
                            {c.status !== 'proposed' && <span className="ot-cell-status"> {vocabLabel(c.status)}</span>}
                          </>
                        ) : (
                          <span className="sr-only">not in this version</span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small">
            <span aria-hidden="true">✚</span> new · <span aria-hidden="true">✎</span> reworded · <span aria-hidden="true">=</span> unchanged since the version before.
          </p>
          {shown && <RoundCritiques versionId={shown.id} versions={versions.map((v) => ({ id: v.id, label: v.label }))} />}
          {part.team && <Drafts versions={versions.map((v) => ({ id: v.id, label: `${v.title} ${v.label}` }))} />}
        </>
      )}
    </section>
  );
}

/** Who critiqued what in a round (points × parties), and the viewer's own critique to start or open. */
function RoundCritiques({ versionId, versions }: { versionId: string; versions: { id: string; label: string }[] }) {
  const wb = useWorkbench();
  const part = usePart();
  const write = useWrite();
  const [error, setError] = useState<string | null>(null);
  const [party, setParty] = useState('');
  const crit = useApi('/api/processes/{pid}/critiques', { path: { pid: wb.pid }, query: { version: versionId } });
  const version = useApi('/api/processes/{pid}/versions/{id}', { path: { pid: wb.pid, id: versionId } });
  const i = versions.findIndex((v) => v.id === versionId);
  const next = versions[i + 1];
  const critiques = (crit.data ?? []) as Critique[];
  const mine = part.party ? critiques.find((c) => c.party === part.party) : undefined;
  const answering = part.party ?? (part.local ? party : '');
  const start = async () => {
    setError(null);
    try {
      const r = await write({ method: 'post', path: '/api/processes/{pid}/critiques', params: { path: { pid: wb.pid } }, body: { version: versionId, ...(part.party ? {} : { party: answering }), answers: [] } as never });
      wb.navigate('onetext', { critique: r.data.id });
    } catch (err) {
      setError(messageOf(err));
    }
  };
  // The generated type of an entity read does not spell the provision tree out: the model's type.
  const points = version.data ? flatten((version.data as unknown as Version).provisions).map((r) => r.p).filter((p) => p.kind !== 'axis') : [];
  const answerOf = (c: Critique, lineage: string) => c.answers.find((a) => a.provision === lineage);
  return (
    <>
      <h2 id="ot-crit-h">Critiques of the round</h2>
      <div className="toolbar">
        <label htmlFor="ot-round">Version</label>{' '}
        <select id="ot-round" value={versionId} onChange={(e) => wb.navigate('onetext', { version: e.target.value })}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>{' '}
      </div>
      {(part.party || part.local) && (
        <div className="ot-actions">
          {mine ? (
            <a className="button-link" href={href('onetext', { critique: mine.id })}>
              Open your critique ({mine.status === 'submitted' ? `submitted ${mine.submittedAt}` : 'being written'})
            </a>
          ) : (
            <>
              {part.local && (
                <>
                  <label htmlFor="ot-party">Critique for</label>{' '}
                  <select id="ot-party" value={party} onChange={(e) => setParty(e.target.value)}>
                    <option value="">choose a party…</option>
                    {wb.outline.parties.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>{' '}
                </>
              )}
              <button type="button" disabled={!answering} onClick={() => void start()}>
                Critique this version
              </button>
            </>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {critiques.length === 0 ? (
        <p className="small">No critique of this version that you may see.</p>
      ) : (
        <div className="ot-grid-wrap" role="region" aria-labelledby="ot-crit-h" tabIndex={0}>
          <table className="ot-grid ot-who">
            <caption className="sr-only">Each party’s answer on each point of the version, as you may see the critiques.</caption>
            <thead>
              <tr>
                <th scope="col">Point</th>
                {critiques.map((c) => (
                  <th scope="col" key={c.id}>
                    {partyShort(wb.outline, c.party)}
                    <br />
                    <span className="small">{c.status === 'submitted' ? c.submittedAt : 'being written'}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points
                .filter((p) => critiques.some((c) => answerOf(c, p.lineage)))
                .map((p) => (
                  <tr key={p.lineage}>
                    <th scope="row">{p.num ?? p.lineage}</th>
                    {critiques.map((c) => {
                      const a = answerOf(c, p.lineage);
                      return (
                        <td key={c.id} className={a ? `stance-cell stance-${a.stance}` : ''}>
                          {a ? <StanceMark stance={a.stance} compact /> : <span className="sr-only">no answer from {partyName(wb.outline, c.party)}</span>}
                          {a?.amendment && <span className="badge">amendment</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      {next && <Response versionId={next.id} label={next.label} />}
    </>
  );
}

/**
 * "What each party asked and what the new version did about it" (the response view of the version
 * after the round shown): per party a count of the outcomes, then each answer with what it asked,
 * the outcome and the new wording as a word diff; the Markdown and CSV exports beside it.
 */
function Response({ versionId, label }: { versionId: string; label: string }) {
  const wb = useWorkbench();
  const q = useApi('/api/processes/{pid}/versions/{id}/response', { path: { pid: wb.pid, id: versionId } });
  const v = q.data;
  const url = (format: 'md' | 'csv') => pageUrl(`/api/processes/${encodeURIComponent(wb.pid)}/versions/${encodeURIComponent(versionId)}/response`, { format });
  return (
    <section className="ot-response" aria-labelledby="ot-resp-h">
      <h2 id="ot-resp-h">What {label} did about the critiques</h2>
      <p className="small">
        Export:{' '}
        <a href={url('md')} target="_blank" rel="noreferrer">
          Markdown
        </a>{' '}
        ·{' '}
        <a href={url('csv')} download>
          CSV
        </a>
      </p>
      {q.isError && (
        <p role="alert" className="alert">
          {q.error.message}
        </p>
      )}
      {!v ? (
        !q.isError && <p role="status">Loading…</p>
      ) : v.rows.length === 0 ? (
        <p className="small">No critique of {v.basedOn?.label ?? 'the version before'} that you may see was answered by {label}.</p>
      ) : (
        <>
          <ul className="ot-resp-parties" aria-label="Outcomes per party">
            {v.byParty.map((p) => (
              <li key={p.party} data-party={p.party}>
                <strong>{partyName(wb.outline, p.party)}</strong>: {p.asked} point{p.asked === 1 ? '' : 's'} answered —{' '}
                {Object.entries(p.outcomes)
                  .map(([k, n]) => `${n} ${OUTCOME_LABEL[k as keyof typeof OUTCOME_LABEL]}`)
                  .join(', ')}
              </li>
            ))}
          </ul>
          <div className="ot-grid-wrap" role="region" aria-label={`Answers to ${v.basedOn?.label ?? 'the version before'} and what ${label} did`} tabIndex={0}>
            <table className="ot-resp">
              <caption className="sr-only">
                Each answer to {v.basedOn?.label} and what {label} did about it.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Party</th>
                  <th scope="col">Point</th>
                  <th scope="col">Asked</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Wording in {label}</th>
                </tr>
              </thead>
              <tbody>
                {v.rows.map((r) => (
                  <tr key={`${r.critique}-${r.provision}`} data-party={r.party} data-provision={r.provision} data-outcome={r.outcome}>
                    <td>{partyShort(wb.outline, r.party)}</td>
                    <th scope="row">{r.label}</th>
                    <td>
                      <StanceMark stance={r.stance} compact />
                      {r.conditions && <span className="small"> conditions: {r.conditions}</span>}
                      {r.diff && (
                        <span className="small">
                          {' '}
                          amendment: <Diff ops={r.diff} />
                        </span>
                      )}
                      {r.note && <span className="small muted"> — {r.note}</span>}
                    </td>
                    <td className={`ot-outcome ot-outcome-${r.outcome}`}>{OUTCOME_LABEL[r.outcome]}</td>
                    <td>{r.change ? <Diff ops={r.change} /> : r.now.length ? <span dir="auto">{r.now.map((n) => n.text).join(' / ')}</span> : <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The team's drafts, and a new draft from a version. */
function Drafts({ versions }: { versions: { id: string; label: string }[] }) {
  const wb = useWorkbench();
  const write = useWrite();
  const drafts = useApi('/api/processes/{pid}/drafts', { path: { pid: wb.pid } });
  const [from, setFrom] = useState(versions.at(-1)?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setError(null);
    try {
      const r = await write({ method: 'post', path: '/api/processes/{pid}/drafts', params: { path: { pid: wb.pid } }, body: { basedOn: from } as never });
      wb.navigate('onetext', { draft: r.data.draft.id });
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const mine = (drafts.data ?? []).filter((d) => versions.some((v) => v.id === d.basedOn));
  return (
    <>
      <h2>Drafts of the next version</h2>
      <div className="ot-actions">
        <label htmlFor="ot-from">New version from</label>{' '}
        <select id="ot-from" value={from} onChange={(e) => setFrom(e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>{' '}
        <button type="button" disabled={!from} onClick={() => void start()}>
          Start a draft
        </button>
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {mine.length === 0 ? (
        <p className="small">No draft of this text yet.</p>
      ) : (
        <ul className="ot-drafts">
          {mine.map((d) => (
            <li key={d.id}>
              <strong>{d.title ?? d.id}</strong> — from {versions.find((v) => v.id === d.basedOn)?.label ?? d.basedOn}, {d.points} points, saved {d.updatedAt.slice(0, 16).replace('T', ' ')}
              {d.status === 'tabled' ? (
                <> · tabled as {d.tabledAs}</>
              ) : (
                <>
                  {' '}
                  · <a href={href('onetext', { draft: d.id })}>Edit<span className="sr-only"> {d.title ?? d.id}</span></a> ·{' '}
                  <a href={href('onetext', { revise: d.id })}>Revise from the critiques<span className="sr-only"> ({d.title ?? d.id})</span></a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
