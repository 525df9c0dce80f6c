/**
 * Scoring an extraction against a labelled report (`*.expected.json` of ../shared/corpus/articles and
 * ../shared/corpus-world/articles): the one matching rule used by the acceptance test
 * (./corpus.test.ts) and by `npm run eval -- articles` (bench/eval/articles.ts).
 *
 * Matching is one-to-one, greedy by the number of agreeing details, first against the expected items
 * that are not `optional`, then against the optional ones. An extracted item matched to an optional
 * item counts neither way; an optional item left unmatched is no false negative (the corpus-world
 * convention). A status must still be equal, so an optional scheduled meeting extracted as `held` is
 * a false positive.
 *
 * Events — an extracted event matches an expected one when
 *   1. the kind is the same ("phone call" = phone-call),
 *   2. the status is the same (an extracted `proposed` reads as the corpus's `scheduled`, which it uses
 *      for hypothetical and planned events; `under-way` reads as `held`),
 *   3. the dates agree: the expected date is null, or the extracted interval (a reduced date covers its
 *      month or year) overlaps the expected [date, end_date],
 *   4. the attendees overlap: the expected list is empty, or one expected participant is among the
 *      extracted attendees (see {@link ScoringWorld.samePerson}; a group of an agreeing party sharing a
 *      content word, "Houthi delegation" ~ "Houthi negotiating team"),
 *   5. the place does not contradict: when both give one, the extracted city (else country, else
 *      venue) is named in the expected place, in any spelling the world gazetteer knows.
 *
 * Statements — an extracted statement matches an expected one when
 *   1. the speaker agrees: the same person (by name, alias or the process's record of the person); or,
 *      when the expected speaker is no single person (officials, a ministry, a joint statement, a
 *      party), an extracted speaker that is no person either,
 *   2. the party agrees (any overlap for joint statements; see {@link ScoringWorld.partyAgrees}),
 *   3. the stance cue does not contradict the expected stance ({@link STANCE_OK}),
 *   4. the provisions do not contradict: when both list points, they share one.
 */
import { endOf, startOf } from '../model/dates.js';
import type { Party, Person } from '../model/schemas.js';
import type { EventProposal, IngestResult, ProposedPerson, StanceCue, StatementProposal } from './types.js';
import { actorByDemonym, actorByName, actorForms, countryByAnyName, countryOfCapital, fold } from './world.js';

/** A participant of an expected event. */
export interface ExpectedParticipant {
  name: string;
  role?: string;
  party: string | null;
}

/** An expected event. */
export interface ExpectedEvent {
  kind: string;
  date: string | null;
  end_date: string | null;
  participants: ExpectedParticipant[];
  place: string | null;
  status: string;
  optional?: boolean;
}

/** An expected statement. */
export interface ExpectedStatement {
  speaker: string;
  party: string;
  date: string | null;
  point_refs: number[];
  stance: string;
  optional?: boolean;
}

/** An `*.expected.json` file (the fields scoring reads). */
export interface ExpectedArticle {
  article: string;
  dateline_date: string;
  events: ExpectedEvent[];
  statements: ExpectedStatement[];
}

/** What the scorer knows of the process a report is about (the labels, not the extractor's store). */
export interface ScoringTruth {
  /** Parties by their labels (name first, then aliases and short forms). */
  parties: { labels: string[] }[];
  /** Persons with their aliases, posts and the label of their party. */
  persons: { name: string; aliases: string[]; posts: string[]; party?: string }[];
}

/** True, false and missed counts. */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

/** Expected stance → the cues that do not contradict it. */
export const STANCE_OK: Record<string, (StanceCue | null)[]> = {
  accept: [null, 'accepts', 'optimistic'],
  reject: [null, 'rejects', 'pessimistic', 'not-participating'],
  conditional: [null, 'conditional', 'optimistic', 'pessimistic'],
  amend: [null, 'amends', 'optimistic', 'pessimistic'],
  unclear: [null, 'accepts', 'rejects', 'conditional', 'amends', 'optimistic', 'pessimistic', 'not-participating'],
};

/** The corpus stance a cue reads as, for exact agreement. */
export const CUE_AS: Record<StanceCue, string> = { accepts: 'accept', rejects: 'reject', conditional: 'conditional', amends: 'amend', optimistic: 'accept', pessimistic: 'unclear', 'not-participating': 'unclear' };

