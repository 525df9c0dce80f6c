/** Why no package is acceptable to every party: the fewest red lines to move, the smallest reservation cuts, both together. */
import type { AnalysisResult } from '../api.js';
import { type Draft, fmt, letter } from './format.js';

export function Infeasible({ result, draft }: { result: AnalysisResult; draft: Draft }) {
  const inf = result.infeasible;
  if (!inf) return null;
  const pn = (id: string) => result.parties.find((p) => p.id === id)?.short ?? id;
  const iname = (id: string) => draft.issues.find((i) => i.id === id)?.name ?? id;
  const opt = (issue: string, option: string) => {
    const iss = draft.issues.find((i) => i.id === issue);
    const j = iss?.options.findIndex((o) => o.id === option) ?? -1;
    return j >= 0 ? `option ${letter(j)} (${iss!.options[j]!.label})` : option;
  };
  const moves = (byParty: Record<string, { issue: string; option: string }[]>) =>
    Object.entries(byParty).map(([p, xs]) => (
      <li key={p}>
        {pn(p)} would have to accept {xs.map((x) => `${opt(x.issue, x.option)} on “${iname(x.issue)}”`).join('; ')}
      </li>
    ));
  return (
    <section className="infeasible" aria-labelledby="infeasible-h">
      <h2 id="infeasible-h" tabIndex={-1}>
        <span aria-hidden="true">⚠ </span>No package is acceptable to every party
      </h2>
      <p>Every package crosses someone's red line or leaves someone below its reservation value. The smallest moves that would open a package:</p>
      {inf.blockedIssues.length > 0 && <p>Blocked issues (every option is someone's red line): {inf.blockedIssues.map(iname).join(', ')}.</p>}
      <h3>Fewest red lines to move (reservations kept)</h3>
      {inf.redLines ? (
        <>
          <p>
            {inf.redLines.count} red line{inf.redLines.count === 1 ? '' : 's'}:
          </p>
          <ul>{moves(inf.redLines.byParty)}</ul>
        </>
      ) : (
        <p>Moving red lines alone cannot help: the reservation values cannot all be met.</p>
      )}
      <h3>Smallest reservation cuts (red lines kept)</h3>
      {inf.reservationCuts ? (
        <ul>
          {Object.entries(inf.reservationCuts.byParty).map(([p, c]) => (
            <li key={p}>
              {pn(p)} lowers its reservation value by {fmt(c)}
            </li>
          ))}
          <li>
            total {fmt(inf.reservationCuts.total)}
          </li>
        </ul>
      ) : (
        <p>Cutting reservation values alone cannot help: red lines block every package.</p>
      )}
      <h3>Both together</h3>
      <p>
        {inf.combined.redLines} red line{inf.combined.redLines === 1 ? '' : 's'} moved
        {Object.keys(inf.combined.cuts).length ? `, and reservation cuts of ${Object.entries(inf.combined.cuts).map(([p, c]) => `${fmt(c)} for ${pn(p)}`).join(', ')}` : ''}.
      </p>
      <ul>{moves(inf.combined.byParty)}</ul>
    </section>
  );
}
