/**
 * World knowledge that holds for every process: the countries of the world (names in English and the
 * other languages reports come in, short forms, demonyms, capitals) from the `world-countries`
 * package (mledoze/countries, ODbL-1.0), plus a short list of the international organisations that
 * appear in peace diplomacy (the UN, regional organisations, alliances). Nothing here is about one
 * process: what Accord knows of a process's parties and people comes from its store.
 *
 * Everything is built once, lazily, into lookup maps keyed by surface form.
 */
import { createRequire } from 'node:module';

/** A country as extraction uses it. */
export interface WorldCountry {
  /** ISO 3166-1 alpha-2 code, e.g. `CO`. */
  code: string;
  /** Common English name ("Colombia", "United States"). */
  name: string;
  /** Every English form naming the state: common and official names, short forms ("US", "Britain"). */
  names: string[];
  /** Adjectives and nationals ("Colombian", "Colombians"). */
  demonyms: string[];
  /** Capital city (English spelling), or null. */
  capital: string | null;
  /** Common name by ISO 639-3 code (`fra`, `spa`, `rus`, `ara`, …). */
  translations: Record<string, string>;
}

/** An international organisation. */
export interface WorldOrganisation {
  /** Short id, e.g. `un`. */
  code: string;
  name: string;
  /** Acronyms and other names ("UN", "U.N."). */
  names: string[];
  /** Adjective uses ("UN-led" is read from the name itself). */
  demonyms: string[];
}

/** What a surface form names. */
export type WorldActor = { kind: 'country'; country: WorldCountry } | { kind: 'organisation'; organisation: WorldOrganisation };

interface RawCountry {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { f: string; m: string } };
  translations?: Record<string, { common: string; official: string }>;
  independent?: boolean | null;
}

/**
 * Short forms English news uses that the package does not list, and plural nationals that are not the
 * adjective plus "s". General usage, not tied to any process.
 */
