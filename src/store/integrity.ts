/**
 * The entity half of `accord verify`, pure: do the current entity rows of a process say what the
 * audit log says was last written to them?
 *
 * Every write appends an audit entry holding the entity before and after it (src/store/kysely-store.ts);
 * a whole-process import appends one entry holding, per kind, a digest of the rows it wrote
 * ({@link kindDigests}). {@link replayProblems} walks one process's entries from the newest back to
 * its latest import, starting from the current rows and undoing each entry: a row whose content is
 * not what the entry's `after` says, a row no entry wrote, a row an entry deleted that is still
 * there — each is named. What is left when the walk reaches the import must hash to the import's
 * digests; when it does not, the rows whose stored hash column disagrees with their content are
 * named, and otherwise the kind whose digest differs. Hashes are SHA-256 of canonical JSON
 * (./canonical.ts), the same bytes the store keeps.
 */
import type { AuditEntry } from './store.js';
import { canonicalJson, sha256 } from './canonical.js';

/** One current entity row: kind, id, SHA-256 of its stored JSON, and the hash column as stored (null before migration 0003). */
export interface RowHash {
  kind: string;
  id: string;
  hash: string;
  stored: string | null;
}

/**
 * Per kind, the digest of a set of rows: SHA-256 of the lines `<id> <hash>` sorted by id (one line
 * per row, `\n`-terminated). Kinds without rows are absent.
 */
export function kindDigests(rows: readonly { kind: string; id: string; hash: string }[]): Record<string, string> {
  const byKind = new Map<string, string[]>();
  for (const r of rows) {
    let lines = byKind.get(r.kind);
    if (!lines) byKind.set(r.kind, (lines = []));
    lines.push(`${r.id} ${r.hash}\n`);
  }
  const out: Record<string, string> = {};
  for (const [kind, lines] of [...byKind].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.sort();
    out[kind] = sha256(lines.join(''));
  }
  return out;
}

/** SHA-256 of an entity as stored (canonical JSON). */
export function entityHash(entity: unknown): string {
  return sha256(canonicalJson(entity));
}

/** The digest fields an import entry records in its `after` (absent in logs written before issue 19). */
interface ImportAfter {
  counts?: Record<string, number>;
  entities?: Record<string, string>;
  process?: string;
}

/**
 * Problems of one process: its audit entries (entity kinds and `process` entries, oldest first),
 * its current rows, and the SHA-256 of its stored process record (undefined when there is none).
 * `entityKinds` tells entity entries from account entries (users, memberships…), which are skipped.
 * Returns human-readable problems, each naming the row and the entry.
 */
export function replayProblems(processId: string, entries: readonly AuditEntry[], rows: readonly RowHash[], processHash: string | undefined, entityKinds: readonly string[]): string[] {
  const problems: string[] = [];
  const key = (kind: string, id: string) => `${kind}/${id}`;
  const state = new Map<string, { hash: string; row?: RowHash }>();
  for (const r of rows) state.set(key(r.kind, r.id), { hash: r.hash, row: r });
  const kinds = new Set(entityKinds);
  const where = `process "${processId}"`;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.kind === 'process') {
      if (e.action === 'import') {
        checkImport(e, state, problems, where, processHash);
        return problems;
      }
      if (e.action === 'delete') {
        for (const k of state.keys()) problems.push(`${k} of ${where}: the row is still stored after audit entry ${e.seq} deleted the process`);
        return problems;
      }
      continue;
    }
    if (!kinds.has(e.kind)) continue;
    const k = key(e.kind, e.entityId);
    const cur = state.get(k);
    const after = e.after === null || e.after === undefined ? undefined : entityHash(e.after);
    const before = e.before === null || e.before === undefined ? undefined : entityHash(e.before);
    if (e.action === 'delete') {
      if (cur) problems.push(`${k} of ${where}: the row is stored although audit entry ${e.seq} deleted it`);
    } else if (!cur) {
      problems.push(`${k} of ${where}: the row is missing although audit entry ${e.seq} ${e.action === 'create' ? 'created' : 'updated'} it`);
    } else if (cur.hash !== after) {
      problems.push(`${k} of ${where}: the ${cur.row ? 'stored row' : 'row as a later entry found it'} differs from what audit entry ${e.seq} wrote`);
    }
    // Undo the entry: the state before it is what it says it was.
    if (before === undefined) state.delete(k);
    else state.set(k, { hash: before });
  }
  // No import: the process was built entry by entry from nothing.
  for (const [k, v] of state) problems.push(`${k} of ${where}: ${v.row ? 'the stored row was written by no audit entry' : 'an audit entry replaced a row that nothing created'}`);
  return problems;
}

/** At the latest import: what is left of the walk must be what the import wrote. */
function checkImport(e: AuditEntry, state: Map<string, { hash: string; row?: RowHash }>, problems: string[], where: string, processHash: string | undefined): void {
  const after = (e.after ?? {}) as ImportAfter;
  if (after.process !== undefined && processHash !== undefined && after.process !== processHash) {
    problems.push(`the process record of ${where} differs from what audit entry ${e.seq} imported`);
  }
  if (!after.entities) return; // written before imports recorded digests: nothing to compare with
  const left = [...state].map(([k, v]) => {
    const slash = k.indexOf('/');
    return { kind: k.slice(0, slash), id: k.slice(slash + 1), hash: v.hash, row: v.row };
  });
  const got = kindDigests(left);
  const kinds = new Set([...Object.keys(got), ...Object.keys(after.entities)]);
  for (const kind of [...kinds].sort()) {
    if (got[kind] === after.entities[kind]) continue;
    // Name what can be named: when the import wrote no row of the kind, every row left is one no
    // entry wrote; otherwise the rows that no longer match the hash stored beside them.
    if (after.counts?.[kind] === 0) {
      for (const r of left.filter((x) => x.kind === kind)) problems.push(`${kind}/${r.id} of ${where}: the ${r.row ? 'stored row' : 'row'} was written by no audit entry`);
      continue;
    }
    const named = left.filter((r) => r.kind === kind && r.row && r.row.stored !== null && r.row.stored !== r.hash);
    for (const r of named) problems.push(`${kind}/${r.id} of ${where}: the stored row differs from what audit entry ${e.seq} imported`);
    if (!named.length) {
      const n = left.filter((r) => r.kind === kind).length;
      const recorded = after.counts?.[kind];
      const rows = n === 1 ? '1 row as imported by audit entry ' + e.seq + ' does' : `${n} rows as imported by audit entry ${e.seq} do`;
      problems.push(`${kind} of ${where}: the ${rows} not match its digest${recorded !== undefined && recorded !== n ? ` (it recorded ${recorded})` : ''}`);
    }
  }
}
