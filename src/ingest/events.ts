/**
 * Events in a report: meetings, visits, phone calls, rounds of talks, publications, statements (a
 * leader's dated address or interview, a resignation), with status, date, place and attendees.
 *
 * Per clause, a trigger word gives the kind (phone call > video call > talks/meeting > visit); the
 * clause gives attendees (persons, groups such as "a Russian delegation", parties named as subjects),
 * the date nearest the trigger (two dates joined by "and"/"to" make a range), a place after a
 * locative preposition, and the status: postponement or cancellation words anywhere in the sentence,
 * else future markers ("is due to", "will", "was sending … to meet") or a date after publication →
 * scheduled, else held. Clauses that deny or doubt the event ("it was wrong to say", "is not planned",
 * "hoped to") give none; a definite noun ("the talks", "his recent talks") refers back to an event
 * already told and gives none either.
 *
 * Mentions of the same event are merged (same kind, or a visit and the meeting it was for; status,
 * date, place compatible; one side's people covered by the other's people or groups). A visit to meet
 * someone of another party is a meeting; a meeting or round of talks between teams or delegations, or
 * one lasting several days, is talks.
 */
import type { EventKind, EventStatus, Place } from '../model/schemas.js';
import type { Analysis, Attribution } from './context.js';
import { clauses, datesIn, discourseDate, mentionsIn, sentenceAt } from './context.js';
import type { Mention } from './people.js';
import { findPlaces, lookupPlace, mergePlaces, placesCompatible } from './places.js';
import { proposedPerson, speechDate } from './statements.js';
import type { DateMention, EventProposal, ProposedPerson, Span } from './types.js';

interface Trigger {
  kind: EventKind | 'talks-noun' | 'video' | 'handover';
  from: number;
  to: number;
  noun: boolean;
}

