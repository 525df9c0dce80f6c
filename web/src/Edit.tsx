/**
 * Editing: forms to record or change a position (with its evidence and source), an event, a person.
 * Saves go through `POST /changes`, which validates everything before writing anything; the server's
 * field-level errors are shown next to the fields, and nothing typed is lost on a failed save.
 */
import { type FormEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, newId, type ProcessData, type Provision } from './api.js';
import { Field, type FieldErrors, href, partyName, useWorkbench } from './ui.js';

/** Undefined for an empty string (optional fields are omitted, not sent empty). */
const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** Server field path (`positions[0].asOf`) → form field name (`position.asOf`). */
function formField(field: string | undefined): string {
  if (!field) return '';
  return field
    .replace(/^positions\[\d+\]/, 'position')
    .replace(/^evidence\[\d+\]/, 'evidence')
    .replace(/^sources\[\d+\]/, 'source')
    .replace(/^events\[\d+\]/, 'event')
    .replace(/^persons\[\d+\]/, 'person');
}

/**
 * A validation message in the form's words: the API's codes and messages stay as they are; only the
 * wording shown here changes. zod's generic wordings ("Too small: expected string to have >=1
 * characters", "Invalid input: expected string, received undefined") become what a person fixes.
 */
export function friendlyMessage(field: string, message: string): string {
  const m = message.trim();
  if (/(^|\.)url$/.test(field) && /invalid url|expected an http|protocol/i.test(m))
    return 'Source URL must be a full web address starting with http:// or https:// (for example https://example.org/report).';
  if (/^invalid input: expected .* received undefined$/i.test(m)) return 'This field is required.';
  if (/^too small: expected (string|array) to have >=1 (characters|items)$|^must not be empty$/i.test(m)) return 'This field is required.';
  const small = /^too small: expected string to have >=(\d+) characters$/i.exec(m);
  if (small) return `Write at least ${small[1]} characters.`;
  const big = /^too big: expected string to have <=(\d+) characters$|^expected at most (\d+) characters$/i.exec(m);
  if (big) return `Too long: at most ${Number(big[1] ?? big[2]).toLocaleString('en')} characters.`;
  if (/^invalid option/i.test(m)) return 'Choose one of the listed options.';
  return m;
}

/**
 * The visible label of form field `name`, read from the form itself: the field's own label, after
 * its group (Attendee 1, Post 2) or its fieldset (Evidence, Source) where that says which one.
 * Falls back to the last part of the name in words.
 */
function fieldLabel(name: string): string {
  const el = document.querySelector(`[name="${CSS.escape(name)}"]`) as (HTMLElement & { labels?: NodeListOf<HTMLLabelElement> }) | null;
  const own = el?.labels?.[0]?.textContent?.trim();
  const fallback = (name.split('.').pop() ?? name).replace(/\[\d+\]/g, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const label = own || fallback.charAt(0).toUpperCase() + fallback.slice(1);
  const group = el?.closest('[role="group"][aria-label]')?.getAttribute('aria-label');
  if (group) return `${group}: ${label}`;
  const legend = el?.closest('fieldset')?.querySelector(':scope > legend')?.textContent?.trim();
  if (legend && legend !== 'Position' && legend !== label) return `${legend}: ${label}`;
  return label;
}

interface SaveState {
  errors: FieldErrors;
  summary: { field: string; message: string }[];
  saved: ReactNode | null;
  /** The form's values (JSON) when it was saved: the form shows "Saved" until they change. */
  savedSnap: string | null;
  busy: boolean;
}

const IDLE: SaveState = { errors: {}, summary: [], saved: null, savedSnap: null, busy: false };

/**
 * Run a save; on failure collect the server's field errors (the form's state is left untouched).
 * `snap` is the form's values as JSON, remembered on success.
 */
function useSave(): [SaveState, (fn: () => Promise<ReactNode>, snap?: string) => Promise<void>, () => void] {
  const [s, setS] = useState<SaveState>(IDLE);
  const run = async (fn: () => Promise<ReactNode>, snap?: string) => {
    setS((x) => (x.busy ? x : { ...IDLE, busy: true }));
    try {
      const saved = await fn();
      setS({ ...IDLE, saved, savedSnap: snap ?? null });
    } catch (err) {
      if (err instanceof ApiError) {
        const list = (err.details.length ? err.details : [{ field: err.field, message: err.message }]).map((d) => {
          const field = formField(d.field);
          return { field, message: friendlyMessage(field, d.message) };
        });
        const errors: FieldErrors = {};
        for (const d of list) if (d.field && !errors[d.field]) errors[d.field] = d.message;
        setS({ ...IDLE, errors, summary: list.length ? list : [{ field: '', message: friendlyMessage('', err.message) }] });
      } else setS({ ...IDLE, summary: [{ field: '', message: String(err) }] });
    }
  };
  return [s, run, () => setS(IDLE)];
}

/**
 * The save button with its status beside it. The button is never disabled while saving (a disabled
 * button drops the keyboard focus to the top of the page); a second press while busy is ignored.
 * After a save the confirmation appears next to the button and takes the focus, and the button
 * reads "Saved" until the form is changed again.
 */
function SaveActions({ state, label, snap, children }: { state: SaveState; label: string; snap: string; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.saved) ref.current?.focus();
  }, [state.saved]);
  const clean = state.saved !== null && state.savedSnap === snap;
  return (
    <div className="actions save-actions">
      <button type="submit" className={clean ? 'saved-button' : 'primary'} aria-disabled={state.busy || undefined}>
        {state.busy ? 'Saving…' : clean ? '✓ Saved' : label}
      </button>
      <div role="status" aria-live="polite" tabIndex={-1} ref={ref} className={state.saved ? 'saved' : 'sr-only'}>
        {state.saved}
      </div>
      {children}
    </div>
  );
}

