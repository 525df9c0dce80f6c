/** Small shared pieces of the workbench: stance marks, status badges, provision text, form fields. */
import { createContext, type ReactNode, useContext, useId } from 'react';
import type { ProcessData, Provision, Vocabulary } from './api.js';
import type { Outline } from '../../src/services/views/outline.js';

/**
 * What every view may use: the process, its outline, vocabularies, navigation, the layer shown.
 * Each view asks for its own data (web/src/api/queries.ts `useApi`); a save made with `useWrite`
 * marks stale what it changed.
 */
export interface Workbench {
  pid: string;
  /** The outline of the process (`GET /outline`): parties, persons, documents, versions, events in brief. */
  outline: Outline;
  vocab: Vocabulary;
  /** Mark stale every cached answer of the process (after a write not made through `useWrite`). */
  reload(): Promise<void>;
  navigate(view: string, params?: Record<string, string | undefined>): void;
  /** Confidential layer shown (`?viewAs`), empty for the public layer. */
  viewAs: string;
  setViewAs(party: string): void;
  /** Whether the user may change shared data (local user, or a mediator role on a team server). */
  canEdit: boolean;
  /** True on a team server (signed-in member), false on a local workbench. */
  team: boolean;
}

export const WorkbenchContext = createContext<Workbench | null>(null);

/** The workbench context (inside <App>). */
export function useWorkbench(): Workbench {
  const wb = useContext(WorkbenchContext);
  if (!wb) throw new Error('useWorkbench outside the workbench');
  return wb;
}

/** `#/view?a=b` link target. */
export function href(view: string, params: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return `#/${view}${s ? `?${s}` : ''}`;
}

/** A stance shown with colour AND symbol AND (unless compact) its words. */
export function StanceMark({ stance, compact = false }: { stance: string | null | undefined; compact?: boolean }) {
  const { vocab } = useWorkbench();
  if (!stance) {
    return (
      <span className="stance stance-none">
        <span aria-hidden="true">—</span>
        <span className={compact ? 'sr-only' : 'stance-label'}>no recorded position</span>
      </span>
    );
  }
  const v = vocab.stances.find((s) => s.value === stance);
  return (
    <span className={`stance stance-${stance}`}>
      <span aria-hidden="true" className="stance-symbol">
        {v?.symbol ?? '?'}
      </span>
      <span className={compact ? 'sr-only' : 'stance-label'}>{v?.label ?? stance}</span>
    </span>
  );
}

const EVENT_SYMBOL: Record<string, string> = { held: '●', scheduled: '○', postponed: '↷', cancelled: '✗', rescheduled: '↻', 'under-way': '◐', proposed: '◌' };

/** An event status as a badge: symbol plus word. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{EVENT_SYMBOL[status] ?? '•'}</span> {status}
    </span>
  );
}

/** A vocabulary term as words for people: `not-agreed` → `not agreed` (every hyphen becomes a space). */
export function vocabLabel(term: string): string {
  return term.replace(/-/g, ' ');
}

/**
 * The options of a select over named items of the process (parties, persons): one option per item,
 * its id as value and its name as text; `sorted`: by name, in the order of the user's language.
 */
