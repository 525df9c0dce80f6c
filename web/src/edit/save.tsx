/**
 * Saving a form of the Edit page: the save runs, the server's field errors (or the form's own
 * checks, by the same schema) are shown next to the fields and in a summary that names each field by
 * its visible label; on success a confirmation sits beside the button and takes the focus. Nothing
 * typed is lost on a failed save.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.js';
import type { FieldErrors } from '../ui.js';

/**
 * Server field path (`positions[0].asOf`, or the form's own check `persons.0.name`) → form field
 * name (`position.asOf`, `person.name`): one record of each kind per form, array indexes as dotted
 * parts (`person.memberships.1.post`, react-hook-form's names).
 */
export function formField(field: string | undefined): string {
  if (!field) return '';
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^positions\.\d+/, 'position')
    .replace(/^evidence\.\d+/, 'evidence')
    .replace(/^sources\.\d+/, 'source')
    .replace(/^events\.\d+/, 'event')
    .replace(/^persons\.\d+/, 'person');
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

export interface SaveState {
  errors: FieldErrors;
  summary: { field: string; message: string }[];
  saved: ReactNode | null;
  /** The form's values (JSON) when it was saved: the form shows "Saved" until they change. */
  savedSnap: string | null;
  busy: boolean;
}

const IDLE: SaveState = { errors: {}, summary: [], saved: null, savedSnap: null, busy: false };

/** One problem of a refused save: the form field it is about ('' for the whole form) and what to fix. */
export interface Problem {
  field: string;
  message: string;
}

/** The state that shows `problems` (field paths as the server or the schema named them): each by its field, all in the summary. */
function refused(problems: Problem[], whole: string): SaveState {
  const list = problems.map((d) => {
    const field = formField(d.field);
    return { field, message: friendlyMessage(field, d.message) };
  });
  const errors: FieldErrors = {};
  for (const d of list) if (d.field && !errors[d.field]) errors[d.field] = d.message;
  return { ...IDLE, errors, summary: list.length ? list : [{ field: '', message: friendlyMessage('', whole) }] };
}

/**
 * Run a save; on failure collect the server's field errors (the form's state is left untouched).
 * `snap` is the form's values as JSON, remembered on success. The fourth function shows problems
 * the form found itself before sending (by the server's schema), the same way.
 */
export function useSave(): [SaveState, (fn: () => Promise<ReactNode>, snap?: string) => Promise<void>, () => void, (problems: Problem[]) => void] {
  const [s, setS] = useState<SaveState>(IDLE);
  const run = async (fn: () => Promise<ReactNode>, snap?: string) => {
    setS((x) => (x.busy ? x : { ...IDLE, busy: true }));
    try {
      const saved = await fn();
      setS({ ...IDLE, saved, savedSnap: snap ?? null });
    } catch (err) {
      if (err instanceof ApiError) setS(refused(err.details.length ? err.details.map((d) => ({ field: d.field ?? '', message: d.message })) : [{ field: err.field ?? '', message: err.message }], err.message));
      else setS({ ...IDLE, summary: [{ field: '', message: String(err) }] });
    }
  };
  return [s, run, () => setS(IDLE), (problems) => setS(refused(problems, 'The form has problems.'))];
}

/**
 * The save button with its status beside it. The button is never disabled while saving (a disabled
 * button drops the keyboard focus to the top of the page); a second press while busy is ignored.
 * After a save the confirmation appears next to the button and takes the focus, and the button
 * reads "Saved" until the form is changed again.
 */
export function SaveActions({ state, label, snap, children }: { state: SaveState; label: string; snap: string; children?: ReactNode }) {
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

export function Outcome({ state }: { state: SaveState }) {
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
