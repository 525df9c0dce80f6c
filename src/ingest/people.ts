/**
 * Who is mentioned in a report: known persons by name, alias or post ("the US envoy", "his Russian
 * counterpart", "the President of Russia"), new persons by their name (compromise tells a person's name
 * from a place or an organisation; a role word before it — "army chief", "Lt. Col." — also counts),
 * groups ("a Russian delegation", "US officials"), parties ("Moscow", "the Kremlin"), news outlets and
 * documents ("the European counter-proposal"). Pronouns (he, she, him) are resolved to the subject of
 * the sentence or of the previous one, a simple centering rule.
 *
 * A mention that only modifies another noun — "Trump's envoy", "head of Zelensky's office", "envoy of the
 * President of USA" — is flagged `modifier`: the person is named but is neither an attendee nor a speaker.
 */
import nlp from 'compromise';
import type { Party, Person } from '../model/schemas.js';
import type { PreparedText } from './text.js';
import { isPlaceName } from './places.js';

/** Kinds of mentions. */
export type MentionKind = 'person' | 'group' | 'party' | 'outlet' | 'document' | 'pronoun';

/** A mention of someone (or something that speaks) in the report. */
export interface Mention {
  from: number;
  to: number;
  text: string;
  kind: MentionKind;
  /** Known person id. */
  person?: string;
  /** Canonical display name (known person's name, a new person's name, or the phrase). */
  name: string;
  party?: string;
  /** Parties when several ("Britain, France and Germany", "the United States and Ukraine"). */
  parties?: string[];
  /** Named person not in the record. */
  isNew?: boolean;
  via: 'name' | 'alias' | 'surname' | 'post' | 'counterpart' | 'proposed' | 'pronoun' | 'group' | 'party' | 'outlet' | 'document';
  /** Only modifies another noun ("Trump's envoy"): not an attendee or speaker. */
  modifier: boolean;
  /** "no Russian official": a negated group. */
  negated?: boolean;
  /** Group head noun ("delegation", "officials"), or document head ("counter-proposal"). */
  head?: string;
}

/** News outlets recognised as sources of reports. */
export const OUTLETS = [
  'Axios', 'Reuters', 'Financial Times', 'FT', 'CBS News', 'CBS', 'Fox News', 'Politico', 'Associated Press', 'AP', 'Bloomberg', 'BBC', 'CNN',
  'New York Times', 'Washington Post', 'Wall Street Journal', 'The Telegraph', 'Telegraph', 'The Guardian', 'Guardian', 'The Economist', 'TASS', 'RIA Novosti', 'Interfax',
  'Ukrainska Pravda', 'Kyiv Independent', 'Al Jazeera', 'NBC News', 'ABC News', 'Sky News', 'Le Monde', 'Der Spiegel', 'Bild', 'AFP', 'Agence France-Presse', 'Kommersant', 'Izvestia', 'RBC', 'Suspilne', 'Ukrinform', 'The Times',
];

const OUTLET_RE = new RegExp(`(?<![\\p{L}])(?:the\\s+)?(?:${[...OUTLETS].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}])`, 'gu');

/** The head words of posts that make someone a head of state or government. */
const HEAD_POSTS = /^(?:president|prime minister|chancellor|king|queen|emir|crown prince)\b/i;

/** True when a post makes its holder a head of state or government (not "President of the European Commission"). */
export function isHeadPost(post: string): boolean {
  return HEAD_POSTS.test(post.trim()) && !/\b(?:commission|council|parliament|assembly|court|bank|committee)\b/i.test(post);
}

