/**
 * Who is mentioned in a report, for any process:
 * - persons of the store by name, alias or unique surname; descriptive aliases ("the UN envoy");
 * - new persons named in the text — a run of capitalised words that is no place, organisation,
 *   party, outlet or date — with the title or nationality that introduces them ("Norway's foreign
 *   minister, Borge Brende", "Field Marshal Birhanu Jula", "the TPLF's military head, General Tadesse
 *   Werede"); later mentions by surname or given name ("Getachew said") refer back to them;
 * - posts without a name ("the Swiss foreign minister", "the army chief"): a person of the store with
 *   that post, else the person the text introduced with it, else a post of its own;
 * - groups ("the Houthi delegation", "senior military commanders of both sides", "officials"),
 *   offices and organisations ("the Russian defence ministry", "the African Union Commission",
 *   "TPLF"), parties (store forms, countries and international organisations from ./world.ts, capitals
 *   standing for their government), news outlets and documents ("the joint statement");
 * - pronouns (he, she, him, his, her), resolved to the subject of the sentence or of the ones before.
 * Nothing about one process is written here: names come from the store or from the text.
 *
 * A mention that only modifies another noun ("Lindqvist's envoy", "head of Sandoval's office") is flagged
 * `modifier`: the person is named but is neither an attendee nor a speaker.
 */
import nlp from 'compromise';
import type { Party, Person } from '../model/schemas.js';
import { PartyResolver } from './actors.js';
import { findPlaces, isPlaceName, lookupPlace } from './places.js';
import { anyCase } from './regex.js';
import type { PreparedText } from './text.js';
import { actorByDemonym, actorByName, countryOfCapital, countryOfPost } from './world.js';

/** Kinds of mentions. */
export type MentionKind = 'person' | 'post' | 'group' | 'party' | 'outlet' | 'document' | 'pronoun';

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
  /** Party id (store id, or the id a proposed party would get). */
  party?: string;
  /** Parties when several ("Britain, France and Germany"). */
  parties?: string[];
  /** Named person not in the record. */
  isNew?: boolean;
  via: 'name' | 'alias' | 'surname' | 'post' | 'counterpart' | 'proposed' | 'pronoun' | 'group' | 'party' | 'outlet' | 'document' | 'coref';
  /** Only modifies another noun ("Lindqvist's envoy"): not an attendee or speaker. */
  modifier: boolean;
  /** "no Russian official": a negated group. */
  negated?: boolean;
  /** Group or post head noun ("delegation", "foreign minister"), or document head. */
  head?: string;
  /** The title or post that introduces a person ("foreign minister", "Field Marshal"). */
  title?: string;
  /** A capital standing for its government ("Moscow dismissed…"). */
  metonym?: boolean;
}

/** News outlets and agencies recognised as sources of reports (general list, any process). */
export const OUTLETS = [
  'Axios', 'Reuters', 'Financial Times', 'CBS News', 'Fox News', 'Politico', 'Associated Press', 'AP', 'Bloomberg', 'BBC', 'CNN',
  'New York Times', 'Washington Post', 'Wall Street Journal', 'The Telegraph', 'The Guardian', 'The Economist', 'TASS', 'RIA Novosti', 'Interfax',
  'Al Jazeera', 'Al Arabiya', 'NBC News', 'ABC News', 'Sky News', 'Le Monde', 'Der Spiegel', 'AFP', 'Agence France-Presse', 'Kommersant', 'Izvestia', 'Anadolu',
  'Xinhua', 'EFE', 'Deutsche Welle', 'DW', 'France 24', 'Euronews', 'El País', 'El Tiempo', 'Semana', 'RCN', 'Caracol', 'Al-Masdar Online', 'Asharq Al-Awsat', 'Haaretz',
  'Times of Israel', 'Jerusalem Post', 'Ynet', 'NPR', 'PBS', 'Tolo News', 'TOLOnews', 'Dawn', 'The Hindu', 'Kyiv Independent', 'Ukrainska Pravda', 'Ukrinform', 'Meduza',
];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const OUTLET_SET = new Set(OUTLETS.map((o) => o.replace(/^The\s+/, '')));
const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'dos', 'das', 'y', 'ben', 'abu']);

/** The surname of a full name: last token with any lower-case particles before it ("von der Leyen"). */
export function surnameOf(name: string): string {
  const toks = name.trim().split(/\s+/);
  let i = toks.length - 1;
  while (i > 0 && PARTICLES.has(toks[i - 1]!.toLowerCase())) i--;
  return toks.slice(i).join(' ');
}

/** The head words of posts that make someone a head of state or government. */
const HEAD_POSTS = /^(?:president|prime minister|chancellor|king|queen|emir|crown prince|premier)\b/i;

/** True when a post makes its holder a head of state or government (not "President of the European Commission"). */
export function isHeadPost(post: string): boolean {
  return HEAD_POSTS.test(post.trim()) && !/\b(?:commission|council|parliament|assembly|court|bank|committee|former)\b/i.test(post);
}

