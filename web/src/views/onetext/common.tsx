/**
 * Shared pieces of the one-text views: who the viewer is in the procedure (the mediator's team, a
 * party delegation, or the local user who is both), the critique stances as a delegation words them,
 * a word diff, a save-status line for screen readers, and the provisions of a tree in reading order.
 */
import '../../zod-jitless.js';
import type { Critique, Provision } from '../../../../src/model/schemas.js';
import type { DiffOp } from '../../../../src/text/diff.js';
import { messageOf } from '../../api/client.js';
import { useApi } from '../../api/queries.js';
import { useWorkbench } from '../../ui.js';

/** The viewer's part in the one-text procedure. */
export interface Part {
  /** May draft, revise and table (the mediator's team, or the local user). */
  team: boolean;
  /** The party a delegate answers for; null for the team (a local user chooses one). */
  party: string | null;
  /** True on a local workbench: no accounts, every role at once. */
  local: boolean;
  loading: boolean;
}

/** The viewer's part: the role and party of `GET /me` on a team server, everything locally. */
export function usePart(): Part {
  const wb = useWorkbench();
  const me = useApi('/api/processes/{pid}/me', { path: { pid: wb.pid } }, { enabled: wb.team });
  if (!wb.team) return { team: true, party: null, local: true, loading: false };
  const m = me.data as { role?: string; party?: string | null } | undefined;
  return { team: m?.role === 'mediator' || m?.role === 'mediator-staff', party: m?.party ?? null, local: false, loading: me.isPending };
}

/** The critique stances, in the words of a delegation answering a text. */
export const CRITIQUE_STANCES: { value: Critique['answers'][number]['stance']; label: string; hint: string }[] = [
  { value: 'accepts', label: 'Agree', hint: 'accepts the point as tabled' },
  { value: 'accepts-with-conditions', label: 'Agree with a reservation', hint: 'accepts it on conditions you state' },
  { value: 'proposes-alternative', label: 'Propose an amendment', hint: 'proposes other wording for the point' },
  { value: 'rejects', label: 'Reject', hint: 'rejects the point' },
];

/** Every provision of a tree in reading order, with its depth and its parent's lineage. */
export function flatten(tree: Provision[]): { p: Provision; depth: number; parent: string | null; index: number }[] {
  const out: { p: Provision; depth: number; parent: string | null; index: number }[] = [];
  const walk = (ps: Provision[], depth: number, parent: string | null) =>
    ps.forEach((p, index) => {
      out.push({ p, depth, parent, index });
      walk(p.children, depth + 1, p.lineage);
    });
  walk(tree, 0, null);
  return out;
}

/** A provision's name for people: "Point 3", "Point 3 bis", "II. Security", or its lineage id. */
export function provisionName(p: Pick<Provision, 'kind' | 'num' | 'heading' | 'lineage'>): string {
  if (p.kind === 'axis') return [p.num ? `${p.num}.` : '', p.heading ?? ''].filter(Boolean).join(' ') || p.lineage;
  if (p.num) return `${p.kind === 'subpoint' ? 'Sub-point' : 'Point'} ${p.num}`;
  return p.heading ?? p.lineage;
}

/** A word diff: deleted words struck through, inserted ones underlined, each announced in words to screen readers. */
export function Diff({ ops }: { ops: DiffOp[] }) {
  return (
    <span className="ot-diff" dir="auto">
      {ops.map((o, i) =>
        o.op === 'equal' ? (
          <span key={i}>{o.text}</span>
        ) : o.op === 'delete' ? (
          <del key={i}>
            <span className="sr-only">[deleted: </span>
            {o.text}
            <span className="sr-only">]</span>
          </del>
        ) : (
          <ins key={i}>
            <span className="sr-only">[inserted: </span>
            {o.text}
            <span className="sr-only">]</span>
          </ins>
        ),
      )}
    </span>
  );
}

/** What a save did, said in a polite live region (and an alert on failure). */
export type SaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; at: string; what?: string } | { state: 'failed'; message: string };

/** The save status line. */
export function SaveStatus({ s }: { s: SaveState }) {
  if (s.state === 'failed')
    return (
      <p role="alert" className="alert ot-status">
        {s.message}
      </p>
    );
  return (
    <p role="status" className="ot-status small">
      {s.state === 'saving' ? 'Saving…' : s.state === 'saved' ? `${s.what ?? 'Saved'} at ${s.at}.` : ''}
    </p>
  );
}

/** The failed state of an error, with the hint that matters for a stale tag. */
export function failed(err: unknown): SaveState {
  const m = messageOf(err);
  return { state: 'failed', message: (err as { status?: number }).status === 412 ? `${m} (someone else saved it meanwhile: reload the page to see their change).` : m };
}

/** The clock time of now, for a save status. */
export const clock = () => new Date().toLocaleTimeString();
