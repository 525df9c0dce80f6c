/**
 * Events in a report: meetings, rounds of talks (direct, indirect, proximity), visits, phone and video
 * calls, summits, signings, referendums, publications of a text, and statements (announcements of an
 * accord or a ceasefire, a ceasefire taking effect, a resignation, a leader's address), each with a
 * status (./modality.ts), dates resolved against the publication date, a place and attendees.
 *
 * Per clause, trigger words give the kind (signing > summit > call > talks/meeting > visit >
 * referendum > statement); the words around the trigger give the modality — held, under way,
 * scheduled, proposed (hedged), postponed, cancelled, rescheduled, or denied (no event); the clause
 * gives the attendees (persons, groups, offices, parties named as actors, never the speaker of
 * reported speech nor whoever sends someone), the date nearest the trigger (two dates joined by
 * "to"/"and" make a range), and a place after a locative preposition. A definite noun ("the talks")
 * refers back to an event already told and gives none; "ahead of <event>" gives the event ahead of
 * which something happens as possible.
 *
 * Mentions of one event are merged (same kind, or a visit and the meeting it was for; compatible
 * status, date and place; the people of one covered by the other's; a signing or summit told twice in
 * a report is one). A visit to meet someone of another party is a meeting; a meeting between teams or
 * delegations, or lasting several days, is talks.
 */
import type { EventKind, EventStatus, Place } from '../model/schemas.js';
import type { Analysis, Attribution } from './context.js';
import { eventTitle } from './event-title.js';
import { clauses, datesIn, discourseDate, mentionsIn, sentenceAt } from './context.js';
import { modalityOf, talksFormat } from './modality.js';
import { isHeadPost, type Mention } from './people.js';
import { findPlaces, isPlaceName, lookupPlace, mergePlaces, placesCompatible } from './places.js';
import { proposedPerson, speechDate } from './statements.js';
import { actorByDemonym, actorByName } from './world.js';
import type { DateMention, EventProposal, ProposedPerson, Span } from './types.js';

type TriggerKind = EventKind | 'video' | 'talks-noun';

interface Trigger {
  kind: TriggerKind;
  from: number;
  to: number;
  noun: boolean;
  /** A noun dated by a possessive ("last Wednesday's truce"): an event of its own, told in passing. */
  dated?: boolean;
}