/** Index of known persons and parties for matching. */
export interface PersonIndex {
  persons: Person[];
  parties: Party[];
  byId: Map<string, Person>;
  /** Proper-name forms (case-sensitive) → person id. */
  nameForms: Map<string, { id: string; via: Mention['via'] }>;
  /** Descriptive aliases, lower case → person id. */
  descForms: Map<string, string>;
  nameRe: RegExp | null;
  descRe: RegExp | null;
  /** Party surface forms → party id. */
  partyForms: Map<string, string>;
  partyRe: RegExp | null;
  partyOf: Map<string, string>;
  headOfState: Set<string>;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PARTICLES = new Set(['von', 'van', 'der', 'de', 'da', 'del', 'bin', 'al', 'le', 'la', 'du', 'ibn']);

/** The surname of a full name: last token with any lower-case particles before it ("von der Leyen"). */
export function surnameOf(name: string): string {
  const toks = name.trim().split(/\s+/);
  let i = toks.length - 1;
  while (i > 0 && PARTICLES.has(toks[i - 1]!.toLowerCase())) i--;
  return toks.slice(i).join(' ');
}

/** Build the matching index (once per known context). */
export function buildPersonIndex(persons: Person[], parties: Party[]): PersonIndex {
  const byId = new Map(persons.map((p) => [p.id, p]));
  const nameForms = new Map<string, { id: string; via: Mention['via'] }>();
  const descForms = new Map<string, string>();
  const surnameCount = new Map<string, number>();
  for (const p of persons) {
    const s = surnameOf(p.name);
    surnameCount.set(s, (surnameCount.get(s) ?? 0) + 1);
  }
  const partyOf = new Map<string, string>();
  const headOfState = new Set<string>();
  for (const p of persons) {
    nameForms.set(p.name, { id: p.id, via: 'name' });
    for (const a of p.aliases) {
      if (/^[A-Z]/.test(a) && !/^The\s/.test(a)) nameForms.set(a, { id: p.id, via: 'alias' });
      else descForms.set(a.toLowerCase().replace(/^the\s+/, ''), p.id);
    }
    const s = surnameOf(p.name);
    if (s.length > 2 && surnameCount.get(s) === 1 && !nameForms.has(s)) nameForms.set(s, { id: p.id, via: 'surname' });
    for (const a of p.aliases) {
      if (/^[A-Z]/.test(a) && a.includes(' ') && !/^The\s/.test(a)) {
        const sa = surnameOf(a);
        if (sa.length > 2 && !nameForms.has(sa) && !persons.some((q) => q.id !== p.id && surnameOf(q.name) === sa)) nameForms.set(sa, { id: p.id, via: 'surname' });
      }
    }
    const m = p.memberships[p.memberships.length - 1];
    if (m) {
      partyOf.set(p.id, m.onBehalfOf);
      if (p.memberships.some((x) => isHeadPost(x.post))) headOfState.add(p.id);
    }
  }
  const partyForms = new Map<string, string>();
  for (const pa of parties) {
    for (const f of [pa.name, pa.short, ...pa.aliases]) if (f) partyForms.set(f, pa.id);
    if (pa.name.includes('/')) for (const f of pa.name.split('/')) partyForms.set(f.trim(), pa.id);
  }
  // Demonyms ("Ukrainian") of the parties, when the process lists none.
  for (const [adj, alts] of Object.entries(DEMONYMS)) {
    if (partyForms.has(adj)) continue;
    for (const alt of alts) {
      const hit = partyForms.get(alt) ?? partyForms.get('the ' + alt) ?? [...partyForms.entries()].find(([k]) => k.includes(alt) && k.length <= alt.length + 40)?.[1];
      if (hit) {
        partyForms.set(adj, hit);
        break;
      }
    }
  }
  const alt = (xs: string[]) => xs.sort((a, b) => b.length - a.length).map(esc).join('|');
  const names = [...nameForms.keys()];
  const descs = [...descForms.keys()];
  const pforms = [...partyForms.keys()].map((f) => f.replace(/^the\s+/i, ''));
  return {
    persons,
    parties,
    byId,
    nameForms,
    descForms,
    nameRe: names.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt(names)})(?![\\p{L}\\p{N}])`, 'gu') : null,
    descRe: descs.length ? new RegExp(`\\b(?:the\\s+)?(?:${alt(descs)})\\b`, 'gi') : null,
    partyForms,
    partyRe: pforms.length ? new RegExp(`(?<![\\p{L}\\p{N}.])(?:the\\s+)?(?:${alt([...new Set(pforms)])})(?![\\p{L}\\p{N}]|\\.\\p{L})`, 'gu') : null,
    partyOf,
    headOfState,
  };
}

/**
 * Adjectives and short forms of countries and blocs, so "Ukrainian" finds the party named "Ukraine"
 * even when the process lists no such alias.
 */
const DEMONYMS: Record<string, string[]> = {
  Ukrainian: ['Ukraine'], Ukrainians: ['Ukraine'], Russian: ['Russia'], Russians: ['Russia'], Kremlin: ['Russia'],
  American: ['United States', 'US'], Americans: ['United States', 'US'], US: ['United States'], 'U.S.': ['United States', 'US'], USA: ['United States', 'US'],
  Turkish: ['Turkey'], British: ['United Kingdom', 'UK', 'Britain', 'Europe', 'EU'], Britain: ['United Kingdom', 'UK', 'Europe', 'EU'],
  French: ['France', 'Europe', 'EU'], German: ['Germany', 'Europe', 'EU'], Polish: ['Poland', 'Europe', 'EU'], Italian: ['Italy', 'Europe', 'EU'], Dutch: ['Netherlands', 'Europe', 'EU'],
  European: ['Europe', 'EU', 'European Union'], Europeans: ['Europe', 'EU', 'European Union'], Chinese: ['China'],
};

/** Party id for a surface form ("Russian", "the Kremlin", "U.S."), or undefined. */
export function partyOfForm(index: PersonIndex, form: string): string | undefined {
  const f = form.replace(/^the\s+/i, '').replace(/['’]s?$/, '').trim();
  const direct = index.partyForms.get(f) ?? index.partyForms.get('the ' + f) ?? index.partyForms.get(f.toUpperCase());
  if (direct) return direct;
  for (const alt of DEMONYMS[f] ?? []) {
    const hit = index.partyForms.get(alt) ?? index.partyForms.get('the ' + alt) ?? [...index.partyForms.entries()].find(([k]) => k.includes(alt) && k.length <= alt.length + 40)?.[1];
    if (hit) return hit;
  }
  return undefined;
}

/** Find a known person by a name as an expected file writes it ("Steve Witkoff", "Zelensky"), or null. */
export function matchPersonName(index: PersonIndex, name: string): string | null {
  const n = name.trim();
  const direct = index.nameForms.get(n);
  if (direct) return direct.id;
  const d = index.descForms.get(n.toLowerCase().replace(/^the\s+/, ''));
  if (d) return d;
  const s = index.nameForms.get(surnameOf(n));
  return s ? s.id : null;
}

const POST_WORDS = 'special envoy|envoy|spokesman|spokeswoman|spokesperson|aide|foreign minister|defen[cs]e minister|secretary of state|army secretary|secretary of the army|vice president|president|prime minister|chancellor|leader|counterpart|negotiator|secretary general';
const ADJ = "US|U\\.S\\.|American|Russian|Ukrainian|Turkish|European|British|French|German|Polish|Italian|Kremlin|White House|NATO|Ukraine's|Russia's|America's|Turkey's";
const POST_RE = new RegExp(`\\b(the|a|his|her|its|their)\\s+(?:(${ADJ})\\s+)?(${POST_WORDS})\\b(?:\\s+of\\s+(?:the\\s+)?(USA|US|United States|Russia|Ukraine|Turkey|France|Germany|Britain|the United Kingdom|Poland|Italy))?`, 'gi');
const POST_OF_RE = new RegExp(`\\b(?:the\\s+)?(President|Prime Minister|Chancellor|Foreign Minister|Vice President)\\s+of\\s+(?:the\\s+)?(USA|US|United States|Russia|Ukraine|Turkey|France|Germany|Britain|United Kingdom|Poland|Italy)\\b`, 'g');

const GROUP_HEAD = 'officials|official|delegations|delegation|teams|team|advisers|advisors|leaders|negotiators|diplomats|envoys|sources|lawmakers|ministers|representatives|allies|partners|side|investigators|coalition of the willing';
const GROUP_RE = new RegExp(
  `\\b((?:(?:a|an|the|two|three|four|five|several|other|senior|some|many|no|top|both|\\d+)\\s+)*)((?:(?:[A-Z][\\w.'-]*|national|security|military|foreign|defen[cs]e|intelligence|senior|top|European|State|Department)\\s+){0,5})(${GROUP_HEAD})\\b`,
  'g',
);
const NATIONALS_RE = /\bthe\s+(Ukrainians|Russians|Americans|Europeans|Turks|Germans|French|British)\b/g;
const MEMBERS_RE = /\bmembers\s+of\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)'s?\s+(team|delegation|administration|camp)\b/g;

const DOC_RE = new RegExp(
  `\\b(?:(?:a|an|the|this|that)\\s+)?((?:(?:joint|written|official|leaked|final|updated|revised|new|rival|${ADJ})\\s+){0,3})(statement|communiqu[eé]|counter-?proposal|draft|plan|memorandum|memo|document|text|readout|framework|proposal)\\b`,
  'gi',
);

const TITLE_TOKENS = new Set(
  'President Vice Prime Minister Secretary Foreign Defence Defense Army Chief Chancellor Lt Lt. Col Col. Gen Gen. General Colonel Lieutenant Mr Mrs Ms Dr Sir Lord King Queen Pope Senator Sen. Rep. Ambassador Envoy Special Deputy First Kremlin Aide Spokesman Commander Marshal Admiral Major Captain'.split(' '),
);
const FUNCTION_TOKENS = new Set(
  'In On At By As The A An From According Among Asked Afterwards Besides Meeting Separately Next Also Both For With To Of And But While Then After Before Since During Until That This These Those It He She They We His Her Their Its Our'.split(' '),
);
const ORG_WORDS = /\b(?:Council|Street|News|Times|Post|Journal|Party|Ministry|Office|Department|Club|Mission|Union|Fund|Beach|Bay|Committee|Commission|Parliament|Assembly|House|Square|Palace|Agency|Service|Forces|Army|Navy|Guard|Bank|Group|Summit|Conference|Plan|Points?|Day|Week|Thanksgiving|Christmas|Easter|Security|Defense|Defence|Intelligence|Directorate|General Staff|Staff|Alliance|Development|Investment|Cooperation|Energy|Nuclear|Power|Plant|Region|Oblast|Republic|Federation|Kingdom|States|Emirates|Nations|People|Sea|River|Airport|Hotel|Centre|Center|Institute|University|College|School|Court|Senate|Congress|Duma|Rada|Cabinet)\b/;
const ROLE_CUE = /(?:\b(?:chief|minister|secretary|spokesman|spokeswoman|spokesperson|adviser|advisor|aide|envoy|president|premier|chancellor|general|commander|deputy|ambassador|negotiator|head|director|businessman|businesswoman|lawmaker|MP|senator|official|leader|Col\.|Gen\.|Lt\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)|['’]s?)\s*$/;

/**
 * Find every mention in the body of the prepared text.
 * Mentions are returned in text order with overlaps removed (longest, most specific first).
 */
export function findMentions(prep: PreparedText, index: PersonIndex): Mention[] {
  const { work } = prep;
  const from = prep.bodyFrom;
  const to = prep.bodyTo;
  const body = work.slice(from, to);
  const out: Mention[] = [];
  const add = (m: Mention) => out.push(m);

  if (index.nameRe) {
    index.nameRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = index.nameRe.exec(body))) {
      const f = index.nameForms.get(m[0])!;
      const p = index.byId.get(f.id)!;
      add({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'person', person: p.id, name: p.name, party: index.partyOf.get(p.id), via: f.via, modifier: false });
    }
  }
  if (index.descRe) {
    index.descRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = index.descRe.exec(body))) {
      const key = m[0].toLowerCase().replace(/^the\s+/, '');
      const id = index.descForms.get(key);
      if (!id) continue;
      const p = index.byId.get(id)!;
      add({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'person', person: id, name: p.name, party: index.partyOf.get(id), via: 'alias', modifier: false });
    }
  }
  // "the President of Russia", "the President of USA"
  POST_OF_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = POST_OF_RE.exec(body)); ) {
    const party = partyOfForm(index, m[2]!);
    const cands = index.persons.filter((p) => index.partyOf.get(p.id) === party && p.memberships.some((x) => x.post.toLowerCase().startsWith(m![1]!.toLowerCase())));
    if (cands.length === 1) {
      const p = cands[0]!;
      add({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'person', person: p.id, name: p.name, party, via: 'post', modifier: false });
    }
  }
  // Generic posts: "the US envoy", "his Russian counterpart", "the aide" (resolved after, in context).
  POST_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = POST_RE.exec(body)); ) {
    add({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'person', name: m[0], via: 'post', modifier: false, head: m[3]!.toLowerCase(), party: m[2] ? partyOfForm(index, m[2]) : m[4] ? partyOfForm(index, m[4]) : undefined });
  }
  // Outlets.
  const outletRe = OUTLET_RE;
  outletRe.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = outletRe.exec(body)); ) {
    add({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'outlet', name: m[0].replace(/^the\s+/, ''), via: 'outlet', modifier: false });
  }
  // Groups.
  GROUP_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = GROUP_RE.exec(body)); ) {
    const dets = m[1] ?? '';
    const mods = m[2] ?? '';
    const head = m[3]!;
    // Skip "the Russian side" used as a party ("From Russian side"): keep; but "the side" alone is too vague.
    if (head === 'side' && !mods.trim()) continue;
    let text = m[0];
    let start = m.index;
    // Drop a leading capitalised word that begins the sentence and is not a party form ("Separately").
    const a = from + start;
    const b = a + text.length;
    const ctxAfter = work.slice(b, Math.min(to, b + 60));
    let party: string | undefined;
    for (const tok of mods.trim().split(/\s+/)) {
      const pid = tok ? partyOfForm(index, tok) : undefined;
      if (pid) party = pid;
    }
    if (!party && /^\s+(?:of|from|led by)\s+/.test(ctxAfter)) {
      const pm = index.partyRe ? new RegExp(index.partyRe.source, 'u').exec(ctxAfter.replace(/^\s+(?:of|from|led by)\s+(?:the\s+)?(?:three\s+|two\s+)?/, '')) : null;
      if (pm && pm.index < 25) party = partyOfForm(index, pm[0]);
      if (!party && /^\s+of\s+the\s+(?:three\s+)?European\b/.test(ctxAfter)) party = partyOfForm(index, 'European');
    }
    add({
      from: a,
      to: b,
      text: work.slice(a, b),
      kind: 'group',
      name: work.slice(a, b).replace(/^(?:a|an|the)\s+/i, ''),
      party,
      via: 'group',
      modifier: false,
      negated: /\bno\b/i.test(dets),
      head: head.toLowerCase(),
    });
    void start;
  }
  NATIONALS_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = NATIONALS_RE.exec(body)); ) {
    add({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'group', name: m[0].replace(/^the\s+/, ''), party: partyOfForm(index, m[1]!), via: 'group', modifier: false, head: m[1]!.toLowerCase() });
  }
  MEMBERS_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = MEMBERS_RE.exec(body)); ) {
    const owner = index.nameForms.get(m[1]!);
    add({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'group', name: m[0], party: owner ? index.partyOf.get(owner.id) : partyOfForm(index, m[1]!), via: 'group', modifier: false, head: m[2]! });
  }
  // Documents (possible speakers: "the European counter-proposal ... raises").
  DOC_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = DOC_RE.exec(body)); ) {
    const mods = m[1] ?? '';
    let party: string | undefined;
    for (const tok of mods.trim().split(/\s+/)) {
      const pid = tok ? partyOfForm(index, tok) : undefined;
      if (pid) party = pid;
    }
    add({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'document', name: m[0].replace(/^(?:a|an|the|this|that)\s+/i, ''), party, via: 'document', modifier: false, head: m[2]!.toLowerCase() });
  }
  // Parties.
  if (index.partyRe) {
    index.partyRe.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = index.partyRe.exec(body)); ) {
      const pid = partyOfForm(index, m[0]);
      if (!pid) continue;
      add({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'party', name: m[0].replace(/^the\s+/, ''), party: pid, via: 'party', modifier: false });
    }
  }
  // New persons: capitalised name sequences not otherwise known.
  findNewPersons(work, from, to, index, out);
  // Pronouns.
  const pronRe = /\b(he|she|him|his|her)\b/gi;
  for (let m: RegExpExecArray | null; (m = pronRe.exec(body)); ) {
    add({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'pronoun', name: m[0], via: 'pronoun', modifier: /^(his|her)$/i.test(m[0]) });
  }

  const kept = removeOverlaps(out);
  markModifiers(work, kept);
  inferNewPersonParties(work, kept, prep);
  resolvePosts(work, kept, index, prep);
  resolvePronouns(work, kept, prep);
  return kept.filter((m) => !(m.kind === 'person' && !m.person && !m.isNew));
}

