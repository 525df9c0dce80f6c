/**
 * Provisions a statement concerns. A statement is tied to a provision of the text under negotiation
 * (`known.provisions`, the points of a stored version) only when the report names it ("point 6",
 * "article 2", "paragraph 3") or clearly describes it: a negotiation topic of the statement ("a cap
 * on the army", "prisoner exchanges", "elections") that the provision's own text is about too.
 * Without the provisions of a text, topics are still labelled for the reviewer but no provision is
 * proposed: numbers are never guessed.
 *
 * The topics are general ones of peace agreements (after the PA-X codebook's headings: ceasefire,
 * withdrawal, disarmament, prisoners, elections, amnesty, territory, security guarantees…), not the
 * points of one plan.
 */
import type { KnownProvision } from './types.js';

/** A negotiation topic. */
export interface Topic {
  /** Short label shown to the reviewer ("army cap"). */
  label: string;
  /** Cues in a statement. */
  cue: RegExp;
  /** Matches the text of a provision about this topic. */
  provision: RegExp;
}

/** The topics, most specific first. */
export const TOPICS: Topic[] = [
  {
    label: 'army cap',
    cue: /\b(?:(?:cap|ceiling|limit)\w*\s+(?:on\s+)?(?:[\w'’]+\s+){0,3}(?:army|armed\s+forces|forces|troops|military)|(?:army|armed\s+forces|forces|military)\s+(?:[\w'’]+\s+){0,4}(?:capped|limited|cap|ceiling)|\d{2,3}[,\s]?000\s+(?:troops|soldiers|personnel|in\s+peacetime))/i,
    provision: /\b(?:armed forces|army|troops)\b.*\b(?:cap|capped|ceiling|limit)|\b(?:cap|ceiling|limit)\w*\b.*\b(?:armed forces|army|troops)\b/i,
  },
  {
    label: 'foreign troops',
    cue: /\b(?:foreign|international|peacekeeping|multinational|western|allied)\s+(?:troops|forces|soldiers|contingents?)\b|\bpeacekeep\w*|\b(?:troops|forces)\s+(?:\w+\s+){0,2}stationed\b/i,
    provision: /\b(?:foreign|international|peacekeeping|multinational)\s+(?:troops|forces)\b|\btroops\b.*\bstationed\b|\bpeacekeep/i,
  },
  {
    label: 'alliance membership',
    cue: /\b(?:NATO|alliance)\s+(?:membership|member|accession|bid)|\b(?:join|joining|membership\s+(?:of|in))\s+(?:the\s+)?(?:NATO|alliance)\b/i,
    provision: /\b(?:NATO|alliance)\b.*\bmembership\b|\bmembership\b.*\b(?:NATO|alliance)\b|\bjoin\w*\s+(?:NATO|the alliance)\b/i,
  },
  { label: 'security guarantees', cue: /\bsecurity\s+guarantees?\b|\bguarantees?\s+of\s+security\b/i, provision: /\bsecurity guarantees?\b|\bguarantee\w*\b.*\bsecurity\b/i },
  { label: 'EU membership', cue: /\bEU\s+(?:membership|accession)\b|\bjoin(?:ing)?\s+the\s+(?:EU|European\s+Union)\b/i, provision: /\bEU membership\b|\bEuropean Union\b.*\bmember/i },
  { label: 'reconstruction', cue: /\breconstruction\b|\brebuild(?:ing)?\b|\brecovery\s+fund\b/i, provision: /\breconstruction\b|\brebuild/i },
  { label: 'frozen assets', cue: /\bfrozen\s+(?:\w+\s+){0,2}assets\b|\bimmobili[sz]ed\s+(?:\w+\s+)?assets\b/i, provision: /\bfrozen\b.*\bassets\b|\bassets\b.*\bfrozen\b/i },
  { label: 'nuclear plant', cue: /\bnuclear\s+(?:power\s+)?(?:plant|station|facility)\b|\bNPP\b/i, provision: /\bnuclear\b.*\b(?:plant|station|NPP)\b/i },
  {
    label: 'withdrawal of forces',
    cue: /\b(?:withdraw\w*|pull\w*\s+(?:out|back)|redeploy\w*|leave)\s+(?:\w+\s+){0,3}(?:troops|forces|fighters|units)\b|\b(?:troops|forces|fighters)\s+(?:\w+\s+){0,2}(?:leave|withdraw\w*|pull\w*\s+(?:out|back))\b|\bwithdrawal\s+of\s+(?:\w+\s+){0,2}(?:troops|forces)\b/i,
    provision: /\bwithdraw\w*\b|\bredeploy\w*\b|\bpull(?:-|\s)?(?:out|back)\b/i,
  },
  {
    label: 'territory',
    cue: /\bterritor\w*|\bline\s+of\s+(?:contact|control)\b|\bborders?\b|\bannex\w*|\bsovereignty\s+over\b|\b(?:give\s+up|cede|ceding|surrender\w*|hand\s+over|withdraw\s+from)\s+(?:\w+\s+){0,3}(?:land|regions?|areas?)\b|\b(?:the|its|their|occupied|seized)\s+land\b/i,
    provision: /\bterritor\w*|\bline of (?:contact|control)\b|\bborders?\b|\bsovereignty\b/i,
  },
  {
    label: 'disarmament',
    cue: /\bdisarm\w*|\bdemobili[sz]\w*|\breintegrat\w*|\bDDR\b|\bheavy\s+weapons\b|\bdecommission\w*/i,
    provision: /\bdisarm\w*|\bdemobili[sz]\w*|\breintegrat\w*|\bheavy weapons\b|\bdecommission/i,
  },
  {
    label: 'prisoner exchanges',
    cue: /\bprisoners?\b|\bPOWs?\b|\ball[- ]for[- ]all\b|\bdetainees?\b|\bhostages?\b|\bexchanges?\s+of\s+(?:bodies|prisoners|detainees)\b/i,
    provision: /\bprisoner|\bdetainee|\bhostage/i,
  },
  { label: 'humanitarian access', cue: /\bhumanitarian\s+(?:access|aid|corridors?|assistance)\b|\baid\s+(?:deliveries|convoys|workers)\b/i, provision: /\bhumanitarian\b/i },
  { label: 'elections', cue: /\belections?\b|\bballot\b|\bpolls?\s+(?:within|in)\b/i, provision: /\belections?\b/i },
  { label: 'referendum', cue: /\breferend\w*|\bplebiscite\b/i, provision: /\breferend\w*|\bplebiscite\b/i },
  { label: 'amnesty', cue: /\bamnest\w*|\bpardons?\b/i, provision: /\bamnest|\bpardon/i },
  { label: 'transitional justice', cue: /\btransitional\s+justice\b|\bspecial\s+(?:jurisdiction|court|tribunal)\b|\bwar\s+crimes\b|\baccountability\b/i, provision: /\btransitional justice\b|\bspecial (?:jurisdiction|court|tribunal)\b|\baccountab/i },
  { label: 'political participation', cue: /\brun\s+for\s+office\b|\bpolitical\s+(?:party|participation)\b|\bseats?\s+in\s+(?:congress|parliament)\b/i, provision: /\bpolitical (?:party|participation)\b|\bseats?\b/i },
  { label: 'ceasefire', cue: /\bcease-?fire\b|\btruce\b|\bcessation\s+of\s+hostilities\b|\bsilenc\w+\s+the\s+guns\b/i, provision: /\bcease-?fire\b|\btruce\b|\bcessation of hostilities\b/i },
  { label: 'monitoring', cue: /\bmonitor\w*|\bobservers?\b|\bverification\s+mechanism\b|\bjoint\s+committee\b/i, provision: /\bmonitor\w*|\bobserver|\bverification\b|\bjoint committee\b/i },
  { label: 'sanctions', cue: /\bsanctions\b|\bembargo\b/i, provision: /\bsanctions\b|\bembargo\b/i },
  { label: 'non-aggression', cue: /\bnon-?aggression\b/i, provision: /\bnon-?aggression\b/i },
  { label: 'refugees and return', cue: /\brefugees?\b|\bdisplaced\b|\breturn\s+of\s+(?:the\s+)?(?:displaced|refugees|residents)\b/i, provision: /\brefugee|\bdisplaced\b/i },
];

