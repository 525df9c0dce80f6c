/**
 * Events of a report in a language other than English that ./lexicon.ts describes (Spanish, French):
 * a first, deliberately narrow reader. Per clause (split at commas, semicolons and colons), the first
 * event word of the lexicon that is no purpose ("para firmar") gives the kind; the clause's hedges
 * make it possible, its future forms scheduled, else it was held; the date is the language's
 * chrono-node parse of the clause against the publication date (a bare weekday is the last one for a
 * held event, the next one for a scheduled one); the place is a gazetteer name of the clause, "la
 * capital <demonym>", a venue after "en/à", else for a held event the dateline's place; the attendees
 * are the persons of the sentence (store persons by name or surname, else capitalised names that are
 * no place or institution). A negated event word gives nothing; an event with no attendee is
 * dropped, and a referendum without its day. Statements
 * are not read in these languages yet.
 */
import type { Place } from '../model/schemas.js';
import { eventTitle } from './event-title.js';
import type { EventLexicon } from './lexicon.js';
import { matchPersonName, type PersonIndex } from './people.js';
import { findPlaces, isPlaceName, lookupPlace } from './places.js';
import { splitRange, type PreparedText } from './text.js';
import type { EventProposal, ProposedPerson } from './types.js';
import { fold, worldCountries } from './world.js';

