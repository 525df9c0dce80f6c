/**
 * Parties a report refers to, resolved against the process's store first and world knowledge second:
 * - a store party by its name, short form or alias ("the Kremlin" when the store lists it), or by the
 *   country or organisation its name names ("Colombian" → the party "Government of Colombia");
 * - otherwise a country or international organisation of the world gazetteer (./world.ts), proposed
 *   as a NEW party with the id it would get when accepted (`norway`, `united-nations`);
 * - otherwise an organisation the text itself names (an acronym such as "TPLF", a name such as
 *   "High Council of State"), proposed as new.
 * Proposed ids are slugs of the name, so the same party gets the same id in every report.
 */
import type { Party } from '../model/schemas.js';
import { actorByDemonym, actorByName, actorForms, countryByAnyName, fold, type WorldActor } from './world.js';

/** A party the report names that the store does not hold: proposed for review. */
export interface ProposedParty {
  /** The id it gets when accepted (a slug of the name). */
  id: string;
  name: string;
  aliases: string[];
  kind: 'state' | 'organisation';
}

/** A slug id from a name: lower-case ASCII words joined by `-`. */
export function slugId(name: string): string {
  const s = fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'party';
}

const stripThe = (s: string) => s.replace(/^the\s+/i, '').trim();

/** Singular of a plural party name used as an adjective ("Houthis" → "Houthi"). */
function adjectiveOf(name: string): string | null {
  return /^[\p{Lu}][\p{Ll}]+s$/u.test(name) && !/ss$/.test(name) ? name.slice(0, -1) : null;
}

/** Resolves party forms for one store (built once per store, shared by every report read against it). */
export class PartyResolver {
  /** Surface form (case-sensitive, without "the") → party id. */
  readonly forms = new Map<string, string>();
  readonly store: Party[];
  private proposed = new Map<string, ProposedParty>();
  private worldToStore = new Map<string, string>();

  constructor(parties: Party[]) {
    this.store = parties;
    for (const p of parties) {
      for (const f of [p.name, p.short, ...p.aliases]) {
        if (!f) continue;
        const k = stripThe(f);
        if (!this.forms.has(k)) this.forms.set(k, p.id);
        const adj = adjectiveOf(k);
        if (adj && !this.forms.has(adj)) this.forms.set(adj, p.id);
      }
      if (p.name.includes('/')) for (const f of p.name.split('/')) if (!this.forms.has(f.trim())) this.forms.set(f.trim(), p.id);
    }
    // "the government": the one store party that is a government, when there is exactly one.
    const govs = parties.filter((p) => /\bgovernment\b/i.test(p.name) || p.aliases.some((a) => /^(?:the\s+)?(?:federal\s+)?government$/i.test(a)));
    if (govs.length === 1) for (const f of ['government', 'federal government', 'Government']) if (!this.forms.has(f)) this.forms.set(f, govs[0]!.id);
    // A store party that names a world actor stands for it ("Government of Colombia" for Colombia).
    for (const p of parties) {
      for (const f of [p.name, p.short, ...p.aliases]) {
        if (!f) continue;
        const a = worldActorIn(f);
        if (a && !this.worldToStore.has(a)) this.worldToStore.set(a, p.id);
      }
    }
  }

  /** The store party of a world actor, else its proposed id. */
  private ofWorld(a: WorldActor): string {
    const key = a.kind === 'country' ? `country:${a.country.code}` : `org:${a.organisation.code}`;
    const inStore = this.worldToStore.get(key);
    if (inStore) return inStore;
    const { name, forms } = actorForms(a);
    const id = slugId(name);
    if (!this.proposed.has(id)) this.proposed.set(id, { id, name, aliases: forms.filter((f) => f !== name).slice(0, 8), kind: a.kind === 'country' ? 'state' : 'organisation' });
    return id;
  }

  /** Party id of a surface form ("Moscow" only when the store lists it; "Colombian", "the UN", "Norway's"), or undefined. */
  resolve(form: string): string | undefined {
    const f = stripThe(form.replace(/['’]s?$/, '').trim());
    if (!f) return undefined;
    const direct = this.forms.get(f);
    if (direct) return direct;
    const a = actorByName(f) ?? actorByDemonym(f);
    if (a) return this.ofWorld(a);
    return undefined;
  }

  /** Party id of a country named in any language ("Allemagne"), store first. */
  resolveAnyLanguage(form: string): string | undefined {
    const r = this.resolve(form);
    if (r) return r;
    const c = countryByAnyName(form);
    return c ? this.ofWorld({ kind: 'country', country: c }) : undefined;
  }

  /** Propose an organisation the text names (acronym or name), unless the store or the world has it. */
  organisation(name: string, aliases: string[] = []): string {
    const known = this.resolve(name) ?? aliases.map((a) => this.resolve(a)).find(Boolean);
    if (known) return known;
    let id = slugId(name);
    // "Houthi" (adjective) and "Houthis" (the movement) are one organisation.
    for (const v of [slugId(name + 's'), slugId(name.replace(/s$/, ''))]) if (this.proposed.has(v)) id = v;
    const prev = this.proposed.get(id);
    if (prev) {
      for (const a of aliases) if (!prev.aliases.includes(a) && a !== prev.name) prev.aliases.push(a);
    } else this.proposed.set(id, { id, name, aliases: aliases.filter((a) => a !== name), kind: 'organisation' });
    return id;
  }

  /** True when `id` is a party of the store. */
  inStore(id: string): boolean {
    return this.store.some((p) => p.id === id);
  }

  /** The proposal behind a proposed id. */
  proposal(id: string): ProposedParty | undefined {
    return this.proposed.get(id);
  }

  /** Display name of a party id. */
  nameOf(id: string): string {
    return this.store.find((p) => p.id === id)?.name ?? this.proposed.get(id)?.name ?? id;
  }
}

/**
 * The world actor a party label stands for as a whole, as a key (`country:CO`), or null: the label is
 * a name or demonym of it, or "Government of X", "Republic of X", "X government".
 */
function worldActorIn(label: string): string | null {
  const l = stripThe(label.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim());
  const m = /^(?:(?:federal\s+)?government|republic|state|kingdom|federation|people's\s+republic|islamic\s+republic)\s+of\s+(?:the\s+)?(.+)$/i.exec(l) ?? /^(.+?)(?:'s)?\s+(?:federal\s+)?government$/i.exec(l);
  const core = m ? m[1]!.trim() : l;
  const a = actorByName(core) ?? actorByDemonym(core);
  return a ? (a.kind === 'country' ? `country:${a.country.code}` : `org:${a.organisation.code}`) : null;
}
