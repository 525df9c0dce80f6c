/**
 * Places of events: countries and capitals of the world (./world.ts), descriptive names ("the South
 * African capital", "the Kenyan capital"), seats of government that reports use for a city ("the
 * White House", "Downing Street", "the Kremlin", "the Elysée"), and any other capitalised name after a
 * locative preposition ("in Cartagena", "at the Moran Center") — a town, region or venue the
 * gazetteer cannot know. "X, Country" gives the country of an unknown town. Nothing here is about one
 * process.
 */
import type { Place } from '../model/schemas.js';
import { actorByDemonym, actorByName, allWorldForms, countryOfCapital, type WorldCountry } from './world.js';

/** Seats of government named for their city (general knowledge). */
const SEATS: Record<string, Place> = {
  'White House': { city: 'Washington', country: 'United States', venue: 'White House' },
  Kremlin: { city: 'Moscow', country: 'Russia', venue: 'Kremlin' },
  'Downing Street': { city: 'London', country: 'United Kingdom', venue: 'Downing Street' },
  Elysée: { city: 'Paris', country: 'France', venue: 'Elysée Palace' },
  Elysee: { city: 'Paris', country: 'France', venue: 'Elysée Palace' },
  'Elysée Palace': { city: 'Paris', country: 'France', venue: 'Elysée Palace' },
};

let re: RegExp | null = null;
function placeRe(): RegExp {
  if (!re) {
    const w = allWorldForms();
    const countries = w.names.filter((n) => actorByName(n)?.kind === 'country');
    const forms = [...Object.keys(SEATS), ...w.capitals, ...countries].sort((a, b) => b.length - a.length);
    re = new RegExp(`(?<![\\p{L}])(?:the\\s+)?(?:${forms.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}])`, 'gu');
  }
  return re;
}

const stripThe = (s: string) => s.replace(/^the\s+/i, '');

/** Place of a gazetteer name (capital, country, seat), or null. */
export function lookupPlace(name: string): Place | null {
  const n = stripThe(name.trim());
  const t = titleCase(n);
  for (const k of [n, t]) {
    if (SEATS[k]) return { ...SEATS[k]! };
    const cap = countryOfCapital(k);
    if (cap) return { city: k, country: cap.name };
    const a = actorByName(k);
    if (a && a.kind === 'country') return { country: a.country.name };
  }
  return null;
}

/** True when `name` is a gazetteer place (used to tell place names from person names). */
export function isPlaceName(name: string): boolean {
  return lookupPlace(name) !== null;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, c: string) => a + c.toUpperCase());
}

/** A place found in text, with offsets and the locative preposition before it. */
export interface PlaceMention {
  from: number;
  to: number;
  place: Place;
  /** "in", "to", "at", "from"…, lower case; null when none. */
  prep: string | null;
}

const PREP_RE = /\b(in|to|at|from|into|inside|near|north of|south of|east of|west of|outside|for|across|toward|towards|via|hosted by)\s+(?:the\s+)?$/i;