const PRIORITY: Record<MentionKind, number> = { person: 5, outlet: 4, group: 3, document: 2, party: 1, pronoun: 0 };

/** Keep the longest mention where mentions overlap (ties: persons over groups over parties). */
function removeOverlaps(ms: Mention[]): Mention[] {
  ms.sort((a, b) => a.from - b.from || b.to - b.from - (a.to - a.from) || PRIORITY[b.kind] - PRIORITY[a.kind]);
  const out: Mention[] = [];
  for (const m of ms) {
    const clash = out.find((o) => m.from < o.to && m.to > o.from);
    // "Umerov's team": the person leads the group; keep both.
    const leads = (g: Mention, p: Mention) => g.kind === 'group' && p.kind === 'person' && p.person && p.from >= g.from && p.to <= g.to;
    if (clash && (leads(clash, m) || leads(m, clash))) {
      const [g, p] = clash.kind === 'group' ? [clash, m] : [m, clash];
      if (!g.party) g.party = p.party;
      out.push(m);
      continue;
    }
    if (!clash) {
      out.push(m);
      continue;
    }
    const lm = m.to - m.from;
    const lo = clash.to - clash.from;
    // A post followed by the name it titles ("Army Secretary Dan Driscoll") is handled by containment.
    const better = (clash.kind === 'person' && !clash.person && m.kind === 'person' && m.person) || (lm > lo && PRIORITY[m.kind] >= PRIORITY[clash.kind]) || (lm > lo + 3 && m.kind !== 'party');
    if (better) out.splice(out.indexOf(clash), 1, m);
  }
  return out.sort((a, b) => a.from - b.from);
}

