/**
 * Stance cues in what someone said: accepts, rejects, conditional, amends (proposes changes),
 * optimistic, pessimistic, not-participating. A cue is a reading aid for the reviewer, not a coding:
 * it maps to the model's {@link Stance} through {@link cueToStance}.
 *
 * Rules, in order of precedence when several cues occur:
 * rejects > conditional > amends > not-participating > accepts > pessimistic > optimistic.
 * - A negation just before a cue word ("did not reject", "not acceptable") flips or cancels it.
 * - Quantified acceptance ("some parts … could be viewed positively", "many provisions looked
 *   acceptable") is conditional: part accepted, part not. Quantified rejection ("some of the points
 *   remained unacceptable") is a call to amend those points.
 * - "could serve as a basis", "provided", "only if", "unless", "depends on" mark a condition.
 */
import type { Stance } from '../model/schemas.js';
import type { StanceCue } from './types.js';

interface CueRule {
  cue: StanceCue;
  re: RegExp;
  /** A quantified cue: plain cues inside its words are read as part of it. */
  scoped?: boolean;
  /** The global form of `re`, compiled once. */
  global?: RegExp;
}

const QUANT = String.raw`\b(?:some|many|several|certain|most|parts?|a\s+number|others?)\b`;

const RULES: CueRule[] = [
  { cue: 'amends', re: new RegExp(String.raw`${QUANT}[^.;]{0,60}?\b(?:unacceptable|not\s+acceptable|objectionable|problematic|cause\s+criticism)`, 'i'), scoped: true },
  { cue: 'conditional', re: new RegExp(String.raw`${QUANT}[^.;]{0,60}?\b(?:acceptable|accept|positively|positive|agreeable|could\s+be\s+viewed)`, 'i'), scoped: true },
  { cue: 'rejects', re: /\b(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|unacceptable|unconstructive|non-?starter|refus(?:e|es|ed|ing)|oppos(?:e|es|ed|ing)|ruled?\s+out|(?:did|does|do)\s+not\s+suit|(?:won't|will\s+not|would\s+not|wouldn't|refused?\s+to|never)\s+sign|(?:won't|will\s+not|cannot|can\s+not|can't)\s+accept|never\s+accept|must\s+not|cannot\s+be\s+changed|out\s+of\s+the\s+question)\b/i },
  { cue: 'conditional', re: /\b(?:provided(?:\s+that)?|on\s+condition|only\s+(?:if|once|when|after)|unless|as\s+long\s+as|subject\s+to|depend(?:s|ed|ing)?\s+on|could\s+(?:serve\s+as|be|become|form)\s+(?:a|the)\s+basis|basis\s+for\s+(?:a|an|the)\s+(?:final\s+)?(?:settlement|agreement|deal)|ready\s+to\s+(?:discuss|talk|negotiate|work)[^.;]{0,40}\bbut\b|had\s+questions|principles?\s+that|red\s+lines?|in\s+exchange\s+for|needed\s+(?:expert|further|more)[\w\s-]{0,15}talks)\b/i },
  { cue: 'amends', re: /\b(?:alternatives?|counter-?proposals?|amend(?:s|ed|ing|ments?)?|revis(?:e|es|ed|ion|ions)|updated\s+and\s+refined|refined|rewr(?:ite|ote|itten)|modif(?:y|ies|ied|ications?)|changes\s+to|proposed\s+changes|put\s+forward\s+(?:alternatives|proposals|changes))\b/i },
  { cue: 'not-participating', re: /\b(?:not\s+(?:be\s+)?(?:taking|take)\s+part|no\s+[\w\s]{0,30}?(?:would|will)\s+attend|(?:will|would)\s+not\s+(?:attend|take\s+part|participate)|not\s+participat\w*|stay(?:ed|ing)?\s+away|boycott\w*|declined?\s+to\s+(?:attend|join|take\s+part)|no\s+need\s+to\s+be\s+involved|not\s+be\s+involved)\b/i },
  { cue: 'accepts', re: /\b(?:accept(?:s|ed|ing)?|agree(?:s|d|ing)?|support(?:s|ed|ing)?|welcom(?:e|es|ed|ing)|endors(?:e|es|ed|ing)|back(?:s|ed|ing)\s+the|suitable|acceptable|in\s+favou?r\s+of|ready\s+to\s+sign|approv(?:e|es|ed|ing)|(?:was|is)\s+time\s+for)\b/i },
  { cue: 'pessimistic', re: /\b(?:pessimis\w*|sceptic\w*|skeptic\w*|doubt\w*|no\s+grounds\s+for|not\s+(?:yet\s+)?found|no\s+(?:compromise|breakthrough|progress)|stall(?:ed|s)|deadlock\w*|impasse|grave|cannot\s+say|sounded\s+resigned|gloomy)\b/i },
  { cue: 'optimistic', re: /\b(?:optimis\w*|productive|constructive|useful|positive(?:ly)?|good|progress|hopeful|hop(?:e|es|ed)\s+(?:to|that|for)|going\s+well|meaningful|encouraging|substantive|in\s+the\s+coming\s+days|close\s+to\s+(?:a\s+)?(?:deal|agreement))\b/i },
];