/** A day or period in the possessive before an agreement noun: "last Wednesday's truce", "Friday's deal". */
const DATED_NOUN = /\b(?:(?:last|this|next)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|week|weekend|month)['’]s\s+(?:(?:peace|ceasefire|landmark|historic|interim)\s+)?(truce|ceasefire|agreement|deal|accord|signing)\b/gi;

const TRIGGERS: { kind: TriggerKind; re: RegExp; noun?: boolean }[] = [
  { kind: 'signing', re: /\b(?:sign(?:ed|s|ing)?|co-signed|inked|initial(?:l)?ed|signature\s+ceremony|signatures?)\b(?!\s+(?:of|that)\s+(?:progress|hope|change|goodwill))/gi },
  { kind: 'summit', re: /\b(?:summit|(?:international|peace|donors'?|leaders'?|ministerial)\s+conference|conference\s+on\b)/gi, noun: true },
  { kind: 'video', re: /\bvideo\s*(?:call|conference|link|meeting)\b|\bvideoconference\b|\bvirtual\s+meeting\b/gi, noun: true },
  { kind: 'phone-call', re: /\b(?:phone\s+call|(?:tele)?phoned|telephone\s+(?:conversation|call|exchanges?|talks)|on\s+the\s+phone|by\s+(?:tele)?phone|phone\s+(?:conversation|talks)|call\s+with|spoke\s+(?:[\w\s]{0,20}?\s)?with|(?:held|had)\s+a\s+call)\b/gi },
  { kind: 'talks-noun', re: /\b(?:talks|negotiations|consultations|round\s+of\s+(?:talks|negotiations)|peace\s+process\s+meeting)\b/gi, noun: true },
  {
    kind: 'meeting',
    re: /\b(?:met|meet|meets|meeting|sat\s+down\s+with|hosted|hosts|received|receives|gathered|convened|convenes|session(?=\s+of\s+(?:his|her|the|its)\s+\S)|(?<=\b(?:opening|first|closing|plenary|final)\s)session|(?:due|expected|set|scheduled|going|plans?|planned)\s+to\s+see|spent\s+(?:\w+\s+){1,3}(?:days?|hours?)\s+with|walked\s+(?:\S+\s+){1,8}?through|briefed|(?:handed|delivered)\s+(?:\S+\s+){0,4}(?:plan|proposal|text|draft|letter|message|document|offer|invitation))\b/giu,
  },
  { kind: 'visit', re: /\b(?:visit(?:s|ed|ing)?|trip|landed\s+in|arrived\s+in|arrives\s+in|arrive\s+in|travel(?:l?ed|s|ling)?\s+(?:on\s+)?to|(?:flew|fly|flies|flying)\s+(?:back\s+)?to|left\s+[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?\s+(?:on\s+\w+\s+)?for|(?:is|are|was|were)\s+(?:due|expected)\s+in|due\s+in)\b/giu },
  { kind: 'referendum', re: /\b(?:referendum|referendums|plebiscite|referenda)\b|\bvoters\s+(?:narrowly\s+|overwhelmingly\s+)?(?:rejected|approved|backed|endorsed|voted)\b/gi, noun: true },
  { kind: 'statement', re: /\b(?:resign(?:s|ed|ation)|announced\s+(?:the|a|an|their|its)\s+(?:\w+\s+){0,3}(?:accord|agreement|deal|ceasefire|truce|cessation)|(?:took|takes|came|comes|entered|enters)\s+(?:into\s+)?(?:effect|force)|televised\s+address|address(?:ed|es)?\s+(?:the\s+nation|congress|parliament|the\s+assembly))\b/gi },
  { kind: 'publication', re: /\b(?:released|published|unveiled|made\s+public)\s+(?:the\s+)?(?:full\s+)?(?:text|document|agreement|accord|declaration|plan|communiqu[eé])\b/gi },
];

/** Order of kinds when one clause has several triggers. */
const KIND_RANK: Record<TriggerKind, number> = { signing: 9, summit: 8, 'phone-call': 7, video: 7, 'talks-noun': 6, meeting: 5, visit: 4, referendum: 3, statement: 2, publication: 1, talks: 6 };

const TALKS_WORDS = /\b(?:talks|negotiations|delegations?|teams?|discussions?|consultations|negotiators)\b/i;
const ANAPHORIC_RE = /\b(?:the|this|that|these|those|his|her|their|its|such\s+a|such|our|same)\s+((?:(?!(?:to|and|or|with|of)\s)[\w"'-]+\s+){0,3})$/i;
/** Words that cannot stand between a determiner and its noun: verbs and prepositions ("the TPLF began talks"). */
const NOT_IN_NOUN_GROUP = /^(?:began|begin|begins|opened|opens|open|held|holds|hold|met|meet|meets|started|starts|start|resumed|resume|resumes|launched|launch|joined|join|attended|attend|had|has|have|was|were|is|are|be|been|will|would|could|can|may|might|must|should|said|says|told|tells|agreed|agree|signed|sign|entered|hosted|host|hosts|led|concluded|ended|called|announced|wants|want|wanted|sought|seek|urged|backed|rejected|welcomed|into|for|on|in|at|from|about|after|before|during|over|since|until|held|hold|holding|enter|entering|began|continued|continue|halted|broke|walked|left|quit)$/i;
/** Does the text before a noun end with a determiner that governs it ("the Geneva talks", not "the TPLF began talks")? */
const ANAPHORIC = {
  test(before: string): boolean {
    const m = ANAPHORIC_RE.exec(before);
    if (!m) return false;
    return !(m[1] ?? '').split(/\s+/).filter(Boolean).some((w) => NOT_IN_NOUN_GROUP.test(w.replace(/["']/g, '')));
  },
};
const SETTING = /\b(?:address|interview|press\s+conference|news\s+conference|briefing|speech|remarks|told\s+reporters|told\s+journalists|speaking\s+to\s+reporters|told\s+(?:the\s+nation|parliament|lawmakers|citizens|compatriots))\b/i;
/** "told Ukrainians", "told the Lebanese": a leader addressing the nation (capital letter required, so no `i` flag). */
const SETTING_NATIONALS = /\btold\s+(?:the\s+)?\p{Lu}\p{Ll}+(?:ans|ese|ish|is)\b/u;
const NO_DATE = /\bno\s+date\s+(?:has\s+been|was|is|had\s+been)\s+(?:fixed|set|agreed|announced)\s+for\s+(?:such\s+a|the|a|this|that)\s+(meeting|summit|visit|talks|call|signing)\b/i;
const ATTEND = /\b(?:took\s+part|take\s+part|participated|attended|were\s+present|was\s+present|among\s+them|including|witnessed\s+by|accompanied\s+by|flanked\s+by)\b/i;
/** "After (five days of) talks that began on Monday, …": talks told as what came before the act of the sentence. */
const AFTER_TALKS = /^\s*(?:After|Following)\s+(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|many)\s+(?:[\w-]+\s+)?(?:days?|weeks?|months?|rounds?)\s+of\s+)?(?:[\w-]+\s+){0,2}?(talks|negotiations|consultations)\s+(?:that|which)\s+(?:began|started|opened)\s+([^,;.]{1,40}),/u;
/** "The AU envoy, X, is facilitating": a mediator or host of the talks just told, named as the subject. */
const FACILITATE = /\b(?:(?:is|was|are|were|has\s+been|have\s+been)\s+(?:facilitating|mediating|chairing|moderating|co-chairing|brokering)|facilitated|mediated|chaired|co-chaired|moderated)\b/i;
const PUBLISH = /^\s*(?:,\s*)?(?:first\s+)?(?:reported|published|revealed|broke\s+the\s+news)\b/i;
const PUBLISHED_BY = /\b(?:published|reported|revealed)\s+by\s+$/i;
const SENDS = /^\s+(?:(?:was|is|will\s+be|would\s+be|has|had)\s+)?(?:send|sends|sending|sent|dispatch\w*)\b/i;

type Draft = EventProposal & { _persons: Set<string>; _groups: { party?: string; name: string }[]; _explicitDate: boolean; _para: number; _fill?: boolean };

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
  // Sources of a report are not attendees ("officials said", "a source at the talks told Al-Masdar").
  const excluded = new Set<Mention>();
  const sourcePhrases: [number, number][] = [];
  for (const at of a.attributions) {
    for (const sp of at.speakers) if (sp.kind === 'group' || sp.kind === 'post' || sp.kind === 'outlet' || sp.kind === 'document' || (sp.kind === 'party' && at.verbFrom > sp.from)) excluded.add(sp);
    if (at.source) {
      const rest = work.slice(at.verbTo, at.sentence.to);
      const stop = /[,;.]/.exec(rest);
      sourcePhrases.push([at.verbFrom, stop ? at.verbTo + stop.index : at.sentence.to]);
    }
  }

  for (const s of a.prep.sentences) {
    const sText = work.slice(s.from, s.to);
    const ats = attribBySentence.get(s.index) ?? [];
    const nd = NO_DATE.exec(sText);
    if (nd) {
      // "No date has been fixed for such a meeting": an undated, scheduled event of the people just named.
      const prev = a.prep.sentences[s.index - 1];
      const people = prev && prev.para === s.para ? mentionsIn(a, prev.from, prev.to).filter((m) => (m.person || m.isNew) && (m.kind === 'person' || (m.kind === 'pronoun' && !m.modifier))) : [];
      const attendees = uniquePeople(people);
      if (attendees.length >= 2) {
        const kind: EventKind = nd[1] === 'summit' ? 'summit' : nd[1] === 'talks' ? 'talks' : nd[1] === 'visit' ? 'visit' : nd[1] === 'call' ? 'phone-call' : nd[1] === 'signing' ? 'signing' : 'meeting';
        drafts.push(makeDraft(kind, 'scheduled', null, null, attendees, [s.from + nd.index, s.from + nd.index + nd[0].length], s.para, 'in-person', false));
      }
      continue;
    }
    // "… took part", "among them X and Y", "witnessed by X": people added to the event just told.
    const attend = ATTEND.exec(sText);
    if (attend && !findTriggers(work, s.from, s.to).some((t) => !t.noun)) {
      const last = drafts[drafts.length - 1];
      if (last && last._para >= s.para - 1 && last.status !== 'proposed') {
        for (const m of mentionsIn(a, s.from + attend.index, s.to)) if (m.kind === 'person' && (m.person || m.isNew) && !m.modifier) addAttendee(last, proposedPerson(m));
        continue;
      }
    }
    // "The AU envoy, X, is facilitating (the talks)": the subject takes part in the talks or meeting just told.
    const fac = FACILITATE.exec(sText);
    if (fac && !findTriggers(work, s.from, s.from + fac.index).length && !findTriggers(work, s.from + fac.index + fac[0].length, s.to).some((t) => !t.noun)) {
      const last = [...drafts].reverse().find((d) => (d.kind === 'talks' || d.kind === 'meeting' || d.kind === 'summit') && d._para >= s.para - 1);
      const subj = mentionsIn(a, s.from, s.from + fac.index).filter((m) => m.kind === 'person' && (m.person || m.isNew) && !m.modifier);
      if (last && last.status !== 'proposed' && subj.length) {
        for (const m of subj) addAttendee(last, proposedPerson(m));
        continue;
      }
    }
    // "After five days of talks that began on Monday, A and B signed …": the talks, told in passing, were held from that day by the people of the sentence.
    const after = AFTER_TALKS.exec(sText);
    if (after) {
      const rel = s.from + after.index + after[0].length - 1 - after[2]!.length;
      const d = datesIn(a, rel, rel + after[2]!.length)[0];
      const people = uniquePeople(mentionsIn(a, s.from + after[0].length, s.to).filter((m) => m.kind === 'person' && (m.person || m.isNew) && !m.modifier));
      if (d && d.start <= a.published && people.length) {
        const kw = after.index + after[0].indexOf(after[1]!);
        drafts.push(makeDraft('talks', 'held', d.start, null, people, [s.from + kw, s.from + kw + after[1]!.length], s.para, 'in-person', d.precision !== 'day', placeFor(a, s.from, s.to, 'talks', 'held', s.para, drafts), true));
      }
    }
    const before = drafts.length;
    const sentenceClauses = clauses(work, s.from, s.to);
    const quietClauses = sentenceClauses.filter(([x, y]) => findTriggers(work, x, y).length === 0);
    for (const [cf, ct] of sentenceClauses) {
      const all = findTriggers(work, cf, ct);
      if (!all.length) {
        publication(a, drafts, cf, ct, s);
        continue;
      }
      // "ahead of the talks": the event ahead of which something happens is only possible.
      const ahead = all.filter((t) => /\b(?:ahead\s+of|in\s+the\s+run-up\s+to|before)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}$/i.test(work.slice(Math.max(cf, t.from - 40), t.from)) && t.noun);
      const toldBefore = (t: Trigger) => drafts.some((d) => d.kind === kindOfTrigger(t.kind) || (t.kind === 'meeting' && d.kind === 'talks') || (t.kind === 'talks-noun' && d.kind === 'meeting'));
      const definite = (t: Trigger) => t.noun && ANAPHORIC.test(work.slice(Math.max(s.from, t.from - 40), t.from));
      // A definite noun is a new event only as the subject of what the clause says of it ("The plebiscite is set for Sunday").
      const predicated = (t: Trigger) => /^(?:\s+of\s+(?:the\s+)?[^,;.]{0,40}?)?(?:\s+(?:in|at)\s+[\p{Lu}][\p{L}]+)?(?:\s+(?:on|this|last|next)\s+\w+)?\s+(?:is|are|was|were|will|would|could|may|might|has|have|had|began|begins|opened|opens|ended|ends|took|takes|got|set|must|should)\b/u.test(work.slice(t.to, Math.min(ct, t.to + 80)));
      const triggers = all.filter((t) => !t.dated && !ahead.includes(t) && !(definite(t) && (toldBefore(t) || !predicated(t))));
      const groupsOfTriggers: Trigger[][] = [];
      if (triggers.length) groupsOfTriggers.push(triggers);
      for (const t of all) if (t.dated) groupsOfTriggers.push([t]);
      for (const t of ahead) if (!ANAPHORIC.test(work.slice(Math.max(s.from, t.from - 12), t.from).replace(/\b(?:ahead\s+of|before)\s*$/i, ''))) groupsOfTriggers.push([t]);
      for (const ts of groupsOfTriggers) {
        const d = eventOfClause(a, s, cf, ct, ts, ats, excluded, sourcePhrases, quietClauses, drafts, ahead.includes(ts[0]!));
        if (d) drafts.push(d);
      }
    }
    passingTalks(a, drafts, s, before);
    statementEvent(a, drafts, s, ats);
  }
  if (process.env.ACCORD_DEBUG_EVENTS) for (const d of drafts) console.error('draft', d.kind, d.status, d.start, d.attendees.map((p) => p.name).join(','), JSON.stringify(work.slice(d.span[0], d.span[1])));
  return finish(fillDates(a, summitOfHeadline(a, merge(drafts))));
}

/** "(a week) after/since (AU-led) talks opened here / began in Geneva / started on Monday": talks told in passing. */
const PASSING_TALKS = /\b(?:after|since)\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,3}?(talks|negotiations|consultations)\s+(?:(?:first\s+)?(?:began|opened|started|got\s+under\s+way))\b((?:\s+(?:here|(?:in|at)\s+[\p{Lu}][\p{L}'’-]+(?:\s[\p{Lu}][\p{L}'’-]+)?|on\s+\w+|last\s+\w+)){0,2})/u;

/**
 * Talks a sentence mentions in passing while it tells another event ("… signed the deal in the
 * capital on Wednesday, a week after AU-led talks opened here"): held talks of the main event's
 * people and groups, at the place the phrase gives ("here" = the dateline's place), on the date it
 * gives or undated. Nothing when the sentence told talks of its own or no event with attendees.
 */
function passingTalks(a: Analysis, drafts: Draft[], s: { from: number; to: number; para: number }, before: number): void {
  const own = drafts.slice(before);
  const main = own.find((d) => d.attendees.length && d.status === 'held');
  if (!main || own.some((d) => d.kind === 'talks')) return;
  const m = PASSING_TALKS.exec(a.work.slice(s.from, s.to));
  if (!m) return;
  const from = s.from + m.index;
  const to = from + m[0].length;
  const tail = m[2] ?? '';
  const tailFrom = to - tail.length;
  const d = datesIn(a, tailFrom, to)[0];
  if (d && d.start > a.published) return;
  let place: Place | null = null;
  if (/\bhere\b/.test(tail) && a.prep.datelinePlace) place = lookupPlace(a.prep.datelinePlace) ?? { city: a.prep.datelinePlace };
  else if (/\b(?:in|at)\s/.test(tail)) place = nearPlace(a, tailFrom, to);
  const kw = from + m[0].indexOf(m[1]!);
  drafts.push(makeDraft('talks', 'held', d?.start ?? null, null, [...main.attendees], [kw, kw + m[1]!.length], s.para, 'in-person', !!d && d.precision !== 'day', place, !!d));
}

/** A headline that names a summit as done or under way ("Lisbon summit: powers pledge …"), not one to come. */
const HEADLINE_SUMMIT = /\b(?:summit|(?:international|peace|leaders'?|ministerial)\s+conference)\b/i;
const HEADLINE_AHEAD = /\b(?:ahead|before|eyes?|mulls?|plans?|planned|proposes?|proposed|calls?\s+for|to\s+host|to\s+hold|will|would|could|may|might|next|upcoming|set\s+for|postpone\w*|delay\w*|cancel\w*|called\s+off)\b/i;

/**
 * The body tells as "talks" or "a meeting" what its headline calls a summit: when no summit was found
 * in the body, the first held (or under-way) talks or meeting of the report is that summit.
 */
function summitOfHeadline(a: Analysis, ds: Draft[]): Draft[] {
  if (ds.some((d) => d.kind === 'summit')) return ds;
  const head = a.work.slice(0, a.prep.bodyFrom);
  const lines = head.split('\n').filter((l, i, all) => {
    const at = all.slice(0, i).reduce((n, x) => n + x.length + 1, 0);
    return l.trim() && !a.prep.furniture.some(([x, y]) => at >= x && at < y);
  });
  const line = lines.find((l) => HEADLINE_SUMMIT.test(l));
  if (!line || HEADLINE_AHEAD.test(line)) return ds;
  const first = ds.find((d) => (d.kind === 'talks' || d.kind === 'meeting') && (d.status === 'held' || d.status === 'under-way') && d.medium === 'in-person');
  if (first) first.kind = 'summit';
  return ds;
}

/** The event of one clause from its triggers, or null (denied, no attendee of any kind). */
function eventOfClause(
  a: Analysis,
  s: { from: number; to: number; para: number; index: number },
  cf: number,
  ct: number,
  triggers: Trigger[],
  ats: Attribution[],
  excluded: Set<Mention>,
  sourcePhrases: [number, number][],
  quietClauses: [number, number][],
  drafts: Draft[],
  isAhead: boolean,
): Draft | null {
  const { work } = a;
  const clause = work.slice(cf, ct);
  // The trigger that decides the kind: highest rank; the first of that rank.
  const t0 = [...triggers].sort((x, y) => KIND_RANK[y.kind] - KIND_RANK[x.kind] || x.from - y.from)[0]!;
  const tk = t0.kind;
  // "received" and "hosted" are meetings only with someone received: "Russia had received the plan" is not.
  if (tk === 'meeting' && triggers.every((t) => /^(?:receiv|host|session|gather|conven)/i.test(work.slice(t.from, t.to)))) {
    const tEnd = t0.to;
    const obj = mentionsIn(a, tEnd, Math.min(ct, tEnd + 80)).find((m) => (m.kind === 'person' && (m.person || m.isNew)) || m.kind === 'group');
    const subj = mentionsIn(a, cf, t0.from).find((m) => (m.kind === 'person' || m.kind === 'group') && !m.modifier);
    if (!/^(?:session|gather|conven)/i.test(work.slice(t0.from, t0.to)) && (!obj || /[,;]/.test(work.slice(tEnd, obj.from)))) return null;
    if (/^receiv/i.test(work.slice(t0.from, t0.to)) && mentionsIn(a, tEnd, ct).some((m) => m.kind === 'document')) return null;
    if (/^(?:gather|conven)/i.test(work.slice(t0.from, t0.to)) && !subj) return null;
  }
  // "last Wednesday's truce": the agreement of that day, told in passing — no attendee or place of this clause is its.
  if (t0.dated) {
    const d = datesIn(a, Math.max(cf, t0.from - 40), t0.from).pop();
    if (!d) return null;
    return makeDraft('signing', d.start > a.published ? 'scheduled' : 'held', d.start, d.end && d.end !== d.start ? d.end : null, [], [t0.from, t0.to], s.para, 'in-person', d.precision !== 'day', null, true);
  }
  // "signing" only as an act: a document signed, a ceremony; not "signs of progress".
  if (tk === 'signing' && /^signatures?$/i.test(work.slice(t0.from, t0.to)) && !/\b(?:collect|gather|ceremony|put\s+(?:their|his|her)\s+signature)/i.test(clause)) return null;
  // Inside reported speech ("Lindqvist said he was sending Okafor to meet Haddad") the speaker is not an attendee.
  const speech = ats.find((at) => at.contentFrom <= t0.from && at.verbTo <= t0.from);
  const minFrom = speech ? speech.contentFrom : cf;
  // Quote first, attribution after ("… "has begun in Nairobi", Redwan Hussein wrote"): the speaker tells, does not attend.
  // (Not a relative clause about attendees: "spoke with Brandt, Costa and Adeyemi, who assured him…".)
  const teller = ats
    .filter((at) => at.verbFrom > t0.to && at.speakers.every((sp) => sp.from > t0.to) && !/,\s*who\s+(?:\w+\s+){0,2}$/i.test(work.slice(Math.max(cf, at.verbFrom - 30), at.verbFrom)))
    .flatMap((at) => at.speakers);
  // Dates: within the clause, nearest the trigger; inside reported speech only after the verb.
  let ds = datesIn(a, Math.max(cf, minFrom), ct);
  if (!ds.length) ds = quietClauses.flatMap(([x, y]) => datesIn(a, Math.max(x, minFrom), y));
  // "Before the ceremony, X met Y": an event placed by another already told takes its day (and place).
  const anchor = !ds.length ? anchorEvent(work.slice(s.from, ct), drafts) : null;
  const range = dateRange(work, ds, t0.from) ?? (anchor?.start ? { start: anchor.start, end: null, approximate: false } : null);
  const start: string | null = range ? range.start : null;
  const end: string | null = range ? range.end : null;
  const approximate = range ? range.approximate : false;
  // Modality of the trigger.
  const pre = work.slice(cf, t0.from);
  const post = work.slice(t0.to, ct);
  const mod = modalityOf(pre, work.slice(t0.from, t0.to), post, { future: !!start && start > a.published, noun: t0.noun });
  let status: EventStatus | null = isAhead ? 'proposed' : mod.status;
  // "X, who had been due to see Y in Turkey, put off the trip": the change of plan is told in another clause.
  if ((status === 'scheduled' || status === 'held') && /\b(?:had\s+been|was|were)\s+(?:due|expected|scheduled|planned|set|meant)\b/i.test(pre + ' ' + work.slice(t0.from, t0.to) + ' ' + post.slice(0, 30))) {
    const whole = work.slice(s.from, s.to);
    if (/\b(?:put\s+off|postpon\w+|delayed|pushed\s+back|deferred)\b/i.test(whole)) status = 'postponed';
    else if (/\b(?:cancel\w*|called\s+off|scrapped)\b/i.test(whole)) status = 'cancelled';
  }
  // A noun subject whose change of plan is told after a relative clause ("A visit … that had been planned for this week was postponed").
  if ((status === 'held' || status === 'scheduled') && t0.noun && /^\s*that\s/i.test(work.slice(ct, ct + 6))) {
    const rest = work.slice(ct, s.to);
    const change = /^[^,;]*?\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?(put\s+off|postponed|delayed|pushed\s+back|deferred|cancel+ed|called\s+off|scrapped|rescheduled)\b/i.exec(rest);
    if (change) status = /cancel|called|scrapped/i.test(change[1]!) ? 'cancelled' : /rescheduled/i.test(change[1]!) ? 'rescheduled' : 'postponed';
  }
  if (status === null) return null;
  // A clause reporting an act as hearsay or possibility in a subordinate speech ("said it could") keeps the hedge.
  if (status === 'held' && speech && /\b(?:could|might|may|would)\b/i.test(work.slice(Math.max(cf, speech.contentFrom), t0.from))) status = 'proposed';
  // Attendees in the clause.
  const ms = mentionsIn(a, Math.max(cf, minFrom), ct).filter((m) => !excluded.has(m) && !teller.some((x) => x.from === m.from) && !sourcePhrases.some(([x, y]) => m.from >= x && m.to <= y) && m.kind !== 'outlet' && m.kind !== 'document');
  // Whoever is the object of a non-actor noun ("the disarmament of Tigrayan fighters") does not attend.
  const governed = (m: Mention) => {
    const g = /\b([\p{L}-]+)\s+of\s+(?:the\s+)?$/u.exec(work.slice(Math.max(cf, m.from - 40), m.from));
    return !!g && !/^(?:members?|heads?|leaders?|delegations?|representatives?|envoys?|ministers?|chiefs?|commanders?|teams?|officials?|both|all|each|some|two|three|four|several|many|most|none|one|group|groups|presidents?|secretary|minister|head|chairman|chair)$/i.test(g[1]!);
  };
  let people = ms.filter((m) => ((m.kind === 'person' && (m.person || m.isNew) && !m.modifier) || (m.kind === 'pronoun' && (m.person || m.isNew) && /^(he|she|him)$/i.test(m.text))) && !SENDS.test(work.slice(m.to, m.to + 30)));
  people = people.filter((m) => !governed(m));
  const groups = ms.filter((m) => (m.kind === 'group' || m.kind === 'post') && !m.negated && !m.modifier && !governed(m));
  const partyGroups = ms.filter((m) => m.kind === 'party' && !m.modifier && isActorParty(work, m));
  let kind: EventKind;
  let medium: 'in-person' | 'remote' = 'in-person';
  const kinds = new Set(triggers.map((t) => t.kind));
  if (tk === 'signing') kind = 'signing';
  else if (tk === 'summit') kind = /\bsidelines\s+of\b/i.test(clause) && kinds.has('meeting') ? 'meeting' : 'summit';
  else if (tk === 'phone-call') kind = 'phone-call';
  else if (tk === 'video') {
    kind = 'meeting';
    medium = 'remote';
  } else if (tk === 'talks-noun') kind = 'talks';
  // Handing over a text is a meeting of giver and receiver, whoever they are.
  else if (tk === 'meeting') kind = /^(?:handed|delivered)\b/i.test(work.slice(t0.from, t0.to)) ? 'meeting' : TALKS_WORDS.test(clause) ? 'talks' : 'meeting';
  else if (tk === 'visit') kind = 'visit';
  else if (tk === 'referendum') kind = 'referendum';
  else if (tk === 'statement') kind = 'statement';
  else kind = 'publication';
  if (kind === 'statement') people = people.slice(0, 1);
  // A verb without people in its clause takes the sentence's subject.
  if (!people.length && !groups.length && !partyGroups.length && !t0.noun && /,\s*who\s*$/i.test(work.slice(Math.max(s.from, cf - 8), cf))) {
    const ante = mentionsIn(a, s.from, cf).filter((m) => (m.kind === 'person' && (m.person || m.isNew) && !m.modifier) || (m.kind === 'group' && !m.modifier)).pop();
    if (ante) (ante.kind === 'person' ? people : groups).push(ante);
  }
  // (Not when the clause has a subject of its own that names no one: "the document that his rival had signed".)
  const ownSubject = /\b(?:(?:his|her|their|its|the|a|an)\s+[\p{L}-]+|he|she|they|it|we|i)\b/iu.test(work.slice(cf, t0.from));
  if (!people.length && !groups.length && !partyGroups.length && !t0.noun && !ownSubject) {
    const subj = mentionsIn(a, s.from, cf).find((m) => (m.kind === 'person' && (m.person || m.isNew) && !m.modifier) || (m.kind === 'group' && !m.modifier));
    if (subj) (subj.kind === 'person' ? people : groups).push(subj);
  }
  if (kind === 'referendum') {
    people = [];
    groups.length = 0;
    partyGroups.length = 0;
  }
  const attendees = uniquePeople(people);
  for (const g of [...groups, ...partyGroups]) {
    if (!g.party && (g.head === 'sides' || g.head === 'side')) continue;
    const p = proposedPerson(g);
    if (!attendees.some((x) => x.name === p.name)) attendees.push({ ...p, kind: 'group' });
  }
  // A possible event with neither a date nor a person is too vague to propose ("the offer to host a new round of talks").
  if (status === 'proposed' && !start && !attendees.some((p) => p.kind !== 'group')) return null;
  if (!attendees.length && kind !== 'referendum' && kind !== 'signing' && kind !== 'summit' && kind !== 'talks' && kind !== 'statement') return null;
  if (!attendees.length && kind === 'statement' && !/\b(?:effect|force)\b/i.test(clause)) return null;
  if (!attendees.length && (kind === 'talks' || kind === 'summit' || kind === 'signing') && !start) return null;
  // A planned signing without a person named is an event only when the text fixes its day and place
  // ("The agreement will be signed on Friday, June 13, in Doha").
  const placed = range && !range.approximate && start && start.length === 10 && (!!nearPlace(a, t0.to, ct) || /\bin\s+[\p{Lu}]/u.test(post));
  if (kind === 'signing' && (status === 'proposed' || status === 'scheduled') && !attendees.some((p) => p.kind !== 'group') && !(status === 'scheduled' && placed)) return null;
  // A conditional entry into force ("takes effect only if voters back it") is no announcement.
  if (kind === 'statement' && status === 'proposed') return null;
  if (kind === 'statement' && status !== 'held' && status !== 'scheduled') status = 'held';
  // A held event told without a date takes the narrative's; so does a plan put off or called off
  // (announced, and due, at the time the report tells).
  const fill = !start && (status === 'held' || status === 'postponed' || status === 'cancelled');
  // Place.
  let place = kind === 'statement' ? nearPlace(a, t0.to, ct) : placeFor(a, cf, ct, kind, status, s.para, drafts);
  if (!place && anchor?.place && status === 'held') place = { ...anchor.place };
  if (medium === 'remote' || kind === 'phone-call') place = null;
  // A visit to meet someone of another party is a meeting.
  if (kind === 'visit') {
    const ps = new Set(people.map((m) => m.party).filter(Boolean));
    if (ps.size >= 2) kind = 'meeting';
  }
  if ((kind === 'meeting' || kind === 'talks') && end && end !== start && !approximate) kind = 'talks';
  // Talks or a meeting told without names: the groups and people of the paragraph take part.
  if (!attendees.length && (kind === 'talks' || kind === 'meeting' || kind === 'summit')) {
    const para = a.prep.paragraphs[s.para]!;
    for (const m of mentionsIn(a, para.from, para.to)) {
      if (m.modifier || excluded.has(m) || ats.some((at) => at.speakers.includes(m))) continue;
      if ((m.kind === 'person' && (m.person || m.isNew)) || (m.kind === 'group' && (m.party || /delegation|team|negotiators/.test(m.head ?? ''))) || (m.kind === 'party' && m.party && isActorParty(work, m))) {
        const p = proposedPerson(m);
        if (!attendees.some((x) => x.name === p.name)) attendees.push(m.kind === 'person' ? p : { ...p, kind: 'group' });
      }
    }
  }
  const d = makeDraft(kind, status, start, end, attendees, [t0.from, t0.to], s.para, medium, approximate, place, !!range);
  const fmt = kind === 'talks' || kind === 'meeting' ? talksFormat(clause) : undefined;
  if (fmt) d.format = fmt;
  d._fill = fill;
  return d;
}

/** Kinds a definite noun refers back to ("the ceremony" is a signing or a summit). */
const ANCHOR_KINDS: Record<string, EventKind[]> = {
  ceremony: ['signing', 'summit'],
  signing: ['signing'],
  summit: ['summit'],
  conference: ['summit'],
  talks: ['talks', 'meeting'],
  negotiations: ['talks'],
  meeting: ['meeting', 'talks'],
  session: ['meeting', 'talks'],
  visit: ['visit'],
  call: ['phone-call'],
};

/**
 * The event an adverbial of time refers to ("before the ceremony", "after the talks", "on the sidelines
 * of the summit"): the latest dated draft of a kind the noun can name, or null.
 */
function anchorEvent(text: string, drafts: Draft[]): Draft | null {
  const m = /\b(?:before|after|during|at|following|on\s+the\s+(?:sidelines|margins)\s+of)\s+the\s+(?:[\w-]+\s+){0,2}?(ceremony|signing|summit|conference|talks|negotiations|meeting|session|visit|call)\b/i.exec(text);
  if (!m) return null;
  const kinds = ANCHOR_KINDS[m[1]!.toLowerCase()] ?? [];
  return [...drafts].reverse().find((d) => kinds.includes(d.kind) && d.start && d.status === 'held') ?? null;
}

/** The event kind a trigger gives by default. */
function kindOfTrigger(k: TriggerKind): EventKind {
  return k === 'talks-noun' ? 'talks' : k === 'video' ? 'meeting' : k;
}

function findTriggers(work: string, from: number, to: number): Trigger[] {
  const clause = work.slice(from, to);
  const out: Trigger[] = [];
  DATED_NOUN.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = DATED_NOUN.exec(clause)); ) {
    const e = from + m.index + m[0].length;
    out.push({ kind: 'signing', from: e - m[1]!.length, to: e, noun: true, dated: true });
  }
  for (const t of TRIGGERS) {
    t.re.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = t.re.exec(clause)); ) {
      const f = from + m.index;
      const e = f + m[0].length;
      if (out.some((o) => f < o.to && e > o.from)) continue;
      const word = m[0].toLowerCase();
      // Case-sensitive checks the trigger patterns cannot make (they carry the `i` flag).
      if (/^session$/.test(word) && !/^\s+of\s+(?:his|her|the|its)\s+\p{Lu}/u.test(work.slice(e, e + 40)) && !/\b(?:opening|first|closing|plenary|final)\s+$/i.test(work.slice(Math.max(0, f - 12), f))) continue;
      if (/^left\s/.test(word) && !/^left\s+\p{Lu}/u.test(m[0])) continue;
      // "meeting" after a determiner is a noun; "session" and "trip" always are.
      const verbal = /\b(?:to|will|would|could|can|may|might|must|should|not)\s+$/i.test(work.slice(Math.max(0, f - 8), f));
      const nounForm = /^(?:meeting|session|trip|visit|summit|signing|signature|signatures|call\s+with)$/.test(word) && !verbal && !/^(?:visit|meeting)$/.test(word) ? true : /^(?:meeting|visit)$/.test(word) && /\b(?:a|an|the|this|that|his|her|their|its|first|next|last|second|new|planned|proposed|possible|face-to-face|\w+['’]s|of)\s+(?:[\w'’-]+\s+){0,2}$/i.test(work.slice(Math.max(0, f - 30), f));
      out.push({ kind: t.kind, from: f, to: e, noun: !verbal && (!!t.noun || nounForm) });
    }
  }
  return out.sort((x, y) => x.from - y.from);
}

/**
 * Is a party form a demonym (an adjective or a people: "Ukrainian team" is a group of its own,
 * "Chileans" are people, not their state)? A form the world table knows decides: a demonym or the
 * plural of one is, a country or organisation name ("Mali", "the Vatican") is not. A form the world
 * does not know (an armed movement's adjective, "Tigrayan") reads as a demonym when it has an
 * adjective's ending, singular or plural; an acronym, or a plural in "-is" ("the Houthis"), names
 * the movement itself.
 */
export function isDemonymForm(form: string): boolean {
  const f = form.trim();
  if (actorByName(f)) return false;
  if (actorByDemonym(f) || (/^[\p{Lu}][\p{Ll}'’-]+s$/u.test(f) && actorByDemonym(f.slice(0, -1)))) return true;
  if (/^[\p{Lu}\d&.-]{2,8}$/u.test(f)) return false;
  return /(?:ian|ish|ese|ean|can|ch|i)s?$/.test(f) && !/is$/.test(f);
}

/** A party named as an actor ("The United States and Ukraine emerged…", "Ethiopia's federal government and the TPLF signed"). */
function isActorParty(work: string, m: Mention): boolean {
  if (!/^[\p{Lu}]/u.test(m.text.replace(/^the\s+/i, ''))) return false;
  if (isDemonymForm(m.text.replace(/^the\s+/i, ''))) return false;
  const before = work.slice(Math.max(0, m.from - 60), m.from);
  if (/\b(?:in|to|from|at|for|of|on|into|by|against|than|across|toward|towards|near|via|between)\s+(?:the\s+)?(?:[\p{Lu}][\w.]*(?:\s+[\p{Lu}][\w.]*)?,?\s+)*(?:and\s+)?$/u.test(before)) return false;
  if (m.metonym) return true;
  const after = work.slice(m.to, m.to + 40);
  if (isPlaceName(m.text)) return /^\s+(?:said|says|has|had|was|is|will|would|rejected|dismissed|welcomed|agreed|signed|sent|hosted)\b/.test(after);
  return /^(?:['’]s\s+(?:federal\s+)?government)?(?:\s+and\s+(?:the\s+)?[\p{Lu}][\p{L}' ]+?)?\s+(?:\w+ed|met|held|sat|emerged|spent|agreed|had|were|was|signed|began|opened)\b/u.test(after) || /^\s+and\s+(?:the\s+)?[\p{Lu}]/u.test(after) || /\bwith\s+(?:the\s+)?$/i.test(before);
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
  for (let i = 0; i < ds.length - 1; i++) {
    const x = ds[i]!;
    const y = ds[i + 1]!;
    const gap = work.slice(x.to, y.from);
    if (/^\s*(?:and\s+(?:much|most|all|part)\s+of\s+|to\s+|through\s+|until\s+|till\s+|-\s*)$/i.test(gap)) return { start: x.start, end: y.end ?? y.start, approximate: false };
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
  const inClause = findPlaces(work, cf, ct, a.prep.bodyFrom).filter((p) => p.prep && p.prep !== 'from' && !((p.prep === 'for' || p.prep === 'to') && kind !== 'visit'));
  const pick = (kind === 'visit' ? inClause.find((p) => p.prep === 'to' || p.prep === 'for') : undefined) ?? inClause.find((p) => p.prep === 'in' || p.prep === 'at' || p.prep === 'inside') ?? inClause[0];
  if (pick) {
    let place = pick.place;
    if (!place.city && !place.country) {
      const city = inClause.find((p) => p.place.city || p.place.country);
      const s0 = sentenceAt(a, cf);
      const inSentence = s0 ? findPlaces(work, s0.from, s0.to, a.prep.bodyFrom).find((p) => p.place.city && (p.prep === 'in' || p.prep === 'at')) : undefined;
      // A venue alone ("at the US Mission") is in the city of the event told just before (this paragraph or the one before).
      const prev = [...drafts].reverse().find((d) => d._para >= para - 1 && d.place?.city);
      const c = city?.place ?? inSentence?.place ?? (prev?.place ? { city: prev.place.city!, ...(prev.place.country ? { country: prev.place.country } : {}) } : null);
      if (c) place = mergePlaces(place, c)!;
    }
    return place;
  }
  // "here": the dateline's place.
  if (/\bhere\b/i.test(work.slice(cf, ct)) && a.prep.datelinePlace) {
    const p = lookupPlace(a.prep.datelinePlace) ?? { city: a.prep.datelinePlace };
    return p;
  }
  if (status !== 'held' || kind === 'phone-call' || kind === 'referendum') return null;
  const s = sentenceAt(a, cf);
  if (s) {
    const inSentence = findPlaces(work, s.from, s.to, a.prep.bodyFrom).filter((p) => p.prep === 'in' || p.prep === 'at');
    if (inSentence[0]) return inSentence[0].place;
  }
  const header = a.prep.paragraphs[para]?.headerPlace;
  if (header) {
    const p = lookupPlace(header);
    if (p) return p;
  }
  const prev = [...drafts].reverse().find((d) => d._para === para && d.place && d.medium === 'in-person' && d.kind !== 'publication' && d.status === 'held');
  return prev ? prev.place : null;
}

/** A place right after `pos` ("resigned in Kyiv"), within 25 characters. */
function nearPlace(a: Analysis, pos: number, to: number): Place | null {
  const p = findPlaces(a.work, pos, Math.min(to, pos + 25), a.prep.bodyFrom).find((x) => x.prep === 'in' || x.prep === 'at');
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
    drafts.push(makeDraft('publication', 'held', d.start, null, [{ name: m.name, kind: 'group' }], [m.from, m.to], s.para, 'in-person', false, null, true));
  }
}

/** A leader's dated address, interview or remarks is itself an event. */
function statementEvent(a: Analysis, drafts: Draft[], s: { from: number; to: number; para: number; index: number }, ats: Attribution[]): void {
  for (const at of ats) {
    const spk = at.speakers[0]!;
    // A head of state or government: by the store's posts, else by the title the text gives ("President", "Prime Minister").
    const leader = spk.person ? a.index.headOfState.has(spk.person) : !!(spk.isNew && spk.title && isHeadPost(spk.title));
    if (!leader) continue;
    const before = a.work.slice(s.from, Math.min(s.to, at.verbTo + 40));
    const explicit = speechDate(a, at);
    const setting = SETTING.test(before) || SETTING_NATIONALS.test(before);
    if (!explicit && !setting) continue;
    // A speaker named as the object of another act ("spoke with Germany's Jonas Brandt, …, who assured") makes no address of their own.
    if (!setting && !explicit && /\b(?:with|to|and|met|called|phoned)\s+(?:[\p{Lu}][\p{L}'’]*\s+){0,3}$/u.test(a.work.slice(Math.max(s.from, spk.from - 40), spk.from))) continue;
    if (/,\s*who\s+(?:\w+\s+){0,2}$/i.test(a.work.slice(Math.max(s.from, at.verbFrom - 30), at.verbFrom)) && !setting) continue;
    if (!explicit && /\bhad\s+(?:\w+\s+){0,3}$/i.test(a.work.slice(Math.max(s.from, at.verbFrom - 25), at.verbFrom))) continue;
    if (!explicit && /\bhad\s+said\b/i.test(a.work.slice(at.verbFrom - 6, at.verbTo))) continue;
    const date = explicit ?? discourseDate(a, at.verbFrom).date;
    const key = spk.person ?? 'new:' + spk.name;
    if (drafts.some((d) => d.span[0] >= s.from && d.span[0] < s.to && d.kind !== 'publication' && d.kind !== 'statement' && d._persons.has(key) && (!d.start || d.start === date))) continue;
    const cl = clauses(a.work, s.from, s.to).find(([x, y]) => x <= at.verbFrom && at.verbFrom < y) ?? [s.from, s.to];
    const places = findPlaces(a.work, cl[0], cl[1], a.prep.bodyFrom).filter((p) => p.prep === 'in' || p.prep === 'at');
    const header = a.prep.paragraphs[s.para]?.headerPlace;
    const place = places[0]?.place ?? (header ? lookupPlace(header) : null);
    drafts.push(makeDraft('statement', 'held', date, null, [proposedPerson(spk)], [Math.min(spk.from, at.verbFrom), at.verbTo], s.para, 'in-person', false, place, !!explicit));
  }
}

function makeDraft(kind: EventKind, status: EventStatus, start: string | null, end: string | null, attendees: ProposedPerson[], span: Span, para: number, medium: 'in-person' | 'remote', approximate: boolean, place: Place | null = null, explicitDate = false): Draft {
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
  };
}

/** True when every person of `x` is in `y` or covered by a group of `y` of the same party. */
function covered(x: Draft, y: Draft): boolean {
  for (const p of x.attendees) {
    if (p.kind === 'group') continue;
    const inY = y.attendees.some((q) => (p.person && q.person === p.person) || (p.kind === 'new' && q.name === p.name));
    if (inY) continue;
    const byGroup = y.attendees.some((q) => q.kind === 'group' && q.party && q.party === p.party);
    if (!byGroup) return false;
  }
  return true;
}

function overlapDates(x: Draft, y: Draft): boolean {
  if (!x.start || !y.start) return true;
  return x.start <= (y.end ?? y.start) && y.start <= (x.end ?? x.start);
}

function compatible(x: Draft, y: Draft): boolean {
  const kinds = new Set([x.kind, y.kind]);
  const kindOk = x.kind === y.kind || (kinds.size === 2 && kinds.has('meeting') && kinds.has('visit'));
  if (!kindOk || x.kind === 'publication' || y.kind === 'publication') return false;
  if (x.medium !== y.medium) return false;
  const st = new Set([x.status, y.status]);
  const future = (s: EventStatus) => s === 'scheduled' || s === 'proposed';
  const statusOk = x.status === y.status || (st.has('held') && st.has('under-way')) || ([...st].some(future) && (st.has('postponed') || st.has('cancelled') || st.has('rescheduled'))) || (st.has('scheduled') && st.has('proposed'));
  if (!statusOk) return false;
  if (!placesCompatible(x.place, y.place)) return false;
  if (x.start && y.start) {
    if (!overlapDates(x, y)) return false;
  } else if ((x.status === 'held' || y.status === 'held') && Math.abs(x._para - y._para) > 1 && x.kind !== 'signing' && x.kind !== 'summit') return false;
  // One signing or summit per report and day: mentions of it merge whoever they name.
  if (x.kind === 'signing' || x.kind === 'summit' || x.kind === 'referendum') return true;
  if (x.kind === 'statement') return x._persons.size > 0 && [...x._persons].every((p) => y._persons.has(p));
  const xPersons = x.attendees.filter((p) => p.kind !== 'group').length;
  const yPersons = y.attendees.filter((p) => p.kind !== 'group').length;
  if (xPersons === 0 || yPersons === 0) {
    const [g, o] = xPersons === 0 ? [x, y] : [y, x];
    const present = new Set(o.attendees.map((p) => p.party).filter(Boolean));
    if (!g._groups.length) return o.attendees.length === 0 || x.kind === 'talks';
    return g._groups.every((h) => (h.party && present.has(h.party)) || o._groups.some((q) => q.name === h.name));
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
    if ((target.status === 'scheduled' || target.status === 'proposed') && d.status !== 'scheduled' && d.status !== 'proposed') target.status = d.status;
    else if (target.status === 'proposed' && d.status === 'scheduled') target.status = 'scheduled';
    else if (target.status === 'under-way' && d.status === 'held') target.status = 'held';
    target.place = mergePlaces(target.place, d.place);
    if (!target.format && d.format) target.format = d.format;
    if (target.kind !== d.kind) {
      // A visit and the meeting it was for: a meeting when two persons (or two parties) meet.
      const persons = target.attendees.filter((p) => p.kind !== 'group');
      const parties = new Set(persons.map((p) => p.party).filter(Boolean));
      target.kind = parties.size >= 2 || persons.length >= 2 ? 'meeting' : 'visit';
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
    const conf = 0.45 + (d._explicitDate ? 0.2 : d.start ? 0.05 : 0) + (people >= 2 ? 0.15 : people === 1 ? 0.08 : 0) + (d.place ? 0.1 : 0) + (d.mentions.length > 1 ? 0.05 : 0) - (d.status === 'proposed' ? 0.15 : 0);
    const { _persons, _groups, _explicitDate, _para, _fill, ...rest } = d;
    return {
      ...rest,
      title: eventTitle(d.kind, d.attendees, d.place, d.format),
      confidence: Math.round(Math.max(0, Math.min(1, conf)) * 100) / 100,
    };
  });
}