/** Flag possessive and "of"-modifiers: "Trump's envoy", "head of Zelensky's office", "envoy of the President". */
function markModifiers(work: string, ms: Mention[]): void {
  for (const m of ms) {
    if (m.kind === 'pronoun') continue;
    const after = work.slice(m.to, m.to + 40);
    const before = work.slice(Math.max(0, m.from - 40), m.from);
    const poss = /^['’]s?\s+(\S+(?:\s+\S+)?)/.exec(after);
    if (poss && (m.kind === 'person' || m.kind === 'party' || m.kind === 'outlet')) {
      const noun = poss[1]!.toLowerCase();
      const leads = /^(?:own\s+)?(?:team|delegation|negotiating|side|camp|entourage)\b/.test(noun);
      if (!leads || /\b(?:members|of)\s+$/i.test(before)) m.modifier = true;
    }
    if (/\b(?:envoy|son-in-law|daughter|wife|husband|aide|head|secretary|spokesman|spokeswoman|spokesperson|office|adviser|advisor|representative|deputy|chief|team|members|delegation|counterpart|administration|government|cabinet|son|brother|behalf|name)\s+of\s+(?:the\s+)?$/i.test(before) && m.kind !== 'group') m.modifier = true;
  }
}

/**
 * Party of a new person from what precedes it in the sentence: the nearest party form ("Italy's",
 * "Ukraine's military intelligence chief") or the possessive of a known person ("Driscoll's spokesman",
 * "Umerov's team — including army chief …"), within 80 characters.
 */
function inferNewPersonParties(work: string, ms: Mention[], prep: PreparedText): void {
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (!(m.kind === 'person' && m.isNew) || m.party) continue;
    const sent = prep.sentences.find((s) => s.from <= m.from && m.from < s.to);
    for (let k = i - 1; k >= 0; k--) {
      const o = ms[k]!;
      if (m.from - o.to > 80 || (sent && o.from < sent.from)) break;
      if (o.kind === 'pronoun') continue;
      if ((o.kind === 'party' || (o.kind === 'person' && o.person) || (o.kind === 'group' && o.party)) && o.party) {
        m.party = o.party;
        break;
      }
    }
    void work;
  }
}