/** Index of the store's persons and parties for matching (built once per store). */
export interface PersonIndex {
  persons: Person[];
  parties: Party[];
  byId: Map<string, Person>;
  /** Proper-name forms (case-sensitive) → person id. */
  nameForms: Map<string, { id: string; via: Mention['via'] }>;
  /** Descriptive aliases, lower case without "the" → person id. */
  descForms: Map<string, string>;
  descRe: RegExp | null;
  /** Party resolution: store first, then world knowledge, then proposals. */
  resolver: PartyResolver;
  partyOf: Map<string, string>;
  headOfState: Set<string>;
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
  for (const p of persons) nameForms.set(p.name, { id: p.id, via: 'name' });
  for (const p of persons) {
    for (const a of p.aliases) {
      if (/^[\p{Lu}]/u.test(a) && !/^The\s/.test(a)) {
        if (!nameForms.has(a)) nameForms.set(a, { id: p.id, via: 'alias' });
      } else descForms.set(a.toLowerCase().replace(/^the\s+/, ''), p.id);
    }
    const s = surnameOf(p.name);
    if (s.length > 2 && surnameCount.get(s) === 1 && !nameForms.has(s)) nameForms.set(s, { id: p.id, via: 'surname' });
    for (const a of p.aliases) {
      if (/^[\p{Lu}]/u.test(a) && a.includes(' ') && !/^The\s/.test(a)) {
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
  const descs = [...descForms.keys()].sort((a, b) => b.length - a.length);
  return {
    persons,
    parties,
    byId,
    nameForms,
    descForms,
    descRe: descs.length ? new RegExp(`\\b(?:the\\s+)?(?:${descs.map(esc).join('|')})\\b`, 'gi') : null,
    resolver: new PartyResolver(parties),
    partyOf,
    headOfState,
  };
}

/** Party id for a surface form ("Russian", "the Kremlin" when the store has it, "U.S."), or undefined. */
export function partyOfForm(index: PersonIndex, form: string): string | undefined {
  return index.resolver.resolve(form);
}

/** Find a known person by a name as an expected file writes it ("Tomas Okafor", "Sandoval"), or null. */
export function matchPersonName(index: PersonIndex, name: string): string | null {
  const n = name.trim();
  const direct = index.nameForms.get(n);
  if (direct) return direct.id;
  const d = index.descForms.get(n.toLowerCase().replace(/^the\s+/, ''));
  if (d) return d;
  const s = index.nameForms.get(surnameOf(n));
  return s ? s.id : null;
}

// ── vocabulary (general English news usage) ────────────────────────────────────────────────

/** Titles written before a name ("Foreign Minister Khaled al-Yamani"), longest first. */
const TITLE_WORDS =
  'Field Marshal|Lieutenant General|Lt\\.? Gen\\.?|Major General|Maj\\.? Gen\\.?|Brigadier General|General|Gen\\.|Marshal|Admiral|Colonel|Col\\.|Lt\\.? Col\\.|Lieutenant|Captain|Commander|' +
  'President|Vice President|Vice-President|Prime Minister|Deputy Prime Minister|Premier|Chancellor|Foreign Minister|Defen[cs]e Minister|Interior Minister|Justice Minister|Finance Minister|Minister|Deputy Minister|Deputy Foreign Minister|' +
  'Secretary of State|Secretary-General|Secretary General|Under-Secretary-General|Secretary|Special Envoy|Envoy|Ambassador|Senator|Sen\\.|Rep\\.|Representative|Speaker|Governor|Mayor|' +
  'Foreign Secretary|Home Secretary|King|Queen|Prince|Crown Prince|Emir|Sheikh|Sultan|Pope|Cardinal|Archbishop|Patriarch|Chairman|Chairwoman|Chair|Spokesman|Spokeswoman|Spokesperson|Mr\\.?|Mrs\\.?|Ms\\.?|Dr\\.?|Sir|Lord|Lady|Mullah|Ayatollah';
const TITLE_RE = new RegExp(`^(?:(?:former|acting|interim|then)\\s+)?(?:${TITLE_WORDS})$`, 'i');

/** Post head words for posts written without a name, longest first. */
const POST_HEADS = [
  'top diplomat', 'chief diplomat', 'secretary of state', 'secretary-general', 'secretary general', 'prime minister', 'deputy prime minister', 'vice president', 'foreign minister', 'defen[cs]e minister', 'interior minister',
  'minister of foreign affairs', 'national security adviser', 'national security advisor', 'security adviser', 'chief of staff', 'chief of the general staff', 'army chief', 'military chief', 'military head',
  'chief negotiator', 'lead negotiator', 'negotiator', 'special envoy', 'special representative', 'envoy', 'mediator', 'ambassador', 'spokesman', 'spokeswoman', 'spokesperson', 'president', 'premier',
  'chancellor', 'home secretary', 'king', 'emir', 'crown prince', 'commander', 'rebel leader', 'opposition leader', 'leader', 'head of state', 'foreign secretary', 'minister', 'aide', 'adviser', 'advisor',
  'counterparts?', 'foreign policy chief', 'policy chief', 'chief', 'head of state', 'official',
];
const POST_ALT = POST_HEADS.join('|');

/** Words that make a capitalised run an organisation, not a person. */
const ORG_WORDS =
  /\b(?:Council|Front|Army|Navy|Party|Movement|Commission|Ministry|Union|Committee|Forces|Force|Government|Assembly|Parliament|Congress|Senate|Agency|Office|Department|Court|Jurisdiction|Cent(?:er|re)|Panel|Bank|Organi[sz]ation|Alliance|League|Liberation|Coalition|Mission|Group|Institute|University|Foundation|Fund|Authority|Authorities|Administration|Presidency|Cabinet|Secretariat|Conference|Summit|Agreement|Accord|Declaration|Plan|Treaty|Ceasefire|Truce|Talks|Process|Initiative|Programme|Program|Declaration|Club|Hotel|Palace|House|Street|Square|Airport|Hall|Theatre|Theater|Teatro|Stadium|Church|Cathedral|Company|Corporation|Brigade|Battalion|Division|Guard|Police|Service|Services|Directorate|Staff|Bureau|Board|Tribunal|Region|Province|Governorate|State|Republic|Kingdom|Federation|Emirates|Nations|Union|Times|Post|News|Journal|Online|TV|Radio|Daily|Gazette|Herald|Press|Review|Weekly|Network)\b/;

const MONTHS = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$/;
const WEEKDAYS = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)$/;
const FUNCTION_TOKENS = new Set(
  'In On At By As The A An From According Among Asked Afterwards Besides Meeting Separately Next Also Both For With To Of And But While Then After Before Since During Until That This These Those It He She They We His Her Their Its Our What Why How When Where Who Which Yes No Now Today Yesterday Tomorrow Earlier Later Under Over Once If Unless Although Though Even However Meanwhile Still Only Not Nor Or So Such Some Many Most Several Other Others All Each Every Neither Either Here There Instead Despite Without Within Through Into Upon Speaking Asked Sources Officials Analysts Critics Guests Voters Forty Twenty Thirty Fifty One Two Three Four Five Six Seven Eight Nine Ten'.split(' '),
);
const GENERIC_CAPS = new Set('Live Update Updated Breaking Analysis Opinion Editorial Photo Video Home World News Brief Explainer Related More Read Subscribe Sign Log Share Advertisement Newsletter Credit Caption Sources Source Note Exclusive Comment Comments Watch Listen Menu Search'.split(' '));

// Speech verbs right after a name (a strong sign that the name is a speaker).
const SAID_AFTER = /^,?\s*(?:\([^)]{0,40}\)\s*)?(?:said|says|told|added|wrote|warned|stressed|insisted|argued|noted|announced|confirmed|explained|declared|stated|asked|replied|tweeted|posted)\b/;

interface Token {
  from: number;
  to: number;
  text: string;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

/** Tokens of `work[from, to)` with offsets. */
function tokenize(work: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  WORD_RE.lastIndex = from;
  for (let m: RegExpExecArray | null; (m = WORD_RE.exec(work)) && m.index < to; ) {
    let t = m[0];
    // Trailing dots belong to abbreviations only ("U.S.", "Gen."); a sentence's full stop is not a token part.
    while (t.endsWith('.') && !/^(?:[\p{Lu}]\.)+$/u.test(t) && !/^(?:Gen|Lt|Col|Maj|Mr|Mrs|Ms|Dr|Sen|Rep|St|Jr|Sr)\.$/.test(t)) t = t.slice(0, -1);
    while (/['’-]$/.test(t)) t = t.slice(0, -1);
    // "Italy's" → "Italy"; "Union-led" → "Union" (the suffix makes it an adjective, see markModifiers).
    const poss = /^(.+?)['’]s$/u.exec(t);
    if (poss) t = poss[1]!;
    const adj = /^(.+?)-(?:led|backed|sponsored|brokered|mediated|based|recognised|recognized|drafted|controlled|held|run|owned|aligned|allied|friendly|style|born|made)$/u.exec(t);
    if (adj) t = adj[1]!;
    if (!t) continue;
    out.push({ from: m.index, to: m.index + t.length, text: t });
  }
  return out;
}

const isCap = (t: string) => /^[\p{Lu}]/u.test(t) || /^(?:al|el|bin|ibn|abu)-[\p{Lu}]/u.test(t);
const isAcronym = (t: string) => /^[\p{Lu}][\p{Lu}\d&.-]{1,7}$/u.test(t) && !/^(?:I{1,3}|IV|VI{0,3}|IX|X{1,3}|GMT|UTC|AM|PM|OK|TV)$/.test(t);

/** A noun group head of a group mention. */
const GROUP_HEAD =
  'officials|official|delegations|delegation|teams|team|negotiators|negotiating\\s+team|advisers|advisors|leaders|commanders|ministers|diplomats|envoys|sources|representatives|mediators|participants|guerrillas|rebels|fighters|forces|sides|side|authorities|ministry|presidency|administration|government|commission|committee|council|panel|parliament|cabinet|office|spokesman\\s+for|camp|lawmakers|observers|monitors|militants|chiefs|coalition(?:\\s+of\\s+the\\s+willing)?';
const GROUP_MODS = "(?:(?:[\\p{Lu}][\\p{L}'’.-]*|national|security|military|foreign|defen[cs]e|interior|senior|top|government|federal|rebel|guerrilla|opposition|negotiating|joint|both|warring|two|three|four|five|several|other|some|many|no|local|regional|international|presidential|royal|transitional|interim|ceasefire|high-level|technical|state|de\\s+facto|and)\\s+)";
/** Lower-case modifiers of group phrases (a capitalised one at a sentence start is still no name). */
const COMMON_MODS = /^(?:National|Security|Military|Foreign|Defen[cs]e|Interior|Senior|Top|Government|Federal|Rebel|Guerrilla|Opposition|Negotiating|Joint|Both|Warring|Two|Three|Four|Five|Several|Other|Some|Many|No|Local|Regional|International|Presidential|Royal|Transitional|Interim|Ceasefire|High-level|Technical|State|Western|European|Arab|African)$/;
const GROUP_RE = new RegExp(`\\b((?:a|an|the|no|some|several|two|three|four|both|all|other|his|her|their|its)\\s+)?(${GROUP_MODS}{0,5})(${GROUP_HEAD})\\b`, 'gu');

// No `i` flag below: capitalised words are told by \p{Lu}; keywords are made case-free by anyCase.
const DOC_RE = new RegExp(
  `\\b(?:${anyCase('(?:a|an|the|this|that|its|their)')}\\s+)?((?:(?:${anyCase('joint|written|official|leaked|final|updated|revised|new|rival|draft|signed')}|[\\p{Lu}][\\p{L}'’-]+)\\s+){0,3})(${anyCase('statement|communiqu[eé]|counter-?proposal|draft|plan|memorandum|memo|document|text|readout|framework|proposal|declaration|agreement|accord|deal')})\\b`,
  'gu',
);

const POST_RE = new RegExp(
  `\\b(?:((?:${anyCase('the')}\\s+)?${anyCase(`(?:${POST_ALT})`)}['’]s|${anyCase('the|a|an|his|her|its|their')}|[\\p{Lu}][\\p{L}.'’-]*['’]s)\\s+)?((?:${anyCase('(?:former|acting|interim|deputy|senior|top|new|outgoing|national|security|military|foreign|defen[cs]e|presidential|political|intelligence|economic|special|chief)')}\\s+)*)((?:[\\p{Lu}][\\p{L}.'’-]*\\s+){0,2})(${anyCase(`(?:${POST_ALT})`)})\\b(?:\\s+(?:of|for|to)\\s+(?:the\\s+)?([\\p{Lu}][\\p{L}'’-]*(?:\\s+[\\p{Lu}][\\p{L}'’-]*){0,3}))?`,
  'gu',
);

/**
 * Offset just after the last sentence end inside `s` (a full stop, question or exclamation mark and
 * the spaces after it), or 0. Initials and abbreviations ("U.S. ", "Gen. ") end no sentence.
 */
function sentenceEndIn(s: string): number {
  const stop = /^.*[.!?]["”’)]?\s+/su.exec(s);
  if (!stop || /\b(?:[\p{Lu}]\.)+\s+$|\b(?:Gen|Lt|Col|Maj|Mr|Mrs|Ms|Dr|Sen|Rep|St|Jr|Sr)\.\s+$/u.test(stop[0])) return 0;
  return stop[0].length;
}

/**
 * Find every mention in the body of the prepared text.
 * Mentions are returned in text order with overlaps removed (longest, most specific first).
 */
export function findMentions(prep: PreparedText, index: PersonIndex): Mention[] {
  const { work } = prep;
  const from = prep.bodyFrom;
  const to = prep.bodyTo;
  const out: Mention[] = [];
  const sentenceStarts = new Set(prep.sentences.map((s) => s.from));
  const res = index.resolver;

  // 1. Capitalised runs: store persons and parties, outlets, world actors, new persons, organisations.
  // Speaker labels of a transcript ("RUIZ:") are read by the statements, not as names in the text.
  const labels = prep.turns.map((t) => [t.labelFrom, t.labelTo] as const);
  const toks = tokenize(work, from, to).filter((t) => !labels.some(([x, y]) => t.from >= x && t.to <= y));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!isCap(t.text) && !isAcronym(t.text)) continue;
    // The longest known form starting here (up to 6 tokens, single spaces or hyphens between).
    let matched = false;
    for (let n = Math.min(6, toks.length - i); n >= 1 && !matched; n--) {
      const last = toks[i + n - 1]!;
      const text = work.slice(t.from, last.to);
      if (n > 1 && /[\n,;:()"]/.test(text)) continue;
      const known = index.nameForms.get(text);
      if (known) {
        const p = index.byId.get(known.id)!;
        out.push({ from: t.from, to: last.to, text, kind: 'person', person: p.id, name: p.name, party: index.partyOf.get(p.id), via: known.via, modifier: false });
        i += n - 1;
        matched = true;
        break;
      }
      if (OUTLET_SET.has(text)) {
        out.push({ from: t.from, to: last.to, text, kind: 'outlet', name: text, via: 'outlet', modifier: false });
        i += n - 1;
        matched = true;
        break;
      }
      const storeParty = res.forms.get(text);
      const world = storeParty ? null : actorByName(text) ?? actorByDemonym(text);
      if (storeParty || world) {
        const pid = res.resolve(text)!;
        const nationals = !storeParty && world && actorByDemonym(text) && /s$/.test(text) && /\bthe\s+$/i.test(work.slice(Math.max(0, t.from - 4), t.from));
        if (nationals) out.push({ from: t.from, to: last.to, text, kind: 'group', name: text, party: pid, via: 'group', modifier: false, head: text.toLowerCase() });
        else out.push({ from: t.from, to: last.to, text, kind: 'party', name: text, party: pid, via: 'party', modifier: false });
        i += n - 1;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    // An unknown capitalised run: collect it (particles inside, not across punctuation or line breaks).
    let j = i;
    while (j + 1 < toks.length) {
      const nx = toks[j + 1]!;
      const gap = work.slice(toks[j]!.to, nx.from);
      if (!/^[ ]$/.test(gap) && !/^-$/.test(gap)) break;
      if (isCap(nx.text) || (PARTICLES.has(nx.text.toLowerCase()) && j + 2 < toks.length && isCap(toks[j + 2]!.text) && work.slice(nx.to, toks[j + 2]!.from) === ' ')) {
        // A known form starting inside ends the run ("Rodrigo Londono" + "Timochenko" are separate anyway).
        if (index.nameForms.has(nx.text) || res.forms.has(nx.text) || OUTLET_SET.has(nx.text)) break;
        if (actorByName(nx.text) || actorByDemonym(nx.text)) break;
        j++;
      } else break;
    }
    const run = toks.slice(i, j + 1);
    i = j;
    // "President Ana Sandoval", "Army Secretary Mara Kent": given names and titles before a
    // known surname belong to that person's mention.
    const nx = toks[j + 1];
    if (nx && work.slice(toks[j]!.to, nx.from) === ' ' && index.nameForms.has(nx.text)) {
      const k = index.nameForms.get(nx.text)!;
      const p = index.byId.get(k.id)!;
      const given = run.filter((t) => p.name.split(/\s+/).includes(t.text));
      const rest = run.filter((t) => !given.includes(t));
      const title = rest.length && rest.every((t) => /^[\p{Lu}]/u.test(t.text)) ? work.slice(rest[0]!.from, rest[rest.length - 1]!.to) : '';
      if (given.length || TITLE_RE.test(title) || /\b(?:Secretary|Minister|Envoy|General|President|Chief|Adviser|Advisor|Aide|Spokes\w+|Ambassador)\b/.test(title)) {
        const end = nx.to;
        const from0 = given.length ? given[0]!.from : nx.from;
        out.push({ from: from0, to: end, text: work.slice(from0, end), kind: 'person', person: p.id, name: p.name, party: index.partyOf.get(p.id), via: k.via, modifier: false, ...(title ? { title } : {}) });
        i = j + 1;
        continue;
      }
    }
    classifyRun(work, run, sentenceStarts, index, out);
  }

  // 2. Descriptive aliases of the store ("the UN envoy", "the army chief").
  if (index.descRe) {
    index.descRe.lastIndex = 0;
    const body = work.slice(from, to);
    for (let m: RegExpExecArray | null; (m = index.descRe.exec(body)); ) {
      const key = m[0].toLowerCase().replace(/^the\s+/, '');
      const id = index.descForms.get(key);
      if (!id) continue;
      const p = index.byId.get(id)!;
      out.push({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'person', person: id, name: p.name, party: index.partyOf.get(id), via: 'alias', modifier: false });
    }
  }

  // 3. Posts without a name ("the Swiss foreign minister", "his Russian counterpart", "Kuwait's ambassador").
  const body = work.slice(from, to);
  POST_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = POST_RE.exec(body)); ) {
    const det = m[1] ?? '';
    const caps = (m[3] ?? '').trim();
    const head = m[4]!.toLowerCase();
    // Never across a sentence's end ("… on Sunday. Kasto's spokesman said"): read again after it.
    const crossed = sentenceEndIn(m[0].slice(0, m[0].toLowerCase().indexOf(head, det.length)));
    if (crossed > 0) {
      POST_RE.lastIndex = m.index + crossed;
      continue;
    }
    // A capitalised title right before a capitalised name is handled by the name ("Foreign Minister X").
    let party: string | undefined;
    // A title that alone names one country's office ("the foreign secretary").
    const headEnd = m.index + m[0].toLowerCase().indexOf(head, det.length) + head.length;
    const forTail = /^\s+for\s+(?:the\s+)?[\p{Lu}]/u.test(body.slice(headEnd, headEnd + 30)) ? ' for' : '';
    const national = det && /['’]s$/.test(det) ? null : countryOfPost(`${caps} ${m[4]!}${forTail}`.trim());
    if (national) party = res.resolve(national.name);
    // The owner or the qualifier names the party ("Kuwait's ambassador", "the UN envoy"); a tail does only
    // with "of"/"for" ("the ambassador to Yemen" is Yemen's guest, not its envoy).
    const tailOf = /^\s+(?:of|for)\b/i.test(m[0].slice((m[1] ?? '').length + (m[2] ?? '').length + (m[3] ?? '').length + m[4]!.length + (m[1] ? 1 : 0)));
    for (const c of [det.replace(/['’]s$/, ''), ...caps.split(/\s+/), tailOf ? m[5] ?? '' : '']) {
      if (!c || party) continue;
      const pid = res.resolve(c) ?? (/^[\p{Lu}\d&.-]{2,8}$/u.test(c) ? res.organisation(c) : undefined) ?? seatParty(c, res);
      if (pid) party = pid;
    }
    const plain = /^(?:Special|Deputy|Foreign|Defen[cs]e|Prime|Vice|Chief|Senior|Top|Army|Military|National|Security|Interior|Justice|Policy|Chief|Lead|Senior|Presidential|Government)$/i;
    if (caps && !party && !national) {
      // "Taliban spokesman", "Hezbollah official": an organisation the text names before the post, unless it is a person's name.
      const org = caps.split(/\s+/).filter((c) => !TITLE_RE.test(c) && !plain.test(c));
      const aPerson = org.some((c) => index.nameForms.has(c) || out.some((o) => o.kind === 'person' && o.isNew && o.name.split(/\s+/).includes(c)));
      if (org.length && org.length <= 3 && !aPerson && org.every((c) => /^[\p{Lu}][\p{L}'’-]+$/u.test(c) && !isPlaceName(c) && !FUNCTION_TOKENS.has(c) && !MONTHS.test(c) && !WEEKDAYS.test(c))) party = res.organisation(org.join(' '));
      else if (org.length) continue;
    }
    out.push({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'post', name: m[0].replace(/^(?:the|a|an)\s+/i, ''), via: 'post', modifier: false, head, ...(party ? { party } : {}) });
  }

  // 4. Groups and offices.
  GROUP_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = GROUP_RE.exec(body)); ) {
    let dets = m[1] ?? '';
    let mods = (m[2] ?? '').trim();
    const head = m[3]!.toLowerCase().replace(/\s+/g, ' ');
    let a = from + m.index;
    const b = a + m[0].length;
    // Modifiers never reach back over a sentence's end ("… on Monday. Eide's office said").
    const stop = sentenceEndIn(work.slice(a, b - m[3]!.length));
    if (stop > 0) {
      a += stop;
      dets = '';
      mods = work.slice(a, b - m[3]!.length).trim();
    }
    // A person named in the modifiers is coordinated with the group, not part of it ("Londono and other guerrilla leaders").
    // (A one-word run counts when it is a name of a person already introduced: "Londono", not "Houthi".)
    const introduced = (o: Mention) => out.some((x) => x.isNew && x.from < o.from && x.name.split(/\s+/).includes(o.text));
    const personInside = out.filter((o) => o.kind === 'person' && (o.person || o.isNew || (o.via === 'coref' && introduced(o))) && o.from >= a && o.to <= b - head.length).pop();
    // "Eide's office", "Abiy's spokesman for…": the person owns the group (its party comes from them later).
    const owned = !!personInside && /^['’]s?\s+(?:[\p{Ll}-]+\s+){0,3}$/u.test(work.slice(personInside.to, b - m[3]!.length));
    if (personInside && !owned) {
      const rest = /^(?:\s*,)?\s+(?:and|or)\s+/i.exec(work.slice(personInside.to, b));
      if (!rest) continue;
      a = personInside.to + rest[0].length;
      dets = '';
      mods = work.slice(a, b - m[3]!.length).trim();
    }
    if (!mods && !dets && /^(?:side|sides|government|office|council|committee|commission|team|camp|panel)$/.test(head)) continue;
    let party: string | undefined;
    const parties: string[] = [];
    const actorHead = /^(?:delegations?|teams?|negotiators|negotiating team|rebels|fighters|forces|commanders|leaders|officials?|militants|guerrillas|representatives|envoys|diplomats|side|camp|government|authorities)$/.test(head);
    for (const tok of mods.split(/\s+(?:and\s+)?/)) {
      if (!tok || tok === 'and') continue;
      // A common modifier capitalised at the start of a sentence ("Military commanders") names no party.
      if (COMMON_MODS.test(tok)) continue;
      let pid = res.resolve(tok) ?? (isAcronym(tok) && !/^(?:GMT|UTC)$/.test(tok) ? res.organisation(tok) : undefined);
      // A capitalised modifier naming a movement ("Houthi delegation", "Taliban negotiators").
      if (!pid && actorHead && /^[\p{Lu}][\p{Ll}]{2,}$/u.test(tok) && !FUNCTION_TOKENS.has(tok) && !TITLE_RE.test(tok) && !MONTHS.test(tok) && !WEEKDAYS.test(tok) && !isPlaceName(tok) && !index.nameForms.has(tok)) pid = res.organisation(tok);
      if (pid && !parties.includes(pid)) parties.push(pid);
    }
    // "negotiators of the TPLF", "delegations from Russia and Ukraine"
    const after = work.slice(b, Math.min(to, b + 60));
    // "negotiators of the TPLF", "commanders of the Ethiopian National Defence Force and of the TPLF".
    if (!parties.length) {
      const ofRe = /^(?:\s+|\s*,?\s*and\s+)(?:of|from|for|representing|led\s+by)\s+(?:the\s+)?(?:(?:two|three|four|five|six|several|both|other|main|major|leading|big|key)\s+)?([\p{Lu}][\p{L}'’.-]*(?:\s+(?:of\s+)?[\p{Lu}][\p{L}'’.-]*){0,4})/u;
      let rest = work.slice(b, Math.min(to, b + 160));
      for (let k = 0; k < 3; k++) {
        const of = ofRe.exec(rest);
        if (!of) break;
        const name = of[1]!;
        const first = name.split(/\s+/)[0]!;
        const pid = res.resolve(name) ?? (isAcronym(name) ? res.organisation(name) : undefined) ?? res.resolve(first) ?? (ORG_WORDS.test(name) ? res.organisation(name) : undefined);
        if (pid && !parties.includes(pid)) parties.push(pid);
        rest = rest.slice(of[0].length);
      }
    }
    if (!parties.length && /^(?:government|federal government|government delegation|government team|government negotiators)$/i.test(`${mods} ${head}`.trim())) {
      const g = res.resolve('government') ?? res.resolve(`${mods} ${head}`.trim());
      if (g) parties.push(g);
    }
    party = parties[0];
    out.push({
      from: a,
      to: b,
      text: work.slice(a, b),
      kind: 'group',
      name: work.slice(a, b).replace(/^(?:a|an|the|his|her|their|its)\s+/i, ''),
      ...(party ? { party } : {}),
      ...(parties.length > 1 ? { parties } : {}),
      via: 'group',
      modifier: false,
      negated: /\bno\b/i.test(dets),
      head,
    });
  }
  // 5. Documents (possible speakers: "the joint statement said", "the European counter-proposal raises").
  DOC_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = DOC_RE.exec(body)); ) {
    const mods = m[1] ?? '';
    let party: string | undefined;
    for (const tok of mods.trim().split(/\s+/)) {
      const pid = tok ? res.resolve(tok) : undefined;
      if (pid) party = pid;
    }
    out.push({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'document', name: m[0].replace(/^(?:a|an|the|this|that|its|their)\s+/i, ''), ...(party ? { party } : {}), via: 'document', modifier: false, head: m[2]!.toLowerCase() });
  }
  // 6. Pronouns.
  const pronRe = /\b(he|she|him|his|her)\b/gi;
  for (let m: RegExpExecArray | null; (m = pronRe.exec(body)); ) {
    out.push({ from: from + m.index, to: from + m.index + m[0].length, text: m[0], kind: 'pronoun', name: m[0], via: 'pronoun', modifier: /^(his|her)$/i.test(m[0]) });
  }

  const kept = removeOverlaps(out);
  markModifiers(work, kept);
  attachTitles(work, kept, index);
  resolveCoreference(work, kept, index, prep);
  inferParties(work, kept, index, prep);
  resolvePronouns(kept, prep);
  ownCountryBefore(work, kept, prep);
  return kept.filter((m) => !(m.kind === 'person' && !m.person && !m.isNew));
}

/** Classify an unknown capitalised run: new person, organisation, or nothing (place, date, headline word). */
function classifyRun(work: string, run: Token[], sentenceStarts: Set<number>, index: PersonIndex, out: Mention[]): void {
  let toks = run;
  // Leading function words and titles.
  let title = '';
  while (toks.length) {
    const t0 = toks[0]!.text;
    if (FUNCTION_TOKENS.has(t0) || GENERIC_CAPS.has(t0) || MONTHS.test(t0) || WEEKDAYS.test(t0)) {
      toks = toks.slice(1);
      continue;
    }
    // Two- and three-word titles ("Field Marshal", "Foreign Minister", "Secretary of State").
    let took = false;
    for (let n = Math.min(3, toks.length - 1); n >= 1; n--) {
      const phrase = work.slice(toks[0]!.from, toks[n - 1]!.to);
      if (TITLE_RE.test(phrase)) {
        title = title ? `${title} ${phrase}` : phrase;
        toks = toks.slice(n);
        took = true;
        break;
      }
    }
    if (!took) break;
  }
  while (toks.length && (MONTHS.test(toks[toks.length - 1]!.text) || WEEKDAYS.test(toks[toks.length - 1]!.text) || GENERIC_CAPS.has(toks[toks.length - 1]!.text))) toks = toks.slice(0, -1);
  if (!toks.length) return;
  // A portfolio ("Foreign Affairs", "Home Affairs" of "Secretary of State for …") is no name.
  if (/^Affairs$/.test(toks[toks.length - 1]!.text)) return;
  // A compound title, then the name: "Army Secretary Mara Kent", "State Lena Voss" after "Secretary of".
  const split = splitTitle(work, toks);
  if (split) {
    title = title ? `${title} ${split.title}` : split.title;
    toks = split.name;
  }
  const a = toks[0]!.from;
  let b = toks[toks.length - 1]!.to;
  let text = work.slice(a, b).replace(/['’]s$/, '');
  b = a + text.length;
  if (/\d/.test(text) && !/^[\p{Lu}][\p{Lu}\d&.-]{1,7}$/u.test(text)) return;
  const lineStart = a === 0 || work[a - 1] === '\n' || /\n\s*$/.test(work.slice(Math.max(0, a - 4), a));
  // An all-caps line (headline, section label) names nobody.
  if (/^[\p{Lu}\s.'’-]+$/u.test(text) && text.includes(' ')) return;
  const res = index.resolver;
  // Organisations: an acronym, or a run with an organisation word.
  if (toks.length === 1 && isAcronym(text)) {
    if (OUTLET_SET.has(text)) return;
    const pid = res.organisation(text);
    out.push({ from: a, to: b, text, kind: 'party', name: text, party: pid, via: 'party', modifier: false });
    return;
  }
  if (ORG_WORDS.test(text)) {
    if (isPlaceName(text)) return;
    // "Tigray People's Liberation Front", "High Council of State": an organisation that may act or speak.
    if (/\b(?:Front|Army|Party|Movement|Council|Union|Commission|Forces|Coalition|League|Alliance|Government|Ministry|Committee|Assembly|Parliament|Congress|Presidency|Administration|Authority|Office|Department|Mission|Panel)\b/.test(text) && toks.length >= 2) {
      const pid = res.organisation(text);
      out.push({ from: a, to: b, text, kind: 'group', name: text, party: pid, via: 'group', modifier: false, head: 'organisation' });
    }
    return;
  }
  if (isPlaceName(text)) return;
  const before = work.slice(Math.max(0, a - 40), a);
  const after = work.slice(b, b + 60);
  // A place after a locative preposition ("in Cartagena", "to Stockholm").
  const locative = /\b(?:in|at|near|outside|inside|across|into|via|from|toward|towards|through|around)\s+$/i.test(before) || /\b(?:to|for)\s+$/i.test(before) && /\b(?:flew|fly|flies|travel\w*|went|go|goes|going|head\w*|return\w*|arriv\w*|left|leave|leaves|bound|trip|visit\w*|moved|move|taken|brought|sent)\s+(?:\S+\s+){0,2}(?:to|for)\s+$/i.test(before);
  const doc = nlp(text);
  const personTag = doc.has('#Person');
  if (!personTag && (doc.has('#Place') || doc.has('#Organization'))) return;
  if (locative && !personTag && !title) return;
  const cue =
    !!title ||
    personTag ||
    SAID_AFTER.test(after) ||
    /^,\s+(?:the|a|an|who|[\p{Ll}]+['’]s)\s/u.test(after) ||
    /(?:['’]s|\b(?:by|and|with|met|meets|meeting|between|told|for|said|says)|,)\s+(?:(?:the\s+)?(?:[\p{Ll}-]+\s+){0,4})?$/u.test(before) && toks.length >= 2;
  if (toks.length === 1) {
    // One word: only with a title ("President Santos", "General Birhanu") — surnames of people
    // already named are resolved as coreference later.
    if (!title) {
      // "the Houthis", "the Taliban": a movement named with the article.
      if (/\bthe\s+$/i.test(work.slice(Math.max(0, a - 4), a)) && /^[\p{Lu}][\p{Ll}]{2,}$/u.test(text) && !isPlaceName(text)) {
        out.push({ from: a, to: b, text, kind: 'party', name: text, party: res.organisation(text), via: 'party', modifier: false });
        return;
      }
      out.push({ from: a, to: b, text, kind: 'person', name: text, via: 'coref', modifier: false });
      return;
    }
  } else if (!cue && (lineStart || sentenceStarts.has(a))) {
    // At the start of a sentence without any sign of a person: leave it.
    if (!/^[\p{Lu}][\p{Ll}]+(?:\s+[\p{Lu}][\p{Ll}'’-]+){1,3}$/u.test(text)) return;
  }
  out.push({ from: a, to: b, text, kind: 'person', name: text, isNew: true, via: 'proposed', modifier: false, ...(title ? { title } : {}) });
}

/** Words that end a title written before a name ("Army Secretary", "Security Council Chairman"). */
const TITLE_HEAD = /^(?:Secretary|Minister|President|Vice-President|Envoy|Spokes(?:man|woman|person)|Chief|Commander|General|Marshal|Admiral|Colonel|Adviser|Advisor|Aide|Ambassador|Chair(?:man|woman)?|Director|Governor|Leader|Head|Speaker|Representative|Negotiator|Mediator|Premier|Chancellor|Mayor|Senator|Prosecutor|Judge)$/;

/** A token that can be part of a person's name (capitalised, no organisation, title, month or place word). */
function nameLike(t: Token): boolean {
  return /^[\p{Lu}]/u.test(t.text) && !ORG_WORDS.test(t.text) && !TITLE_HEAD.test(t.text) && !TITLE_RE.test(t.text) && !MONTHS.test(t.text) && !WEEKDAYS.test(t.text) && !FUNCTION_TOKENS.has(t.text) && !isAcronym(t.text) && !isPlaceName(t.text);
}

/**
 * Split a run into a title and a name: the last title word with one to three name tokens after it
 * ("Army Secretary | Mara Kent"); or, after "<title> of", the words before a two- or three-token
 * name ("Secretary of | State | Lena Voss"). Returns null when the run is no such pair.
 */
function splitTitle(work: string, toks: Token[]): { title: string; name: Token[] } | null {
  for (let k = toks.length - 2; k >= 0; k--) {
    if (!TITLE_HEAD.test(toks[k]!.text)) continue;
    const name = toks.slice(k + 1);
    if (name.length <= 3 && name.every(nameLike)) return { title: work.slice(toks[0]!.from, toks[k]!.to), name };
    return null;
  }
  const before = work.slice(Math.max(0, toks[0]!.from - 30), toks[0]!.from);
  const of = /\b(Secretary|Minister|Chief|Head|Commander|Chairman|Director|Ministry)\s+of\s+(?:the\s+)?$/.exec(before);
  if (of && toks.length >= 3) {
    for (const n of [3, 2]) {
      const name = toks.slice(toks.length - n);
      if (toks.length - n >= 1 && name.every(nameLike)) return { title: `${of[1]} of ${work.slice(toks[0]!.from, toks[toks.length - n - 1]!.to)}`, name };
    }
  }
  return null;
}

const PRIORITY: Record<MentionKind, number> = { person: 6, outlet: 5, party: 4, group: 3, post: 2, document: 1, pronoun: 0 };

/** Keep the longest mention where mentions overlap (ties by kind: persons first). */
function removeOverlaps(ms: Mention[]): Mention[] {
  ms.sort((a, b) => a.from - b.from || b.to - b.from - (a.to - a.from) || PRIORITY[b.kind] - PRIORITY[a.kind]);
  const out: Mention[] = [];
  for (const m of ms) {
    const clashes = out.filter((o) => m.from < o.to && m.to > o.from);
    if (!clashes.length) {
      out.push(m);
      continue;
    }
    // A person inside a group or post phrase ("Baraka's team", "the TPLF's military head"): keep both.
    const inside = (outer: Mention, inner: Mention) => inner.from >= outer.from && inner.to <= outer.to;
    if (clashes.every((c) => (c.kind === 'group' || c.kind === 'post' || c.kind === 'document') && inside(c, m) && (m.kind === 'person' || m.kind === 'party'))) {
      for (const c of clashes) if (!c.party && m.party && m.kind === 'party') c.party = m.party;
      out.push(m);
      continue;
    }
    if (clashes.length === 1) {
      const c = clashes[0]!;
      if ((m.kind === 'group' || m.kind === 'post' || m.kind === 'document') && inside(m, c) && (c.kind === 'person' || c.kind === 'party')) {
        if (!m.party && c.party && c.kind === 'party') m.party = c.party;
        out.push(m);
        continue;
      }
      const lm = m.to - m.from;
      const lc = c.to - c.from;
      const better = (lm > lc && PRIORITY[m.kind] >= PRIORITY[c.kind] - 2) || (lm > lc + 6 && m.kind !== 'pronoun');
      if (better) out.splice(out.indexOf(c), 1, m);
    }
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** Flag possessive and "of"-modifiers: "Lindqvist's envoy", "head of Sandoval's office", "envoy of the President". */
function markModifiers(work: string, ms: Mention[]): void {
  for (const m of ms) {
    if (m.kind === 'pronoun') continue;
    const after = work.slice(m.to, m.to + 40);
    const before = work.slice(Math.max(0, m.from - 40), m.from);
    const poss = /^['’]s?\s+(\S+(?:\s+\S+)?)/.exec(after);
    if (poss && (m.kind === 'person' || m.kind === 'party' || m.kind === 'outlet' || m.kind === 'group')) {
      const noun = poss[1]!.toLowerCase();
      const leads = /^(?:own\s+)?(?:team|delegation|negotiating|side|camp|entourage)\b/.test(noun);
      if (!leads || /\b(?:members|of)\s+$/i.test(before)) m.modifier = true;
    }
    if (/\b(?:envoy|son-in-law|daughter|wife|husband|aide|head|secretary|spokesman|spokeswoman|spokesperson|office|adviser|advisor|representative|deputy|chief|team|members|delegation|counterpart|administration|government|cabinet|son|brother|behalf|name|ministry|minister|president|leader|commander|ambassador|negotiator|mediator)\s+(?:of|for|to)\s+(?:the\s+)?$/i.test(before) && m.kind !== 'group' && m.kind !== 'post') m.modifier = true;
    // "X-sponsored", "X-led", "X-backed": an adjective, not an actor.
    if (/^-(?:sponsored|led|backed|brokered|mediated|based|recognised|recognized|drafted|made|style|born|controlled|held|run|owned|aligned|friendly|allied)\b/.test(after)) m.modifier = true;
  }
}

/**
 * Titles and posts next to names: "Foreign Minister Khaled al-Yamani" (title inside the run),
 * "Norway's foreign minister, Borge Brende" and "the UN special envoy, Martin Griffiths" (post before
 * the name), "Redwan Hussein, the prime minister's national security adviser" (post after). The post
 * then belongs to the person (its nationality or organisation gives a new person's party) and is no
 * mention of its own.
 */
function attachTitles(work: string, ms: Mention[], index: PersonIndex): void {
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.kind !== 'post') continue;
    // Unresolved one-word runs ("Secretary" of "US Secretary of State") are no persons yet.
    const unresolved = (x: Mention) => x.kind === 'person' && !x.person && !x.isNew;
    const next = ms.slice(i + 1).find((x) => x.kind !== 'pronoun' && !unresolved(x) && !(x.kind === 'party' && x.from < m.to));
    const prev = ms.slice(0, i).reverse().find((x) => x.kind !== 'pronoun' && !unresolved(x) && x.to <= m.from);
    const inner = ms.find((x) => x !== m && x.kind === 'person' && !unresolved(x) && x.from >= m.from && x.to <= m.to);
    // Titles of a possessor inside the gap ("Tomas Okafor, President Erik Lindqvist's special envoy") are
    // part of the post phrase: blank the modifier mentions before comparing the gap.
    const gap = (a: number, b: number) => {
      let g = work.slice(a, b);
      for (const x of ms) if (x.modifier && x.from >= a && x.to <= b) g = g.slice(0, x.from - a) + ' '.repeat(x.to - x.from) + g.slice(x.to - a);
      return g;
    };
    const gapNext = next ? gap(m.to, next.from) : '';
    const gapPrev = prev ? gap(prev.to, m.from) : '';
    let target: Mention | undefined;
    if (next && next.kind === 'person' && /^\s+$/.test(gapNext)) target = next;
    if (!target && next && next.kind === 'person' && /^,\s*$/.test(gapNext)) target = next;
    if (!target && prev && prev.kind === 'person' && !prev.modifier && /^,\s+$/.test(gapPrev)) target = prev;
    // A person inside the post phrase is its possessor (a modifier) or the same person by an alias.
    if (!target || (inner && inner !== target && !inner.modifier && !(inner.person && inner.person === target.person))) continue;
    target.title = target.title ?? m.name.replace(/^(?:the|a|an)\s+/i, '');
    if (!target.party && m.party && !target.person) target.party = m.party;
    // The post phrase is the person's: not a separate actor.
    m.kind = 'pronoun';
    m.via = 'post';
    m.modifier = true;
  }
  void index;
}

const headOfTitle = (t: string) => {
  const l = t.toLowerCase();
  for (const h of POST_HEADS) if (new RegExp(`\\b${h}\\b`).test(l)) return h.replace(/\[cs\]/, 's');
  return l.split(/\s+/).pop() ?? l;
};
const SAME_ROLE: string[][] = [
  ['leader', 'commander', 'chief', 'head', 'rebel leader'],
  ['adviser', 'advisor', 'aide', 'national security adviser', 'security adviser'],
  ['spokesman', 'spokeswoman', 'spokesperson'],
  ['army chief', 'chief of staff', 'chief of the general staff', 'military chief', 'commander'],
  ['envoy', 'special envoy', 'special representative', 'mediator'],
  ['negotiator', 'chief negotiator', 'lead negotiator'],
  ['prime minister', 'premier', 'head of government'],
  ['foreign minister', 'top diplomat', 'chief diplomat', 'foreign secretary', 'secretary of state', 'minister of foreign affairs'],
];
function rolesAgree(a: string, b: string): boolean {
  const ha = headOfTitle(a);
  const hb = headOfTitle(b);
  if (ha === hb || a.toLowerCase().includes(hb) || b.toLowerCase().includes(ha)) return true;
  // "the Ukrainian leader" is its head of state or government.
  if ((hb === 'leader' && isHeadPost(a)) || (ha === 'leader' && isHeadPost(b))) return true;
  return SAME_ROLE.some((g) => g.includes(ha) && g.includes(hb));
}

/**
 * Later references to people: a surname or given name alone ("Getachew said", "Londono and other
 * guerrilla leaders") → the person named in full before; a post without a name ("the army chief", "his
 * counterpart", "the Turkish president") → a store person holding it, else the person the text
 * introduced with that post, else it stays a post. New persons take their party from the title's
 * nationality or organisation, else from the nearest party named before them in the sentence.
 */
function resolveCoreference(work: string, ms: Mention[], index: PersonIndex, prep: PreparedText): void {
  const res = index.resolver;
  const seen: Mention[] = [];
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.kind === 'person' && m.via === 'coref') {
      const tok = m.text;
      const ref = [...seen].reverse().find((x) => x.name.split(/\s+/).includes(tok) || (x.person && index.byId.get(x.person)!.aliases.includes(tok)));
      if (ref) {
        m.person = ref.person;
        m.isNew = ref.isNew;
        m.name = ref.name;
        m.party = ref.party;
        if (ref.title) m.title = ref.title;
      }
      if (m.person || m.isNew) seen.push(m);
      continue;
    }
    if (m.kind === 'person' && m.isNew && !/\s/.test(m.name)) {
      // "Mr Velan" after "Tor Velan": an honorific and a surname are the person named in full before.
      const ref = [...seen].reverse().find((x) => x.name !== m.name && x.name.split(/\s+/).includes(m.name));
      if (ref) {
        m.person = ref.person;
        m.isNew = ref.isNew;
        m.name = ref.name;
        m.party = ref.party;
        m.via = 'coref';
        if (ref.title) m.title = ref.title;
        seen.push(m);
        continue;
      }
    }
    if (m.kind === 'person' && m.isNew) {
      // Same person named again (full name): share party and title.
      const prev = seen.find((x) => x.isNew && x.name === m.name);
      if (prev) {
        m.party = m.party ?? prev.party;
        m.title = m.title ?? prev.title;
      }
      if (!m.party) m.party = partyFromTitle(m.title, res) ?? partyNear(work, ms, i, prep) ?? partyAfter(work, ms, i);
      if (prev && !prev.party && m.party) prev.party = m.party;
      seen.push(m);
      continue;
    }
    if (m.kind === 'person' && m.person) {
      seen.push(m);
      continue;
    }
    if (m.kind === 'post') {
      const head = m.head ?? '';
      // "its prime minister", "their envoy": the post of the party named last before it in the sentence.
      if (!m.party && /^(?:its|their)\s/i.test(m.text)) {
        const s = prep.sentences.find((x) => x.from <= m.from && m.from < x.to);
        const owner = ms.slice(0, i).reverse().find((x) => x.kind === 'party' && x.party && (!s || x.from >= s.from));
        if (owner) m.party = owner.party;
      }
      // Store persons holding the post.
      const byStore = index.persons.filter((p) => (!m.party || index.partyOf.get(p.id) === m.party) && p.memberships.some((x) => rolesAgree(x.post, head) && (head !== 'counterpart')));
      let pick: { person?: string; isNew?: boolean; name: string; party?: string } | undefined;
      if (/counterpart/.test(m.text)) {
        const ref = [...seen].reverse().find((x) => !x.modifier);
        if (ref?.person) {
          const refHead = index.headOfState.has(ref.person);
          const refPost = index.byId.get(ref.person)?.memberships.at(-1)?.post ?? '';
          const c = index.persons.filter((p) => p.id !== ref.person && index.partyOf.get(p.id) !== ref.party && (!m.party || index.partyOf.get(p.id) === m.party) && (refHead ? index.headOfState.has(p.id) : p.memberships.some((x) => rolesAgree(x.post, refPost))));
          if (c.length === 1) pick = { person: c[0]!.id, name: c[0]!.name, party: index.partyOf.get(c[0]!.id) };
        }
      } else if (byStore.length === 1 && m.party) pick = { person: byStore[0]!.id, name: byStore[0]!.name, party: index.partyOf.get(byStore[0]!.id) };
      else if (byStore.length >= 1) {
        const r = [...seen].reverse().find((x) => x.person && byStore.some((p) => p.id === x.person));
        // A post with no party ("the presidential aide") names a store person only when the text
        // named that person before: the store of one process must not decide who another report means.
        if (r) pick = { person: r.person!, name: r.name, party: r.party };
      }
      if (!pick) {
        // The person the text introduced with this post ("the army chief" after "chief of staff, General Birhanu Jula").
        const r = [...seen].reverse().find((x) => x.title && rolesAgree(x.title, head) && (!m.party || !x.party || x.party === m.party));
        if (r) pick = { ...(r.person ? { person: r.person } : {}), ...(r.isNew ? { isNew: true } : {}), name: r.name, ...(r.party ? { party: r.party } : {}) };
      }
      if (pick) {
        m.kind = 'person';
        m.via = /counterpart/.test(m.text) ? 'counterpart' : 'post';
        if (pick.person) m.person = pick.person;
        if (pick.isNew) m.isNew = true;
        m.name = pick.name;
        if (pick.party) m.party = pick.party;
        seen.push(m);
      }
    }
  }
}

/** Party id a title gives in this index's resolver ("Norwegian foreign minister", "Secretary of State"), or undefined. */
export function partyOfTitle(index: PersonIndex, title: string): string | undefined {
  return partyFromTitle(title, index.resolver);
}

/** Party given by a title ("Norway's foreign minister", "the UN special envoy", "former Kenyan president"). */
function partyFromTitle(title: string | undefined, res: PartyResolver): string | undefined {
  if (!title) return undefined;
  for (const w of title.split(/\s+/)) {
    const c = w.replace(/['’]s$/, '');
    if (!/^[\p{Lu}]/u.test(c) || TITLE_RE.test(c)) continue;
    const pid = res.resolve(c) ?? (isAcronym(c) ? res.organisation(c) : undefined) ?? seatParty(c, res);
    if (pid) return pid;
  }
  // A title that alone names one country's office ("Secretary of State", "Home Secretary").
  const national = countryOfPost(title);
  return national ? res.resolve(national.name) : undefined;
}

/** The government a seat stands for ("Kremlin aide" → Russia, "White House spokesman" → United States). */
function seatParty(word: string, res: PartyResolver): string | undefined {
  const p = lookupPlace(word);
  return p && p.venue && p.country ? res.resolve(p.country) : undefined;
}

/** "Our correspondent joins us from Nairobi", "reporting from Oslo": where a broadcast's reporter is. */
const REPORTER_FROM = /\b(?:joins\s+us|joined\s+us|joining\s+us|reporting|reports|is\s+live|live)\s+(?:live\s+)?(?:from|in)\s+(?:the\s+)?([\p{Lu}][\p{L}'’.-]+(?:\s[\p{Lu}][\p{L}'’.-]+)?)/u;

/**
 * The place a broadcast or transcript without dateline reports from: a correspondent's label note
 * ("CORRESPONDENT (Nairobi):") or "joins us from / reporting from <place>" in the body; null when none.
 */
function reporterPlace(prep: PreparedText): string | null {
  for (const t of prep.turns) if (t.role === 'question' && t.note && lookupPlace(t.note)?.city) return t.note;
  const m = REPORTER_FROM.exec(prep.work.slice(prep.bodyFrom, prep.bodyTo));
  const place = m ? m[1]!.replace(/\.$/, '') : null;
  return place && lookupPlace(place) ? place : null;
}

/**
 * The capital a report without a dateline is set in: the one capital its headline (the header block)
 * and first sentence name ("Berlin summit: …"); null when they name none, or capitals of two countries.
 */
function headlineCapital(prep: PreparedText): string | null {
  const first = prep.sentences[0];
  const spans: [number, number][] = [[0, prep.bodyFrom], ...(first ? [[first.from, first.to] as [number, number]] : [])];
  const found = new Map<string, string>();
  for (const [a, b] of spans)
    for (const pm of findPlaces(prep.work, a, b)) {
      const city = pm.place.city;
      const c = city ? countryOfCapital(city) : null;
      if (city && c) found.set(c.code, city);
    }
  return found.size === 1 ? [...found.values()][0]! : null;
}

/** The country whose capital (or own name) a place string is, as a party id. */
function partyOfPlace(name: string | null | undefined, res: PartyResolver): string | undefined {
  if (!name) return undefined;
  const p = lookupPlace(name);
  if (!p?.country) return undefined;
  // Only a capital or the country itself stands for its government; another town does not.
  if (p.city && !countryOfCapital(p.city)) return undefined;
  return res.resolve(p.country);
}

/**
 * Parties of new persons the text gives no nationality for, from what surrounds them (in this order):
 * 1. whom they work for: "Redwan Hussein, national security adviser to Prime Minister Abiy Ahmed",
 *    "Kent's spokesman, Lt. Col. Ian Pryce" (the principal's party);
 * 2. where they act: the bulletin header of their paragraph ("MOSCOW: Kremlin aide …") or a
 *    sentence opening "In <capital>, <person> …", when the place is a capital (its country);
 * 3. for a head of state or government, a minister or a spokesperson named with an unqualified title
 *    ("Chancellor Angela Merkel"), the country of the dateline's capital.
 * Every mention of the person then carries the party found.
 */
function inferParties(work: string, ms: Mention[], index: PersonIndex, prep: PreparedText): void {
  const res = index.resolver;
  const partyOfName = new Map<string, string>();
  const titleOfName = new Map<string, string>();
  const news = ms.filter((m) => m.kind === 'person' && m.isNew && !m.person);
  const refresh = () => {
    for (const m of news) {
      if (m.party && !partyOfName.has(m.name)) partyOfName.set(m.name, m.party);
      if (m.title && !titleOfName.has(m.name)) titleOfName.set(m.name, m.title);
    }
  };
  refresh();
  const partyOfMention = (p: Mention): string | undefined => p.party ?? (p.isNew ? partyOfName.get(p.name) : undefined);
  const principal = () => {
    for (const m of news) {
      if (partyOfName.has(m.name)) continue;
      const i = ms.indexOf(m);
      const after = work.slice(m.to, m.to + 90);
      const role = /^,\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,4}(?:adviser|advisor|aide|spokes(?:man|woman|person)|envoy|representative|deputy|secretary|assistant|chief\s+of\s+staff)\s+(?:to|of|for)\s+(?:the\s+)?/iu.exec(after);
      if (role) {
        const p = ms.slice(i + 1).find((x) => x.from >= m.to + role[0].length && x.kind !== 'pronoun');
        const pid = p && p.from - (m.to + role[0].length) < 40 && (p.kind === 'person' || p.kind === 'party') ? partyOfMention(p) : undefined;
        if (pid) m.party = pid;
      }
      // "Kent's spokesman, Lt. Col. Ian Pryce": the owner right before the post that introduces the person.
      if (!m.party) {
        const before = work.slice(Math.max(0, m.from - 70), m.from);
        const own = /([\p{Lu}][\p{L}'’.-]+)['’]s\s+(?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+,\s*(?:[\p{Lu}][\p{L}.]*\.?\s+){0,3}$/u.exec(before);
        if (own) {
          const at = m.from - before.length + own.index;
          const o = ms.find((x) => x.from === at && (x.kind === 'person' || x.kind === 'party'));
          const pid = o ? partyOfMention(o) : undefined;
          if (pid) m.party = pid;
        }
      }
    }
    refresh();
  };
  principal();
  // Where they act.
  for (const m of news) {
    if (partyOfName.has(m.name)) continue;
    const s = prep.sentences.find((x) => x.from <= m.from && m.from < x.to);
    if (!s) continue;
    const first = ms.find((x) => x.from >= s.from && x.to <= s.to && x.kind === 'person' && !x.modifier);
    if (first !== m) continue;
    const lead = /^\s*(?:In|From)\s+([\p{Lu}][\p{L}'’.-]+(?:\s[\p{Lu}][\p{L}'’.-]+)?)(?:,\s|\s+(?:the\s+)?(?:[\p{Lu}][\p{L}.-]+\s+){0,3}$)/u.exec(work.slice(s.from, m.from));
    const header = prep.paragraphs[s.para]?.headerPlace;
    const pid = (lead ? partyOfPlace(lead[1], res) : undefined) ?? (header && s.from - prep.paragraphs[s.para]!.from < 3 ? partyOfPlace(header, res) : undefined);
    if (pid) m.party = pid;
  }
  refresh();
  principal();
  // What they say of their own country.
  for (const m of news) {
    if (partyOfName.has(m.name) || m.modifier || m.via === 'pronoun') continue;
    const pid = ownCountry(work, ms, m);
    if (pid) m.party = pid;
  }
  refresh();
  // An unqualified title of state in a report datelined in a capital (else with one capital in its headline or lead).
  const home = partyOfPlace(prep.datelinePlace ?? reporterPlace(prep) ?? headlineCapital(prep), res);
  if (home) {
    for (const m of news) {
      if (partyOfName.has(m.name)) continue;
      const t = titleOfName.get(m.name);
      if (t && /^(?:(?:former|acting|interim)\s+)?(?:president|prime\s+minister|chancellor|premier|king|emir|(?:deputy\s+)?(?:foreign|defen[cs]e|interior|finance|justice)\s+minister|minister|spokes(?:man|woman|person))$/i.test(t.trim())) m.party = home;
    }
    refresh();
  }
  for (const m of news) if (!m.party && partyOfName.has(m.name)) m.party = partyOfName.get(m.name);
}

const REPORT_VERB = String.raw`(?:said|says|told\s+(?:[\p{Lu}][\p{L}.'’-]*\s+){1,3}|stressed|insisted|announced|confirmed|added|declared|stated|pledged|promised|offered)`;
/** "X said (on Tuesday) (that) <Country> would/could/was ready …": a speaker committing their own country. */
const OWN_CLAUSE = new RegExp(
  String.raw`^(?:\s*,[^,.;"“”]{1,80},|,\s+who)?\s+(?:(?:also|later|earlier|then|had|has)\s+)?${REPORT_VERB}\s*(?:(?:late\s+|early\s+)?(?:on|last|this)\s+[\p{L}]+\s+(?:night\s+|morning\s+|afternoon\s+|evening\s+)?)?(?:in\s+[\p{Lu}][\p{L}-]+\s+)?(?:that\s+[^.;!?"“”]{1,100}?\s+(?:but|and)\s+)?(?:that\s+)?$`,
  'u',
);
const OWN_PREDICATE = /^\s+(?:would|could|will|can|was|is|remained|remains|had\s+(?:received|accepted|agreed|decided)|has\s+(?:received|accepted|agreed|decided)|stands|stood|wanted|wants|intended|intends|planned|plans|hoped|hopes|agreed|accepted|rejected)\b(?!\s+(?:have|has|had)\s+to\b)(?!\s+(?:be\s+)?(?:forced|made|losing|lose|pay)\b)/u;
/** "X told Czechs": a leader addressing their own people (a demonym in the plural). */
const TOLD_PEOPLE = /^\s+told\s+(?:fellow\s+)?$/u;

/**
 * The speaker's own country from what they say of it: "Ana Pereira said Portugal could send experts",
 * "Jan Novak said on Tuesday that Czechia had received the plan", or whom they address ("Novak
 * told Czechs"). Obligations put on a country ("said Czechia would have to give up") do not count.
 */
function ownCountry(work: string, ms: Mention[], m: Mention): string | undefined {
  for (let k = ms.indexOf(m) + 1; k < ms.length && ms[k]!.from - m.to <= 160; k++) {
    const next = ms[k]!;
    if (next.kind === 'pronoun' || next.kind === 'document' || next.kind === 'outlet' || next.metonym) continue;
    // Someone else named first is the one the clause is about.
    if (next.kind !== 'party' || !next.party || next.modifier) return undefined;
    const gap = work.slice(m.to, next.from);
    if (/[.!?;]\s/.test(gap)) return undefined;
    if (TOLD_PEOPLE.test(gap) && /s$/.test(next.text)) return next.party;
    if (OWN_CLAUSE.test(gap) && OWN_PREDICATE.test(work.slice(next.to, next.to + 40))) return next.party;
  }
  return undefined;
}

/** "…, X said" / "…, he added": the speaker after a reported clause, at the end of the gap. */
const SAID_TAIL = /^,\s*$/u;
const SAID_VERB = /^\s*(?:(?:also|later|then)\s+)?(?:said|says|added|told|stressed|insisted|declared|stated|wrote)\b/u;
const OWN_ADVERB = /^\s+(?:still|also|now|already|firmly|fully|remained|itself)\b/u;

/**
 * The speaker's own country from a reported clause set before the speaker: "Ukraine still wants to
 * join, he said", "Norway could send monitors, Ana Pereira said". The clause opens its sentence (or
 * follows a colon) with the country and a predicate of its own will (the one of {@link ownCountry};
 * obligations excluded). Runs after pronouns are resolved, so "he" gives its person the party; every
 * mention of that new person then carries it.
 */
function ownCountryBefore(work: string, ms: Mention[], prep: PreparedText): void {
  const found = new Map<string, string>();
  for (let i = 0; i < ms.length; i++) {
    const sp = ms[i]!;
    if (!(sp.kind === 'person' || sp.kind === 'pronoun') || !sp.isNew || sp.person || sp.party || found.has(sp.name)) continue;
    if (!SAID_VERB.test(work.slice(sp.to, sp.to + 30))) continue;
    const s = prep.sentences.find((x) => x.from <= sp.from && sp.from < x.to);
    if (!s) continue;
    // The country opening the clause: at the sentence start or right after a colon.
    for (let k = i - 1; k >= 0 && ms[k]!.from >= s.from; k--) {
      const c = ms[k]!;
      if (c.kind !== 'party' || !c.party || c.modifier || c.metonym) continue;
      const lead = work.slice(s.from, c.from);
      if (!/^\s*$/.test(lead) && !/:\s*$/.test(lead)) continue;
      let rest = work.slice(c.to, c.to + 60);
      const adv = OWN_ADVERB.exec(rest);
      if (adv && !/remained/.test(adv[0])) rest = rest.slice(adv[0].length);
      if (!OWN_PREDICATE.test(rest)) break;
      const between = work.slice(c.to, sp.from);
      // One clause: no sentence end and no other speaker between; it ends in a comma before the speaker.
      if (/[.!?;"“”]/.test(between) || !SAID_TAIL.test(between.slice(between.lastIndexOf(',')))) break;
      if (ms.slice(k + 1, i).some((x) => (x.kind === 'person' && (x.isNew || x.person)) || x.kind === 'post')) break;
      found.set(sp.name, c.party);
      break;
    }
  }
  if (!found.size) return;
  for (const m of ms) if (m.isNew && !m.person && !m.party && found.has(m.name)) m.party = found.get(m.name)!;
}

/** The nearest party form before a new person in its sentence, when it qualifies the person ("Italy's Giuseppe Conte"). */
function partyNear(work: string, ms: Mention[], i: number, prep: PreparedText): string | undefined {
  const m = ms[i]!;
  const sent = prep.sentences.find((s) => s.from <= m.from && m.from < s.to);
  let k = i - 1;
  // Skip the title's own mentions ("President" of "Ukrainian President Ana Sandoval").
  while (k >= 0 && ms[k]!.to > m.from - 40 && (ms[k]!.kind === 'pronoun' || (ms[k]!.kind === 'person' && !ms[k]!.person && !ms[k]!.isNew))) k--;
  const prev = ms[k];
  if (!prev || prev.kind !== 'party' || !prev.party || (sent && prev.from < sent.from)) return undefined;
  const gap = work.slice(prev.to, m.from);
  if (/^['’]s?\s+(?:(?:[\p{Ll}-]+\s+){0,4})?$/u.test(gap)) return prev.party;
  // A nationality before the name or before its title ("Turkish President Kemal Arslan Demir").
  const titles = gap.trim().split(/\s+/).filter(Boolean);
  if (/^\s+(?:\S+\s+){0,4}$/.test(gap) && titles.every((w) => TITLE_RE.test(w) || TITLE_HEAD.test(w) || /^(?:Foreign|Defen[cs]e|Prime|Deputy|Vice|Interior|Chief|Special|Senior|Army|State|of|the)$/.test(w)) && /(?:an|ese|ish|ch|i|ian|[\p{Lu}]{2,})$/u.test(prev.text)) return prev.party;
  return undefined;
}

/**
 * Party given after a name: "Getachew Reda for the TPLF", "Khaled al-Mishri of the High Council of
 * State", "Fayez al-Sarraj, head of the UN-recognised government" (when that names a party).
 */
function partyAfter(work: string, ms: Mention[], i: number): string | undefined {
  const m = ms[i]!;
  for (let k = i + 1; k < ms.length && ms[k]!.from - m.to <= 45; k++) {
    const o = ms[k]!;
    if (o.kind === 'pronoun') continue;
    const gap = work.slice(m.to, o.from);
    if (!(o.kind === 'party' || o.kind === 'group') || !o.party) return undefined;
    if (/^,?\s+(?:for|of|from|representing)\s+(?:the\s+)?$/i.test(gap) || /^,\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,3}(?:head|leader|chief|commander|president|spokes\w+|chair\w*|representative|envoy|member|negotiator)\s+(?:of|for)\s+(?:the\s+)?$/iu.test(gap)) return o.party;
    return undefined;
  }
  return undefined;
}

/**
 * Resolve he/she/him/his/her: to the subject (first non-modifier person) of the current sentence when it
 * precedes the pronoun, else of the previous sentences (following their own resolution).
 */
function resolvePronouns(ms: Mention[], prep: PreparedText): void {
  const subjectOf = new Map<number, Mention>();
  let si = 0;
  const sents = prep.sentences;
  for (const m of ms) {
    while (si < sents.length - 1 && m.from >= sents[si]!.to) si++;
    const s = sents[si];
    if (!s) continue;
    if (m.kind === 'person' && (m.person || m.isNew) && !m.modifier) {
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