const EXTRA_NAMES: Record<string, string[]> = {
  US: ['US', 'U.S.', 'USA', 'U.S.A.', 'America', 'the United States', 'United States of America'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain', 'the United Kingdom'],
  AE: ['UAE', 'U.A.E.', 'the Emirates', 'Emirates'],
  RU: ['Russian Federation'],
  KR: ['South Korea'],
  KP: ['North Korea'],
  CD: ['DR Congo', 'DRC', 'Democratic Republic of the Congo'],
  CG: ['Republic of the Congo'],
  CZ: ['Czech Republic'],
  TR: ['Türkiye', 'Turkiye'],
  NL: ['the Netherlands', 'Holland'],
  PS: ['Palestine', 'Palestinian territories'],
  VA: ['Vatican', 'Holy See', 'the Vatican'],
  XK: ['Kosovo'],
  MK: ['North Macedonia', 'Macedonia'],
  CI: ["Côte d'Ivoire", 'Ivory Coast'],
  MM: ['Myanmar', 'Burma'],
  SY: ['Syria'],
  IR: ['Iran'],
  LA: ['Laos'],
  BO: ['Bolivia'],
  VE: ['Venezuela'],
  TZ: ['Tanzania'],
  MD: ['Moldova'],
  SS: ['South Sudan'],
};
const EXTRA_DEMONYMS: Record<string, string[]> = {
  US: ['American', 'Americans', 'U.S.'],
  GB: ['British', 'Briton', 'Britons'],
  FR: ['French', 'Frenchman'],
  NL: ['Dutch'],
  CH: ['Swiss'],
  IE: ['Irish'],
  ES: ['Spanish', 'Spaniard', 'Spaniards'],
  TR: ['Turkish', 'Turk', 'Turks'],
  PL: ['Polish', 'Pole', 'Poles'],
  DK: ['Danish', 'Dane', 'Danes'],
  SE: ['Swedish', 'Swede', 'Swedes'],
  FI: ['Finnish', 'Finn', 'Finns'],
  CN: ['Chinese'],
  JP: ['Japanese'],
  PT: ['Portuguese'],
  SD: ['Sudanese'],
  LB: ['Lebanese'],
  VN: ['Vietnamese'],
  SN: ['Senegalese'],
  AE: ['Emirati', 'Emiratis'],
  SA: ['Saudi', 'Saudis'],
  QA: ['Qatari', 'Qataris'],
  XK: ['Kosovar', 'Kosovars', 'Kosovan', 'Kosovans'],
  PS: ['Palestinian', 'Palestinians'],
  IL: ['Israeli', 'Israelis'],
  AF: ['Afghan', 'Afghans'],
  NZ: ['New Zealander'],
  PH: ['Filipino', 'Filipinos', 'Philippine'],
  KR: ['South Korean', 'South Koreans'],
  KP: ['North Korean', 'North Koreans'],
  IQ: ['Iraqi', 'Iraqis'],
  YE: ['Yemeni', 'Yemenis'],
  OM: ['Omani', 'Omanis'],
  KW: ['Kuwaiti', 'Kuwaitis'],
  BH: ['Bahraini', 'Bahrainis'],
  PK: ['Pakistani', 'Pakistanis'],
  BD: ['Bangladeshi', 'Bangladeshis'],
  AZ: ['Azerbaijani', 'Azerbaijanis', 'Azeri', 'Azeris'],
  TJ: ['Tajik', 'Tajiks'],
  UZ: ['Uzbek', 'Uzbeks'],
  KZ: ['Kazakh', 'Kazakhs'],
  TM: ['Turkmen'],
  KG: ['Kyrgyz'],
  IS: ['Icelandic', 'Icelander', 'Icelanders'],
  CY: ['Cypriot', 'Cypriots'],
  MT: ['Maltese'],
  TH: ['Thai'],
};
/** The name English news commonly uses where the package's common name differs ("Türkiye" → "Turkey"). */
const COMMON_NAME: Record<string, string> = { TR: 'Turkey', CZ: 'Czech Republic', CV: 'Cape Verde', SZ: 'Eswatini' };

/** English spellings of capitals that differ from the package's ("Kyiv" is already there). */
const EXTRA_CAPITALS: Record<string, string[]> = {
  CO: ['Bogota'],
  UA: ['Kiev'],
  BE: ['Brussels'],
  IN: ['New Delhi'],
  DZ: ['Algiers'],
  YE: ['Sanaa', "Sana'a"],
  AE: ['Abu Dhabi'],
  KR: ['Seoul'],
  RS: ['Belgrade'],
  XK: ['Pristina', 'Prishtina'],
  MK: ['Skopje'],
  ZA: ['Pretoria', 'Cape Town'],
  CH: ['Bern', 'Berne'],
  NL: ['Amsterdam', 'The Hague'],
  IL: ['Jerusalem'],
  PS: ['Ramallah'],
  VA: ['Vatican City'],
  TR: ['Ankara'],
  US: ['Washington', 'Washington, D.C.', 'Washington DC'],
};

/** International organisations of peace diplomacy (general knowledge). */
const ORGANISATIONS: WorldOrganisation[] = [
  { code: 'un', name: 'United Nations', names: ['UN', 'U.N.', 'the United Nations', 'UN Security Council', 'Security Council', 'UN Secretariat'], demonyms: [] },
  { code: 'eu', name: 'European Union', names: ['EU', 'E.U.', 'the European Union', 'European Commission', 'the European Commission', 'European Council'], demonyms: ['European', 'Europeans'] },
  { code: 'au', name: 'African Union', names: ['AU', 'the African Union', 'African Union Commission'], demonyms: [] },
  { code: 'nato', name: 'NATO', names: ['North Atlantic Treaty Organization', 'the Alliance'], demonyms: [] },
  { code: 'osce', name: 'OSCE', names: ['Organization for Security and Co-operation in Europe', 'OSCE Minsk Group'], demonyms: [] },
  { code: 'arab-league', name: 'Arab League', names: ['the Arab League', 'League of Arab States'], demonyms: [] },
  { code: 'igad', name: 'IGAD', names: ['Intergovernmental Authority on Development'], demonyms: [] },
  { code: 'ecowas', name: 'ECOWAS', names: ['Economic Community of West African States'], demonyms: [] },
  { code: 'oas', name: 'Organization of American States', names: ['OAS'], demonyms: [] },
  { code: 'asean', name: 'ASEAN', names: ['Association of Southeast Asian Nations'], demonyms: [] },
  { code: 'gcc', name: 'Gulf Cooperation Council', names: ['GCC'], demonyms: [] },
  { code: 'oic', name: 'Organisation of Islamic Cooperation', names: ['OIC', 'Organization of Islamic Cooperation'], demonyms: [] },
  { code: 'icrc', name: 'International Committee of the Red Cross', names: ['ICRC', 'Red Cross'], demonyms: [] },
  { code: 'imf', name: 'International Monetary Fund', names: ['IMF'], demonyms: [] },
  { code: 'world-bank', name: 'World Bank', names: ['the World Bank'], demonyms: [] },
  { code: 'g7', name: 'G7', names: ['Group of Seven'], demonyms: [] },
  { code: 'g20', name: 'G20', names: ['Group of Twenty'], demonyms: [] },
];

interface WorldIndex {
  countries: WorldCountry[];
  organisations: WorldOrganisation[];
  /** Surface form (case-sensitive, as written in English) → actor. */
  byForm: Map<string, WorldActor>;
  /** Demonym (case-sensitive) → actor. */
  byDemonym: Map<string, WorldActor>;
  /** Capital or city name (English and other languages) → country. */
  byCapital: Map<string, WorldCountry>;
  /** Lower-cased, accent-free name in any language → country. */
  byAnyName: Map<string, WorldCountry>;
}

let cache: WorldIndex | null = null;

/** Lower case without accents ("Bogotá" → "bogota"). */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function build(): WorldIndex {
  const req = createRequire(import.meta.url);
  const raw = req('world-countries/countries.json') as RawCountry[];
  const countries: WorldCountry[] = [];
  for (const r of raw) {
    const code = r.cca2;
    const names = new Set<string>([...(COMMON_NAME[code] ? [COMMON_NAME[code]!] : []), r.name.common, r.name.official, ...(EXTRA_NAMES[code] ?? [])]);
    for (const a of r.altSpellings ?? []) if (a.length > 3 && /^[\p{Lu}]/u.test(a) && /^[\p{Script=Latin}\s.'’-]+$/u.test(a)) names.add(a);
    const dem = new Set<string>(EXTRA_DEMONYMS[code] ?? []);
    const eng = r.demonyms?.eng;
    if (eng?.m) {
      dem.add(eng.m);
      if (eng.f) dem.add(eng.f);
      if (!/(?:ese|ss|sh|ch|s)$/.test(eng.m)) dem.add(eng.m + 's');
    }
    const translations: Record<string, string> = {};
    for (const [lang, t] of Object.entries(r.translations ?? {})) translations[lang] = t.common;
    countries.push({ code, name: COMMON_NAME[code] ?? r.name.common, names: [...names], demonyms: [...dem], capital: r.capital?.[0] ?? null, translations });
  }
  const byForm = new Map<string, WorldActor>();
  const byDemonym = new Map<string, WorldActor>();
  const byCapital = new Map<string, WorldCountry>();
  const byAnyName = new Map<string, WorldCountry>();
  // Sovereign states first so that a dependency never takes a state's form.
  const ordered = [...countries].sort((a, b) => Number(isState(raw, b.code)) - Number(isState(raw, a.code)));
  for (const c of ordered) {
    for (const n of c.names) if (!byForm.has(n)) byForm.set(n, { kind: 'country', country: c });
    for (const d of c.demonyms) if (!byDemonym.has(d)) byDemonym.set(d, { kind: 'country', country: c });
    for (const cap of [c.capital, ...(EXTRA_CAPITALS[c.code] ?? [])]) if (cap && !byCapital.has(cap)) byCapital.set(cap, c);
    for (const n of [...c.names, ...Object.values(c.translations)]) {
      const k = fold(n);
      if (!byAnyName.has(k)) byAnyName.set(k, c);
    }
  }
  for (const o of ORGANISATIONS) {
    for (const n of [o.name, ...o.names]) byForm.set(n, { kind: 'organisation', organisation: o });
    for (const d of o.demonyms) if (!byDemonym.has(d)) byDemonym.set(d, { kind: 'organisation', organisation: o });
  }
  return { countries, organisations: ORGANISATIONS, byForm, byDemonym, byCapital, byAnyName };
}

function isState(raw: RawCountry[], code: string): boolean {
  return raw.find((r) => r.cca2 === code)?.independent === true || code === 'XK' || code === 'PS';
}

function world(): WorldIndex {
  if (!cache) cache = build();
  return cache;
}

/** Every country. */
export function worldCountries(): WorldCountry[] {
  return world().countries;
}

/** Every organisation of the list. */
export function worldOrganisations(): WorldOrganisation[] {
  return world().organisations;
}

/** The country or organisation an English name form denotes ("Colombia", "the US", "UN"), or null. */
export function actorByName(form: string): WorldActor | null {
  const f = form.trim();
  const w = world();
  return w.byForm.get(f) ?? w.byForm.get(f.replace(/^the\s+/i, '')) ?? null;
}

/** The country or organisation a demonym denotes ("Colombian", "Swiss", "European"), or null. */
export function actorByDemonym(form: string): WorldActor | null {
  return world().byDemonym.get(form.trim()) ?? null;
}

/** The country a capital (or listed city) belongs to ("Bogotá" → Colombia), or null. */
export function countryOfCapital(city: string): WorldCountry | null {
  return world().byCapital.get(city.trim()) ?? null;
}

/** A country by its name in any language the package lists ("Allemagne", "Колумбия"), accent- and case-insensitive. */
export function countryByAnyName(name: string): WorldCountry | null {
  return world().byAnyName.get(fold(name.trim())) ?? null;
}

/** Display name and every English form (names and demonyms) of an actor, for matching. */
export function actorForms(a: WorldActor): { name: string; forms: string[] } {
  if (a.kind === 'country') return { name: a.country.name, forms: [...a.country.names, ...a.country.demonyms] };
  return { name: a.organisation.name, forms: [a.organisation.name, ...a.organisation.names, ...a.organisation.demonyms] };
}

/** Every English name, demonym and capital form, for building matchers (longest first). */
export function allWorldForms(): { names: string[]; demonyms: string[]; capitals: string[] } {
  const w = world();
  const byLen = (a: string, b: string) => b.length - a.length;
  return { names: [...w.byForm.keys()].sort(byLen), demonyms: [...w.byDemonym.keys()].sort(byLen), capitals: [...w.byCapital.keys()].sort(byLen) };
}

/**
 * Offices whose English title alone names one country's government, in general English usage (the
 * unqualified title, as news writes it without the country): "Secretary of State Ana Ruiz" is the US
 * foreign minister, "Foreign Secretary" and "Home Secretary" are British cabinet posts (as is any
 * "Secretary of State for …"). Not tied to any process; a title qualified by a country ("Norway's secretary of state")
 * is read from that country first by the caller.
 */
const NATIONAL_POSTS: { re: RegExp; code: string }[] = [
  { re: /^(?:(?:former|acting|then|deputy|assistant|under)\s+)?secretary\s+of\s+state$/i, code: 'US' },
  { re: /^(?:(?:former|acting|then|shadow)\s+)?secretary\s+of\s+state\s+for\b/i, code: 'GB' },
  { re: /^(?:(?:former|acting|then|shadow)\s+)?(?:foreign|home)\s+secretary$/i, code: 'GB' },
  { re: /^(?:(?:former|acting|then|shadow)\s+)?chancellor\s+of\s+the\s+exchequer$/i, code: 'GB' },
];

/** The country whose government a national title alone denotes ("Secretary of State" → United States), or null. */
export function countryOfPost(title: string): WorldCountry | null {
  const t = title.trim().replace(/\s+/g, ' ');
  const hit = NATIONAL_POSTS.find((p) => p.re.test(t));
  return hit ? (world().countries.find((c) => c.code === hit.code) ?? null) : null;
}