/** Resolve generic post mentions ("the aide", "his Russian counterpart") to known persons in context. */
function resolvePosts(work: string, ms: Mention[], index: PersonIndex, prep: PreparedText): void {
  void prep;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.kind !== 'person' || m.person || m.via !== 'post') continue;
    // A title right before a name ("the special envoy ... Steven Witkoff") adds nothing.
    const next = ms[i + 1];
    if (next && next.kind === 'person' && next.person && next.from - m.to <= 3) {
      m.kind = 'pronoun';
      m.modifier = true;
      continue;
    }
    const head = m.head ?? '';
    const recent = ms.slice(0, i).filter((x) => x.kind === 'person' && x.person && !x.modifier).reverse();
    let cands: Person[];
    if (head === 'counterpart') {
      const ref = recent[0] ? index.byId.get(recent[0].person!) : undefined;
      if (!ref) continue;
      const refPost = ref.memberships[ref.memberships.length - 1]?.post.toLowerCase() ?? '';
      const refHead = index.headOfState.has(ref.id);
      cands = index.persons.filter((p) => p.id !== ref.id && (!m.party || index.partyOf.get(p.id) === m.party) && index.partyOf.get(p.id) !== index.partyOf.get(ref.id))
        .filter((p) => (refHead ? index.headOfState.has(p.id) : p.memberships.some((x) => sharesWord(x.post, refPost))));
      m.via = 'counterpart';
    } else if (head === 'leader' || head === 'president' || head === 'prime minister' || head === 'chancellor') {
      cands = index.persons.filter((p) => (!m.party || index.partyOf.get(p.id) === m.party) && (head === 'leader' ? index.headOfState.has(p.id) : p.memberships.some((x) => x.post.toLowerCase().startsWith(head))));
    } else {
      const hw = head.replace('secretary of the army', 'army secretary');
      cands = index.persons.filter((p) => (!m.party || index.partyOf.get(p.id) === m.party) && p.memberships.some((x) => x.post.toLowerCase().includes(hw)));
    }
    let pick: Person | undefined;
    if (cands.length === 1) pick = cands[0];
    else if (cands.length > 1) {
      const r = recent.find((x) => cands.some((c) => c.id === x.person));
      if (r) pick = index.byId.get(r.person!);
    }
    if (pick) {
      m.person = pick.id;
      m.name = pick.name;
      m.party = index.partyOf.get(pick.id);
    }
  }
}

