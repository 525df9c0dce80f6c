/**
 * Attributed statements: who said it (a person, "officials", "sources", an outlet, a document, a
 * party), on behalf of which party, how it is attributed, what stance cue and which provisions it
 * carries, when, and where in the text.
 *
 * Attribution forms recognised:
 * - subject + speech verb: "Kremlin aide Yuri Ushakov said", "Driscoll's spokesman, Lt. Col. Jeff Tolbert,
 *   said", "officials said", "Zelensky and Erdogan agreed" is not speech (an act), "the Ukrainian leader said";
 * - inverted order, common in agency copy and translations: "reported Ushakov", "as underlined the aide",
 *   "As informed journalists Yuri Ushakov";
 * - "according to X"; when X is an office or party and a person is the subject of what follows
 *   ("According to the presidential office, Zelensky laid out…"), that person is the speaker;
 * - "by his words", "in his words" (the pronoun resolved to the current subject);
 * - relative clauses: "Vladimir Putin, who said on Thursday…";
 * - documents speaking: "The European counter-proposal … raises the cap…".
 * A sentence without attribution that follows a statement in the same paragraph continues it (its
 * provisions are added), as reported speech often runs on.
 * Only statements with a stance cue or a provision are proposed: the rest of reporting verbs mostly
 * carry facts (travel, schedules) that become events instead.
 */
import type { AttributionKind } from '../model/schemas.js';
import type { Analysis, Attribution } from './context.js';
import { discourseDate, mentionsIn } from './context.js';
import type { Mention } from './people.js';
import { stanceCue, cueToStance } from './stance.js';
import { provisionsConcerned } from './provisions.js';
import type { ProposedPerson, StanceCue, StatementProposal } from './types.js';
import type { Sentence } from './text.js';

const SPEECH =
  /\b(?:said|says|told|tells|added|adding|argued|argues|insisted|insists|stated|states|warned|warns|noted|notes|confirmed|confirms|denied|denies|promised|promises|complained|called|wrote|writes|posted|characteri[sz]ed|described|dismissed|dismisses|rejected|rejects|welcomed|welcomes|assured|assures|stressed|emphasi[sz]ed|announced|announces|claimed|claims|acknowledged|suggested|declared|reiterated|explained|informed|underlined|reported|saying|opened\s+by\s+saying|would\s+say|went\s+further|saw\s+no\s+grounds|did\s+not\s+reject|made\s+clear|making\s+clear|laid\s+out|sounded)\b/g;
const WORDS_OF = /\b(?:by|in|according\s+to)\s+(his|her|their)\s+words\b/gi;
const ACCORDING = /\baccording\s+to\s+/gi;
const DOC_VERBS = /^(?:[^.;]{0,80}?)\b(?:keeps|raises|makes|starts|proposes|envisages|calls\s+for|offers|sets|removes|drops|deletes|adds|includes|requires|commits|says|states|would)\b/i;
const PREP_BEFORE = /\b(?:with|by|to|from|of|for|in|on|at|about|against|between|among|into|than)\s+(?:the\s+)?$/i;

