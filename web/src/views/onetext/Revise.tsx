/**
 * The revise view of the mediator's team (`#/onetext?revise=DRAFT`): per point, the wording tabled,
 * the draft's wording, and every party's submitted answer side by side, an amendment shown as the
 * words it changes; one action takes an amendment into the draft (`accept`) or writes both readings
 * in brackets with the parties holding each (`bracket`). Then the draft is tabled.
 */
import { useState } from 'react';
import type { ReviseRow } from '../../../../src/services/views/onetext.js';
import { messageOf } from '../../api/client.js';
import { useApi, useWrite } from '../../api/queries.js';
import { href, partyName, StanceMark, TextStatusBadge, useWorkbench } from '../../ui.js';
import { Diff } from './common.js';
import { TableForm } from './TableForm.js';

export function Revise({ id }: { id: string }) {
  const wb = useWorkbench();
  const q = useApi('/api/processes/{pid}/drafts/{id}/revise', { path: { pid: wb.pid, id } });
  const write = useWrite();
  const [answered, setAnswered] = useState(true);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  if (q.isError) {
    return (
      <section>
        <h1 tabIndex={-1}>Revise</h1>
        <p role="alert" className="alert">
          {q.error.message}
        </p>
      </section>
    );
  }
  if (!q.data) return <p role="status">Loading the critiques…</p>;
  const rv = q.data;
  const rows = rv.rows.filter((r) => r.kind !== 'axis' && (!answered || r.answers.length > 0));
  const fold = async (row: ReviseRow, critique: string, party: string, how: 'accept' | 'bracket') => {
    setSaid(null);
    try {
      await write({ method: 'post', path: '/api/processes/{pid}/drafts/{id}/fold', params: { path: { pid: wb.pid, id } }, body: { critique, provision: row.lineage, how } });
      setSaid({ ok: true, text: `${how === 'accept' ? 'Took' : 'Bracketed'} ${partyName(wb.outline, party)}’s amendment of point ${row.draft?.num ?? row.tabled?.num ?? row.lineage} into the draft.` });
    } catch (err) {
      setSaid({ ok: false, text: messageOf(err) });
    }
  };
  return (
    <section className="onetext">
      <h1 tabIndex={-1}>Revise {rv.version ? `${rv.version.title} ${rv.version.label}` : 'the draft'} from the critiques</h1>
      <p className="lede">
        {rv.critiques.length
          ? `Critiques submitted: ${rv.critiques.map((c) => `${partyName(wb.outline, c.party)} (${c.answers} answers${c.submittedAt ? `, ${c.submittedAt}` : ''})`).join('; ')}.`
          : 'No critique of this version has been submitted yet.'}{' '}
        <a href={href('onetext', { draft: id })}>Edit the draft</a> · <a href={href('onetext')}>All rounds</a>
      </p>
      <label className="ot-check">
        <input type="checkbox" checked={answered} onChange={(e) => setAnswered(e.target.checked)} /> Only points some party answered
      </label>
      <p role={said && !said.ok ? 'alert' : 'status'} className={said && !said.ok ? 'alert' : 'small'}>
        {said?.text ?? ''}
      </p>
      <ol className="ot-revise">
        {rows.map((r) => (
          <li key={r.lineage} className="card ot-revise-row" data-lineage={r.lineage}>
            <h2>
              Point {r.draft?.num ?? r.tabled?.num ?? r.lineage} {r.draft && <TextStatusBadge status={r.draft.status} />}
            </h2>
            <div className="ot-side">
              <div>
                <h3>Tabled</h3>
                <p dir="auto">{r.tabled?.text ?? <em>not in the version revised</em>}</p>
              </div>
              <div>
                <h3>Draft</h3>
                <p dir="auto">{r.draft?.text ?? <em>not in the draft (deleted or merged)</em>}</p>
              </div>
            </div>
            <ul className="ot-answers" aria-label={`Answers on point ${r.draft?.num ?? r.tabled?.num ?? r.lineage}`}>
              {r.answers.map((a) => (
                <li key={a.critique} className="ot-answer-card">
                  <p>
                    <strong>{partyName(wb.outline, a.party)}</strong> <StanceMark stance={a.stance} /> {a.folded && <span className="badge">{a.folded === 'accepted' ? 'taken into the draft' : 'bracketed in the draft'}</span>}
                  </p>
                  {a.conditions && <p dir="auto">Reservation: {a.conditions}</p>}
                  {a.diff && (
                    <p>
                      Amendment: <Diff ops={a.diff} />
                    </p>
                  )}
                  {a.note && (
                    <p className="small" dir="auto">
                      Note: {a.note}
                    </p>
                  )}
                  {a.amendment && r.draft && (
                    <div className="ot-actions">
                      <button type="button" onClick={() => void fold(r, a.critique, a.party, 'accept')}>
                        Take into the draft<span className="sr-only"> ({partyName(wb.outline, a.party)}, point {r.draft.num ?? r.lineage})</span>
                      </button>
                      <button type="button" onClick={() => void fold(r, a.critique, a.party, 'bracket')}>
                        Bracket both readings<span className="sr-only"> ({partyName(wb.outline, a.party)}, point {r.draft.num ?? r.lineage})</span>
                      </button>
                    </div>
                  )}
                </li>
              ))}
              {r.answers.length === 0 && <li className="small">No party answered this point.</li>}
            </ul>
          </li>
        ))}
      </ol>
      {rv.draft.status === 'open' && <TableForm draft={{ id: rv.draft.id, document: rv.draft.document, basedOn: rv.draft.basedOn ?? undefined }} />}
    </section>
  );
}