function sharesWord(a: string, b: string): boolean {
  const wa = new Set(a.toLowerCase().split(/\W+/).filter((w) => w.length > 3));
  return b.toLowerCase().split(/\W+/).some((w) => w.length > 3 && wa.has(w));
}

/**
 * Resolve he/she/him/his/her: to the subject (first non-modifier person) of the current sentence when it
 * precedes the pronoun, else of the previous sentence (following that sentence's own resolution).
 */
function resolvePronouns(work: string, ms: Mention[], prep: PreparedText): void {
  void work;
  const subjectOf = new Map<number, Mention>();
  let si = 0;
  const sents = prep.sentences;
  for (const m of ms) {
    while (si < sents.length - 1 && m.from >= sents[si]!.to) si++;
    const s = sents[si];
    if (!s) continue;
    if (m.kind === 'person' && m.person && !m.modifier) {
      if (!subjectOf.has(s.index)) subjectOf.set(s.index, m);
      continue;
    }
    if (m.kind === 'person' && m.isNew && !m.modifier) {
      if (!subjectOf.has(s.index)) subjectOf.set(s.index, m);
      continue;
    }
    if (m.kind !== 'pronoun' || m.via !== 'pronoun') continue;
    let ref = subjectOf.get(s.index);
    for (let k = s.index - 1; !ref && k >= 0 && k >= s.index - 3; k--) ref = subjectOf.get(k);
    if (ref) {
      m.person = ref.person;
      m.isNew = ref.isNew;
      m.name = ref.name;
      m.party = ref.party;
      if (!subjectOf.has(s.index)) subjectOf.set(s.index, m);
    }
  }
}

