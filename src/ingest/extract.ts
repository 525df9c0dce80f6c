/**
 * Report ingestion: a news report and its publication date in, proposed events and attributed
 * statements out, each traced to its characters. Pure: nothing is read or written; a reviewer accepts,
 * edits or rejects the proposals later (see the review queue).
 *
 * Bad input:
 * - publication date missing or malformed → `AccordError` `invalid_input` (field `published`);
 * - text not a string → `invalid_input` (field `text`); longer than {@link MAX_REPORT_CHARS} → `too_large`;
 * - empty text, a text in another language, a text with no body → an empty result with a warning;
 * - HTML → its tags are ignored (offsets still index the HTML as given) and a warning says so.
 */
import { AccordError, invalid } from '../model/errors.js';
import { isoDateProblem } from '../model/dates.js';
import type { Analysis } from './context.js';
import { findDateMentions } from './dates.js';
import { extractEvents } from './events.js';
import { extractForeignEvents, extractForeignStatements } from './foreign.js';
import { eventLexicon } from './lexicon.js';
import { buildPersonIndex, findMentions, type PersonIndex } from './people.js';
import { findAttributions, extractStatements } from './statements.js';
import { detectLanguage } from './language.js';
import { prepareText } from './text.js';
import { eventOfStatement } from './link.js';
import type { EventProposal, IngestResult, IngestWarning, KnownContext, ProposedPerson, ReportInput, StatementProposal } from './types.js';

/** English name of a language code ("es" → "Spanish"). */
function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return `language "${code}"`;
  }
}

/** Longest report accepted, in UTF-16 code units (a long feature is ~30,000). */
export const MAX_REPORT_CHARS = 200_000;

const indexCache = new WeakMap<KnownContext, PersonIndex>();

/** Validate the publication date: `YYYY-MM-DD`, a real day. Throws `invalid_input` naming the field. */
export function checkPublished(published: unknown): string {
  if (published === undefined || published === null || published === '') {
    throw invalid('the publication date is required (YYYY-MM-DD): relative dates such as "on Tuesday" are resolved against it', { field: 'published' });
  }
  if (typeof published !== 'string') throw invalid('the publication date must be a string YYYY-MM-DD', { field: 'published' });
  const p = published.trim();
  const problem = isoDateProblem(p);
  if (problem) throw invalid(`${problem}; the publication date must be a day, YYYY-MM-DD`, { field: 'published' });
  if (p.length !== 10) throw invalid(`"${p}" gives no day; the publication date must be a day, YYYY-MM-DD`, { field: 'published' });
  return p;
}

/**
 * Propose events and statements from a report.
 *
 * @param input `text` (plain text or Markdown), `published` (`YYYY-MM-DD`), optional `outlet` and `url`
 * @param known persons and parties of the process (names, aliases, posts), optionally its provisions
 * @returns proposals with spans into `input.text`, new persons named in it, and warnings
 * @throws AccordError `invalid_input` (bad publication date or text type), `too_large` (text too long)
 */
