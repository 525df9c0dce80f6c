/**
 * Attributed statements: who said it (a person, a post, "officials", an office, a document, a party),
 * on behalf of which party, how it is attributed, what stance cue and which provisions it carries,
 * when, and where in the text.
 *
 * Attribution forms recognised (any order of quote and attribution):
 * - `X said (that) …`, `X said: "…"`, `"…," X said`, `"…," said X`, `"…", X told reporters`,
 *   `X wrote on social media`, `X said in a statement`, and the other reporting verbs (warned, urged,
 *   insisted, commended, pledged, threatened…);
 * - `according to X` at the start or the end of a sentence; when X is an office or party and a person
 *   is the subject of what follows ("According to the presidential office, Sandoval laid out…"), that
 *   person is the speaker;
 * - `X told <outlet>` / `X told reporters`; `a spokesman for X`, `X's office said`, `X's spokesman,
 *   Name, said` (the office or the named spokesperson speaks for X);
 * - inverted order in agency copy and translations ("reported Morales", "as underlined the aide");
 * - `by his words`, relative clauses ("Haddad, who said on Thursday…"), pronouns and titles referring
 *   back to a person named before ("he said", "the army chief told reporters") through ./people.ts;
 * - documents speaking ("The European counter-proposal … raises the cap…", "the joint statement said").
 * A sentence without attribution that follows a statement in the same paragraph continues it.
 *
 * Party: the speaker's membership in the store, else the nationality or organisation of the title
 * that introduced the speaker, else the owner of an office ("Abiy's office" → Abiy's party). An
 * adjective in "-sponsored", "-led", "-backed" never makes a party the speaker.
 */
import type { AttributionKind } from '../model/schemas.js';
import type { Analysis, Attribution } from './context.js';
import { discourseDate, mentionsIn } from './context.js';
import { matchPersonName, partyOfTitle, type Mention } from './people.js';
import { provisionsConcerned } from './provisions.js';
import { cueToStance, stanceCue } from './stance.js';
import { splitRange, type Sentence } from './text.js';
import type { ProposedPerson, StanceCue, StatementProposal } from './types.js';

const VERBS =
  'said|says|say|told|tells|added|adding|argued|argues|insisted|insists|stated|states|warned|warns|noted|notes|confirmed|confirms|denied|denies|promised|promises|complained|wrote|writes|posted|tweeted|' +
  'characteri[sz]ed|described|dismissed|dismisses|rejected|rejects|refused|refuses|opposed|opposes|ruled\\s+out|rules\\s+out|accepted|accepts|endorsed|endorses|welcomed|welcomes|assured|assures|stressed|stresses|emphasi[sz]ed|announced|announces|claimed|claims|acknowledged|suggested|suggests|' +
  'declared|declares|reiterated|explained|informed|underlined|reported|saying|urged|urges|pledged|pledges|vowed|vows|threatened|threatens|commended|commends|praised|praises|hailed|hails|condemned|condemns|' +
  'accused|accuses|thanked|thanks|called\\s+(?:on|for)|called(?=\\s+(?:it|this|that|these|them)\\b|[^.;"]{0,40}")|calls\\s+(?:on|for)|demanded|demands|expressed|expresses|voiced|predicted|conceded|admitted|maintained|replied|responded|countered|recalled|believes|believed|' +
  'opened\\s+by\\s+saying|would\\s+say|went\\s+further|saw\\s+no\\s+grounds|did\\s+not\\s+reject|made\\s+clear|making\\s+clear|laid\\s+out|sounded|agreed\\s+that|objected|protested|appealed|asked\\s+for|spoke\\s+of|speaking';