/** Find attributions in every sentence of the body. */
export function findAttributions(a: Analysis): Attribution[] {
  const out: Attribution[] = [];
  const { work } = a;
  for (const s of a.prep.sentences) {
    const text = work.slice(s.from, s.to);
    const ms = mentionsIn(a, s.from, s.to);
    const taken: [number, number][] = [];
    // "according to X"
    ACCORDING.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = ACCORDING.exec(text)); ) {
      const vFrom = s.from + m.index;
      const vTo = vFrom + m[0].length;
      const src = ms.find((x) => x.from >= vTo && x.from - vTo <= 40 && x.kind !== 'pronoun');
      if (!src) continue;
      let srcEnd = src.to;
      // Extend over the whole source phrase ("US and Ukrainian officials quoted by Axios").
      const rest = work.slice(srcEnd, s.to);
      const stop = /[,;.]/.exec(rest);
      srcEnd = stop ? srcEnd + stop.index : s.to;
      const atStart = vFrom - s.from < 3;
      let speakers = [src];
      let contentFrom = srcEnd;
      if (atStart && (src.kind === 'party' || src.kind === 'person')) {
        const subj = ms.find((x) => x.from > srcEnd && x.kind === 'person' && (x.person || x.isNew) && !x.modifier);
        if (subj && subj.from - srcEnd < 12) speakers = [subj];
      }
      if (!atStart) contentFrom = s.from;
      out.push({ sentence: s, verbFrom: vFrom, verbTo: vTo, speakers, contentFrom, source: src });
      taken.push([vFrom, srcEnd]);
    }
    // "by his words"
    WORDS_OF.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = WORDS_OF.exec(text)); ) {
      const vFrom = s.from + m.index;
      const vTo = vFrom + m[0].length;
      if (taken.some(([x, y]) => vFrom < y && vTo > x)) continue;
      const pron = ms.find((x) => x.kind === 'pronoun' && x.from >= vFrom && x.to <= vTo);
      if (pron && (pron.person || pron.isNew)) {
        out.push({ sentence: s, verbFrom: vFrom, verbTo: vTo, speakers: [pron], contentFrom: vTo });
        taken.push([vFrom, vTo]);
      }
    }
    // Speech verbs.
    SPEECH.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = SPEECH.exec(text)); ) {
      const vFrom = s.from + m.index;
      const vTo = vFrom + m[0].length;
      if (taken.some(([x, y]) => vFrom < y && vTo > x)) continue;
      // "what he called", "what the Army called" inside a noun phrase: skip.
      if (/\bwhat\s+(?:\S+\s+){0,2}$/i.test(work.slice(Math.max(s.from, vFrom - 20), vFrom)) && /called|described/i.test(m[0])) continue;
      // "is said to", "was reported" (passive): no speaker.
      if (/\b(?:is|was|are|were|been|be)\s+$/i.test(work.slice(Math.max(s.from, vFrom - 6), vFrom))) continue;
      const speakers = findSpeaker(a, s, ms, vFrom, vTo);
      if (!speakers.length) continue;
      // What was said starts after "that" when it comes soon ("said after a call on Tuesday that…").
      const thatM = /^[^;:"]{0,60}?\bthat\b/.exec(work.slice(vTo, s.to));
      const contentFrom = thatM ? vTo + thatM[0].length : vTo;
      out.push({ sentence: s, verbFrom: vFrom, verbTo: vTo, speakers, contentFrom });
      taken.push([Math.min(vFrom, speakers[0]!.from), vTo]);
    }
    // A document as subject: "The European counter-proposal, published by Reuters on Sunday, keeps…"
    const first = ms.find((x) => x.kind !== 'pronoun');
    if (first && first.kind === 'document' && first.from - s.from < 6 && !out.some((o) => o.sentence === s)) {
      const after = work.slice(first.to, s.to);
      const dv = DOC_VERBS.exec(after);
      if (dv && (first.party || /joint|counter|draft|plan|framework/i.test(first.text))) {
        out.push({ sentence: s, verbFrom: first.to, verbTo: first.to + dv[0].length, speakers: [first], contentFrom: first.to, documentVerb: true });
      }
    }
  }
  return out.sort((x, y) => x.verbFrom - y.verbFrom);
}

