/** One party's profile as an editable table: reservation value, weight per issue, value and red line per option. */
import { type FieldErrors, useWorkbench } from '../ui.js';
import { type Draft, fmt, letter, type Profile, safeId } from './format.js';
import { ProfileBadges } from './marks.js';

/** An inline error next to an input (linked through aria-describedby). */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="inline-error" id={id} data-field-error="">
      {message}
    </span>
  );
}

function NumberInput(props: {
  name: string;
  label: string;
  value: number | undefined;
  errors: FieldErrors;
  readOnly: boolean;
  onChange: (v: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
}) {
  const err = props.errors[props.name];
  const errId = `err-${safeId(props.name)}`;
  return (
    <span className={`num-input${err ? ' field-error' : ''}`}>
      <input
        type="number"
        name={props.name}
        aria-label={props.label}
        title={props.label}
        min={props.min ?? 0}
        max={props.max}
        step={props.step ?? 'any'}
        value={props.value === undefined ? '' : String(props.value)}
        readOnly={props.readOnly}
        aria-invalid={Boolean(err)}
        aria-describedby={err ? errId : undefined}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
      <FieldError id={errId} message={err} />
    </span>
  );
}

export function ProfileEditor({ draft, k, errors, readOnly, update }: { draft: Draft; k: number; errors: FieldErrors; readOnly: boolean; update: (fn: (p: Profile) => void) => void }) {
  const p = draft.profiles[k]!;
  const { outline: data } = useWorkbench();
  const who = data.parties.find((x) => x.id === p.party)?.name ?? p.name ?? p.party;
  const maxOptions = Math.max(...draft.issues.map((i) => i.options.length));
  const base = `profiles[${k}]`;
  const conf = p.visibility && typeof p.visibility === 'object' ? p.visibility.confidentialTo : null;
  const weightsErr = errors[`${base}.weights`];
  return (
    <details className="profile" data-party={p.party} open={k === 0}>
      <summary>
        <span className="profile-name" dir="auto">
          {who}
        </span>{' '}
        <ProfileBadges estimate={p.estimate} confidentialTo={conf} />{' '}
        <span className="muted small">reservation {fmt(p.reservation ?? 0)}</span>
      </summary>
      {p.note && (
        <p className="note small" dir="auto">
          {p.note}
        </p>
      )}
      <div className="profile-head">
        <label htmlFor={`res-${safeId(p.party)}`}>Reservation value (utility of no agreement, 0–100)</label>
        <span className={`num-input${errors[`${base}.reservation`] ? ' field-error' : ''}`}>
          <input
            id={`res-${safeId(p.party)}`}
            type="number"
            name={`${base}.reservation`}
            min={0}
            max={100}
            step="any"
            value={p.reservation === undefined ? '' : String(p.reservation)}
            readOnly={readOnly}
            aria-invalid={Boolean(errors[`${base}.reservation`])}
            aria-describedby={errors[`${base}.reservation`] ? `err-${safeId(`${base}.reservation`)}` : undefined}
            onChange={(e) => update((q) => void (q.reservation = e.target.value === '' ? undefined : Number(e.target.value)))}
          />
          <FieldError id={`err-${safeId(`${base}.reservation`)}`} message={errors[`${base}.reservation`]} />
        </span>
      </div>
      {weightsErr && (
        <p className="inline-error" role="note">
          Weights: {weightsErr}
        </p>
      )}
      <div className="table-scroll" role="region" aria-label="Profile table, scrolls sideways" tabIndex={0}>
        <table className="data profile-table">
          <caption className="sr-only">
            Preferences of {who}: issue weights, the value (0–100) of each option, and the options it cannot accept (red lines)
          </caption>
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">Weight</th>
              {Array.from({ length: maxOptions }, (_, j) => (
                <th scope="col" key={j}>
                  Option {letter(j)}: value · red line
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {draft.issues.map((iss) => (
              <tr key={iss.id}>
                <th scope="row" dir="auto">
                  {iss.name}
                </th>
                <td>
                  <NumberInput
                    name={`${base}.weights.${iss.id}`}
                    label={`${who}: weight of “${iss.name}”`}
                    value={p.weights[iss.id]}
                    errors={errors}
                    readOnly={readOnly}
                    onChange={(v) =>
                      update((q) => {
                        if (v === undefined) delete q.weights[iss.id];
                        else q.weights[iss.id] = v;
                      })
                    }
                  />
                </td>
                {Array.from({ length: maxOptions }, (_, j) => {
                  const o = iss.options[j];
                  if (!o) return <td key={j} />;
                  const red = (p.redLines?.[iss.id] ?? []).includes(o.id);
                  const redName = `${base}.redLines.${iss.id}.${o.id}`;
                  return (
                    <td key={j} className={red ? 'red-line' : undefined}>
                      <NumberInput
                        name={`${base}.values.${iss.id}.${o.id}`}
                        label={`${who}: value of option ${letter(j)} (${o.label}) on “${iss.name}”`}
                        value={p.values[iss.id]?.[o.id]}
                        errors={errors}
                        readOnly={readOnly}
                        max={100}
                        onChange={(v) =>
                          update((q) => {
                            const row = (q.values[iss.id] ??= {});
                            if (v === undefined) delete row[o.id];
                            else row[o.id] = v;
                          })
                        }
                      />
                      <label className="red-line-check">
                        <input
                          type="checkbox"
                          name={redName}
                          checked={red}
                          disabled={readOnly}
                          onChange={(e) =>
                            update((q) => {
                              const lines = (q.redLines ??= {});
                              const cur = new Set(lines[iss.id] ?? []);
                              if (e.target.checked) cur.add(o.id);
                              else cur.delete(o.id);
                              if (cur.size) lines[iss.id] = [...cur];
                              else delete lines[iss.id];
                            })
                          }
                        />
                        <span aria-hidden="true">⊘</span>
                        <span className="sr-only">
                          {who} cannot accept option {letter(j)} on “{iss.name}” (red line)
                        </span>
                      </label>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
