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
 * dropped, and a referendum without its day. Statements: see {@link extractForeignStatements}.
 */
import type { Place } from '../model/schemas.js';
import { eventTitle } from './event-title.js';
import { resolveWeekday } from './dates.js';
import type { EventLexicon } from './lexicon.js';
import { matchPersonName, type PersonIndex } from './people.js';
import { findPlaces, isPlaceName, lookupPlace } from './places.js';
import { splitRange, type PreparedText } from './text.js';
import type { EventProposal, ProposedPerson, StatementProposal } from './types.js';
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
      const future = lex.future.test(clause) || lex.hedge.test(clause);
      return resolveWeekday(published, c.get('weekday')!, future ? 'future' : 'past');
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

/**
 * A country from an adjective of nationality in Spanish or French ("colombiana", "chileno", "italien",
 * "russe", "peruano"): the word without its gender and number ending has the stem of the country's
 * English demonym ("Chilean" → "chil") or is the country's name less its last letters ("peru", "chil|e").
 */
function countryOfAdjective(word: string) {
  const stem = fold(word).replace(/(?:iennes?|iens?|ennes?|ens?|ianas?|ianos?|anas?|anos?|enas?|enos?|inas?|inos?|es|e|as|os|a|o)$/, '');
  if (stem.length < 3) return null;
  const demStem = (d: string) => fold(d).replace(/(?:ians?|eans?|ans?|ese|ish|s)$/, '');
  return worldCountries().find((c) => c.demonyms.some((d) => demStem(d) === stem) || (stem.length >= 4 && ['', 'a', 'e', 'y', 'ia'].some((x) => fold(c.name) === stem + x))) ?? null;
}

/** Persons of `[from, to)`: store persons by name, alias or surname, else names of two to four capitalised words. */
function personsIn(work: string, from: number, to: number, index: PersonIndex, lex: EventLexicon): ProposedPerson[] {
  return placedPersons(work, from, to, index, lex).map((x) => x.person);
}

/** A person of the text with the range of its name. */
interface Placed {
  person: ProposedPerson;
  from: number;
  to: number;
}

/**
 * The persons of `[from, to)` with their ranges (first mention of each). A new person's party is an
 * acronym or an adjective of nationality in the words just before the name ("el máximo jefe de las
 * FARC, Rodrigo …", "le ministre italien des Affaires étrangères, Luigi …").
 */
function placedPersons(work: string, from: number, to: number, index: PersonIndex, lex: EventLexicon): Placed[] {
  const out: Placed[] = [];
  const words = [...work.slice(from, to).matchAll(/[\p{L}'’-]+/gu)].map((m) => ({ text: m[0], at: from + m.index }));
  let at = 0;
  let end = 0;
  const add = (p: ProposedPerson) => {
    if (!out.some((x) => (p.person && x.person.person === p.person) || x.person.name === p.name)) out.push({ person: p, from: at, to: end });
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
    at = words[i]!.at;
    end = words[j - 1]!.at + words[j - 1]!.text.length;
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
    const party = partyBefore(work.slice(Math.max(from, at - 70), at), index);
    add({ name, ...(party ? { party } : {}), kind: 'new' });
  }
  return out;
}

/** Party named just before a new person: an acronym after "de/des" ("de las FARC"), else an adjective of nationality ("italien", "russe"). */
function partyBefore(before: string, index: PersonIndex): string | undefined {
  const acr = /\b(?:de|del|des|du)\s+(?:las\s+|los\s+|la\s+|el\s+|l['’])?([\p{Lu}][\p{Lu}\d-]{1,7})\b[^.;]*$/u.exec(before);
  if (acr) return index.resolver.resolve(acr[1]!) ?? index.resolver.organisation(acr[1]!);
  const words = before.match(/\p{Ll}{4,}/gu) ?? [];
  for (const w of words.reverse()) {
    const c = countryOfAdjective(w);
    if (c) return index.resolver.resolve(c.name);
  }
  return undefined;
}

/**
 * Statements of a prepared report in the lexicon's language: a verb of saying ("dijo", "a déclaré")
 * with, as speaker, the last person named before it in its sentence, else the first person after it,
 * else (a dropped or titled subject: '"…", dijo a la radio', "El jefe guerrillero sostuvo") the
 * speaker of the statement before (within six sentences), else the first person of the nearest of
 * the four sentences before. No statement when an institution opens the subject ("El Centro Democrático del
 * expresidente X anunció": the party speaks, not X). Stance is not read (no cue); the date is the
 * clause's date or the publication date.
 */
export function extractForeignStatements(prep: PreparedText, published: string, index: PersonIndex, lex: EventLexicon): StatementProposal[] {
  const out: StatementProposal[] = [];
  const { work } = prep;
  const speech = new RegExp(lex.speech.source, `${lex.speech.flags.replace('g', '')}g`);
  const firstOf = new Map<number, Placed | undefined>();
  const firstPerson = (k: number) => {
    if (!firstOf.has(k)) {
      const x = prep.sentences[k]!;
      firstOf.set(k, placedPersons(work, x.from, x.to, index, lex)[0]);
    }
    return firstOf.get(k);
  };
  let last: { speaker: Placed; sentence: number } | null = null;
  for (const s of prep.sentences) {
    const people = placedPersons(work, s.from, s.to, index, lex);
    speech.lastIndex = 0;
    const m = speech.exec(work.slice(s.from, s.to));
    if (!m) continue;
    const vFrom = s.from + m.index;
    let speaker = [...people].reverse().find((p) => p.to <= vFrom);
    if (speaker) {
      const subject = work.slice(s.from, speaker.from);
      if (lex.institutions.test(subject.replace(/^\P{Lu}*/u, '').split(/\s+/).slice(0, 3).join(' '))) continue;
    }
    speaker ??= people.find((p) => p.from >= vFrom + m[0].length);
    // A dropped or titled subject ("El jefe guerrillero sostuvo"): the last speaker, else the nearest person before.
    if (!speaker && last && s.index - last.sentence <= 6) speaker = last.speaker;
    for (let k = s.index - 1; !speaker && k >= Math.max(0, s.index - 4); k--) speaker = firstPerson(k);
    if (!speaker) continue;
    last = { speaker, sentence: s.index };
    const p = speaker.person;
    const date = dateOf(work.slice(s.from, s.to), published, lex);
    const quote = /["“«]\s*([^"”»]{2,400}?)\s*["”»]/u.exec(work.slice(s.from, s.to));
    out.push({
      speaker: p,
      party: p.party ?? null,
      parties: p.party ? [p.party] : [],
      attribution: 'on-record',
      form: quote ? 'quote' : 'paraphrase',
      text: quote ? quote[1]! : prep.text.slice(s.from, s.to),
      cue: null,
      stance: null,
      provisions: [],
      topics: [],
      date: date && date <= published ? date : published,
      dateSource: date && date <= published ? 'explicit' : 'published',
      span: [s.from, s.to],
      confidence: 0.4,
    });
  }
  return out;
}