/** Normal form of a name for comparison: accent-free, lower case, punctuation and "the" removed. */
export function normName(s: string): string {
  return fold(s)
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(?:the|al|el)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const tokens = (s: string) => normName(s).split(' ').filter(Boolean);

/** "Rodrigo Londoño (Timochenko)" → ["Rodrigo Londoño", "Timochenko"]. */
function nameForms(s: string): string[] {
  const out = [s.replace(/\s*\([^)]*\)\s*/g, ' ').trim()];
  for (const m of s.matchAll(/\(([^)]*)\)/g)) out.push(...m[1]!.split(/,|;/).map((x) => x.trim()).filter(Boolean));
  return out.filter(Boolean);
}

const GROUP_WORDS =
  /\b(?:officials?|ministry|ministries|government|delegation|delegations|commission|council|statement|party|office|committee|spokes\w*|sources?|negotiators|team|teams|leaders|advisers|panel|participants|members|forces|army|movement|side|sides|camp|campaign|presidency|administration|house|department|embassy|mission|unnamed|coalition|commanders|agency|union|league|organi[sz]ation|secretariat)\b/i;

/** Content words of a group phrase ("E3 national security advisers" → e3, national, security, advisers). */
function contentWords(s: string): Set<string> {
  const stop = new Set(['of', 'and', 'other', 'members', 'for', 'in', 'on', 'to', 'a', 'an', 's', 'de', 'la', 'des', 'du', 'le', 'les']);
  return new Set(tokens(s).filter((w) => w.length > 1 && !stop.has(w)));
}

const singular = (w: string) => w.replace(/(?:ies)$/, 'y').replace(/(?:es|s)$/, '');

/**
 * Name equivalences of one process for scoring: persons and parties by their labels in the expected
 * files, the process record (`ScoringTruth`) and the world gazetteer.
 */
export class ScoringWorld {
  private personOf = new Map<string, number>();

  constructor(private truth: ScoringTruth) {
    truth.persons.forEach((p, i) => {
      for (const f of [p.name, ...p.aliases].flatMap(nameForms)) {
        const k = normName(f);
        if (k && !this.personOf.has(k)) this.personOf.set(k, i);
      }
    });
  }

  /** Index of the process person a name refers to (full form, alias, or a token subset of a full name). */
  personIndex(name: string): number | null {
    for (const f of nameForms(name)) {
      const k = normName(f);
      const direct = this.personOf.get(k);
      if (direct !== undefined) return direct;
    }
    const t = tokens(nameForms(name)[0] ?? name);
    if (t.length < 2) return null;
    let hit: number | null = null;
    this.truth.persons.forEach((p, i) => {
      const pt = new Set(tokens(nameForms(p.name)[0] ?? p.name));
      if (t.every((x) => pt.has(x)) || (pt.size >= 2 && [...pt].every((x) => t.includes(x)))) hit = hit === null ? i : hit;
    });
    return hit;
  }

  /** True when the expected speaker or participant is a single person rather than a group, office or party. */
  isPerson(name: string): boolean {
    if (this.personIndex(name) !== null) return true;
    const main = nameForms(name)[0] ?? name;
    if (this.partyIndex(main) !== null || actorByName(main) || actorByDemonym(main)) return false;
    if (GROUP_WORDS.test(name) || /\d/.test(main)) return false;
    const toks = main.split(/\s+/).filter(Boolean);
    return toks.length >= 2 && toks.length <= 5 && toks.every((w) => /^(?:[\p{Lu}]|(?:de|la|del|von|van|der|al|el|bin|ibn|da|di|du|le)$|(?:al|el)-)/u.test(w));
  }

  /** Do two person names denote the same person? */
  samePerson(a: string, b: string): boolean {
    const ia = this.personIndex(a);
    const ib = this.personIndex(b);
    if (ia !== null || ib !== null) return ia === ib;
    const fa = nameForms(a).map(tokens);
    const fb = nameForms(b).map(tokens);
    for (const x of fa)
      for (const y of fb) {
        if (!x.length || !y.length) continue;
        if (x.join(' ') === y.join(' ')) return true;
        const [s, l] = x.length <= y.length ? [x, y] : [y, x];
        if (s.length >= 2 && s.every((w) => l.includes(w))) return true;
        // A lone surname against a full name.
        if (s.length === 1 && s[0]!.length > 3 && l[l.length - 1] === s[0]) return true;
      }
    return false;
  }

