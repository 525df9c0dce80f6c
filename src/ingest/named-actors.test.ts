/**
 * Knowledge of one process must not decide what a report of another says (issue 12): every report of
 * the Russia–Ukraine corpus, ingested into an empty store and into a store of an unrelated process
 * (Gaza-like: its parties and people, with posts that also occur in Russia–Ukraine reports), proposes
 * only actors the text itself names.
 *
 * "Names" is checked independently of the extractor: a person by their name, an alias or their
 * surname written in the text; a group or new person by the phrase as written; a party by its name,
 * short form or an alias, by a name or demonym the world gazetteer gives its country or organisation,
 * or through a named person who belongs to it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Party, Person } from '../model/schemas.js';
import { extractReport } from './extract.js';
import type { IngestResult, KnownContext, ProposedPerson } from './types.js';
import { actorByName, actorForms, countryByAnyName } from './world.js';

const DIR = fileURLToPath(new URL('../../../shared/corpus/articles/', import.meta.url));
const reports = readdirSync(DIR)
  .filter((f) => /^a\d+.*\.(?:txt|md)$/.test(f))
  .sort()
  .map((f) => {
    const exp = JSON.parse(readFileSync(DIR + f.replace(/\.(?:txt|md)$/, '.expected.json'), 'utf8')) as { dateline_date: string };
    return { file: f, text: readFileSync(DIR + f, 'utf8'), published: exp.dateline_date };
  });

const party = (id: string, name: string, aliases: string[] = [], role: Party['role'] = 'party'): Party => ({ id, name, role, aliases });
const person = (id: string, name: string, onBehalfOf: string, post: string, aliases: string[] = []): Person => ({ id, name, aliases, memberships: [{ onBehalfOf, post }] });

/** A store of another process, with posts ("presidential aide", "foreign minister", "spokesman") Russia–Ukraine reports also use. */
const OTHER: KnownContext = {
  parties: [party('il', 'Israel', ['Israeli government']), party('hamas', 'Hamas', ['Islamic Resistance Movement']), party('eg', 'Egypt', ['Cairo'], 'mediator'), party('qa', 'Qatar', ['Doha'], 'mediator')],
  persons: [
    person('bn', 'Benjamin Netanyahu', 'il', 'prime minister', ['Bibi']),
    person('rd', 'Ron Dermer', 'il', 'minister of strategic affairs'),
    person('kh', 'Khalil al-Hayya', 'hamas', 'chief negotiator'),
    person('ba', 'Badr Abdelatty', 'eg', 'foreign minister'),
    person('mk', 'Majed al-Ansari', 'qa', 'foreign ministry spokesman'),
    person('as', 'Abbas Salem', 'eg', 'presidential aide'),
  ],
};

const EMPTY: KnownContext = { parties: [], persons: [] };

const squash = (s: string) => s.replace(/\s+/g, ' ');
/** Is `form` written in `text` as whole words (case-sensitive, spaces normalised)? */
function written(text: string, form: string): boolean {
  const f = squash(form.trim());
  if (f.length < 2) return false;
  const esc = f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'u').test(squash(text));
}

const surname = (n: string) => n.split(/\s+/).pop() ?? n;

/** Why an actor of the result is not named by the text, or null when it is. */
function unnamed(text: string, r: IngestResult, known: KnownContext): string[] {
  const out: string[] = [];
  const named = new Set<string>();
  const checkPerson = (p: ProposedPerson, where: string) => {
    if (p.person) {
      const k = known.persons.find((x) => x.id === p.person);
      if (!k) out.push(`${where}: unknown person id ${p.person}`);
      else if (![k.name, ...k.aliases, surname(k.name)].some((f) => written(text, f))) out.push(`${where}: ${k.name} is not named`);
      else for (const m of k.memberships) named.add(m.onBehalfOf);
    } else {
      // A joint speaker ("A; B") names each of its members.
      for (const n of p.name.split(/\s*;\s*/)) if (!written(text, n) && !written(text, n.replace(/^(?:the|a|an)\s+/i, ''))) out.push(`${where}: "${n}" is not in the text`);
    }
  };
  r.events.forEach((e, i) => e.attendees.forEach((a) => checkPerson(a, `event ${i}`)));
  r.statements.forEach((s, i) => checkPerson(s.speaker, `statement ${i}`));
  r.newPersons.forEach((p, i) => checkPerson(p, `new person ${i}`));
  const partyNamed = (id: string): boolean => {
    if (named.has(id)) return true;
    const k = known.parties.find((x) => x.id === id) ?? r.newParties.find((x) => x.id === id);
    if (!k) return false;
    const forms = [k.name, ...k.aliases, ...('short' in k && k.short ? [k.short] : [])];
    const w = actorByName(k.name) ?? (countryByAnyName(k.name) ? actorByName(countryByAnyName(k.name)!.name) : null);
    if (w) forms.push(...actorForms(w).forms);
    return forms.some((f) => written(text, f));
  };
  const ids = new Set<string>();
  for (const e of r.events) for (const a of e.attendees) if (a.party) ids.add(a.party);
  for (const s of r.statements) for (const id of [...s.parties, ...(s.party ? [s.party] : []), ...(s.speaker.party ? [s.speaker.party] : [])]) ids.add(id);
  for (const id of ids) if (!partyNamed(id)) out.push(`party ${id} is not named`);
  return out;
}

describe('a report proposes only actors its text names', () => {
  it('reads the seven Russia–Ukraine corpus reports', () => {
    expect(reports.length).toBe(7);
  });
  for (const [store, known] of [
    ['an empty store', EMPTY],
    ['a store of another process', OTHER],
  ] as const) {
    for (const rep of reports) {
      it(`${rep.file} into ${store}`, () => {
        const r = extractReport({ text: rep.text, published: rep.published }, known);
        expect(r.events.length + r.statements.length).toBeGreaterThan(0);
        expect(unnamed(rep.text, r, known)).toEqual([]);
      });
    }
  }
  it('would notice an actor the text does not name', () => {
    const rep = reports[0]!;
    const r = extractReport({ text: rep.text, published: rep.published }, OTHER);
    const forged: IngestResult = { ...r, events: [{ ...r.events[0]!, attendees: [{ person: 'as', name: 'Abbas Salem', kind: 'known', party: 'eg' }] }], statements: [] };
    expect(unnamed(rep.text, r, OTHER)).toEqual([]);
    expect(unnamed(rep.text, forged, OTHER)).toEqual(['event 0: Abbas Salem is not named', 'party eg is not named']);
  });
});