export function extractReport(input: ReportInput, known: KnownContext): IngestResult {
  if (!input || typeof input !== 'object') throw invalid('expected a report { text, published }', { field: 'text' });
  const published = checkPublished(input.published);
  const text = input.text;
  if (typeof text !== 'string') throw invalid('the report text must be a string', { field: 'text' });
  if (text.length > MAX_REPORT_CHARS) {
    throw new AccordError('too_large', `the report has ${text.length} characters; at most ${MAX_REPORT_CHARS} are accepted (split it into several reports)`, { field: 'text' });
  }
  const result: IngestResult = {
    published,
    ...(input.outlet ? { outlet: input.outlet } : {}),
    ...(input.url ? { url: input.url } : {}),
    events: [],
    statements: [],
    newPersons: [],
    newParties: [],
    language: 'und',
    warnings: [],
  };
  const warn = (w: IngestWarning) => result.warnings.push(w);
  if (text.trim() === '') {
    warn({ code: 'empty', message: 'the report is empty: nothing to propose' });
    return result;
  }
  const prep = prepareText(text);
  if (prep.looksLikeHtml) warn({ code: 'html', message: 'the report looks like HTML: its tags were ignored; paste the article text for best results' });
  if (prep.furniture.length) warn({ code: 'furniture', message: `${prep.furniture.length} line(s) of page furniture (navigation, related links, captions, bylines, prompts) were left out` });
  const body = prep.work.slice(prep.bodyFrom, prep.bodyTo);
  const lang = detectLanguage(body);
  result.language = lang.code;
  const lexicon = lang.english ? null : eventLexicon(lang.code);
  if (!lang.english && !lexicon) {
    warn({ code: 'not_english', message: `the report is in ${languageName(lang.code)}; Accord reads reports in English only, so nothing is proposed (ingest an English version or translation)` });
    return result;
  }
  if (!prep.sentences.length) {
    warn({ code: 'no_body', message: 'no sentences found in the report body (only a headline or a list of links?)' });
    return result;
  }

  let index = indexCache.get(known);
  if (!index) {
    index = buildPersonIndex(known.persons ?? [], known.parties ?? []);
    indexCache.set(known, index);
  }
  if (lexicon) {
    // Another language with an event lexicon (./lexicon.ts): events only, no statements yet.
    warn({ code: 'partial_language', message: `the report is in ${languageName(lang.code)}; Accord reads events (kind, status, date, place, people) and who said something in it, not stances or points: review each proposal` });
    result.events = extractForeignEvents(prep, published, index, lexicon);
    result.statements = extractForeignStatements(prep, published, index, lexicon).map((s) => ({ ...s, event: eventOfStatement(result.events, s) }));
    const seen = new Set<string>();
    for (const p of [...result.events.flatMap((e) => e.attendees), ...result.statements.map((s) => s.speaker)])
      if (p.kind === 'new' && !seen.has(p.name)) {
        seen.add(p.name);
        result.newPersons.push({ name: p.name, ...(p.party ? { party: p.party } : {}), kind: 'new' });
      }
    addNewParties(result, index);
    return result;
  }
  const dates = findDateMentions(prep.work, published, prep.bodyFrom, prep.bodyTo, prep.dateline ? [prep.dateline] : []);
  if (prep.dateline) {
    const dl = findDateMentions(prep.work, published, prep.dateline[0], prep.dateline[1]);
    const d = dl[0];
    if (d && d.precision === 'day' && d.start !== published) {
      warn({ code: 'dateline_mismatch', message: `the dateline says ${d.start} but the publication date given is ${published}; relative dates use ${published}` });
    }
  }
  const mentions = findMentions(prep, index);
  const a: Analysis = { prep, work: prep.work, published, known, index, dates, mentions, places: [], attributions: [] };
  a.attributions = findAttributions(a);
  result.events = extractEvents(a);
  result.statements = extractStatements(a).map((s) => ({ ...s, event: eventOfStatement(result.events, s) }));
  const seen = new Set<string>();
  for (const m of mentions) {
    if (m.kind === 'person' && m.isNew && !seen.has(m.name)) {
      seen.add(m.name);
      const party = m.party ?? mentions.find((x) => x.isNew && x.name === m.name && x.party)?.party;
      const title = m.title ?? mentions.find((x) => x.isNew && x.name === m.name && x.title)?.title;
      result.newPersons.push({ name: m.name, ...(party ? { party } : {}), kind: 'new', ...(title ? { post: title } : {}) });
    }
  }
  addNewParties(result, index);
  return result;
}

/** Parties the proposals name that the store does not hold, as `result.newParties`. */
function addNewParties(result: IngestResult, index: PersonIndex): void {
  const used = new Set<string>();
  for (const e of result.events) for (const p of e.attendees) if (p.party) used.add(p.party);
  for (const st of result.statements) for (const p of st.parties) used.add(p);
  for (const p of result.newPersons) if (p.party) used.add(p.party);
  for (const id of used) {
    if (index.resolver.inStore(id)) continue;
    const prop = index.resolver.proposal(id);
    if (prop) result.newParties.push({ ...prop, aliases: [...prop.aliases] });
  }
}

/** The CLI `--json` contract: events and statements with names, party ids, provision numbers and spans. */
export interface IngestJson {
  events: { kind: string; status: string; start: string | null; end: string | null; place: string | null; attendees: string[]; span: [number, number] }[];
  statements: { speaker: string; party: string | null; attribution: string; stance: string | null; provisions: string[]; date: string | null; span: [number, number] }[];
}

/** Render a place as "city, country (venue)". */
export function placeLabel(p: EventProposal['place']): string | null {
  if (!p) return null;
  const main = [p.city, p.country].filter(Boolean).join(', ');
  return p.venue ? (main ? `${main} (${p.venue})` : p.venue) : main || null;
}

/** Map a result to the CLI JSON contract (`stance` is the cue as read, e.g. "conditional"). */
export function toIngestJson(r: IngestResult): IngestJson {
  return {
    events: r.events.map((e) => ({
      kind: e.kind,
      status: e.status,
      start: e.start,
      end: e.end,
      place: placeLabel(e.place),
      attendees: e.attendees.map((p: ProposedPerson) => p.name),
      span: e.span,
    })),
    statements: r.statements.map((s: StatementProposal) => ({
      speaker: s.speaker.name,
      party: s.party,
      attribution: s.attribution,
      stance: s.cue,
      provisions: s.provisions,
      date: s.date,
      span: s.span,
    })),
  };
}
