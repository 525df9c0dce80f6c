/** The solution packages of the Analysis page: each concept's package, its option per issue and every party's utility. */
import type { AnalysisResult } from '../api.js';
import { type Draft, fmt, letter } from './format.js';
import { ConceptMark, ProfileBadges } from './marks.js';

export function Packages({ result, draft }: { result: AnalysisResult; draft: Draft }) {
  const optionOf = (issue: string, option: string) => {
    const iss = draft.issues.find((i) => i.id === issue);
    const j = iss?.options.findIndex((o) => o.id === option) ?? -1;
    return { code: j >= 0 ? letter(j) : '?', label: j >= 0 ? iss!.options[j]!.label : option };
  };
  if (!result.solutions.length) return null;
  return (
    <section aria-labelledby="packages-h">
      <h2 id="packages-h" tabIndex={-1}>
        Solution packages
      </h2>
      <div className="table-scroll" role="region" aria-label="Solution packages table, scrolls sideways" tabIndex={0}>
        <table className="data packages">
          <caption className="sr-only">Utility of each party (0–{result.scale === 1 ? 1 : 100}) in each solution package, with its gain over the reservation value and its distance from its best</caption>
          <thead>
            <tr>
              <th scope="col">Package</th>
              {result.parties.map((p) => (
                <th scope="col" key={p.id} data-party={p.id}>
                  <abbr title={p.name}>{p.short}</abbr> <ProfileBadges estimate={false} confidentialTo={p.confidentialTo} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.solutions.map((s) => (
              <tr key={s.concept} data-concept={s.concept}>
                <th scope="row">
                  <ConceptMark concept={s.concept} short={s.short} /> {s.label}
                </th>
                {s.parties.map((x) => (
                  <td key={x.party} className="num" data-party={x.party}>
                    <strong className="utility">{fmt(x.utility)}</strong>
                    <span className="small muted block">
                      {x.atReservation ? (
                        <>
                          <span aria-hidden="true">⚑</span> at reservation
                        </>
                      ) : (
                        <>+{fmt(x.gain)} over reservation</>
                      )}
                      {' · '}
                      {fmt(x.fromBest)} below best
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.solutions.some((s) => s.bindingRedLines.length) && (
        <ul className="plain small binding">
          {result.solutions
            .filter((s) => s.bindingRedLines.length)
            .map((s) => (
              <li key={s.concept}>
                <ConceptMark concept={s.concept} short={s.short} /> would be better without these red lines:{' '}
                {s.bindingRedLines.map((r) => `${result.parties.find((p) => p.id === r.party)?.short ?? r.party} on “${draft.issues.find((i) => i.id === r.issue)?.name ?? r.issue}” (option ${optionOf(r.issue, r.option).code})`).join('; ')}
              </li>
            ))}
        </ul>
      )}
      <h3 id="outcomes-h">What each package picks</h3>
      <div className="table-scroll" role="region" aria-label="Package outcomes table, scrolls sideways" tabIndex={0}>
        <table className="data outcomes" aria-labelledby="outcomes-h">
          <thead>
            <tr>
              <th scope="col">Issue</th>
              {result.solutions.map((s) => (
                <th scope="col" key={s.concept}>
                  <ConceptMark concept={s.concept} short={s.short} />
                  <span className="sr-only"> {s.label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {draft.issues.map((iss) => {
              const picks = result.solutions.map((s) => s.outcome[iss.id]!);
              const agree = picks.every((x) => x === picks[0]);
              return (
                <tr key={iss.id} data-issue={iss.id}>
                  <th scope="row" dir="auto">
                    {iss.name}
                    {agree ? (
                      <span className="small muted">
                        {' '}
                        <span aria-hidden="true">✓</span> same in every package
                      </span>
                    ) : null}
                  </th>
                  {picks.map((o, j) => {
                    const x = optionOf(iss.id, o);
                    return (
                      <td key={j} title={x.label}>
                        <strong>{x.code}</strong>{' '}
                        <span className="small clip-2" dir="auto">
                          {x.label}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