/** "point 6", "points 6 and 7", "article 2", "paragraph 3", "clause 4" as written. */
const NAMED = /\b(?:point|points|article|articles|paragraph|paragraphs|clause|clauses|section|item)\s+((?:\d+[a-z]?|[IVXLC]+)(?:(?:\s*,\s*|\s+and\s+|\s*-\s*)(?:\d+[a-z]?|[IVXLC]+))*)\b/gi;

/**
 * Topics of `text`, and the provisions (their `num`) of `provisions` it names or describes. Numbers
 * come out in the order of the provisions, unique.
 */
export function provisionsConcerned(text: string, provisions?: KnownProvision[]): { topics: string[]; provisions: string[] } {
  const topics: string[] = [];
  const nums = new Set<string>();
  for (const t of TOPICS) {
    if (!t.cue.test(text)) continue;
    topics.push(t.label);
    // A topic that many provisions share does not single one out.
    const hits = (provisions ?? []).filter((p) => t.provision.test(p.text));
    if (hits.length >= 1 && hits.length <= 2) for (const p of hits) nums.add(p.num);
  }
  if (provisions && provisions.length) {
    NAMED.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = NAMED.exec(text)); ) {
      for (const n of m[1]!.split(/\s*,\s*|\s+and\s+|\s*-\s*/)) if (provisions.some((p) => p.num === n)) nums.add(n);
    }
  }
  const order = new Map((provisions ?? []).map((p, i) => [p.num, i]));
  const sorted = [...nums].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { topics, provisions: sorted };
}
