/**
 * The modality of an event mention: did it happen, is it happening, is it planned, only possible, put
 * off, called off — or denied. Read from the words around the trigger in its clause:
 *
 * - a change of plan anywhere near the trigger: postponed, delayed, pushed back, put off → `postponed`;
 *   cancelled, called off, scrapped → `cancelled`; rescheduled, moved to → `rescheduled`;
 * - negation of the trigger ("did not meet", "without signing", "no deal will be signed", "never
 *   took place", "was not planned") → no event, except a negated plan with a time frame ("no deal
 *   will be signed this week"), which is a plan put off → `postponed`;
 * - a hedge ("could", "might", "may", "reportedly", "rumoured", "is said to", "possible", "would",
 *   "if", "unless", "considering", "proposed", "offered to host", "hopes to", "ahead of", "most
 *   likely", "preparing") → `proposed`: possible, never recorded as held;
 * - a future ("will", "is due to", "is to", "is set for", "is expected", "scheduled", "planned",
 *   "next week") or a date after publication → `scheduled`;
 * - a start without an end ("began", "opened", "got under way", "continued") → `under-way`;
 * - otherwise `held`.
 * Hedges win over futures and futures over the past: a report that a meeting "could take place next
 * week" or "will be held if…" never yields `held`.
 */
import type { EventStatus } from '../model/schemas.js';

/** What the words around a trigger say about its event. */
export interface Modality {
  /** The status, or null when the mention denies the event. */
  status: EventStatus | null;
  /** The cue words that decided it, for the reviewer. */
  cue: string | null;
}

const POSTPONED = /\b(?:put\s+off|postpon(?:e|ed|es|ing|ement)|delay(?:ed|s|ing)?|pushed\s+back|deferred|held\s+up)\b/i;
const CANCELLED = /\b(?:cancel(?:l?ed|s|l?ing|lation)|called\s+off|scrapped|abandoned|scuttled)\b/i;
const RESCHEDULED = /\brescheduled\b|\bmoved\s+(?:forward\s+|back\s+)?to\s+(?:a\s+)?(?:new|later|next|\w+day|\d)/i;
const HEDGE =
  /\b(?:could|might|may(?!\s+\d)|possibl[ey]|possibility|reportedly|rumou?r(?:ed|s)?|speculat\w*|(?:is|are|was|were)\s+said\s+to|would(?!\s+(?:not|never))|if|unless|whether|consider(?:s|ed|ing)?|mull(?:s|ed|ing)?|weigh(?:s|ed|ing)?|propos(?:e|es|ed|ing)|proposal\s+(?:for|to)|offer(?:s|ed|ing)?\s+to|hop(?:e|es|ed|ing)\s+(?:to|for)|wants?\s+to|wanted\s+to|would\s+like|seek(?:s|ing)?\s+to|ahead\s+of|in\s+the\s+run-up\s+to|most\s+likely|likely|prepar(?:e|es|ed|ing)\s+(?:for\s+)?(?:a|an|the)?|in\s+the\s+works|floated|touted|invit(?:e|es|ed|ation)\s+to|ready\s+to|willing\s+to|open\s+to|perhaps|maybe|potential|prospective|eventual|idea\s+of|talk\s+of)\b/i;
