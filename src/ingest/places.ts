/**
 * Places of diplomacy: a small gazetteer of cities and venues where negotiations are held, with their
 * country, plus the countries themselves, and descriptive names reports use ("the Emirati capital",
 * "Downing Street", "the Kremlin"). Finding a place in a sentence prefers a preposition before it
 * ("in Geneva", "to Moscow", "at the US Mission").
 */
import type { Place } from '../model/schemas.js';

interface Entry {
  city?: string;
  country?: string;
  venue?: string;
}

const CITIES: Record<string, string> = {
  Ankara: 'Turkey', Istanbul: 'Turkey', Antalya: 'Turkey', Kyiv: 'Ukraine', Kiev: 'Ukraine', Lviv: 'Ukraine', Odesa: 'Ukraine', Kharkiv: 'Ukraine',
  Moscow: 'Russia', 'St Petersburg': 'Russia', 'Saint Petersburg': 'Russia', Sochi: 'Russia', Washington: 'United States', Miami: 'United States',
  'Hallandale Beach': 'United States', 'Palm Beach': 'United States', 'New York': 'United States', Anchorage: 'United States', 'Mar-a-Lago': 'United States',
  Geneva: 'Switzerland', Bern: 'Switzerland', Davos: 'Switzerland', Zurich: 'Switzerland', 'Abu Dhabi': 'United Arab Emirates', Dubai: 'United Arab Emirates',
  Riyadh: 'Saudi Arabia', Jeddah: 'Saudi Arabia', Doha: 'Qatar', Muscat: 'Oman', Cairo: 'Egypt', Luanda: 'Angola', Bishkek: 'Kyrgyzstan', Astana: 'Kazakhstan',
  Minsk: 'Belarus', Budapest: 'Hungary', Warsaw: 'Poland', Rzeszow: 'Poland', Berlin: 'Germany', Munich: 'Germany', Paris: 'France', London: 'United Kingdom',
  Rome: 'Italy', 'Vatican City': 'Vatican', Brussels: 'Belgium', 'The Hague': 'Netherlands', Amsterdam: 'Netherlands', Vienna: 'Austria', Helsinki: 'Finland',
  Stockholm: 'Sweden', Oslo: 'Norway', Copenhagen: 'Denmark', Madrid: 'Spain', Lisbon: 'Portugal', Prague: 'Czech Republic', Bratislava: 'Slovakia',
  Bucharest: 'Romania', Chisinau: 'Moldova', Tbilisi: 'Georgia', Baku: 'Azerbaijan', Yerevan: 'Armenia', Beijing: 'China', 'New Delhi': 'India', Tokyo: 'Japan',
  Jerusalem: 'Israel', 'Tel Aviv': 'Israel', Tehran: 'Iran', Baghdad: 'Iraq', Ottawa: 'Canada', Brasilia: 'Brazil', Pretoria: 'South Africa', Johannesburg: 'South Africa',
};

const COUNTRIES = [
  'Turkey', 'Türkiye', 'Ukraine', 'Russia', 'United States', 'Switzerland', 'United Arab Emirates', 'UAE', 'Saudi Arabia', 'Qatar', 'Oman', 'Egypt', 'Angola',
  'Kyrgyzstan', 'Kazakhstan', 'Belarus', 'Hungary', 'Poland', 'Germany', 'France', 'United Kingdom', 'Britain', 'Italy', 'Belgium', 'Netherlands', 'Austria',
  'Finland', 'Sweden', 'Norway', 'Denmark', 'Spain', 'Portugal', 'China', 'India', 'Japan', 'Israel', 'Iran', 'Canada', 'Brazil', 'South Africa', 'Florida', 'Vatican',
];

const DESCRIPTIVE: Record<string, Entry> = {
  'the Emirati capital': { city: 'Abu Dhabi', country: 'United Arab Emirates' },
  'the Saudi capital': { city: 'Riyadh', country: 'Saudi Arabia' },
  'the Turkish capital': { city: 'Ankara', country: 'Turkey' },
  'the Ukrainian capital': { city: 'Kyiv', country: 'Ukraine' },
  'the Russian capital': { city: 'Moscow', country: 'Russia' },
  'the Swiss city': { city: 'Geneva', country: 'Switzerland' },
  'the Kremlin': { city: 'Moscow', country: 'Russia', venue: 'Kremlin' },
  Kremlin: { city: 'Moscow', country: 'Russia', venue: 'Kremlin' },
  'Downing Street': { city: 'London', country: 'United Kingdom', venue: 'Downing Street' },
  'the White House': { city: 'Washington', country: 'United States', venue: 'White House' },
  'the Elysee': { city: 'Paris', country: 'France', venue: 'Elysee Palace' },
  'the Elysée': { city: 'Paris', country: 'France', venue: 'Elysee Palace' },
  'the US Mission': { venue: 'US Mission' },
  'the U.S. Mission': { venue: 'US Mission' },
};

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALL = [...Object.keys(DESCRIPTIVE), ...Object.keys(CITIES), ...COUNTRIES].sort((a, b) => b.length - a.length);
const RE = new RegExp(`(?<![\\p{L}])(?:${ALL.map(esc).join('|')})(?![\\p{L}])`, 'gu');
const LOOKUP = new Map<string, Entry>();
for (const [k, v] of Object.entries(DESCRIPTIVE)) LOOKUP.set(k, v);
for (const [k, v] of Object.entries(CITIES)) LOOKUP.set(k, { city: k === 'Kiev' ? 'Kyiv' : k, country: v });
for (const c of COUNTRIES) LOOKUP.set(c, { country: c === 'Britain' ? 'United Kingdom' : c === 'UAE' ? 'United Arab Emirates' : c === 'Türkiye' ? 'Turkey' : c });

/** True when `name` is in the gazetteer (used to tell place names from person names). */
export function isPlaceName(name: string): boolean {
  return LOOKUP.has(name) || LOOKUP.has('the ' + name);
}

/** Look up a city or country by name ("ABU DHABI" from a bulletin header works too). */
export function lookupPlace(name: string): Place | null {
  const n = name.trim();
  const direct = LOOKUP.get(n) ?? LOOKUP.get(titleCase(n));
  return direct ? { ...direct } : null;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** A place found in text, with offsets and whether a locative preposition precedes it. */
export interface PlaceMention {
  from: number;
  to: number;
  place: Place;
  /** "in", "to", "at", "from"…, lower case; null when none. */
  prep: string | null;
}

/** Find gazetteer places in `text[from, to)`. */
export function findPlaces(text: string, from: number, to: number): PlaceMention[] {
  const out: PlaceMention[] = [];
  RE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = RE.exec(text)) && m.index < to) {
    const entry = LOOKUP.get(m[0])!;
    // Possessive or adjectival use ("Ukraine's army", "Moscow's position") is not a place of an event.
    if (/^['’]s?\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2))) continue;
    const before = text.slice(Math.max(0, m.index - 14), m.index);
    const p = /\b(in|to|at|from|into|inside|near|north of|south of|outside|for)\s+(?:the\s+)?$/i.exec(before);
    out.push({ from: m.index, to: m.index + m[0].length, place: { ...entry }, prep: p ? p[1]!.toLowerCase() : null });
  }
  return out;
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