/** A capitalised word (letters, apostrophes, hyphens). */
const CAP_WORD = /[\p{Lu}][\p{L}'’-]*/u;

/**
 * Event proposals of a prepared report in the lexicon's language.
 * @param published the publication date (YYYY-MM-DD), against which relative dates are resolved
 * @returns events in text order; never throws
 */
export function extractForeignEvents(prep: PreparedText, published: string, index: PersonIndex, lex: EventLexicon): EventProposal[] {
  const out: EventProposal[] = [];
  const { work } = prep;
  for (const s of prep.sentences) {
    const people = personsIn(work, s.from, s.to, index, lex);
    for (const [cf, ct] of clausesOf(work, s.from, s.to)) {
      const clause = work.slice(cf, ct);
      const trig = triggerOf(clause, lex);
      if (!trig) continue;
      const hedged = lex.hedge.test(clause);
      const date = dateOf(clause, published, lex);
      let status: EventProposal['status'] = hedged ? 'proposed' : lex.future.test(clause) || (date && date > published) ? 'scheduled' : 'held';
      if (status === 'held' && date && date > published) status = 'scheduled';
      const start = date && (status === 'held' ? date <= published : true) ? date : null;
      // An event needs someone who takes part in it; a referendum, its day.
      if (trig.kind === 'referendum' ? !start : !people.length) continue;
      const place = placeOf(work, cf, ct, lex) ?? (status === 'held' && prep.datelinePlace ? (lookupPlace(prep.datelinePlace) ?? { city: prep.datelinePlace }) : null);
      const span: [number, number] = [cf + trig.from, cf + trig.to];
      const attendees = trig.kind === 'referendum' ? [] : people;
      out.push({
        kind: trig.kind,
        status,
        start,
        end: null,
        precision: start ? 'day' : null,
        approximate: false,
        place,
        attendees,
        medium: trig.kind === 'phone-call' ? 'remote' : 'in-person',
        title: eventTitle(trig.kind, attendees, place),
        span,
        mentions: [span],
        confidence: 0.45,
      });
    }
  }
  return out;
}

/** The clauses of a sentence: `[from, to)` ranges split at ", ", "; " and ": ". */
function clausesOf(work: string, from: number, to: number): [number, number][] {
  return splitRange(work, from, to, /[,;:]\s+/g);
}

/** The first event word of the clause, in the lexicon's order, that is no purpose of another verb. */
function triggerOf(clause: string, lex: EventLexicon): { kind: EventProposal['kind']; from: number; to: number } | null {
  for (const t of lex.triggers) {
    const re = new RegExp(t.re.source, t.re.flags.includes('g') ? t.re.flags : `${t.re.flags}g`);
    for (let m: RegExpExecArray | null; (m = re.exec(clause)); ) {
      const before = clause.slice(Math.max(0, m.index - 40), m.index);
      if (lex.purpose.test(before)) continue;
      if (lex.negation.test(before)) return null;
      return { kind: t.kind, from: m.index, to: m.index + m[0].length };
    }
  }
  return null;
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The day a clause names, or null: an explicit date, a casual one ("mañana"), or a weekday by tense. */
function dateOf(clause: string, published: string, lex: EventLexicon): string | null {
  const ref = new Date(`${published}T12:00:00Z`);
  let results;
  try {
    results = lex.parser.parse(clause, ref);
  } catch {
    return null;
  }
  for (const r of results) {
    const c = r.start;
    if (c.isCertain('day') && c.isCertain('month')) return iso(c.get('year') ?? ref.getUTCFullYear(), c.get('month')!, c.get('day')!);
    if (c.isCertain('day')) return iso(c.get('year')!, c.get('month')!, c.get('day')!);
    if (c.isCertain('weekday')) {
      const want = c.get('weekday')!; // 0 = Sunday
      const have = ref.getUTCDay();
      const future = lex.future.test(clause) || lex.hedge.test(clause);
      const delta = future ? (want - have + 7) % 7 : -((have - want + 7) % 7);
      const d = new Date(ref.getTime() + delta * 86_400_000);
      return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
  }
  return null;
}

/** The place a clause names: a gazetteer name, the capital of a demonym, or a venue after a locative preposition. */
function placeOf(work: string, cf: number, ct: number, lex: EventLexicon): Place | null {
  const known = findPlaces(work, cf, ct).find((p) => p.place.city || p.place.country);
  if (known) return known.place;
  const clause = work.slice(cf, ct);
  const cap = lex.capitalOf.exec(clause);
  if (cap) {
    const c = countryOfAdjective(cap[1]!);
    if (c?.capital) return { city: c.capital, country: c.name };
  }
  const venue = /\b(?:en|à|au|dans)\s+(?:el|la|le|l['’])?\s*((?:[\p{Lu}][\p{L}'’-]+)(?:\s+(?:de\s+)?[\p{Lu}][\p{L}'’-]+){0,3})/u.exec(clause);
  if (venue && lex.institutions.test(venue[1]!)) return { venue: venue[1]! };
  return null;
}

/** A country from an adjective of the language ("colombiana" → Colombia): its English demonym with the language's ending. */
function countryOfAdjective(word: string) {
  const w = fold(word).replace(/(?:as|os|a|o|es|e)$/, '');
  if (w.length < 4) return null;
  return worldCountries().find((c) => c.demonyms.some((d) => fold(d) === w || fold(d).replace(/(?:an|ian)$/, '') === w.replace(/(?:an|ian|ien|ienne)$/, ''))) ?? null;
}

/** Persons of `[from, to)`: store persons by name, alias or surname, else names of two to four capitalised words. */
function personsIn(work: string, from: number, to: number, index: PersonIndex, lex: EventLexicon): ProposedPerson[] {
  const out: ProposedPerson[] = [];
  const words = [...work.slice(from, to).matchAll(/[\p{L}'’-]+/gu)].map((m) => ({ text: m[0], at: from + m.index }));
  const add = (p: ProposedPerson) => {
    if (!out.some((x) => (p.person && x.person === p.person) || x.name === p.name)) out.push(p);
  };
  for (let i = 0; i < words.length; ) {
    if (!CAP_WORD.test(words[i]!.text) || lex.function.has(words[i]!.text)) {
      i++;
      continue;
    }
    // A run of capitalised words, joined by the language's particles ("Juan Manuel Santos", "Rodrigo Londoño").
    let j = i + 1;
    while (j < words.length) {
      const w = words[j]!.text;
      const gap = work.slice(words[j - 1]!.at + words[j - 1]!.text.length, words[j]!.at);
      if (!/^\s+$/.test(gap)) break;
      if (CAP_WORD.test(w) && !lex.function.has(w)) j++;
      else if (lex.particles.has(w) && j + 1 < words.length && CAP_WORD.test(words[j + 1]!.text)) j += 2;
      else break;
    }
    const run = words.slice(i, j).map((w) => w.text);
    const name = run.join(' ');
    i = j;
    const known = matchPersonName(index, name) ?? (run.length === 1 ? null : matchPersonName(index, run[run.length - 1]!));
    if (known) {
      const p = index.byId.get(known)!;
      const party = index.partyOf.get(known);
      add({ person: known, name: p.name, ...(party ? { party } : {}), kind: 'known' });
      continue;
    }
    const caps = run.filter((w) => CAP_WORD.test(w));
    if (caps.length < 2 || caps.length > 4 || lex.institutions.test(name) || isPlaceName(name) || caps.some((w) => isPlaceName(w)) || /^[\p{Lu}]{2,}$/u.test(caps[0]!)) continue;
    add({ name, kind: 'new' });
  }
  return out;
}