/** Propose persons named in the report that are not in the record. */
function findNewPersons(work: string, from: number, to: number, index: PersonIndex, out: Mention[]): void {
  const re = /\b[A-Z][\p{L}'’.-]+(?:\s+(?:(?:von|van|der|de|da|bin|al)\s+)*[A-Z][\p{L}'’-]+){1,4}/gu;
  const body = work.slice(from, to);
  for (let m: RegExpExecArray | null; (m = re.exec(body)); ) {
    let toks = m[0].split(/\s+/);
    let start = from + m.index;
    // Strip leading function words and titles.
    const leading = (t: string) =>
      FUNCTION_TOKENS.has(t) || TITLE_TOKENS.has(t.replace(/['’]s$/, '')) || /['’]s?$/.test(t) || /^[A-Z.]{2,4}$/.test(t) || isPlaceName(t) || index.partyForms.has(t) || !!DEMONYMS[t];
    while (toks.length && leading(toks[0]!)) {
      start += toks[0]!.length;
      toks = toks.slice(1);
      while (/\s/.test(work[start]!)) start++;
    }
    // Strip trailing possessive.
    let text = toks.join(' ');
    text = text.replace(/['’]s?$/, '');
    if (toks.length < 2) continue;
    const end = start + text.length;
    if (work.slice(start, end) !== text) continue;
    if (out.some((o) => o.from < end && o.to > start && (o.kind === 'person' || o.kind === 'outlet' || o.kind === 'party'))) continue;
    if (ORG_WORDS.test(text) || isPlaceName(text)) continue;
    if (toks.some((t) => index.partyForms.has(t.replace(/['’]s?$/, '')))) continue;
    const tags = nlp(text);
    if (tags.has('#Place') || tags.has('#Organization') || tags.has('#Date')) continue;
    const before = work.slice(Math.max(from, start - 30), start);
    const isPerson = tags.has('#Person') || ROLE_CUE.test(before) || /^,\s+(?:the\s+)?(?:head|chief|minister|secretary|spokes\w+|adviser|aide|envoy|leader)\b/.test(work.slice(end, end + 30));
    if (!isPerson) continue;
    out.push({ from: start, to: end, text, kind: 'person', name: text, isNew: true, via: 'proposed', modifier: false });
  }
}