const PRECEDENCE: StanceCue[] = ['rejects', 'conditional', 'amends', 'not-participating', 'accepts', 'pessimistic', 'optimistic'];

// "n't" and "cannot" close a word ("can't", "won't", "cannot"): no word boundary before them.
const NEGATION = /(?:\b(?:not|no|never|without|hardly|cannot)|n['’]t)\s+(?:\w+\s+){0,2}$/i;

/** A cue found in a text, with the matched words (offsets relative to the text). */
export interface CueHit {
  cue: StanceCue;
  from: number;
  to: number;
  words: string;
}

/** Every cue in `text` (after negation handling), in text order. */
export function findCues(text: string): CueHit[] {
  const hits: (CueHit & { scoped?: boolean })[] = [];
  for (const rule of RULES) {
    const re = rule.global ?? (rule.global = new RegExp(rule.re.source, 'gi'));
    re.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = re.exec(text)); ) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const before = text.slice(Math.max(0, m.index - 25), m.index);
      let cue: StanceCue | null = rule.cue;
      const negated = NEGATION.test(before) && !/\b(?:not|no)\s+(?:only|just)\s+$/i.test(before);
      const selfNegating = /^(?:no\s|not\s|never\s|unacceptable|unconstructive|non-?starter|must\s+not|cannot|can't|won't|will\s+not|did\s+not|does\s+not|do\s+not)/i.test(m[0]);
      if (negated && !selfNegating) {
        if (cue === 'accepts') cue = 'rejects';
        else if (cue === 'optimistic') cue = 'pessimistic';
        else if (cue === 'rejects' || cue === 'pessimistic') cue = null;
      }
      const a = m.index;
      const b = m.index + m[0].length;
      const blocked = hits.some((h) => h.from < b && h.to > a && (rule.scoped ? h.scoped && h.cue === cue : true));
      if (cue && !blocked) hits.push({ cue, from: a, to: b, words: m[0], ...(rule.scoped ? { scoped: true } : {}) });
    }
  }
  return hits.sort((x, y) => x.from - y.from).map(({ scoped: _s, ...h }) => h);
}

/** The strongest cue of `text` by precedence, or null. */
export function stanceCue(text: string): { cue: StanceCue; words: string } | null {
  const hits = findCues(text);
  for (const c of PRECEDENCE) {
    const h = hits.find((x) => x.cue === c);
    if (h) return { cue: c, words: h.words };
  }
  return null;
}

/**
 * The model's stance for a cue. Optimism and pessimism are moods, not positions: they map to
 * `undecided`; not taking part maps to `no-public-position`.
 */
export function cueToStance(cue: StanceCue | null): Stance | null {
  switch (cue) {
    case 'accepts':
      return 'accepts';
    case 'rejects':
      return 'rejects';
    case 'conditional':
      return 'accepts-with-conditions';
    case 'amends':
      return 'proposes-alternative';
    case 'optimistic':
    case 'pessimistic':
      return 'undecided';
    case 'not-participating':
      return 'no-public-position';
    default:
      return null;
  }
}