  private partyIndex(label: string): number | null {
    const k = normName(label);
    if (!k) return null;
    const i = this.truth.parties.findIndex((p) => p.labels.some((l) => normName(l) === k));
    return i >= 0 ? i : null;
  }

  /** Every label an expected party label stands for: itself, its parenthetical, the process party's labels. */
  private expandParty(label: string): string[] {
    const out = new Set<string>(nameForms(label));
    out.add(label);
    for (const f of [...out]) {
      const i = this.partyIndex(f);
      if (i !== null) for (const l of this.truth.parties[i]!.labels) out.add(l);
      for (const part of f.split('/')) out.add(part.trim());
    }
    return [...out].filter(Boolean);
  }

  /**
   * Does an extracted party (its labels: name, short form, aliases) agree with an expected party
   * label? Equal after normalisation; one names the other as a whole word sequence ("Colombia" in
   * "Government of Colombia"); the same country or organisation in the world gazetteer ("Britain" ~
   * "United Kingdom", "Colombian" ~ "Colombia"); or, for a person, a country named by one of the
   * person's posts in the process record ("Prime Minister of Poland").
   */
  partyAgrees(extracted: string[], expected: string, personName?: string): boolean {
    const exp = expected.split(';').flatMap((x) => this.expandParty(x.trim()));
    const posts = personName ? this.postsOf(personName) : [];
    for (const e of extracted) {
      const en = normName(e);
      if (!en) continue;
      const ew = worldKey(e);
      for (const x of [...exp, ...posts]) {
        const xn = normName(x);
        if (!xn) continue;
        if (xn === en) return true;
        const sg = (t: string) => t.split(' ').map(singular).join(' ');
        if (en.length >= 4 && ` ${sg(xn)} `.includes(` ${sg(en)} `)) return true;
        if (en.length >= 2 && (` ${xn} `.includes(` ${en} `) || (xn.length >= 2 && ` ${en} `.includes(` ${xn} `)))) return true;
        if (ew && ew === worldKey(x)) return true;
        if (ew && worldKeysIn(x).has(ew)) return true;
      }
    }
    return false;
  }

  private postsOf(name: string): string[] {
    const i = this.personIndex(name);
    return i === null ? [] : this.truth.persons[i]!.posts;
  }
}

/** The world actor key of a label ("Britain" → country:GB), or null. */
function worldKey(label: string): string | null {
  const l = label.replace(/^the\s+/i, '').trim();
  const a = actorByName(l) ?? actorByDemonym(l);
  if (a) return a.kind === 'country' ? `country:${a.country.code}` : `org:${a.organisation.code}`;
  const c = countryByAnyName(l);
  return c ? `country:${c.code}` : null;
}