export function NamedOptions({ items, sorted }: { items: readonly { id: string; name: string }[]; sorted?: boolean }) {
  const list = sorted ? items.slice().sort((a, b) => a.name.localeCompare(b.name)) : items;
  return (
    <>
      {list.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </>
  );
}

/** The options of a select over vocabulary terms: the term as value, shown in words ({@link vocabLabel}) unless `asIs`. */
export function VocabOptions({ terms, asIs }: { terms: readonly string[]; asIs?: boolean }) {
  return (
    <>
      {terms.map((t) => (
        <option key={t} value={t}>
          {asIs ? t : vocabLabel(t)}
        </option>
      ))}
    </>
  );
}

/** A provision's text status, shown when it says more than "proposed". */
export function TextStatusBadge({ status }: { status: string }) {
  if (status === 'proposed') return null;
  return <span className={`tstatus tstatus-${status}`}>{vocabLabel(status)}</span>;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A provision's own text without the wording of its alternatives, which the alternatives block
 * shows (with their proponents): each option's text and the label before it ("Option A:", "B)")
 * are cut from the body; brackets inside a cut go, later ones shift. A text whose options are not
 * found in it is returned as it is.
 */
export function withoutAlternatives(p: Pick<Provision, 'text' | 'brackets'> & { alternatives?: Provision['alternatives'] }): Pick<Provision, 'text' | 'brackets'> {
  if (!p.alternatives?.length) return p;
  const cuts: [number, number][] = [];
  for (const a of p.alternatives) {
    if (!a.text) continue;
    const at = p.text.indexOf(a.text);
    if (at < 0) continue;
    const lead = new RegExp(`(?:\\b(?:option|alternative|variant)\\s+)?\\(?${escapeRe(a.label)}\\)?\\s*[:.)–-]?\\s*$`, 'i').exec(p.text.slice(0, at));
    cuts.push([lead ? at - lead[0].length : at, at + a.text.length]);
  }
  if (!cuts.length) return p;
  cuts.sort((x, y) => x[0] - y[0]);
  let text = '';
  let from = 0;
  const shift: [number, number][] = [];
  for (const [s, e] of cuts) {
    if (s < from) continue;
    text += p.text.slice(from, s);
    shift.push([e, e - s]);
    from = e;
  }
  text += p.text.slice(from);
  const removedBefore = (i: number) => shift.filter(([end]) => end <= i).reduce((t, [, len]) => t + len, 0);
  const inside = (i: number) => cuts.some(([s, e]) => i >= s && i < e);
  const brackets = p.brackets.filter((b) => !inside(b.start)).map((b) => ({ ...b, start: b.start - removedBefore(b.start), end: b.end - removedBefore(b.end) }));
  // Tidy the end: no dangling colon, comma or space where the options were.
  const trimmed = text.replace(/[\s:;,]+$/, '');
  return { text: trimmed.length ? trimmed : text, brackets: brackets.filter((b) => b.end <= trimmed.length) };
}

/** Provision text with bracketed spans marked (visually and for screen readers); an alternative's wording is left to the alternatives block. */
export function ProvisionText({ p: whole }: { p: Pick<Provision, 'text' | 'brackets'> & { alternatives?: Provision['alternatives'] } }) {
  const p = withoutAlternatives(whole);
  if (!p.brackets.length) return <span dir="auto">{p.text}</span>;
  const parts: ReactNode[] = [];
  let at = 0;
  p.brackets
    .slice()
    .sort((a, b) => a.start - b.start)
    .forEach((b, i) => {
      if (b.start > at) parts.push(p.text.slice(at, b.start));
      parts.push(
        <mark key={i} className="bracket" title={b.proponents.length ? `bracketed; proposed by ${b.proponents.join(', ')}` : 'bracketed: not yet agreed'}>
          <span className="sr-only">bracketed text: </span>
          {p.text.slice(b.start, b.end)}
        </mark>,
      );
      at = Math.max(at, b.end);
    });
  if (at < p.text.length) parts.push(p.text.slice(at));
  return <span dir="auto">{parts}</span>;
}

/** Short label of a party. */
export function partyShort(data: Pick<ProcessData, 'parties'>, id: string | undefined | null): string {
  if (!id) return '';
  const p = data.parties.find((x) => x.id === id);
  return p?.short ?? p?.name ?? id;
}

/** Name of a party. */
export function partyName(data: Pick<ProcessData, 'parties'>, id: string | undefined | null): string {
  if (!id) return '';
  return data.parties.find((x) => x.id === id)?.name ?? id;
}

/** Form field errors by field path (`position.stance`, `event.attendees[0].party`). */
export type FieldErrors = Record<string, string>;

/** A labelled form control with its error message next to it (linked by aria-describedby). */
export function Field(props: {
  label: string;
  name: string;
  errors: FieldErrors;
  hint?: string;
  children: (a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string; name: string }) => ReactNode;
}) {
  const uid = useId();
  const id = `f-${props.name.replace(/[^A-Za-z0-9_-]/g, '_')}-${uid.replace(/[^A-Za-z0-9]/g, '')}`;
  const err = props.errors[props.name];
  const describedBy = [props.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${err ? ' field-error' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, 'aria-invalid': Boolean(err), 'aria-describedby': describedBy, name: props.name })}
      {props.hint && (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      {err && (
        <span className="error" id={`${id}-err`} data-field-error={props.name}>
          {err}
        </span>
      )}
    </div>
  );
}

/** URL schemes a page may link to (the server's rule, src/model/schemas.ts WebUrl); others show as text. */
export const LINKABLE = /^(https?|mailto):/i;

/** Links to a claim's sources. */
export function SourceLinks({ sources }: { sources: { id: string; url: string | null; outlet: string | null; title: string | null; publishedAt: string | null }[] }) {
  if (!sources.length) return null;
  return (
    <ul className="sources" aria-label="Sources">
      {sources.map((s) => (
        <li key={s.id}>
          {s.url && LINKABLE.test(s.url) ? (
            <a href={s.url} target="_blank" rel="noopener noreferrer" className="source-link">
              <span dir="auto">{s.outlet ?? new URL(s.url).hostname}</span>
              {s.title ? (
                <>
                  {': '}
                  <span dir="auto">{s.title}</span>
                </>
              ) : null}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          ) : (
            <span>{s.id}</span>
          )}
          {s.publishedAt ? <span className="muted"> · {s.publishedAt}</span> : null}
        </li>
      ))}
    </ul>
  );
}