const TRIGGERS: { kind: Trigger['kind']; re: RegExp; noun?: boolean }[] = [
  { kind: 'video', re: /\bvideo\s*(?:call|conference|link)\b|\bvideoconference\b/gi, noun: true },
  { kind: 'phone-call', re: /\b(?:phone\s+call|(?:tele)?phoned|telephone\s+(?:conversation|call)|on\s+the\s+phone|by\s+phone|call\s+with|spoke\s+(?:[\w\s]{0,20}?\s)?with)\b/gi },
  { kind: 'handover', re: /\b(?:handed|delivered|presented)\b(?=[^.;]{0,60}\b(?:plan|proposal|text|draft|document|letter|framework|points)\b)/gi },
  { kind: 'talks-noun', re: /\b(?:talks|negotiations|consultations)\b/gi, noun: true },
  {
    kind: 'meeting',
    re: /\b(?:met|meet|meets|meeting|sat\s+down\s+with|hosted|hosts|received|receives|walked\s+\w+(?:\s+[\w',]+){0,8}?\s+through|briefed|gathered|session|(?:due|expected|set|scheduled|going|plans?|planned)\s+to\s+see|spent\s+(?:\w+\s+){1,3}(?:days?|hours?)\s+with)\b/gi,
  },
  { kind: 'visit', re: /\b(?:visit(?:s|ed|ing)?|trip|landed\s+in|arrived\s+in|arrives\s+in|travel(?:l?ed|s|ling)?\s+(?:on\s+)?to|(?:flew|fly|flies)\s+to|(?:is|are|was|were)\s+(?:due|expected)\s+in|due\s+in)\b/gi },
  { kind: 'statement', re: /\bresign(?:s|ed|ation)\b/gi },
  { kind: 'summit', re: /\bsummit\b/gi, noun: true },
];

const DENIAL = /\b(?:never|not|n't|wrong\s+to\s+say|denied|hop(?:e|es|ed)\s+to|wants?\s+to|wanted\s+to|would\s+like\s+to|might|if|whether|could|offer(?:s|ed)?\s+to|propos(?:es|ed|al)\s+to|ready\s+to|willing\s+to)\b|\bmay\b(?!\s+\d)/i;
const POSTPONED = /\b(?:put\s+off|postpon(?:e|ed|es|ing|ement)|delayed|pushed\s+back|deferred)\b/i;
const CANCELLED = /\b(?:cancel(?:l?ed|s)|called\s+off|scrapped|abandoned)\b/i;
const RESCHEDULED = /\brescheduled\b|\bmoved\s+(?:forward\s+)?to\s+(?:a\s+)?(?:new|later|next|\w+day)\b/i;
const FUTURE = /\b(?:will|shall|(?:is|are|am|was|were)\s+(?:due|expected|set|scheduled|planned|to\s+(?:meet|visit|travel|hold|attend))|due\s+(?:to|in)|plans?\s+to|planned|(?:is|are|was|were)\s+sending|would\s+(?:meet|visit|travel|hold|attend|go|fly|see)|to\s+visit|no\s+date\s+has\s+been)\b/i;
const TALKS_WORDS = /\b(?:talks|negotiations|delegations?|team|discussions?|consultations)\b/i;
const ANAPHORIC = /\b(?:the|this|that|these|those|his|her|their|its|such\s+a|such|our)\s+(?:(?!(?:to|and|or|with|of)\s)[\w"'-]+\s+){0,4}$/i;
const SETTING = /\b(?:address|interview|press\s+conference|news\s+conference|briefing|speech|remarks|told\s+reporters|told\s+journalists|speaking\s+to\s+reporters|told\s+(?:Ukrainians|Russians|Americans|the\s+nation|parliament|lawmakers))\b/i;
const NO_DATE = /\bno\s+date\s+(?:has\s+been|was|is|had\s+been)\s+(?:fixed|set|agreed|announced)\s+for\s+(?:such\s+a|the|a|this|that)\s+(meeting|summit|visit|talks|call)\b/i;
const ATTEND = /\b(?:took\s+part|take\s+part|participated|attended|were\s+present|was\s+present)\b/i;
const PUBLISH = /^\s*(?:,\s*)?(?:first\s+)?(?:reported|published|revealed|broke\s+the\s+news)\b/i;
const PUBLISHED_BY = /\b(?:published|reported|revealed)\s+by\s+$/i;

type Draft = EventProposal & { _persons: Set<string>; _groups: { party?: string; name: string }[]; _explicitDate: boolean; _para: number; _from: number; _fill?: boolean };

/** Extract event proposals. */
export function extractEvents(a: Analysis): EventProposal[] {
  const drafts: Draft[] = [];
  const { work } = a;
  const attribBySentence = new Map<number, Attribution[]>();
  for (const at of a.attributions) {
    const l = attribBySentence.get(at.sentence.index) ?? [];
    l.push(at);
    attribBySentence.set(at.sentence.index, l);
  }
  const excludedSpeakers = new Set<Mention>();
  const sourcePhrases: [number, number][] = [];
  for (const at of a.attributions) {
    // Sources of a report are not attendees: "officials said", "US officials told CBS News".
    for (const sp of at.speakers) if ((sp.kind === 'group' && /officials?|sources|diplomats/i.test(sp.head ?? '')) || sp.kind === 'outlet') excludedSpeakers.add(sp);
    if (at.source) {
      const rest = work.slice(at.verbTo, at.sentence.to);
      const stop = /[,;.]/.exec(rest);
      sourcePhrases.push([at.verbFrom, stop ? at.verbTo + stop.index : at.sentence.to]);
    }
  }

  for (const s of a.prep.sentences) {
    const sText = work.slice(s.from, s.to);
    const ats = attribBySentence.get(s.index) ?? [];
    // "No date has been fixed for such a meeting": an undated, scheduled event between the people just named.
    const nd = NO_DATE.exec(sText);
    if (nd) {
      const prev = a.prep.sentences[s.index - 1];
      const people = prev && prev.para === s.para ? mentionsIn(a, prev.from, prev.to).filter((m) => (m.person || m.isNew) && (m.kind === 'person' || (m.kind === 'pronoun' && !m.modifier))) : [];
      const attendees = uniquePeople(people);
      if (attendees.length >= 2) {
        const kind: EventKind = nd[1] === 'summit' ? 'summit' : nd[1] === 'talks' ? 'talks' : nd[1] === 'visit' ? 'visit' : nd[1] === 'call' ? 'phone-call' : 'meeting';
        drafts.push(makeDraft(a, kind, 'scheduled', null, null, attendees, [s.from + nd.index, s.from + nd.index + nd[0].length], s.para, 'in-person', false));
      }
      continue;
    }
    // "From Russian side in the conversation took part X and Y": add people to the last event.
    if (ATTEND.test(sText) && /\b(?:the|this)\s+(?:conversation|meeting|talks|session|call)\b/i.test(sText)) {
      const last = drafts[drafts.length - 1];
      if (last && last._para >= s.para - 1) {
        for (const m of mentionsIn(a, s.from, s.to)) if (m.kind === 'person' && (m.person || m.isNew) && !m.modifier) addAttendee(last, proposedPerson(m));
        continue;
      }
    }
    const postponed = POSTPONED.test(sText) && /\b(?:had\s+been|was|were)\s+(?:due|expected|scheduled|planned|set)|\b(?:trip|visit|meeting|talks|round|summit)\b/i.test(sText);
    const cancelled = CANCELLED.test(sText);
    const rescheduled = RESCHEDULED.test(sText);
    const sentenceClauses = clauses(work, s.from, s.to);
    const quietClauses = sentenceClauses.filter(([x, y]) => findTriggers(work.slice(x, y), x, work).length === 0);
    for (const [cf, ct] of sentenceClauses) {
      const clause = work.slice(cf, ct);
      // A definite noun ("the talks", "his recent talks") refers back to an event already told.
      const triggers = findTriggers(clause, cf, work).filter((t) => !(t.noun && ANAPHORIC.test(work.slice(Math.max(s.from, t.from - 40), t.from))));
      if (!triggers.length) {
        publication(a, drafts, cf, ct, s);
        continue;
      }
      if (DENIAL.test(clause.replace(/\bnot\s+only\b/gi, ''))) continue;
      // "received" and "hosted" are meetings only with someone received: "Russia had received the plan" is not.
      if (triggers.every((t) => /^(?:receiv|host)/i.test(work.slice(t.from, t.to)))) {
        const tEnd = triggers[0]!.to;
        const obj = mentionsIn(a, tEnd, Math.min(ct, tEnd + 80)).find((m) => m.kind === 'person' && (m.person || m.isNew));
        if (!obj || /[,;]/.test(work.slice(tEnd, obj.from))) continue;
      }
      const kinds = new Set(triggers.map((t) => t.kind));
      const t0 = triggers[0]!;
      // Inside reported speech ("Trump said he was sending Witkoff to meet Putin") the speaker is not an attendee.
      const speech = ats.find((at) => at.contentFrom <= t0.from && at.verbTo <= t0.from);
      const minFrom = speech ? speech.contentFrom : cf;
      // Attendees in the clause.
      const ms = mentionsIn(a, Math.max(cf, minFrom), ct).filter(
        (m) => !excludedSpeakers.has(m) && !sourcePhrases.some(([x, y]) => m.from >= x && m.to <= y) && m.kind !== 'outlet' && m.kind !== 'document',
      );
      let people = ms.filter(
        (m) =>
          ((m.kind === 'person' && (m.person || m.isNew) && !m.modifier) || (m.kind === 'pronoun' && (m.person || m.isNew) && /^(he|she|him)$/i.test(m.text))) &&
          // Whoever sends someone ("was sending Witkoff to meet Putin") does not attend.
          !/^\s+(?:(?:was|is|will\s+be|would\s+be|has|had)\s+)?(?:send|sends|sending|sent|dispatch\w*)\b/i.test(work.slice(m.to, m.to + 30)),
      );
      const groups = ms.filter((m) => m.kind === 'group' && !m.negated && !m.modifier && (m.party || m.head === 'delegation' || m.head === 'team' || m.head === 'leaders'));
      const partyGroups = ms.filter((m) => m.kind === 'party' && !m.modifier && isSubjectParty(work, m));
      let kind: EventKind;
      let medium: 'in-person' | 'remote' = 'in-person';
      if (kinds.has('phone-call')) kind = 'phone-call';
      else if (kinds.has('video')) {
        kind = 'meeting';
        medium = 'remote';
      } else if (kinds.has('handover')) kind = 'meeting';
      else if (kinds.has('meeting')) kind = TALKS_WORDS.test(clause) ? 'talks' : 'meeting';
      else if (kinds.has('talks-noun')) kind = 'talks';
      else if (kinds.has('visit')) kind = 'visit';
      else if (kinds.has('statement')) kind = 'statement';
      else kind = 'summit';
      // "on the sidelines of the … summit": a meeting at the summit.
      if (kind === 'summit' && /\bsidelines\s+of\b/i.test(clause)) kind = 'meeting';
      if (kind === 'statement') people = people.slice(0, 1);
      // A verb without people in its clause takes the sentence's subject.
      if (!people.length && !groups.length && !partyGroups.length) {
        const subj = mentionsIn(a, s.from, cf).find((m) => m.kind === 'person' && (m.person || m.isNew) && !m.modifier);
        if (subj && !t0.noun) people = [subj];
      }
      const attendees = uniquePeople(people);
      for (const g of [...groups, ...partyGroups]) {
        const p = proposedPerson(g);
        if (!attendees.some((x) => x.name === p.name)) attendees.push({ ...p, kind: 'group' });
      }
      if (!attendees.length) continue;
      // Dates: within the clause, nearest the trigger; inside reported speech only after the verb.
      let ds = datesIn(a, Math.max(cf, minFrom), ct);
      // No date in the clause: a date in a clause of the same sentence that tells no other event
      // ("A visit … that had been planned for this week was postponed").
      if (!ds.length) ds = quietClauses.flatMap(([x, y]) => datesIn(a, Math.max(x, minFrom), y));
      const range = dateRange(work, ds, t0.from);
      let start: string | null = range ? range.start : null;
      let end: string | null = range ? range.end : null;
      let approximate = range ? range.approximate : false;
      let explicit = !!range;
      // Status.
      let status: EventStatus = 'held';
      if (postponed) status = 'postponed';
      else if (cancelled) status = 'cancelled';
      else if (rescheduled) status = 'rescheduled';
      else if (FUTURE.test(clause) || (start !== null && start > a.published)) status = 'scheduled';
      if (kind === 'statement') status = 'held';
      const fill = !start && status !== 'scheduled';
      ds = [];
      // Place.
      let place = kind === 'statement' ? nearPlace(a, t0.to, ct) : placeFor(a, cf, ct, kind, status, s.para, drafts);
      if (medium === 'remote' || kind === 'phone-call') place = null;
      // A visit to meet someone of another party is a meeting.
      if (kind === 'visit') {
        const ps = new Set(people.map((m) => m.party).filter(Boolean));
        if (ps.size >= 2) kind = 'meeting';
      }
      if ((kind === 'meeting' || kind === 'talks') && end && end !== start && !approximate) kind = 'talks';
      const d = makeDraft(a, kind, status, start, end, attendees, [t0.from, t0.to], s.para, medium, approximate, place, explicit);
      d._fill = fill;
      drafts.push(d);
    }
    // A leader's dated address, interview or remarks is itself an event.
    statementEvent(a, drafts, s, ats);
  }
  if (process.env.ACCORD_DEBUG_EVENTS) for (const d of drafts) console.error('draft', d.kind, d.status, d.start, d.attendees.map((p) => p.name).join(','), JSON.stringify(work.slice(d.span[0], d.span[1])));
  return finish(fillDates(a, merge(drafts)));
}

function findTriggers(clause: string, offset: number, work: string): Trigger[] {
  const out: Trigger[] = [];
  for (const t of TRIGGERS) {
    t.re.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = t.re.exec(clause)); ) {
      const from = offset + m.index;
      const to = from + m[0].length;
      if (out.some((o) => from < o.to && to > o.from)) continue;
      // "what the Army called a fact-finding mission" and similar are not events.
      if (t.kind === 'meeting' && /^meeting$/i.test(m[0]) && /\b(?:the|this|that)\s+$/i.test(work.slice(from - 5, from))) {
        out.push({ kind: t.kind, from, to, noun: true });
        continue;
      }
      const verbal = /\b(?:to|will|would|could|can|may|might|must|should)\s+$/i.test(work.slice(Math.max(0, from - 8), from));
      out.push({ kind: t.kind, from, to, noun: !verbal && (!!t.noun || /^(?:meeting|session|trip|visit|summit)$/i.test(m[0])) });
    }
  }
  return out.sort((x, y) => x.from - y.from);
}

/** A party named as an actor ("The United States and Ukraine emerged…"), not as a place or adjective. */
function isSubjectParty(work: string, m: Mention): boolean {
  if (!/^[A-Z]/.test(m.text) || /(?:ian|ish|ese|ean|can|ch)s?$/.test(m.text) && !/^(?:the\s+)?(?:Kremlin|White House)$/i.test(m.text)) return false;
  const before = work.slice(Math.max(0, m.from - 60), m.from);
  if (/\b(?:in|to|from|at|for|of|on|into|by|with|against|than)\s+(?:the\s+)?(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?,?\s+)*(?:and\s+)?$/.test(before)) return false;
  const after = work.slice(m.to, m.to + 30);
  return /^(?:\s+and\s+[A-Z][\w ]+)?\s+(?:\w+ed|met|held|sat|emerged|spent|agreed|had|were|was)\b/.test(after) || /^\s+and\s+(?:the\s+)?[A-Z]/.test(after);
}

function uniquePeople(ms: Mention[]): ProposedPerson[] {
  const out: ProposedPerson[] = [];
  for (const m of ms) {
    const p = proposedPerson(m);
    if (out.some((x) => (p.person && x.person === p.person) || (!p.person && x.name === p.name))) continue;
    out.push(p);
  }
  return out;
}

function addAttendee(d: Draft, p: ProposedPerson): void {
  if (d.attendees.some((x) => (p.person && x.person === p.person) || x.name === p.name)) return;
  d.attendees.push(p);
  if (p.person) d._persons.add(p.person);
  else if (p.kind === 'new') d._persons.add('new:' + p.name);
}

/** The date (or range) of the trigger at `pos` from the clause's date mentions. */
function dateRange(work: string, ds: DateMention[], pos: number): { start: string; end: string | null; approximate: boolean } | null {
  if (!ds.length) return null;
  // Ranges written as two mentions: "Monday night and much of Tuesday", "from March 3 to 5".
  for (let i = 0; i < ds.length - 1; i++) {
    const x = ds[i]!;
    const y = ds[i + 1]!;
    const gap = work.slice(x.to, y.from);
    if (/^\s*(?:and\s+(?:much|most|all|part)\s+of\s+|to\s+|through\s+|until\s+|till\s+|-\s*)$/i.test(gap)) {
      return { start: x.start, end: y.end ?? y.start, approximate: false };
    }
  }
  let best = ds[0]!;
  let bestDist = Infinity;
  for (const d of ds) {
    const dist = d.from >= pos ? d.from - pos : pos - d.to;
    if (dist < bestDist) {
      best = d;
      bestDist = dist;
    }
  }
  return { start: best.start, end: best.end, approximate: best.approximate };
}

function placeFor(a: Analysis, cf: number, ct: number, kind: EventKind, status: EventStatus, para: number, drafts: Draft[]): Place | null {
  const { work } = a;
  const inClause = findPlaces(work, cf, ct).filter((p) => p.prep && p.prep !== 'from' && p.prep !== 'for');
  const pick = inClause.find((p) => p.prep === 'in' || p.prep === 'at' || p.prep === 'inside') ?? inClause[0];
  if (pick) {
    let place = pick.place;
    // A venue alone ("at the US Mission") with a city elsewhere in the clause.
    if (!place.city && !place.country) {
      const city = inClause.find((p) => p.place.city);
      if (city) place = mergePlaces(place, city.place)!;
    }
    return place;
  }
  if (status === 'scheduled' || kind === 'phone-call') return null;
  const s = sentenceAt(a, cf);
  if (s) {
    const inSentence = findPlaces(work, s.from, s.to).filter((p) => p.prep === 'in' || p.prep === 'at');
    if (inSentence[0]) return inSentence[0].place;
  }
  const header = a.prep.paragraphs[para]?.headerPlace;
  if (header) {
    const p = lookupPlace(header);
    if (p) return p;
  }
  const prev = [...drafts].reverse().find((d) => d._para === para && d.place && d.medium === 'in-person' && d.kind !== 'publication');
  return prev ? prev.place : null;
}

/** A place right after `pos` ("resigned in Kyiv"), within 25 characters. */
function nearPlace(a: Analysis, pos: number, to: number): Place | null {
  const p = findPlaces(a.work, pos, Math.min(to, pos + 25)).find((x) => x.prep === 'in' || x.prep === 'at');
  return p ? p.place : null;
}

function publication(a: Analysis, drafts: Draft[], cf: number, ct: number, s: { para: number }): void {
  const { work } = a;
  for (const m of mentionsIn(a, cf, ct)) {
    if (m.kind !== 'outlet') continue;
    const after = work.slice(m.to, Math.min(ct, m.to + 40));
    const before = work.slice(Math.max(cf, m.from - 20), m.from);
    if (!PUBLISH.test(after) && !PUBLISHED_BY.test(before)) continue;
    const ds = datesIn(a, cf, ct).filter((d) => d.start <= a.published);
    if (!ds.length) continue;
    const d = ds.reduce((b, x) => (Math.abs(x.from - m.to) < Math.abs(b.from - m.to) ? x : b));
    drafts.push(makeDraft(a, 'publication', 'held', d.start, null, [{ name: m.name, kind: 'group' }], [m.from, m.to], s.para, 'in-person', false, null, true));
  }
}

function statementEvent(a: Analysis, drafts: Draft[], s: { from: number; to: number; para: number; index: number }, ats: Attribution[]): void {
  for (const at of ats) {
    const spk = at.speakers[0]!;
    if (!spk.person || !a.index.headOfState.has(spk.person)) continue;
    const before = a.work.slice(s.from, Math.min(s.to, at.verbTo + 40));
    const explicit = speechDate(a, at);
    const setting = SETTING.test(before);
    if (!explicit && !setting) continue;
    // "had said in an interview" with no date: when is unknown.
    if (!explicit && /\bhad\s+(?:\w+\s+){0,3}$/i.test(a.work.slice(Math.max(s.from, at.verbFrom - 25), at.verbFrom))) continue;
    if (!explicit && /\bhad\s+said\b/i.test(a.work.slice(at.verbFrom - 6, at.verbTo))) continue;
    // Said at a meeting told in the same sentence: the meeting is the event.
    const date = explicit ?? discourseDate(a, at.verbFrom).date;
    if (drafts.some((d) => d.span[0] >= s.from && d.span[0] < s.to && d.kind !== 'publication' && d.kind !== 'statement' && d._persons.has(spk.person!) && (!d.start || d.start === date))) continue;
    const cl = clauses(a.work, s.from, s.to).find(([x, y]) => x <= at.verbFrom && at.verbFrom < y) ?? [s.from, s.to];
    const places = findPlaces(a.work, cl[0], cl[1]).filter((p) => p.prep === 'in' || p.prep === 'at');
    const header = a.prep.paragraphs[s.para]?.headerPlace;
    const place = places[0]?.place ?? (header ? lookupPlace(header) : null);
    drafts.push(makeDraft(a, 'statement', 'held', date, null, [proposedPerson(spk)], [Math.min(spk.from, at.verbFrom), at.verbTo], s.para, 'in-person', false, place, !!explicit));
  }
}

function makeDraft(
  a: Analysis,
  kind: EventKind,
  status: EventStatus,
  start: string | null,
  end: string | null,
  attendees: ProposedPerson[],
  span: Span,
  para: number,
  medium: 'in-person' | 'remote',
  approximate: boolean,
  place: Place | null = null,
  explicitDate = false,
): Draft {
  void a;
  const persons = new Set<string>();
  const groups: { party?: string; name: string }[] = [];
  for (const p of attendees) {
    if (p.person) persons.add(p.person);
    else if (p.kind === 'new') persons.add('new:' + p.name);
    else groups.push({ name: p.name, ...(p.party ? { party: p.party } : {}) });
  }
  return {
    kind,
    status,
    start,
    end: end && end !== start ? end : null,
    precision: start ? (start.length === 10 ? 'day' : start.length === 7 ? 'month' : 'year') : null,
    approximate,
    place,
    attendees: [...attendees],
    medium,
    title: '',
    span,
    mentions: [span],
    confidence: 0,
    _persons: persons,
    _groups: groups,
    _explicitDate: explicitDate,
    _para: para,
    _from: span[0],
  };
}

const partyOfAttendee = (p: ProposedPerson) => p.party;

/** True when every person of `x` is in `y` or covered by a group of `y` of the same party. */
function covered(x: Draft, y: Draft): boolean {
  for (const p of x.attendees) {
    if (p.kind === 'group') continue;
    const inY = y.attendees.some((q) => (p.person && q.person === p.person) || (p.kind === 'new' && q.name === p.name));
    if (inY) continue;
    const byGroup = y.attendees.some((q) => q.kind === 'group' && q.party && q.party === partyOfAttendee(p));
    if (!byGroup) return false;
  }
  return true;
}

function overlapDates(x: Draft, y: Draft): boolean {
  if (!x.start || !y.start) return true;
  const xs = x.start;
  const xe = x.end ?? x.start;
  const ys = y.start;
  const ye = y.end ?? y.start;
  return xs <= ye && ys <= xe;
}

function compatible(x: Draft, y: Draft): boolean {
  const kinds = new Set([x.kind, y.kind]);
  const kindOk = x.kind === y.kind || (kinds.size === 2 && kinds.has('meeting') && kinds.has('visit'));
  if (!kindOk || x.kind === 'publication' || y.kind === 'publication') return false;
  if (x.medium !== y.medium) return false;
  const st = new Set([x.status, y.status]);
  const statusOk = x.status === y.status || (st.has('scheduled') && (st.has('postponed') || st.has('cancelled') || st.has('rescheduled')));
  if (!statusOk) return false;
  if (!placesCompatible(x.place, y.place)) return false;
  // Two dated events must share a day; an undated held one may join a dated one told nearby.
  if (x.start && y.start) {
    if (!overlapDates(x, y)) return false;
  } else if ((x.status === 'held' || y.status === 'held') && Math.abs(x._para - y._para) > 1) return false;
  if (x.kind === 'statement') return x._persons.size > 0 && [...x._persons].every((p) => y._persons.has(p));
  const xPersons = x.attendees.filter((p) => p.kind !== 'group').length;
  const yPersons = y.attendees.filter((p) => p.kind !== 'group').length;
  if (xPersons === 0 || yPersons === 0) {
    // Only groups on one side: each of its groups must be a party present on the other side.
    const [g, o] = xPersons === 0 ? [x, y] : [y, x];
    const present = new Set(o.attendees.map((p) => p.party).filter(Boolean));
    return g._groups.length > 0 && g._groups.every((h) => h.party && present.has(h.party));
  }
  return covered(x, y) || covered(y, x);
}

function merge(ds: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of ds) {
    const target = out.find((o) => compatible(o, d));
    if (!target) {
      out.push(d);
      continue;
    }
    for (const p of d.attendees) addAttendee(target, p);
    for (const g of d._groups) target._groups.push(g);
    target.mentions.push(d.span);
    if (!target.start || (d._explicitDate && !target._explicitDate)) {
      if (d.start) {
        target.start = d.start;
        target.end = d.end;
        target.precision = d.precision;
        target.approximate = d.approximate;
        target._explicitDate = d._explicitDate;
      }
    }
    if (target.status === 'scheduled' && d.status !== 'scheduled') target.status = d.status;
    target.place = mergePlaces(target.place, d.place);
    if (target.kind !== d.kind) {
      // A visit and the meeting it was for: a meeting when two parties' people meet, else a visit.
      const parties = new Set(target.attendees.filter((p) => p.kind !== 'group').map((p) => p.party).filter(Boolean));
      target.kind = parties.size >= 2 ? 'meeting' : 'visit';
    }
  }
  return out;
}

/**
 * Date held events told without a date: the event told just before in the same paragraph, else the
 * narrative date (the latest date mentioned before), else the publication date.
 */
function fillDates(a: Analysis, ds: Draft[]): Draft[] {
  for (const d of ds) {
    if (d.start || !d._fill) continue;
    const pos = d.span[0];
    let best: { at: number; date: string } | null = null;
    const para = a.prep.paragraphs.find((p) => p.from <= pos && pos < p.to);
    for (const o of ds) {
      if (o === d || !o.start || o.start > a.published) continue;
      for (const m of o.mentions) if (m[0] < pos && para && m[0] >= para.from && (!best || m[0] > best.at)) best = { at: m[0], date: o.start };
    }
    d.start = best ? best.date : discourseDate(a, pos).date;
    d.precision = 'day';
  }
  return ds;
}

function finish(ds: Draft[]): EventProposal[] {
  return ds.map((d) => {
    const people = d.attendees.filter((p) => p.kind !== 'group').length;
    const conf = 0.45 + (d._explicitDate ? 0.2 : d.start ? 0.05 : 0) + (people >= 2 ? 0.15 : people === 1 ? 0.08 : 0) + (d.place ? 0.1 : 0) + (d.mentions.length > 1 ? 0.05 : 0);
    const { _persons, _groups, _explicitDate, _para, _from, _fill, ...rest } = d;
    return {
      ...rest,
      title: `${d.kind}: ${d.attendees.map((p) => p.name).join(', ')}`,
      confidence: Math.round(Math.min(1, conf) * 100) / 100,
    };
  });
}