/** The speaker(s) of a speech verb at `[vFrom, vTo)`: subject to the left, or inverted to the right. */
function findSpeaker(a: Analysis, s: Sentence, ms: Mention[], vFrom: number, vTo: number): Mention[] {
  const { work } = a;
  const usable = (x: Mention) =>
    !x.modifier &&
    (x.kind === 'person' ? !!(x.person || x.isNew) : x.kind === 'pronoun' ? !!(x.person || x.isNew) && /^(he|she)$/i.test(x.text) : true) &&
    !(x.kind === 'group' && x.negated);
  // Inverted: ", reported Ushakov", "as underlined the aide", "As informed journalists Yuri Ushakov".
  const prevChars = work.slice(Math.max(s.from, vFrom - 4), vFrom);
  const inverted = /[,"]\s*$/.test(prevChars) || /\bas\s+$/i.test(prevChars) || vFrom - s.from < 4;
  const rightPerson = ms.find((x) => x.from >= vTo && x.from - vTo <= 25 && usable(x) && (x.kind === 'person' || x.kind === 'pronoun'));
  if (inverted && rightPerson && !/^\s*(?:that|it)\b/i.test(work.slice(vTo, vTo + 6))) return [rightPerson];
  // Relative clause: "…to Vladimir Putin, who said" → the antecedent, whatever governs it.
  if (/,\s*who\s+(?:\w+\s+){0,2}$/i.test(work.slice(Math.max(s.from, vFrom - 30), vFrom))) {
    const whoAt = work.lastIndexOf('who', vFrom);
    const ante = ms.filter((x) => x.to <= whoAt && usable(x) && (x.kind === 'person' || x.kind === 'group')).pop();
    if (ante) {
      const group = [ante];
      const lefts = ms.filter((x) => x.to <= ante.from && usable(x) && x.kind === ante.kind);
      for (let k = lefts.length - 1; k >= 0; k--) {
        const y = lefts[k]!;
        const gap = work.slice(y.to, group[0]!.from);
        if (/^\s*(?:,|\s+and|,\s+and)\s*(?:(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?['’]s?\s+)?$/.test(gap)) group.unshift(y);
        else break;
      }
      return group;
    }
  }
  // Left: nearest usable mention not governed by a preposition, skipping parentheticals.
  const left = ms.filter((x) => x.to <= vFrom && usable(x));
  for (let i = left.length - 1; i >= 0; i--) {
    const x = left[i]!;
    const pre = work.slice(Math.max(s.from, x.from - 12), x.from);
    if (PREP_BEFORE.test(pre)) continue;
    if (x.kind === 'document' && !/\b(?:statement|communiqu|counter-?proposal|readout|memo)/i.test(x.text)) continue;
    // Between the speaker and the verb there must be no other clause's verb-bearing boundary.
    const between = work.slice(x.to, vFrom);
    if (/[;]/.test(between)) break;
    // "who said": the antecedent is before "who".
    const group = [x];
    // Coordinated speakers: "Merz, Macron and Starmer, who assured"; "The United States and Ukraine … saying".
    for (let k = i - 1; k >= 0; k--) {
      const y = left[k]!;
      const gap = work.slice(y.to, group[0]!.from);
      if (/^\s*(?:,|\s+and|,\s+and)\s*(?:(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?['’]s?\s+)?$/.test(gap) && y.kind === x.kind) group.unshift(y);
      else if (/^['’]s?\s+\S+\s+(?:,\s*|and\s+)$/.test(gap)) continue;
      else break;
    }
    return group;
  }
  return [];
}

/** Turn a mention into the person proposal shape. */
export function proposedPerson(m: Mention): ProposedPerson {
  if (m.person) return { person: m.person, name: m.name, ...(m.party ? { party: m.party } : {}), kind: 'known' };
  if (m.isNew) return { name: m.name, ...(m.party ? { party: m.party } : {}), kind: 'new' };
  return { name: m.name, ...(m.party ? { party: m.party } : {}), kind: 'group' };
}

function attributionKind(a: Analysis, at: Attribution, m: Mention): AttributionKind {
  const sentenceText = a.work.slice(at.sentence.from, at.sentence.to);
  if (m.kind === 'outlet') return /\bofficials?\b/i.test(sentenceText.slice(0, 200)) && at.source ? 'anonymous-official' : 'outlet-report';
  if (m.kind === 'document') return /\bleak/i.test(sentenceText) ? 'leak' : 'official-document';
  if (m.kind === 'group') {
    if (/\bsources?\b|people\s+familiar|diplomats?\b/i.test(m.text)) return 'sources';
    if (/\bofficials?\b/i.test(m.text)) return 'anonymous-official';
    return 'on-record';
  }
  if (at.source && at.source.kind === 'outlet' && at.speakers[0] === at.source) return 'outlet-report';
  return 'on-record';
}

const SPEECH_DATE_WINDOW = 30;

/** The date of an attribution stated next to its verb ("said on Monday that"), if any. */
export function speechDate(a: Analysis, at: Attribution): string | null {
  const s = at.sentence;
  const spk = at.speakers[0]!;
  const from = Math.max(s.from, Math.min(spk.from, at.verbFrom) - 60);
  const thatIdx = a.work.slice(at.verbTo, s.to).search(/\bthat\b|[:"]/);
  const to = Math.min(s.to, at.verbTo + (thatIdx >= 0 ? Math.min(thatIdx, SPEECH_DATE_WINDOW) : SPEECH_DATE_WINDOW));
  const cands = a.dates.filter((d) => d.from >= from && d.to <= to && d.start <= a.published && d.kind !== 'week' && d.kind !== 'weekend');
  // Prefer the date adjacent to the verb; a date right after the verb needs "on"/"yesterday"/"today".
  let best: { d: (typeof cands)[number]; dist: number } | null = null;
  for (const d of cands) {
    if (d.from >= at.verbTo && !/^(?:on\s|yesterday|today|last\s)/i.test(a.work.slice(d.from, d.to))) continue;
    const dist = d.from >= at.verbTo ? d.from - at.verbTo : at.verbFrom - d.to;
    // A date belonging to an earlier clause ("… on Sunday, while Moscow on Monday dismissed") is not this verb's.
    if (!best || dist < best.dist) best = { d, dist };
  }
  return best ? best.d.start : null;
}

/**
 * Build statement proposals from the attributions.
 * @returns statements in text order
 */
export function extractStatements(a: Analysis): StatementProposal[] {
  const { work } = a;
  const out: (StatementProposal & { _para: number; _sentence: number; _speakerKind: string; _cue?: StanceCue | null })[] = [];
  const bySentence = new Map<number, Attribution[]>();
  for (const at of a.attributions) {
    const l = bySentence.get(at.sentence.index) ?? [];
    l.push(at);
    bySentence.set(at.sentence.index, l);
  }
  const sents = a.prep.sentences;
  for (const s of sents) {
    const all = bySentence.get(s.index);
    if (!all) continue;
    for (const [segFrom, segTo] of segments(work, s.from, s.to)) {
    const ats = all.filter((x) => x.verbFrom >= segFrom && x.verbFrom < segTo);
    if (!ats.length) continue;
    // One statement per segment: the attribution whose speaker is most specific.
    const rank = (at: Attribution) => {
      const m = at.speakers[0]!;
      return (m.person ? 6 : m.isNew ? 5 : m.kind === 'document' ? 4 : m.kind === 'group' ? 3 : m.kind === 'party' ? 2 : 1) + (at.source ? -0.5 : 0);
    };
    const at = [...ats].sort((x, y) => rank(y) - rank(x))[0]!;
    const spk = at.speakers[0]!;
    // Content: the segment without the speaker phrase and the attribution verb, plus continuations.
    let content = work.slice(segFrom, segTo);
    const cut = (from: number, to: number) => {
      const f = Math.max(0, from - segFrom);
      const t = Math.min(content.length, to - segFrom);
      if (t > f) content = content.slice(0, f) + ' '.repeat(t - f) + content.slice(t);
    };
    for (const sp of at.speakers) cut(sp.from, sp.to);
    if (at.source) cut(at.verbFrom, at.source.to);
    let spanTo = segTo;
    let extra = '';
    const lastSegment = segTo >= s.to;
    for (let k = s.index + 1; lastSegment && k < sents.length; k++) {
      const n = sents[k]!;
      if (n.para !== s.para || bySentence.has(n.index)) break;
      const first = mentionsIn(a, n.from, n.to).find((x) => x.kind !== 'document');
      if (first && first.kind === 'person' && (first.person || first.isNew) && !first.modifier && first.from - n.from < 40) break;
      // A new subject ("Afterwards the leaders…", "Moscow…") ends the reported speech.
      if (first && !first.modifier && ((first.kind === 'group' && first.from - n.from < 25) || (first.kind === 'party' && first.from - n.from < 15 && !/(?:an|ish|ese|ch)$/.test(first.text)))) break;
      extra += ' ' + work.slice(n.from, n.to);
      spanTo = n.to;
    }
    const cueHit = stanceCue(content);
    let cue = cueHit?.cue ?? null;
    // A counter-proposal amends by definition.
    if (!cue && spk.kind === 'document' && /counter|rival|amend/i.test(spk.text)) cue = 'amends';
    const own = provisionsConcerned(content, a.known.provisions);
    // Only a statement with a cue or a provision of its own is proposed; what follows may enrich it.
    if (!cue && own.provisions.length === 0) continue;
    if (!cue && extra) cue = stanceCue(extra)?.cue ?? null;
    const prov = extra ? provisionsConcerned(content + ' ' + extra, a.known.provisions) : own;
    // An outlet's or a party's own account needs a stance cue to be a statement of position.
    if (!cue && (spk.kind === 'outlet' || spk.kind === 'party')) continue;
    const speakers = at.speakers.map(proposedPerson);
    const parties = [...new Set(at.speakers.map((x) => x.parties ?? (x.party ? [x.party] : [])).flat())];
    if (spk.kind === 'document' && !parties.length && /joint/i.test(spk.text)) parties.push(...jointParties(a, s.from));
    const explicit = speechDate(a, at);
    const dd = discourseDate(a, at.verbFrom);
    const quote = /"([^"]{2,200})"/.exec(work.slice(segFrom, segTo));
    const primary = speakers[0]!;
    const named = speakers.length > 1 ? { ...primary, name: speakers.map((p) => p.name).join('; ') } : primary;
    out.push({
      speaker: named,
      party: parties[0] ?? null,
      parties,
      attribution: attributionKind(a, at, spk),
      form: quote ? 'quote' : 'paraphrase',
      text: quote ? quote[1]! : a.prep.text.slice(segFrom, spanTo),
      cue,
      stance: cueToStance(cue),
      provisions: prov.provisions,
      topics: prov.topics,
      date: explicit ?? dd.date,
      dateSource: explicit ? 'explicit' : dd.source,
      span: [segFrom, spanTo],
      confidence: round(0.45 + (spk.person ? 0.2 : spk.isNew ? 0.1 : 0.05) + (cue ? 0.15 : 0) + (prov.provisions.length ? 0.1 : 0) + (explicit ? 0.05 : 0)),
      _para: s.para,
      _sentence: s.index,
      _speakerKind: spk.kind,
    });
    }
  }
  return postprocess(out);
}

/** Segments of a sentence that can carry separate attributions: split at ";" and ", while". */
function segments(work: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  const re = /;\s*|,\s+(?:while|whereas)\s+/g;
  const seg = work.slice(from, to);
  let last = 0;
  for (let m: RegExpExecArray | null; (m = re.exec(seg)); ) {
    if (m.index > last) out.push([from + last, from + m.index]);
    last = m.index + m[0].length;
  }
  if (last < seg.length) out.push([from + last, to]);
  return out;
}

/** Parties of the most recent event-like context before `pos`: party forms and known persons of the previous sentences. */
function jointParties(a: Analysis, pos: number): string[] {
  const ms = a.mentions.filter((m) => m.to <= pos && m.from >= pos - 600 && (m.kind === 'party' || (m.kind === 'person' && m.person && !m.modifier)) && m.party);
  const counts = new Map<string, number>();
  for (const m of ms) counts.set(m.party!, (counts.get(m.party!) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1]).slice(0, 2).map(([p]) => p);
}

const round = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

type Draft = StatementProposal & { _para: number; _sentence: number; _speakerKind: string };

/**
 * Merge and split:
 * - a party speaking ("Moscow dismissed…") is dropped when a person of that party makes a statement of
 *   the same date with the same or no cue (the named attribution subsumes the summary);
 * - statements of one person on one date about overlapping provisions become one;
 * - a document's statement about several provisions is split per provision (each is an amendment).
 */
function postprocess(ds: Draft[]): StatementProposal[] {
  let out = ds.filter(
    (d) =>
      !(d._speakerKind === 'party' && ds.some((o) => o !== d && o.speaker.kind === 'known' && o.party === d.party && o.date === d.date && (o.cue === d.cue || !o.cue || !d.cue))),
  );
  const merged: Draft[] = [];
  for (const d of out) {
    const same = merged.find(
      (m) => m.speaker.person && m.speaker.person === d.speaker.person && m.date === d.date && m.provisions.length && d.provisions.some((p) => m.provisions.includes(p)),
    );
    if (same) {
      same.provisions = [...new Set([...same.provisions, ...d.provisions])].sort((x, y) => Number(x) - Number(y));
      same.topics = [...new Set([...same.topics, ...d.topics])];
      if (!same.cue) {
        same.cue = d.cue;
        same.stance = d.stance;
      }
      continue;
    }
    merged.push(d);
  }
  out = [];
  for (const d of merged) {
    if (d._speakerKind === 'document' && d.provisions.length > 1) {
      d.provisions.forEach((p, i) => out.push({ ...d, provisions: [p], topics: d.topics[i] ? [d.topics[i]!] : d.topics }));
    } else out.push(d);
  }
  return out.map(({ _para, _sentence, _speakerKind, ...rest }) => rest as StatementProposal);
}