function Outcome({ state }: { state: SaveState }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.summary.length) ref.current?.focus();
  }, [state.summary]);
  return (
    <>
      {state.summary.length > 0 && (
        <div role="alert" className="error-summary" tabIndex={-1} ref={ref}>
          <h2>Not saved: please correct {state.summary.length === 1 ? 'this problem' : `these ${state.summary.length} problems`}</h2>
          <ul>
            {state.summary.map((d, i) => (
              <li key={i}>
                {d.field ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => (document.querySelector(`[name="${CSS.escape(d.field)}"]`) as HTMLElement | null)?.focus()}
                  >
                    {fieldLabel(d.field)}
                  </button>
                ) : null}
                {d.field ? ': ' : ''}
                {d.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** Points of every version, newest version first, each lineage once. */
function pointOptions(data: ProcessData): { version: string; label: string; points: { lineage: string; label: string }[] }[] {
  const seen = new Set<string>();
  const title = (id: string) => data.documents.find((d) => d.id === id)?.title ?? id;
  const out: { version: string; label: string; points: { lineage: string; label: string }[] }[] = [];
  const versions = data.versions.slice().sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  for (const v of versions) {
    const points: { lineage: string; label: string }[] = [];
    const visit = (ps: Provision[], prefix: string) => {
      for (const p of ps) {
        if (p.kind === 'axis') visit(p.children, '');
        else {
          const num = prefix ? `${prefix}.${p.num ?? '•'}` : p.num ?? '•';
          if (!seen.has(p.lineage)) {
            seen.add(p.lineage);
            const text = p.text.length > 70 ? `${p.text.slice(0, 69)}…` : p.text;
            points.push({ lineage: p.lineage, label: `${num}. ${text}` });
          }
          visit(p.children, num);
        }
      }
    };
    visit(v.provisions, '');
    if (points.length) out.push({ version: v.id, label: `${title(v.document)}, ${v.label}`, points });
  }
  return out;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const DATE_HINT = 'YYYY-MM-DD, or YYYY-MM / YYYY when only that is known';

// ── position ─────────────────────────────────────────────────────────────────────────────────

function PositionForm({ params }: { params: URLSearchParams }) {
  const { pid, data, vocab, reload } = useWorkbench();
  const editing = params.get('position') ? data.positions.find((p) => p.id === params.get('position')) : undefined;
  const blank = () => ({
    id: editing?.id ?? '',
    party: editing?.party ?? params.get('party') ?? '',
    provision: editing?.provision ?? params.get('point') ?? '',
    stance: editing?.stance ?? '',
    asOf: editing?.asOf ?? today(),
    conditions: editing?.conditions ?? '',
    note: editing?.note ?? '',
    confidentialTo: editing && typeof editing.visibility === 'object' ? editing.visibility.confidentialTo : '',
    // Evidence is optional: a plain stance is a party, a point, a stance and a date.
    withEvidence: false,
    speaker: '',
    onBehalfOf: '',
    form: 'paraphrase',
    text: '',
    saidAt: '',
    attribution: 'on-record',
    event: '',
    sourceMode: 'new' as 'none' | 'existing' | 'new',
    sourceId: '',
    url: '',
    outlet: '',
    title: '',
    publishedAt: '',
  });
  const [f, setF] = useState(blank);
  const [state, run, resetSave] = useSave();
  // Ids fixed per form, so that saving again after a failure or a typo fix updates instead of duplicating.
  const ids = useRef({ pos: editing?.id ?? newId('pos'), evd: newId('evd'), src: newId('src') });
  // The party and point of the stance this form last saved (a new one, not `editing`): saving again
  // for another party or point records another stance, never replaces the saved one.
  const savedKey = useRef<string | null>(null);
  const key = `${f.party}|${f.provision}`;
  const another = !editing && savedKey.current !== null && savedKey.current !== key;
  const recordAnother = () => {
    ids.current = { pos: newId('pos'), evd: newId('evd'), src: newId('src') };
    savedKey.current = null;
    setF((x) => ({ ...blank(), party: x.party, asOf: x.asOf }));
    resetSave();
    requestAnimationFrame(() => (document.querySelector('[name="position.provision"]') as HTMLElement | null)?.focus());
  };
  const up = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const points = useMemo(() => pointOptions(data), [data]);
  const personByName = new Map(data.persons.map((p) => [p.name.toLowerCase(), p.id]));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.busy) return;
    if (another) ids.current = { pos: newId('pos'), evd: newId('evd'), src: newId('src') };
    void run(async () => {
      const body: Record<string, unknown[]> = {};
      const evidenceIds = editing ? [...editing.evidence] : [];
      if (f.withEvidence) {
        let sources: string[] = [];
        if (f.sourceMode === 'existing' && f.sourceId) sources = [f.sourceId];
        if (f.sourceMode === 'new') {
          const sid = ids.current.src;
          body.sources = [{ id: sid, url: f.url.trim(), outlet: opt(f.outlet), title: opt(f.title), publishedAt: opt(f.publishedAt) }];
          sources = [sid];
        }
        const eid = ids.current.evd;
        const speaker = personByName.get(f.speaker.trim().toLowerCase()) ?? f.speaker.trim();
        body.evidence = [
          {
            id: eid,
            speaker,
            onBehalfOf: opt(f.onBehalfOf) ?? opt(f.party),
            form: f.form,
            text: f.text.trim(),
            saidAt: opt(f.saidAt) ?? f.asOf.trim(),
            attribution: f.attribution,
            sources,
            event: opt(f.event),
            visibility: f.confidentialTo ? { confidentialTo: f.confidentialTo } : 'public',
          },
        ];
        if (!evidenceIds.includes(eid)) evidenceIds.push(eid);
      }
      const position = {
        ...(editing ?? {}),
        id: ids.current.pos,
        party: f.party,
        provision: opt(f.provision),
        stance: f.stance,
        asOf: f.asOf.trim(),
        conditions: opt(f.conditions),
        note: opt(f.note),
        visibility: f.confidentialTo ? { confidentialTo: f.confidentialTo } : 'public',
        evidence: evidenceIds,
      };
      if (!f.party) throw new ApiError(422, 'invalid_input', 'choose a party', 'positions[0].party');
      if (!f.stance) throw new ApiError(422, 'invalid_input', 'choose a stance', 'positions[0].stance');
      body.positions = [position];
      await api.changes(pid, body);
      if (!editing) savedKey.current = `${f.party}|${f.provision}`;
      await reload();
      const label = vocab.stances.find((s) => s.value === f.stance)?.label ?? f.stance;
      return (
        <>
          Saved: {partyName(data, f.party)} {label.toLowerCase()} on{' '}
          {f.provision ? (
            <>
              point <bdi>{points.flatMap((g) => g.points).find((x) => x.lineage === f.provision)?.label ?? f.provision}</bdi>
            </>
          ) : (
            'the document'
          )}{' '}
          as of {f.asOf}.{' '}
          <a href={href('positions', { asOf: f.asOf.length === 10 ? f.asOf : undefined })}>See the matrix</a>
          {f.provision ? (
            <>
              {' · '}
              <a href={href('text', { point: f.provision })}>See the point</a>
            </>
          ) : null}
        </>
      );
    }, JSON.stringify(f));
  };

  const errors = state.errors;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="form-h" className="edit-form">
      <h2 id="form-h">{editing ? `Change position ${editing.id}` : 'Record a stance'}</h2>
      <Outcome state={state} />
      <fieldset>
        <legend>Position</legend>
        <div className="grid">
          <Field label="Party" name="position.party" errors={errors}>
            {(a) => (
              <select {...a} value={f.party} onChange={up('party')} required>
                <option value="">Choose a party…</option>
                {data.parties.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Point" name="position.provision" errors={errors} hint="leave empty for a stance on the whole document">
            {(a) => (
              <select {...a} value={f.provision} onChange={up('provision')}>
                <option value="">(the whole document)</option>
                {points.map((g) => (
                  <optgroup key={g.version} label={g.label}>
                    {g.points.map((p) => (
                      <option key={p.lineage} value={p.lineage}>
                        {p.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field label="Stance" name="position.stance" errors={errors}>
            {(a) => (
              <select {...a} value={f.stance} onChange={up('stance')} required>
                <option value="">Choose a stance…</option>
                {vocab.stances.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.symbol} {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="As of" name="position.asOf" errors={errors} hint={DATE_HINT}>
            {(a) => <input {...a} value={f.asOf} onChange={up('asOf')} inputMode="numeric" autoComplete="off" />}
          </Field>
          <Field label="Conditions" name="position.conditions" errors={errors}>
            {(a) => <input {...a} value={f.conditions} onChange={up('conditions')} dir="auto" />}
          </Field>
          <Field label="Visibility" name="position.visibility.confidentialTo" errors={errors}>
            {(a) => (
              <select {...a} value={f.confidentialTo} onChange={up('confidentialTo')}>
                <option value="">Public</option>
                {data.parties.map((p) => (
                  <option key={p.id} value={p.id}>
                    Confidential to {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Note" name="position.note" errors={errors}>
          {(a) => <textarea {...a} value={f.note} onChange={up('note')} rows={2} dir="auto" />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>Evidence</legend>
        <div className="check">
          <input id="with-evidence" type="checkbox" checked={f.withEvidence} onChange={(e) => setF((x) => ({ ...x, withEvidence: e.target.checked }))} />
          <label htmlFor="with-evidence">{editing ? 'Add a new evidence item' : 'Attach evidence (who said it, when, where published)'}</label>
        </div>
        {editing && editing.evidence.length > 0 && <p className="muted small">Already attached: {editing.evidence.join(', ')}</p>}
        {f.withEvidence && (
          <>
            <div className="grid">
              <Field label="Speaker" name="evidence.speaker" errors={errors} hint="a known person's name, or a description such as “two officials”">
                {(a) => <input {...a} value={f.speaker} onChange={up('speaker')} list="persons-list" dir="auto" autoComplete="off" />}
              </Field>
              <datalist id="persons-list">
                {data.persons.map((p) => (
                  <option key={p.id} value={p.name} />
                ))}
              </datalist>
              <Field label="On behalf of" name="evidence.onBehalfOf" errors={errors} hint="default: the position's party">
                {(a) => (
                  <select {...a} value={f.onBehalfOf} onChange={up('onBehalfOf')}>
                    <option value="">(the position's party)</option>
                    {data.parties.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Said on" name="evidence.saidAt" errors={errors} hint="default: the position's date">
                {(a) => <input {...a} value={f.saidAt} onChange={up('saidAt')} inputMode="numeric" autoComplete="off" />}
              </Field>
              <Field label="Form" name="evidence.form" errors={errors}>
                {(a) => (
                  <select {...a} value={f.form} onChange={up('form')}>
                    <option value="paraphrase">paraphrase</option>
                    <option value="quote">quote</option>
                  </select>
                )}
              </Field>
              <Field label="Attribution" name="evidence.attribution" errors={errors}>
                {(a) => (
                  <select {...a} value={f.attribution} onChange={up('attribution')}>
                    {vocab.attributions.map((x) => (
                      <option key={x} value={x}>
                        {x.replace(/-/g, ' ')}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Said at event" name="evidence.event" errors={errors}>
                {(a) => (
                  <select {...a} value={f.event} onChange={up('event')}>
                    <option value="">(none)</option>
                    {data.events
                      .slice()
                      .sort((x, y) => (x.start < y.start ? 1 : -1))
                      .map((ev) => (
                        <option key={ev.id} value={ev.id}>
                          {ev.start} {ev.title}
                        </option>
                      ))}
                  </select>
                )}
              </Field>
            </div>
            <Field label="What was said" name="evidence.text" errors={errors}>
              {(a) => <textarea {...a} value={f.text} onChange={up('text')} rows={3} dir="auto" />}
            </Field>
            <fieldset className="inner">
              <legend>Source</legend>
              <div className="radios">
                {(['new', 'existing', 'none'] as const).map((m) => (
                  <label key={m} className="check">
                    <input type="radio" name="source-mode" checked={f.sourceMode === m} onChange={() => setF((x) => ({ ...x, sourceMode: m }))} />{' '}
                    {m === 'new' ? 'New source' : m === 'existing' ? 'Existing source' : 'No source'}
                  </label>
                ))}
              </div>
              {f.sourceMode === 'existing' && (
                <Field label="Source" name="evidence.sources[0]" errors={errors}>
                  {(a) => (
                    <select {...a} value={f.sourceId} onChange={up('sourceId')}>
                      <option value="">Choose a source…</option>
                      {data.sources.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.outlet ?? s.url} {s.publishedAt ? `(${s.publishedAt})` : ''} {s.title ?? ''}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              {f.sourceMode === 'new' && (
                <div className="grid">
                  <Field label="URL" name="source.url" errors={errors}>
                    {(a) => <input {...a} value={f.url} onChange={up('url')} type="url" inputMode="url" autoComplete="off" />}
                  </Field>
                  <Field label="Outlet" name="source.outlet" errors={errors}>
                    {(a) => <input {...a} value={f.outlet} onChange={up('outlet')} dir="auto" />}
                  </Field>
                  <Field label="Title" name="source.title" errors={errors}>
                    {(a) => <input {...a} value={f.title} onChange={up('title')} dir="auto" />}
                  </Field>
                  <Field label="Published on" name="source.publishedAt" errors={errors} hint={DATE_HINT}>
                    {(a) => <input {...a} value={f.publishedAt} onChange={up('publishedAt')} inputMode="numeric" autoComplete="off" />}
                  </Field>
                </div>
              )}
            </fieldset>
          </>
        )}
      </fieldset>
      <SaveActions state={state} label={another ? 'Save as another stance' : savedKey.current ? 'Update the saved stance' : 'Save stance'} snap={JSON.stringify(f)}>
        {!editing && state.saved && (
          <button type="button" onClick={recordAnother} data-record-another="">
            + Record another stance
          </button>
        )}
      </SaveActions>
      {another && <p className="muted small">The stance saved before stays as it is; this one is recorded beside it.</p>}
    </form>
  );
}

// ── event ────────────────────────────────────────────────────────────────────────────────────

interface AttendeeRow {
  person: string;
  party: string;
  role: string;
}

function EventForm({ params }: { params: URLSearchParams }) {
  const { pid, data, vocab, reload } = useWorkbench();
  const editing = params.get('event') ? data.events.find((e) => e.id === params.get('event')) : undefined;
  const nameOf = (id: string) => data.persons.find((p) => p.id === id)?.name ?? id;
  const [f, setF] = useState(() => ({
    title: editing?.title ?? '',
    kind: editing?.kind ?? 'meeting',
    status: editing?.status ?? 'scheduled',
    start: editing?.start ?? '',
    end: editing?.end ?? '',
    approximate: editing?.approximate ?? false,
    city: editing?.place?.city ?? '',
    country: editing?.place?.country ?? '',
    venue: editing?.place?.venue ?? '',
    summary: editing?.summary ?? '',
    cameo: editing?.cameo ?? '',
    tabled: editing?.tabled ?? ([] as string[]),
    sources: editing?.sources ?? ([] as string[]),
    attendees: (editing?.attendees ?? []).map((a) => ({ person: nameOf(a.person), party: a.party ?? '', role: a.role ?? '' })) as AttendeeRow[],
  }));
  const [state, run] = useSave();
  const idRef = useRef(editing?.id ?? newId('ev'));
  const up = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const personByName = new Map(data.persons.map((p) => [p.name.toLowerCase(), p.id]));
  const setAtt = (i: number, k: keyof AttendeeRow, v: string) => setF((x) => ({ ...x, attendees: x.attendees.map((a, j) => (j === i ? { ...a, [k]: v } : a)) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.busy) return;
    void run(async () => {
      const id = idRef.current;
      const place = { city: opt(f.city), country: opt(f.country), venue: opt(f.venue) };
      const event = {
        ...(editing ?? {}),
        id,
        title: f.title.trim(),
        kind: f.kind,
        status: f.status,
        start: f.start.trim(),
        end: opt(f.end),
        approximate: f.approximate,
        place: place.city || place.country || place.venue ? place : undefined,
        attendees: f.attendees
          .filter((a) => a.person.trim())
          .map((a) => ({ person: personByName.get(a.person.trim().toLowerCase()) ?? a.person.trim(), party: opt(a.party), role: opt(a.role) })),
        tabled: f.tabled,
        sources: f.sources,
        summary: opt(f.summary),
        cameo: opt(f.cameo),
      };
      await api.changes(pid, { events: [event] });
      await reload();
      return (
        <>
          Saved the event “{event.title}”. <a href={href('record', { event: id })}>See it on the record</a>
        </>
      );
    }, JSON.stringify(f));
  };
  const errors = state.errors;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="form-h" className="edit-form">
      <h2 id="form-h">{editing ? `Change event “${editing.title}”` : 'New event'}</h2>
      <Outcome state={state} />
      <div className="grid">
        <Field label="Title" name="event.title" errors={errors}>
          {(a) => <input {...a} value={f.title} onChange={up('title')} dir="auto" />}
        </Field>
        <Field label="Kind" name="event.kind" errors={errors}>
          {(a) => (
            <select {...a} value={f.kind} onChange={up('kind')}>
              {vocab.eventKinds.map((k) => (
                <option key={k} value={k}>
                  {k.replace(/-/g, ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status" name="event.status" errors={errors}>
          {(a) => (
            <select {...a} value={f.status} onChange={up('status')}>
              {vocab.eventStatuses.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Start" name="event.start" errors={errors} hint={DATE_HINT}>
          {(a) => <input {...a} value={f.start} onChange={up('start')} inputMode="numeric" autoComplete="off" />}
        </Field>
        <Field label="End" name="event.end" errors={errors} hint="optional">
          {(a) => <input {...a} value={f.end} onChange={up('end')} inputMode="numeric" autoComplete="off" />}
        </Field>
        <div className="field check">
          <input id="ev-approx" type="checkbox" checked={f.approximate} onChange={(e) => setF((x) => ({ ...x, approximate: e.target.checked }))} />
          <label htmlFor="ev-approx">The date is approximate</label>
        </div>
        <Field label="City" name="event.place.city" errors={errors}>
          {(a) => <input {...a} value={f.city} onChange={up('city')} dir="auto" />}
        </Field>
        <Field label="Country" name="event.place.country" errors={errors}>
          {(a) => <input {...a} value={f.country} onChange={up('country')} dir="auto" />}
        </Field>
        <Field label="Venue" name="event.place.venue" errors={errors}>
          {(a) => <input {...a} value={f.venue} onChange={up('venue')} dir="auto" />}
        </Field>
        <Field label="CAMEO code" name="event.cameo" errors={errors} hint="e.g. 046 negotiate, 044 meet at a third location">
          {(a) => <input {...a} value={f.cameo} onChange={up('cameo')} inputMode="numeric" />}
        </Field>
      </div>
      <Field label="Summary" name="event.summary" errors={errors}>
        {(a) => <textarea {...a} value={f.summary} onChange={up('summary')} rows={3} dir="auto" />}
      </Field>
      <fieldset>
        <legend>Attendees</legend>
        <datalist id="persons-list-ev">
          {data.persons.map((p) => (
            <option key={p.id} value={p.name} />
          ))}
        </datalist>
        {f.attendees.map((a, i) => (
          <div className="row" key={i} role="group" aria-label={`Attendee ${i + 1}`}>
            <Field label="Person" name={`event.attendees[${i}].person`} errors={errors}>
              {(x) => <input {...x} value={a.person} onChange={(e) => setAtt(i, 'person', e.target.value)} list="persons-list-ev" dir="auto" />}
            </Field>
            <Field label="Party" name={`event.attendees[${i}].party`} errors={errors}>
              {(x) => (
                <select {...x} value={a.party} onChange={(e) => setAtt(i, 'party', e.target.value)}>
                  <option value="">(from the person's post)</option>
                  {data.parties.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Role" name={`event.attendees[${i}].role`} errors={errors}>
              {(x) => <input {...x} value={a.role} onChange={(e) => setAtt(i, 'role', e.target.value)} dir="auto" />}
            </Field>
            <button type="button" className="icon" aria-label={`Remove attendee ${i + 1}`} onClick={() => setF((x) => ({ ...x, attendees: x.attendees.filter((_, j) => j !== i) }))}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setF((x) => ({ ...x, attendees: [...x.attendees, { person: '', party: '', role: '' }] }))}>
          + Add an attendee
        </button>
      </fieldset>
      <fieldset>
        <legend>Versions tabled</legend>
        <div className="checks">
          {data.versions.map((v) => (
            <label key={v.id} className="check">
              <input
                type="checkbox"
                checked={f.tabled.includes(v.id)}
                onChange={(e) => setF((x) => ({ ...x, tabled: e.target.checked ? [...x.tabled, v.id] : x.tabled.filter((t) => t !== v.id) }))}
              />{' '}
              {data.documents.find((d) => d.id === v.document)?.title ?? v.document}, {v.label}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Sources" name="event.sources" errors={errors} hint="hold Ctrl (or ⌘) to choose several">
        {(a) => (
          <select
            {...a}
            multiple
            size={6}
            value={f.sources}
            onChange={(e) => setF((x) => ({ ...x, sources: [...e.target.selectedOptions].map((o) => o.value) }))}
          >
            {data.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.outlet ?? s.url} {s.publishedAt ? `(${s.publishedAt})` : ''} {s.title ?? ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SaveActions state={state} label="Save event" snap={JSON.stringify(f)} />
    </form>
  );
}

// ── person ───────────────────────────────────────────────────────────────────────────────────

interface MembershipRow {
  onBehalfOf: string;
  post: string;
  from: string;
  to: string;
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'person'
  );
}

function PersonForm({ params }: { params: URLSearchParams }) {
  const { pid, data, reload } = useWorkbench();
  const editing = params.get('person') ? data.persons.find((p) => p.id === params.get('person')) : undefined;
  const [f, setF] = useState(() => ({
    name: editing?.name ?? '',
    aliases: (editing?.aliases ?? []).join('; '),
    memberships: (editing?.memberships ?? []).map((m) => ({ onBehalfOf: m.onBehalfOf, post: m.post, from: m.from ?? '', to: m.to ?? '' })) as MembershipRow[],
  }));
  const [state, run] = useSave();
  const idRef = useRef<string | null>(editing?.id ?? null);
  const setM = (i: number, k: keyof MembershipRow, v: string) => setF((x) => ({ ...x, memberships: x.memberships.map((m, j) => (j === i ? { ...m, [k]: v } : m)) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.busy) return;
    void run(async () => {
      let id = idRef.current;
      if (!id) {
        const base = slug(f.name);
        id = base;
        for (let n = 2; data.persons.some((p) => p.id === id); n++) id = `${base}-${n}`;
      }
      const chosen = id;
      const person = {
        id,
        name: f.name.trim(),
        aliases: f.aliases
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean),
        memberships: f.memberships.map((m) => ({ onBehalfOf: m.onBehalfOf, post: m.post.trim(), from: opt(m.from), to: opt(m.to) })),
      };
      await api.changes(pid, { persons: [person] });
      idRef.current = chosen;
      await reload();
      return (
        <>
          Saved {person.name}. <a href={href('record', { person: id })}>See their events</a>
        </>
      );
    }, JSON.stringify(f));
  };
  const errors = state.errors;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="form-h" className="edit-form">
      <h2 id="form-h">{editing ? `Change ${editing.name}` : 'New person'}</h2>
      <Outcome state={state} />
      <div className="grid">
        <Field label="Name" name="person.name" errors={errors}>
          {(a) => <input {...a} value={f.name} onChange={(e) => setF((x) => ({ ...x, name: e.target.value }))} dir="auto" />}
        </Field>
        <Field label="Aliases" name="person.aliases" errors={errors} hint="separated by semicolons, e.g. the Kremlin spokesman; Peskov">
          {(a) => <input {...a} value={f.aliases} onChange={(e) => setF((x) => ({ ...x, aliases: e.target.value }))} dir="auto" />}
        </Field>
      </div>
      <fieldset>
        <legend>Posts</legend>
        {f.memberships.map((m, i) => (
          <div className="row" key={i} role="group" aria-label={`Post ${i + 1}`}>
            <Field label="On behalf of" name={`person.memberships[${i}].onBehalfOf`} errors={errors}>
              {(a) => (
                <select {...a} value={m.onBehalfOf} onChange={(e) => setM(i, 'onBehalfOf', e.target.value)}>
                  <option value="">Choose a party…</option>
                  {data.parties.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Post" name={`person.memberships[${i}].post`} errors={errors}>
              {(a) => <input {...a} value={m.post} onChange={(e) => setM(i, 'post', e.target.value)} dir="auto" />}
            </Field>
            <Field label="From" name={`person.memberships[${i}].from`} errors={errors}>
              {(a) => <input {...a} value={m.from} onChange={(e) => setM(i, 'from', e.target.value)} inputMode="numeric" />}
            </Field>
            <Field label="To" name={`person.memberships[${i}].to`} errors={errors}>
              {(a) => <input {...a} value={m.to} onChange={(e) => setM(i, 'to', e.target.value)} inputMode="numeric" />}
            </Field>
            <button type="button" className="icon" aria-label={`Remove post ${i + 1}`} onClick={() => setF((x) => ({ ...x, memberships: x.memberships.filter((_, j) => j !== i) }))}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setF((x) => ({ ...x, memberships: [...x.memberships, { onBehalfOf: '', post: '', from: '', to: '' }] }))}>
          + Add a post
        </button>
      </fieldset>
      <SaveActions state={state} label="Save person" snap={JSON.stringify(f)} />
    </form>
  );
}

// ── the view ─────────────────────────────────────────────────────────────────────────────────

const FORMS = [
  { id: 'position', label: 'Position' },
  { id: 'event', label: 'Event' },
  { id: 'person', label: 'Person' },
] as const;

export function EditView({ params }: { params: URLSearchParams }) {
  const { data, navigate } = useWorkbench();
  const form = FORMS.some((x) => x.id === params.get('form')) ? params.get('form')! : 'position';
  // Remount a form when what it edits changes, so its state starts from the chosen item.
  const key = `${form}:${params.get('position') ?? ''}:${params.get('event') ?? ''}:${params.get('person') ?? ''}:${params.get('party') ?? ''}:${params.get('point') ?? ''}`;
  return (
    <section aria-labelledby="edit-h" className="view">
      <h1 id="edit-h" tabIndex={-1}>
        Edit
      </h1>
      <nav aria-label="Forms" className="subnav">
        <ul className="tabs small-tabs">
          {FORMS.map((x) => (
            <li key={x.id}>
              <a href={href('edit', { form: x.id })} aria-current={form === x.id ? 'page' : undefined}>
                {x.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {form === 'event' && (
        <div className="toolbar">
          <label htmlFor="pick-event">Event to change</label>
          <select id="pick-event" value={params.get('event') ?? ''} onChange={(e) => navigate('edit', { form: 'event', event: e.target.value || undefined })}>
            <option value="">(new event)</option>
            {data.events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.start} {e.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {form === 'person' && (
        <div className="toolbar">
          <label htmlFor="pick-person">Person to change</label>
          <select id="pick-person" value={params.get('person') ?? ''} onChange={(e) => navigate('edit', { form: 'person', person: e.target.value || undefined })}>
            <option value="">(new person)</option>
            {data.persons
              .slice()
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        </div>
      )}
      {form === 'position' && <PositionForm key={key} params={params} />}
      {form === 'event' && <EventForm key={key} params={params} />}
      {form === 'person' && <PersonForm key={key} params={params} />}
    </section>
  );
}
