/**
 * How the store keeps a draft (issue 14, "a draft of a 2,000-point text stays responsive"): as a
 * header row (kind `drafts`: the draft without its tree, plus `parts`, the lineage ids of its
 * top-level provisions in order) and one row per top-level provision (kind {@link PART_KIND}: the
 * provision with its sub-points, the draft's id in the `ref` query column). A save writes and
 * audits the header and only the parts whose canonical JSON changed, so typing in one point of a
 * 2,000-point draft writes a few kilobytes instead of the whole tree; every read puts the draft
 * together again, so nothing above the store (services, policy, bundles) sees the parts.
 *
 * A part row is an entity of the store only, not of the model: it carries the draft's `document`,
 * `basedOn` and `visibility`, so the access policy can judge its audit entries as it judges the
 * draft's (src/server/policy.ts `visibleAudit`). A draft whose top-level lineage ids are not all
 * distinct, and a row written before drafts were split, are kept whole (the header then holds
 * `provisions` and no `parts`); such a row is read as it is and split at its next save.
 */
import type { Draft, Provision } from '../model/schemas.js';

/** The store kind of a draft's part rows. */
export const PART_KIND = 'draft-parts';

/** A stored part: one top-level provision of a draft, with what the policy needs to judge it. */
export interface DraftPart {
  id: string;
  draft: string;
  document: string;
  basedOn?: string;
  visibility: Draft['visibility'];
  provision: Provision;
}

/** A draft as its header row holds it: without `provisions`, with the lineage ids of its parts. */
export type DraftHeader = Omit<Draft, 'provisions'> & { parts: string[] };

/** Id of the part row holding the top-level provision `lineage` of draft `draft` (unambiguous for any two strings). */
export function partId(draft: string, lineage: string): string {
  return JSON.stringify([draft, lineage]);
}

/** Whether a stored drafts row is a header (split) rather than a whole draft. */
export function isHeader(row: unknown): row is DraftHeader {
  return Array.isArray((row as { parts?: unknown } | null)?.parts);
}

/**
 * A draft as header and parts, or `undefined` when it must be kept whole (two top-level provisions
 * share a lineage id).
 */
export function splitDraft(d: Draft): { header: DraftHeader; parts: DraftPart[] } | undefined {
  const lineages = d.provisions.map((p) => p.lineage);
  if (new Set(lineages).size !== lineages.length) return undefined;
  const { provisions, ...rest } = d;
  const parts = provisions.map((p) => ({
    id: partId(d.id, p.lineage),
    draft: d.id,
    document: d.document,
    ...(d.basedOn !== undefined ? { basedOn: d.basedOn } : {}),
    visibility: d.visibility,
    provision: p,
  }));
  return { header: { ...rest, parts: lineages }, parts };
}

/**
 * The draft a header row and its parts make (`parts`: part rows by id, parsed). A part that is
 * missing is a store fault: `missing` is called with its id and the provision is left out.
 */
export function assembleDraft(header: DraftHeader, parts: ReadonlyMap<string, DraftPart>, missing: (id: string) => void): Draft {
  const { parts: lineages, ...rest } = header;
  const provisions: Provision[] = [];
  for (const l of lineages) {
    const p = parts.get(partId(header.id, l));
    if (p) provisions.push(p.provision);
    else missing(partId(header.id, l));
  }
  return { ...rest, provisions } as Draft;
}

/** Freeze a parsed JSON value and everything in it (so that a shared part cannot be changed in place). */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * Parsed parts by the SHA-256 of their stored JSON, deep-frozen, least recently used dropped first
 * (at most `max`): a read of a draft parses only the parts it has not seen, and a save recognises a
 * part it handed out, unchanged, by identity (a frozen object cannot have changed) instead of
 * serialising it again.
 */
export class PartCache {
  private readonly byHash = new Map<string, DraftPart>();
  constructor(private readonly max = 50_000) {}

  /** The part stored with this hash, if kept. */
  get(hash: string): DraftPart | undefined {
    const p = this.byHash.get(hash);
    if (p) {
      this.byHash.delete(hash);
      this.byHash.set(hash, p);
    }
    return p;
  }

  /** Keep the part parsed from `json` (whose SHA-256 is `hash`), frozen; returns it. */
  put(hash: string, json: string): DraftPart {
    const p = deepFreeze(JSON.parse(json) as DraftPart);
    this.byHash.set(hash, p);
    if (this.byHash.size > this.max) this.byHash.delete(this.byHash.keys().next().value!);
    return p;
  }

  /** Whether `part` is, field for field and by identity of its tree, the part kept with `hash`. */
  holds(hash: string, part: DraftPart): boolean {
    const c = this.byHash.get(hash);
    return !!c && c.provision === part.provision && c.id === part.id && c.draft === part.draft && c.document === part.document && c.basedOn === part.basedOn && c.visibility === part.visibility;
  }
}