/** World actor keys named inside a longer label ("Foreign Minister of Sweden" → country:SE). */
function worldKeysIn(label: string): Set<string> {
  const out = new Set<string>();
  const words = label.split(/[^\p{L}.'-]+/u).filter(Boolean);
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j <= Math.min(words.length, i + 4); j++) {
      const k = worldKey(words.slice(i, j).join(' '));
      if (k) out.add(k);
    }
  return out;
}

/** How to read an extraction's party ids and person ids: the extractor's store plus the parties it proposed. */
export interface ExtractionLabels {
  parties: Party[];
  persons: Person[];
}

/** Labels of a party id of the extraction (store party, else a party the report proposed, else the id itself). */
function partyLabels(id: string, r: IngestResult, l: ExtractionLabels): string[] {
  const p = l.parties.find((x) => x.id === id);
  if (p) return [p.name, ...(p.short ? [p.short] : []), ...p.aliases];
  const n = (r as { newParties?: { id: string; name: string; aliases?: string[] }[] }).newParties?.find((x) => x.id === id);
  if (n) return [n.name, ...(n.aliases ?? [])];
  return [id];
}

/** Names of an extracted person or group: the store person's name and aliases, or the name as written. */
function personNames(p: ProposedPerson, l: ExtractionLabels): string[] {
  if (p.person) {
    const k = l.persons.find((x) => x.id === p.person);
    if (k) return [k.name, ...k.aliases.filter((a) => /^[\p{Lu}]/u.test(a))];
  }
  return [p.name];
}

const isPersonKind = (p: ProposedPerson) => p.kind === 'known' || p.kind === 'new';

function sameAttendee(w: ScoringWorld, a: ProposedPerson, x: ExpectedParticipant, r: IngestResult, l: ExtractionLabels): boolean {
  const names = personNames(a, l);
  if (w.isPerson(x.name)) return isPersonKind(a) && names.some((n) => w.samePerson(n, x.name));
  if (isPersonKind(a)) return false;
  if (normName(a.name) === normName(x.name)) return true;
  const wa = contentWords(a.name);
  const wx = contentWords(x.name);
  const shared = [...wx].some((t) => wa.has(t) || wa.has(singular(t)) || [...wa].some((u) => singular(u) === singular(t)));
  const partyOk = !x.party || !a.party || w.partyAgrees(partyLabels(a.party, r, l), x.party);
  if (shared && partyOk) return true;
  // A group named by its party alone ("the Houthis", "the government") against a party-labelled group.
  return !!(x.party && a.party && w.partyAgrees(partyLabels(a.party, r, l), x.party) && shared);
}

function dateAgrees(e: EventProposal, x: ExpectedEvent): boolean {
  if (!x.date) return true;
  if (!e.start) return false;
  const es = startOf(e.start);
  const ee = endOf(e.end ?? e.start);
  return es <= endOf(x.end_date ?? x.date) && startOf(x.date) <= ee;
}

/** Place forms of an extracted place: the name and the world's other spellings of the city or country. */
function placeForms(name: string): string[] {
  const out = [name];
  const c = countryByAnyName(name) ?? (actorByName(name)?.kind === 'country' ? (actorByName(name) as { country: import('./world.js').WorldCountry }).country : null);
  if (c) out.push(c.name, ...c.names, ...Object.values(c.translations));
  const cap = countryOfCapital(name);
  if (cap && cap.capital) out.push(cap.capital);
  return out;
}

/** Does the extracted place agree with the expected place string? */
export function placeAgrees(e: EventProposal, x: ExpectedEvent): boolean {
  if (!e.place || !x.place) return true;
  const hay = ` ${normName(x.place)} `;
  const has = (n: string | undefined) => !!n && placeForms(n).some((f) => normName(f) && hay.includes(` ${normName(f)} `));
  if (e.place.city) return has(e.place.city);
  if (e.place.country) return has(e.place.country);
  if (e.place.venue) return [...contentWords(e.place.venue)].some((w) => hay.includes(` ${w} `));
  return true;
}

const STATUS_AS: Record<string, string> = { proposed: 'scheduled', 'under-way': 'held' };

function eventScore(w: ScoringWorld, e: EventProposal, x: ExpectedEvent, r: IngestResult, l: ExtractionLabels): number {
  if (e.kind !== x.kind.replace(' ', '-')) return -1;
  if ((STATUS_AS[e.status] ?? e.status) !== x.status) return -1;
  if (!dateAgrees(e, x)) return -1;
  const overlap = x.participants.filter((p) => e.attendees.some((a) => sameAttendee(w, a, p, r, l))).length;
  if (x.participants.length && overlap === 0) return -1;
  if (!placeAgrees(e, x)) return -1;
  return 1 + overlap + (e.place && x.place ? 1 : 0) + (x.date && e.start === x.date ? 1 : 0);
}

function speakerAgrees(w: ScoringWorld, s: StatementProposal, x: ExpectedStatement, l: ExtractionLabels): boolean {
  const expNames = x.speaker.split(';').map((n) => n.trim());
  const expPersons = expNames.filter((n) => w.isPerson(n));
  if (!expPersons.length) return !isPersonKind(s.speaker);
  if (!isPersonKind(s.speaker)) return false;
  const got = s.speaker.person ? personNames(s.speaker, l) : s.speaker.name.split(';').map((n) => n.trim());
  return got.some((g) => expPersons.some((e) => w.samePerson(g, e)));
}

function statementScore(w: ScoringWorld, s: StatementProposal, x: ExpectedStatement, r: IngestResult, l: ExtractionLabels): number {
  if (!speakerAgrees(w, s, x, l)) return -1;
  const speakerName = s.speaker.person ? personNames(s.speaker, l)[0] : s.speaker.name;
  const ids = s.parties.length ? s.parties : s.party ? [s.party] : [];
  if (!ids.some((id) => w.partyAgrees(partyLabels(id, r, l), x.party, isPersonKind(s.speaker) ? speakerName : undefined))) return -1;
  if (!(STANCE_OK[x.stance] ?? [null]).includes(s.cue)) return -1;
  const xp = x.point_refs.map(String);
  if (xp.length && s.provisions.length && !s.provisions.some((p) => xp.includes(p))) return -1;
  let score = 1;
  if (s.cue && CUE_AS[s.cue] === x.stance) score += 2;
  if (xp.length && s.provisions.some((p) => xp.includes(p))) score += 2;
  if (!xp.length && !s.provisions.length) score += 1;
  if (x.date && s.date === x.date) score += 1;
  return score;
}

/** Greedy one-to-one assignment by descending score among pairs with a score ≥ 0; returns index pairs. */
export function assign<A, B>(as: A[], bs: B[], score: (a: A, b: B) => number, taken: Set<number> = new Set()): [number, number][] {
  const pairs: { i: number; j: number; s: number }[] = [];
  as.forEach((a, i) => {
    if (taken.has(i)) return;
    bs.forEach((b, j) => {
      const s = score(a, b);
      if (s >= 0) pairs.push({ i, j, s });
    });
  });
  pairs.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const ui = new Set<number>();
  const uj = new Set<number>();
  const out: [number, number][] = [];
  for (const p of pairs) {
    if (ui.has(p.i) || uj.has(p.j)) continue;
    ui.add(p.i);
    uj.add(p.j);
    out.push([p.i, p.j]);
  }
  return out;
}

/** The result of scoring one report. */
export interface ArticleScore {
  events: Tally;
  statements: Tally;
  /** Matched pairs (indices into the extraction's and the expected lists) for detail reports. */
  eventPairs: [number, number][];
  statementPairs: [number, number][];
  /** Extracted items matched to optional expected items (counted neither way). */
  optionalEvents: number[];
  optionalStatements: number[];
}

function tally<A, B extends { optional?: boolean }>(got: A[], exp: B[], score: (a: A, b: B) => number): { t: Tally; pairs: [number, number][]; optional: number[] } {
  const reqIdx = exp.map((x, j) => [x, j] as const).filter(([x]) => !x.optional);
  const optIdx = exp.map((x, j) => [x, j] as const).filter(([x]) => x.optional);
  const req = assign(got, reqIdx.map(([x]) => x), score).map(([i, k]) => [i, reqIdx[k]![1]] as [number, number]);
  const usedGot = new Set(req.map(([i]) => i));
  const opt = assign(got, optIdx.map(([x]) => x), score, usedGot).map(([i, k]) => [i, optIdx[k]![1]] as [number, number]);
  const optional = opt.map(([i]) => i);
  return {
    t: { tp: req.length, fp: got.length - req.length - opt.length, fn: reqIdx.length - req.length },
    pairs: [...req, ...opt],
    optional,
  };
}

/**
 * Score one extraction against its expected file.
 * @param r the extraction
 * @param exp the expected file
 * @param world name equivalences of the report's process
 * @param labels the store the extraction ran against (to name its party and person ids)
 */
export function scoreArticle(r: IngestResult, exp: ExpectedArticle, world: ScoringWorld, labels: ExtractionLabels): ArticleScore {
  const ev = tally(r.events, exp.events, (e, x) => eventScore(world, e, x, r, labels));
  const st = tally(r.statements, exp.statements, (s, x) => statementScore(world, s, x, r, labels));
  return { events: ev.t, statements: st.t, eventPairs: ev.pairs, statementPairs: st.pairs, optionalEvents: ev.optional, optionalStatements: st.optional };
}

/** Scoring truth of a process from its stored form (a bundle's parties and persons). */
export function truthFromStore(parties: Party[], persons: Person[]): ScoringTruth {
  const label = new Map(parties.map((p) => [p.id, p.name]));
  return {
    parties: parties.map((p) => ({ labels: [p.name, ...(p.short ? [p.short] : []), ...p.aliases] })),
    persons: persons.map((p) => {
      const last = p.memberships[p.memberships.length - 1];
      return { name: p.name, aliases: p.aliases, posts: p.memberships.map((m) => m.post), ...(last ? { party: label.get(last.onBehalfOf) ?? last.onBehalfOf } : {}) };
    }),
  };
}