/** Find places in `text[from, to)`: gazetteer names, "the X capital", and capitalised names after a locative preposition. */
export function findPlaces(text: string, from: number, to: number, bodyFrom = 0): PlaceMention[] {
  const out: PlaceMention[] = [];
  const r = placeRe();
  r.lastIndex = from;
  for (let m: RegExpExecArray | null; (m = r.exec(text)) && m.index < to; ) {
    const end = m.index + m[0].length;
    if (end > to) break;
    // Possessive or adjectival use ("Ukraine's army", "Moscow's position", "Kabul-based") is not a place of an event.
    if (/^(?:['’]s?\b|-\p{L})/u.test(text.slice(end, end + 2))) continue;
    // "the US Mission", "UN Security Council": a name that goes on is a venue or body, not the country.
    if (/^\s[\p{Lu}]/u.test(text.slice(end, end + 2)) && !/^\s(?:on|in|at|and|for|to|with)\b/i.test(text.slice(end, end + 6))) continue;
    const place = lookupPlace(m[0]);
    if (!place) continue;
    // "Cartagena, Colombia": the country after a comma belongs to the town before it.
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    const p = PREP_RE.exec(before);
    out.push({ from: m.index, to: end, place, prep: p ? p[1]!.toLowerCase() : null });
  }
  // "the South African capital", "the Kenyan capital", "the Colombian capital"
  const cap = /\bthe\s+([\p{Lu}][\p{L}]+(?:\s+[\p{Lu}][\p{L}]+)?)\s+capital\b/gu;
  cap.lastIndex = from;
  for (let m: RegExpExecArray | null; (m = cap.exec(text)) && m.index < to; ) {
    const a = actorByDemonym(m[1]!) ?? actorByName(m[1]!);
    if (!a || a.kind !== 'country') continue;
    const c: WorldCountry = a.country;
    const capital = c.capital;
    const p = PREP_RE.exec(text.slice(Math.max(0, m.index - 16), m.index));
    out.push({ from: m.index, to: m.index + m[0].length, place: { ...(capital ? { city: capital } : {}), country: c.name }, prep: p ? p[1]!.toLowerCase() : null });
  }
  // "the capital" alone: the capital named last before it ("left Sanaa … had arrived in the capital").
  const bare = /\bthe\s+capital\b(?!\s+of\b)/g;
  bare.lastIndex = from;
  for (let m: RegExpExecArray | null; (m = bare.exec(text)) && m.index < to; ) {
    if (out.some((o) => m!.index < o.to && m!.index + m![0].length > o.from)) continue;
    const city = lastCapitalBefore(text, m.index, bodyFrom);
    if (!city) continue;
    const p = PREP_RE.exec(text.slice(Math.max(0, m.index - 16), m.index));
    out.push({ from: m.index, to: m.index + m[0].length, place: city, prep: p ? p[1]!.toLowerCase() : null });
  }
  // Other capitalised names after a locative preposition: towns, regions, venues.
  const loc = /\b(in|at|near|outside|inside)\s+(?:the\s+)?((?:[\p{Lu}][\p{L}'’-]+)(?:\s+(?:de|del|la|el|al|of|the)?\s*[\p{Lu}][\p{L}'’-]+){0,3})/gu;
  loc.lastIndex = from;
  for (let m: RegExpExecArray | null; (m = loc.exec(text)) && m.index < to; ) {
    const name = m[2]!.replace(/\s+$/, '');
    if (/['’]s\b/.test(name)) continue;
    const a = m.index + m[0].length - m[2]!.length;
    const b = a + name.length;
    if (b > to || out.some((o) => a < o.to && b > o.from)) continue;
    if (/^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|English|Spanish|French|Arabic|Russian|Parliament|Congress|Cabinet|Government|Power|Office|Charge|Favour|Favor|Response|Exchange|Return|Addition|Particular|Total|Part|Full|General|Principle|Practice|Theory|Public|Private|Person|Time|Order|Line|Place|Power|Talks|Contact|Force|Effect|Response)\b/.test(name)) continue;
    if (actorByDemonym(name.split(/\s+/)[0]!) && name.includes(' ')) continue;
    const venue = /\b(?:Cent(?:er|re)|Hotel|Palace|Hall|House|Theatre|Theater|Teatro|Stadium|Club|Mission|Embassy|Building|Quinta|Chancellery|Residence|Castle|Villa)\b/.test(name);
    // "in Shire, in north-western Tigray", "in Cartagena, Colombia"
    const after = text.slice(b, b + 40);
    const country = /^,\s+([\p{Lu}][\p{L}]+(?:\s+[\p{Lu}][\p{L}]+)?)/u.exec(after);
    const ca = country ? actorByName(country[1]!) : null;
    const place: Place = venue ? { venue: name } : { city: name, ...(ca && ca.kind === 'country' ? { country: ca.country.name } : {}) };
    out.push({ from: a, to: b, place, prep: m[1]!.toLowerCase() });
  }
  // "at the chancellery", "at the foreign ministry": a venue in lower case.
  const ven = /\b(at|in)\s+the\s+(chancellery|presidential\s+palace|foreign\s+ministry|parliament|royal\s+palace|state\s+guest\s+house|(?:UN|U\.N\.|United\s+Nations)\s+(?:headquarters|offices|compound))\b/gi;
  ven.lastIndex = from;
  for (let m: RegExpExecArray | null; (m = ven.exec(text)) && m.index < to; ) {
    const a = m.index + m[0].length - m[2]!.length;
    out.push({ from: a, to: a + m[2]!.length, place: { venue: m[2]! }, prep: m[1]!.toLowerCase() });
  }
  return out.sort((x, y) => x.from - y.from);
}

/**
 * The capital "the capital" stands for at `pos`: that of the country the text has named most before it
 * (by its name, capital or demonym; ties to the one named first), within 2,000 characters.
 */
function lastCapitalBefore(text: string, pos: number, bodyFrom: number): Place | null {
  const r = new RegExp(placeRe().source, 'gu');
  const floor = Math.max(bodyFrom, pos - 2000);
  r.lastIndex = floor;
  const counts = new Map<string, { n: number; first: number; country: WorldCountry; written?: string }>();
  const count = (c: WorldCountry | null, at: number, written?: string) => {
    if (!c) return;
    const e = counts.get(c.code) ?? { n: 0, first: at, country: c };
    e.n++;
    if (written && !e.written) e.written = written;
    counts.set(c.code, e);
  };
  for (let m: RegExpExecArray | null; (m = r.exec(text)) && m.index < pos; ) {
    const p = lookupPlace(m[0]);
    if (!p || p.venue) continue;
    const capOf = p.city ? countryOfCapital(p.city) : null;
    count(capOf ?? (p.country ? (actorByName(p.country) as { country?: WorldCountry } | null)?.country ?? null : null), m.index, capOf ? p.city : undefined);
  }
  const dem = /\b[\p{Lu}][\p{Ll}]+(?:i|ese|ian|an|ish|ch)\b/gu;
  dem.lastIndex = floor;
  for (let m: RegExpExecArray | null; (m = dem.exec(text)) && m.index < pos; ) {
    const a = actorByDemonym(m[0]);
    if (a?.kind === 'country') count(a.country, m.index);
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n || a.first - b.first)[0];
  const c = best?.country;
  const city = best?.written ?? c?.capital;
  return c && city ? { city, country: c.name } : null;
}

/** True when place `a` and `b` can be the same place (same city, or one's country contains the other). */
export function placesCompatible(a: Place | null, b: Place | null): boolean {
  if (!a || !b) return true;
  if (a.city && b.city) return a.city === b.city;
  if (a.country && b.country) return a.country === b.country;
  return true;
}

/** Combine two compatible places, keeping the most specific parts. */
export function mergePlaces(a: Place | null, b: Place | null): Place | null {
  if (!a) return b;
  if (!b) return a;
  return { ...(a.city || b.city ? { city: a.city ?? b.city } : {}), ...(a.country || b.country ? { country: a.country ?? b.country } : {}), ...(a.venue || b.venue ? { venue: a.venue ?? b.venue } : {}) };
}