const SPEECH = new RegExp(`\\b(?:${VERBS})\\b`, 'g');
const WORDS_OF = /\b(?:by|in|according\s+to)\s+(his|her|their)\s+words\b/gi;
const ACCORDING = /\baccording\s+to\s+/gi;
const DOC_VERBS = /^(?:[^.;]{0,80}?)\b(?:keeps|raises|makes|starts|proposes|envisages|calls\s+for|offers|sets|removes|drops|deletes|adds|includes|requires|commits|says|states|would|provides|stipulates)\b/i;
const PREP_BEFORE = /\b(?:with|by|to|from|of|for|in|on|at|about|against|between|among|into|than|through|towards?)\s+(?:the\s+)?$/i;

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
      const rest = work.slice(src.to, s.to);
      const stop = /[,;.]/.exec(rest);
      const srcEnd = stop ? src.to + stop.index : s.to;
      const atStart = vFrom - s.from < 3;
      let speakers = [src];
      let contentFrom = srcEnd;
      if (atStart && (src.kind === 'party' || src.kind === 'group' || src.kind === 'outlet')) {
        const subj = ms.find((x) => x.from > srcEnd && x.kind === 'person' && (x.person || x.isNew) && !x.modifier);
        if (subj && subj.from - srcEnd < 12) speakers = [subj];
      }
      if (!atStart) contentFrom = s.from;
      out.push({ sentence: s, verbFrom: vFrom, verbTo: vTo, speakers, contentFrom, source: src });
      taken.push([vFrom, srcEnd]);
    }
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
    SPEECH.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = SPEECH.exec(text)); ) {
      const vFrom = s.from + m.index;
      const vTo = vFrom + m[0].length;
      if (taken.some(([x, y]) => vFrom < y && vTo > x)) continue;
      const pre = work.slice(Math.max(s.from, vFrom - 24), vFrom);
      if (/\bwhat\s+(?:\S+\s+){0,2}$/i.test(pre) && /called|described/i.test(m[0])) continue;
      // Passive ("is said to", "was reported") and infinitives ("to say") have no speaker here.
      if (/\b(?:is|was|are|were|been|be|being)\s+$/i.test(work.slice(Math.max(s.from, vFrom - 6), vFrom))) continue;
      if (/\bto\s+$/i.test(work.slice(Math.max(s.from, vFrom - 4), vFrom)) && !/^(?:speaking)/.test(m[0])) continue;
      // A reporting verb used as a noun modifier ("the rejected plan", "a welcomed step").
      if (/\b(?:the|a|an)\s+$/i.test(work.slice(Math.max(s.from, vFrom - 5), vFrom))) continue;
      const speakers = findSpeaker(a, s, ms, vFrom, vTo);
      if (!speakers.length) continue;
      const thatM = /^[^;:"]{0,60}?\bthat\b/.exec(work.slice(vTo, s.to));
      const contentFrom = thatM ? vTo + thatM[0].length : vTo;
      out.push({ sentence: s, verbFrom: vFrom, verbTo: vTo, speakers, contentFrom });
      taken.push([Math.min(vFrom, speakers[0]!.from), Math.max(vTo, speakers[0]!.to)]);
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

/** Can a mention speak? */
function usable(x: Mention): boolean {
  if (x.modifier && x.kind !== 'group') return false;
  if (x.kind === 'group' && x.negated) return false;
  if (x.kind === 'person') return !!(x.person || x.isNew);
  if (x.kind === 'pronoun') return !!(x.person || x.isNew) && /^(he|she)$/i.test(x.text);
  return true;
}

/** The speaker(s) of a speech verb at `[vFrom, vTo)`: subject to the left, or inverted to the right. */
function findSpeaker(a: Analysis, s: Sentence, ms: Mention[], vFrom: number, vTo: number): Mention[] {
  const { work } = a;
  // Inverted: `"…," said Obasanjo`, ", reported Morales", "as underlined the aide".
  const prevChars = work.slice(Math.max(s.from, vFrom - 4), vFrom);
  const inverted = /[,"]\s*$/.test(prevChars) || /\bas\s+$/i.test(prevChars) || vFrom - s.from < 4;
  const right = ms.find((x) => x.from >= vTo && x.from - vTo <= 25 && usable(x) && (x.kind === 'person' || x.kind === 'pronoun' || x.kind === 'post' || x.kind === 'group'));
  // "threatened through its prime minister": the one it speaks through speaks.
  if (right && /^\s+through\s+(?:its|his|her|their|the)\s+$/i.test(work.slice(vTo, right.from))) return [withOwner(work, ms, right)];
  // Inverted order needs the speaker right after the verb, not the object of a preposition.
  if (inverted && right && /^[\s,]*$/.test(work.slice(vTo, right.from).replace(/\b(?:the|a|an)\b/gi, '')) && !/^\s*(?:that|it|on|in|at|to)\b/i.test(work.slice(vTo, vTo + 6))) return [withOwner(work, ms, right)];
  // Relative clause: "…to Vladimir Haddad, who said" → the antecedent, whatever governs it.
  if (/,\s*who\s+(?:\w+\s+){0,2}$/i.test(work.slice(Math.max(s.from, vFrom - 30), vFrom))) {
    const whoAt = work.lastIndexOf('who', vFrom);
    const ante = ms.filter((x) => x.to <= whoAt && usable(x) && (x.kind === 'person' || x.kind === 'group' || x.kind === 'party')).pop();
    if (ante) return coordinated(work, ms, ante);
  }
  // A relative clause ("the law that currently rules out elections"): its subject is the antecedent,
  // which must be a mention right before "that"/"which"; otherwise no one here speaks.
  const relWin = work.slice(Math.max(s.from, vFrom - 40), vFrom);
  const rel = /\b(?:that|which)\s+(?:(?:[\p{Ll}]+ly|also|still|now|already|then|just|even|never|not|has|have|had|will|would)\s+){0,2}$/u.exec(relWin);
  if (rel) {
    const relAt = vFrom - relWin.length + rel.index;
    const ante = ms.filter((x) => x.to <= relAt && usable(x) && /^\s*,?\s*$/.test(work.slice(x.to, relAt))).pop();
    if (!ante) return [];
  }
  // Left: nearest usable mention not governed by a preposition, skipping parentheticals and quotes.
  // A party inside a post or group phrase ("the [Ukrainian] leader") is not the subject: the phrase is.
  const inside = (x: Mention) => ms.some((y) => y !== x && y.from <= x.from && y.to >= x.to && y.to - y.from > x.to - x.from && (y.kind === 'person' || y.kind === 'post' || y.kind === 'group') && usable(y));
  const left = ms.filter((x) => x.to <= vFrom && usable(x) && !inside(x));
  for (let i = left.length - 1; i >= 0; i--) {
    const x = left[i]!;
    const pre = work.slice(Math.max(s.from, x.from - 12), x.from);
    if (PREP_BEFORE.test(pre) && !/\bspokes\w+\s+for\s+(?:the\s+)?$/i.test(work.slice(Math.max(s.from, x.from - 24), x.from))) continue;
    if (x.kind === 'document' && !/\b(?:statement|communiqu|counter-?proposal|readout|memo|declaration)/i.test(x.text)) continue;
    const between = work.slice(x.to, vFrom);
    if (/[;]/.test(between)) break;
    // A quote between subject and verb belongs to the subject only when it closes right before the verb.
    if (/"/.test(between) && !/^[^"]*"[^"]*"\s*,?\s*$/.test(between) && between.split('"').length % 2 === 0) continue;
    // The subject must not be inside an earlier clause of its own ("the plan, which X drafted, said").
    if (/\b(?:which|that)\s+$/.test(work.slice(Math.max(s.from, x.from - 8), x.from))) continue;
    // "The plan would reportedly require…": a document is no speaker of a reporting adverb.
    if (x.kind === 'document' && /\breportedly\b/i.test(between)) break;
    return coordinated(work, ms, withOwner(work, ms, x));
  }
  return [];
}

/** "Brandt, Costa and Adeyemi, who assured…": coordinated speakers of the same kind before `x`. */
function coordinated(work: string, ms: Mention[], x: Mention): Mention[] {
  const group = [x];
  const lefts = ms.filter((y) => y.to <= x.from && usable(y) && y.kind === x.kind);
  for (let k = lefts.length - 1; k >= 0; k--) {
    const y = lefts[k]!;
    const gap = work.slice(y.to, group[0]!.from);
    if (/^\s*(?:,|\s+and|,\s+and)\s*(?:(?:the\s+)?[\p{Lu}][\w.]*(?:\s+[\p{Lu}][\w.]*)?['’]s?\s+)?$/u.test(gap)) group.unshift(y);
    else break;
  }
  return group;
}

/**
 * An office or spokesperson speaking for someone: "Abiy's office", "the TPLF's spokesman" — the
 * office is a group mention whose party is its owner's. Returns the mention to use as the speaker.
 */
function withOwner(work: string, ms: Mention[], x: Mention): Mention {
  if (x.kind !== 'group' && x.kind !== 'post') return x;
  if (x.party) return x;
  const owner = ms.filter((o) => o.to <= x.from && x.from - o.to <= 3 && (o.kind === 'person' || o.kind === 'party') && /^['’]s?\s*$/.test(work.slice(o.to, x.from))).pop();
  const inner = ms.find((o) => o !== x && o.from >= x.from && o.to <= x.to && (o.kind === 'person' || o.kind === 'party') && o.party);
  const party = owner?.party ?? inner?.party;
  return party ? { ...x, party } : x;
}

/** Turn a mention into the person proposal shape. */
export function proposedPerson(m: Mention): ProposedPerson {
  const post = m.title ? { post: m.title } : m.kind === 'post' && m.head ? { post: m.head } : {};
  if (m.person) return { person: m.person, name: m.name, ...(m.party ? { party: m.party } : {}), kind: 'known', ...post };
  if (m.isNew) return { name: m.name, ...(m.party ? { party: m.party } : {}), kind: 'new', ...post };
  return { name: m.name, ...(m.party ? { party: m.party } : {}), kind: 'group', ...post };
}

function attributionKind(a: Analysis, at: Attribution, m: Mention): AttributionKind {
  const sentenceText = a.work.slice(at.sentence.from, at.sentence.to);
  if (m.kind === 'outlet') return /\bofficials?\b/i.test(sentenceText.slice(0, 200)) && at.source ? 'anonymous-official' : 'outlet-report';
  if (m.kind === 'document') return /\bleak/i.test(sentenceText) ? 'leak' : 'official-document';
  if (m.kind === 'group' || m.kind === 'post') {
    if (/\bsources?\b|people\s+familiar|diplomats?\b/i.test(m.text)) return 'sources';
    if (/\bofficials?\b|\bunnamed\b|\banonymous\b/i.test(m.text)) return 'anonymous-official';
    return /\b(?:statement|communiqu)/i.test(sentenceText) ? 'official-document' : 'on-record';
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
  let best: { d: (typeof cands)[number]; dist: number } | null = null;
  for (const d of cands) {
    if (d.from >= at.verbTo && !/^(?:on\s|yesterday|today|last\s|in\s+the\s+(?:evening|morning))/i.test(a.work.slice(d.from, d.to))) continue;
    // A date in a quote or clause before the speaker ("… on Sunday, while Moscow on Monday dismissed") is not this verb's.
    if (d.to <= spk.from && /[",;]/.test(a.work.slice(d.to, spk.from))) continue;
    const dist = d.from >= at.verbTo ? d.from - at.verbTo : at.verbFrom - d.to;
    if (!best || dist < best.dist) best = { d, dist };
  }
  return best ? best.d.start : null;
}

/** A speaker that reports facts only ("a source told Al-Masdar") is kept only with a stance. */
function factOnlySpeaker(m: Mention): boolean {
  return m.kind === 'outlet' || (m.kind === 'group' && /\bsources?\b/i.test(m.head ?? m.text)) || m.kind === 'party';
}

/**
 * Build statement proposals from the attributions.
 * @returns statements in text order
 */
export function extractStatements(a: Analysis): StatementProposal[] {
  const { work } = a;
  const out: Draft[] = [];
  const bySentence = new Map<number, Attribution[]>();
  for (const at of a.attributions) {
    const l = bySentence.get(at.sentence.index) ?? [];
    l.push(at);
    bySentence.set(at.sentence.index, l);
  }
  const sents = a.prep.sentences;
  // In a transcript every spoken turn is a statement of its speaker (./transcript.ts); sentences
  // inside a turn are read as part of it.
  const spoken = a.prep.turns.filter((t) => t.role !== 'question');
  out.push(...turnStatements(a));
  for (const s of sents) {
    const all = bySentence.get(s.index);
    if (!all) continue;
    if (spoken.some((t) => s.from >= t.labelFrom && s.from < t.to)) continue;
    for (const [segFrom, segTo] of segments(work, s.from, s.to)) {
      const ats = all.filter((x) => x.verbFrom >= segFrom && x.verbFrom < segTo);
      if (!ats.length) continue;
      const rank = (at: Attribution) => {
        const m = at.speakers[0]!;
        return (m.person ? 6 : m.isNew ? 5 : m.kind === 'document' ? 4 : m.kind === 'post' ? 3.5 : m.kind === 'group' ? 3 : m.kind === 'party' ? 2 : 1) + (at.source ? -0.5 : 0);
      };
      const at = [...ats].sort((x, y) => rank(y) - rank(x))[0]!;
      const spk = at.speakers[0]!;
      let content = work.slice(segFrom, segTo);
      const cut = (from: number, to: number) => {
        const f = Math.max(0, from - segFrom);
        const t = Math.min(content.length, to - segFrom);
        if (t > f) content = content.slice(0, f) + ' '.repeat(t - f) + content.slice(t);
      };
      for (const sp of at.speakers) cut(sp.from, sp.to);
      if (at.source) cut(at.verbFrom, at.source.to);
      // The speaker's own introduction ("Norway's foreign minister, …") is no content either.
      for (const m of mentionsIn(a, segFrom, segTo)) if (m.via === 'post' && m.modifier) cut(m.from, m.to);
      let spanTo = segTo;
      let extra = '';
      const lastSegment = segTo >= s.to;
      for (let k = s.index + 1; lastSegment && k < sents.length; k++) {
        const n = sents[k]!;
        if (n.para !== s.para || bySentence.has(n.index)) break;
        const first = mentionsIn(a, n.from, n.to).find((x) => x.kind !== 'document');
        if (first && first.kind === 'person' && (first.person || first.isNew) && !first.modifier && first.from - n.from < 40) break;
        if (first && !first.modifier && (((first.kind === 'group' || first.kind === 'post') && first.from - n.from < 25) || (first.kind === 'party' && first.from - n.from < 15))) break;
        if (/^\s*(?:The|A|An)\s+\w+\s+(?:will|is|are|was|were|has|had)\b/.test(work.slice(n.from, n.from + 40)) && !/^\s*(?:The|A|An)\s+(?:plan|text|draft|deal|agreement|proposal)\b/.test(work.slice(n.from, n.from + 30))) break;
        extra += ' ' + work.slice(n.from, n.to);
        spanTo = n.to;
        break;
      }
      const cueHit = stanceCue(content);
      let cue = cueHit?.cue ?? null;
      if (!cue && spk.kind === 'document' && /counter|rival|amend/i.test(spk.text)) cue = 'amends';
      const own = provisionsConcerned(content, a.known.provisions);
      if (!cue && factOnlySpeaker(spk)) continue;
      // Content must say something: more than the speaker and the verb.
      const words = content.replace(/"/g, ' ').trim().split(/\s+/).filter((w) => /\p{L}{2}/u.test(w));
      // (A stance verb with its object says enough: "Eide rejected a temporary truce".)
      const stanceVerb = !!stanceCue(work.slice(at.verbFrom, at.verbTo));
      if (words.length < (stanceVerb ? 3 : 4)) continue;
      if (!cue && extra) cue = stanceCue(extra)?.cue ?? null;
      // Without a stance cue or a provision, only a person's own words (a quote) make a statement of position.
      const quoted = /"[^"]{2,}"/.test(work.slice(segFrom, segTo));
      const personal = spk.kind === 'person' || spk.kind === 'pronoun';
      if (!cue && !own.provisions.length && !(personal || (quoted && spk.kind === 'post'))) continue;
      const prov = extra ? provisionsConcerned(content + ' ' + extra, a.known.provisions) : own;
      const speakers = at.speakers.map(proposedPerson);
      const parties = [...new Set(at.speakers.map((x) => x.parties ?? (x.party ? [x.party] : [])).flat())];
      if (spk.kind === 'document' && !parties.length && /joint/i.test(spk.text)) parties.push(...jointParties(a, s.from));
      const explicit = speechDate(a, at);
      const dd = discourseDate(a, at.verbFrom);
      const quote = /"([^"]{2,300})"/.exec(work.slice(segFrom, segTo));
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

/** Longest turn read as one statement, in characters (a long answer is cut here). */
const MAX_TURN_CHARS = 1200;

/**
 * Statements of a transcript's turns: the speaker from the label (a person of the store or of the
 * text by name or surname, else a new person named by the label; "A:" is the person the report
 * interviews, the one it names most before the first turn), the words of the turn as a quote, and
 * a stance cue or a topic (a turn with neither is small talk and gives nothing).
 */
function turnStatements(a: Analysis): Draft[] {
  const turns = a.prep.turns;
  if (!turns.length) return [];
  const out: Draft[] = [];
  const persons = a.mentions.filter((m) => (m.kind === 'person' || m.kind === 'pronoun') && (m.person || m.isNew) && !m.modifier);
  const firstTurn = turns[0]!.labelFrom;
  const interviewee = (() => {
    const counts = new Map<string, { n: number; m: Mention }>();
    for (const m of persons) {
      if (m.from >= firstTurn || m.kind === 'pronoun') continue;
      const e = counts.get(m.name) ?? { n: 0, m };
      e.n++;
      counts.set(m.name, e);
    }
    return [...counts.values()].sort((x, y) => y.n - x.n)[0]?.m ?? null;
  })();
  for (const t of turns) {
    if (t.role === 'question') continue;
    const spk = t.role === 'answer' ? interviewee : labelSpeaker(a, t.label, t.note, persons);
    if (!spk) continue;
    const to = Math.min(t.to, t.contentFrom + MAX_TURN_CHARS);
    const content = a.work.slice(t.contentFrom, to);
    const cue = stanceCue(content)?.cue ?? null;
    const prov = provisionsConcerned(content, a.known.provisions);
    if (!cue && !prov.topics.length) continue;
    const dd = discourseDate(a, t.contentFrom);
    const speaker = proposedPerson(spk);
    out.push({
      speaker,
      party: spk.party ?? null,
      parties: spk.party ? [spk.party] : [],
      attribution: 'on-record',
      form: 'quote',
      text: a.prep.text.slice(t.contentFrom, to).replace(/^["“]|["”]$/g, '').trim(),
      cue,
      stance: cueToStance(cue),
      provisions: prov.provisions,
      topics: prov.topics,
      date: dd.date,
      dateSource: dd.source,
      span: [t.labelFrom, to],
      confidence: round(0.5 + (spk.person ? 0.2 : 0.1) + (cue ? 0.15 : 0) + (prov.provisions.length ? 0.1 : 0)),
      _para: -1,
      _sentence: -1 - out.length,
      _speakerKind: 'person',
    });
  }
  return out;
}

/** The person a transcript label names: by name or surname among the text's people, then the store, else new. */
function labelSpeaker(a: Analysis, label: string, note: string | null, persons: Mention[]): Mention | null {
  const words = label.replace(/[.]/g, '').split(/\s+/);
  const name = /^[\p{Lu}\s'’.-]+$/u.test(label) ? words.map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join(' ') : words.join(' ');
  const last = (name.split(/\s+/).pop() ?? '').toLowerCase();
  // The fullest name the text gives the person (a label is mostly a surname: "VELAN" is "Tor Velan", not "Mr Velan").
  const bySurname = persons.filter((m) => m.name.toLowerCase().split(/\s+/).includes(last)).sort((x, y) => y.name.split(/\s+/).length - x.name.split(/\s+/).length);
  const inText = persons.find((m) => m.name.toLowerCase() === name.toLowerCase() && m.name.includes(' ')) ?? bySurname.find((m) => m.party) ?? bySurname[0] ?? persons.find((m) => m.name.toLowerCase() === name.toLowerCase());
  if (inText) {
    const party = inText.party ?? (note ? partyOfTitle(a.index, note) : undefined);
    return { ...inText, ...(party ? { party } : {}) };
  }
  const id = matchPersonName(a.index, name);
  if (id) {
    const p = a.index.byId.get(id)!;
    return { from: 0, to: 0, text: label, kind: 'person', person: id, name: p.name, ...(a.index.partyOf.get(id) ? { party: a.index.partyOf.get(id)! } : {}), via: 'name', modifier: false };
  }
  // A role word alone ("SPOKESMAN") or a single word that is no name gives no person.
  if (!/^[\p{Lu}][\p{Ll}'’-]+(?:\s+[\p{Lu}][\p{Ll}'’-]+){0,3}$/u.test(name) || /^(?:Spokes\w+|Minister|President|Official|Source|Voice|Narrator|Caller|Guest|Speaker|Crowd|Audience|Unidentified\w*)$/i.test(name)) return null;
  const party = note ? partyOfTitle(a.index, note) : undefined;
  return { from: 0, to: 0, text: label, kind: 'person', isNew: true, name, ...(note ? { title: note } : {}), ...(party ? { party } : {}), via: 'proposed', modifier: false };
}

/** Segments of a sentence that can carry separate attributions: split at ";" and ", while". */
function segments(work: string, from: number, to: number): [number, number][] {
  return splitRange(work, from, to, /;\s*|,\s+(?:while|whereas)\s+/g);
}

/** Parties of the most recent context before `pos`: party forms and known persons of the previous sentences. */
function jointParties(a: Analysis, pos: number): string[] {
  const ms = a.mentions.filter((m) => m.to <= pos && m.from >= pos - 600 && (m.kind === 'party' || (m.kind === 'person' && (m.person || m.isNew) && !m.modifier)) && m.party);
  const counts = new Map<string, number>();
  for (const m of ms) counts.set(m.party!, (counts.get(m.party!) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1]).slice(0, 2).map(([p]) => p);
}

const round = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

type Draft = StatementProposal & { _para: number; _sentence: number; _speakerKind: string; _cue?: StanceCue | null };

/**
 * Merge and split:
 * - a party speaking ("Moscow dismissed…") is dropped when a person of that party makes a statement of
 *   the same date with the same or no cue (the named attribution subsumes the summary);
 * - statements of one person in one sentence become one;
 * - a document's statement about several provisions is split per provision (each is an amendment).
 */
function postprocess(ds: Draft[]): StatementProposal[] {
  let out = ds.filter((d) => !(d._speakerKind === 'party' && ds.some((o) => o !== d && o.speaker.kind !== 'group' && o.party === d.party && o.date === d.date && (o.cue === d.cue || !o.cue || !d.cue))));
  const merged: Draft[] = [];
  const key = (d: Draft) => d.speaker.person ?? (d.speaker.kind === 'new' ? 'new:' + d.speaker.name : '');
  for (const d of out) {
    const same = merged.find((m) => key(m) && key(m) === key(d) && m._sentence === d._sentence);
    if (same) {
      same.provisions = [...new Set([...same.provisions, ...d.provisions])];
      same.topics = [...new Set([...same.topics, ...d.topics])];
      if (!same.cue) {
        same.cue = d.cue;
        same.stance = d.stance;
      }
      same.span = [Math.min(same.span[0], d.span[0]), Math.max(same.span[1], d.span[1])];
      continue;
    }
    merged.push(d);
  }
  // A statement with no cue and no topic continues the statement of the same speaker next to it in
  // the paragraph ("He complained, however, that…" after "Haddad told… it could serve as the basis").
  for (let i = 0; i < merged.length; i++) {
    const d = merged[i]!;
    if (d.cue || d.topics.length || d.provisions.length || !key(d) || d.form === 'quote') continue;
    const near = [merged[i - 1], merged[i + 1]].find((o) => o && key(o) === key(d) && o._para === d._para && o._para >= 0);
    if (!near) continue;
    near.span = [Math.min(near.span[0], d.span[0]), Math.max(near.span[1], d.span[1])];
    merged.splice(i, 1);
    i--;
  }
  out = [];
  for (const d of merged) {
    if (d._speakerKind === 'document' && d.provisions.length > 1) d.provisions.forEach((p, i) => out.push({ ...d, provisions: [p], topics: d.topics[i] ? [d.topics[i]!] : d.topics }));
    // A document's changes on several topics are several amendments, one per topic.
    else if (d._speakerKind === 'document' && !d.provisions.length && d.topics.length > 1) d.topics.forEach((t) => out.push({ ...d, topics: [t] }));
    else out.push(d);
  }
  return out.map(({ _para, _sentence, _speakerKind, _cue, ...rest }) => rest as StatementProposal);
}