const FUTURE =
  /\b(?:will|shall|'ll|(?:is|are|was|were)\s+(?:due|expected|set|scheduled|planned|slated|to\s+(?:be|meet|sign|hold|visit|travel|attend|begin|start|open|resume|take))|(?:is|are|am)\s+(?:going\s+to|to)|due\s+(?:to|in|on)|set\s+(?:for|to)|scheduled|planned|plans?\s+to|intends?\s+to|to\s+be\s+(?:held|signed)|upcoming|forthcoming|next\s+(?:week|month|year|round|session|meeting)|tomorrow|later\s+this|(?:this|next)\s+(?:week|month|weekend)|within\s+\w+\s+(?:days|weeks|hours)|expected)\b/i;
const UNDER_WAY = /\b(?:began|begun|begin(?:s|ning)?|started|starts|opened|opens|got\s+under\s+way|(?:is|are)\s+under\s+way|underway|continu(?:e|es|ed|ing)|resum(?:e|es|ed|ing)|(?:is|are)\s+(?:holding|meeting|negotiating))\b/i;
const ENDED = /\b(?:ended|concluded|wrapped\s+up|closed|after\s+(?:\w+\s+){0,3}(?:days?|hours?|rounds?)\s+of)\b/i;
const NEGATION = /\b(?:not|n't|never|no|without|failed\s+to|refused\s+to|declined\s+to|denied|den(?:y|ies)\s+(?:any|that)|nor)\b/i;
const TIME_FRAME = /\b(?:this|next|coming)\s+(?:week|month|weekend|year)\b|\b(?:today|tomorrow|tonight|yet|on\s+\w+day|before\s+\w+|by\s+\w+|soon)\b/i;

/** Subordinators ending the scope of a cue before the trigger (their own clause starts after them). */
const SUBORDINATOR = /\b(?:when|whenever|if|unless|because|although|though|since|once|whereas)(?:\s+|$)/gi;
/** A subordinate clause starting after the trigger. */
const SUBORDINATOR_AFTER = /\b(?:when|whenever|because|although|though|whereas|since)\b/i;

/** End offset of the last match of a global regex in `s`, or 0. */
function lastMatchEnd(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let end = 0;
  for (let m: RegExpExecArray | null; (m = re.exec(s)); ) end = m.index + m[0].length;
  return end;
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);

/** The last `n` words of `s`. */
function tail(s: string, n: number): string {
  return words(s).slice(-n).join(' ');
}

/** Auxiliaries and modals that open a noun subject's predicate. */
const PREDICATE = /^[^,;]*?\b((?:was|were|is|are|has|have|had|will|would|could|might|may|can|must|should|did|does|do|got|gets|remains?|remained|seems?|seemed|appears?|appeared)\b[^,;]*)/i;

/** The first eight words of the predicate of a noun subject in `post`, or "" (no auxiliary before a comma). */
function predicateOf(post: string): string {
  const m = PREDICATE.exec(post);
  return m ? words(m[1]!).slice(0, 8).join(' ') : '';
}

/**
 * Modality of one trigger.
 * @param pre the clause before the trigger (same clause only)
 * @param trigger the trigger words ("met", "talks", "signing")
 * @param post the clause after the trigger
 * @param opts `future`: the event's date is after publication; `noun`: the trigger is a noun
 */
export function modalityOf(preIn: string, trigger: string, postIn: string, opts: { future?: boolean; noun?: boolean } = {}): Modality {
  // A subordinate clause ("deadlines can be pushed back when talks go well") has its own verb: words
  // across the subordinator speak of something else.
  const cutPre = lastMatchEnd(SUBORDINATOR, preIn);
  const pre = cutPre > 0 ? preIn.slice(cutPre) : preIn;
  const subAfter = SUBORDINATOR_AFTER.exec(postIn);
  const post = subAfter ? postIn.slice(0, subAfter.index) : postIn;
  // The trigger itself in a generic or conditional subordinate clause ("when talks go well", "if a summit takes place").
  if (cutPre > 0 && /\b(?:if|unless|whenever|once)\s*$/i.test(preIn.slice(0, cutPre))) return { status: 'proposed', cue: preIn.slice(0, cutPre).trim().split(/\s+/).pop() ?? null };
  // A generic present ("deadlines can be pushed back when talks go well") tells of no event at all.
  if (cutPre > 0 && /\b(?:when|whenever)\s*$/i.test(preIn.slice(0, cutPre)) && /^\s*(?:go|take|are|resume|start|begin|happen|fail|stall|succeed)\b/i.test(postIn)) return { status: null, cue: 'generic' };
  // A plan for the event ("a tight timetable for signing", "calls for talks") is no event yet.
  if (opts.noun && /\b(?:timetable|schedule|plans?|calls?|preparations?|push|pressure|deadline|framework|roadmap|hopes?|conditions?|date|proposals?|ready|readiness|way)\s+(?:for|to)\s+(?:(?:a|an|the|new|direct|peace|fresh|further|possible)\s+)*$/i.test(preIn)) return { status: 'proposed', cue: 'for' };
  // A noun's predicate may come after a long complement ("a meeting between X and Y's foreign minister
  // Z was postponed"): its first words count as near the trigger.
  const pred = opts.noun ? predicateOf(post) : '';
  const near = `${tail(pre, 8)} ${trigger} ${words(post).slice(0, 8).join(' ')} ${pred}`;
  const pc = POSTPONED.exec(near);
  if (pc) return { status: 'postponed', cue: pc[0] };
  const cc = CANCELLED.exec(near);
  if (cc) return { status: 'cancelled', cue: cc[0] };
  const rc = RESCHEDULED.exec(near);
  if (rc) return { status: 'rescheduled', cue: rc[0] };
  // Negation of the trigger itself: right before it (a verb) or in the predicate after a noun subject.
  const before = tail(pre, 4);
  const after = opts.noun ? words(post).slice(0, 6).join(' ') : '';
  const negBefore = NEGATION.exec(before);
  const negAfter = opts.noun ? /^(?:\S+\s+){0,2}(?:(?:was|were|is|are|has|have|had|will|would|did|does|do)\s+)?(?:not|n't|never)\b/i.exec(after) ?? /^(?:(?:was|were|is|are|has|have|had|will|would|did|does|do|could|can)\s+)?(?:not|n't|never)\b/i.exec(pred) : null;
  if ((negBefore && !/\bnot\s+only\b/i.test(before)) || negAfter) {
    const around = `${pre} ${trigger} ${post}`;
    if (FUTURE.test(around) && TIME_FRAME.test(around) && !/\b(?:never|without|denied)\b/i.test(before)) return { status: 'postponed', cue: (negBefore ?? negAfter)![0] };
    return { status: null, cue: (negBefore ?? negAfter)![0] };
  }
  // An infinitive ("sending Okafor to meet Haddad", "agreed to sign") states a purpose, not an act.
  const infinitive = /\bto\s*$/i.test(pre) && !opts.noun;
  const scope = `${tail(pre, 10)} ${trigger} ${opts.noun ? `${words(post).slice(0, 10).join(' ')} ${pred}` : words(post).slice(0, 4).join(' ')}`;
  const hc = HEDGE.exec(scope);
  if (hc) return { status: 'proposed', cue: hc[0] };
  const fc = FUTURE.exec(scope);
  if (fc) return { status: 'scheduled', cue: fc[0] };
  if (infinitive) return { status: 'scheduled', cue: `to ${trigger}` };
  if (opts.future) return { status: 'scheduled', cue: 'date after publication' };
  const uc = UNDER_WAY.exec(scope);
  if (uc && !ENDED.test(scope)) return { status: 'under-way', cue: uc[0] };
  return { status: 'held', cue: null };
}

/** Talks format from the clause: direct, indirect (no face-to-face meeting) or proximity talks. */
export function talksFormat(clause: string): 'direct' | 'indirect' | 'proximity' | undefined {
  if (/\bproximity\s+talks\b/i.test(clause)) return 'proximity';
  if (/\bindirect\b|\bwithout\s+(?:\w+\s+){0,2}(?:meeting|sitting|talking)\s+(?:face\s+to\s+face|directly|in\s+person)|\bshuttl\w+\s+between\b|\bthrough\s+(?:a\s+)?mediators?\b/i.test(clause)) return 'indirect';
  if (/\bdirect\s+talks\b|\bface[\s-]to[\s-]face\b/i.test(clause)) return 'direct';
  return undefined;
}
