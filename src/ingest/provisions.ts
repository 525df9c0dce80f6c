/**
 * Provisions a statement concerns, found by topic words and key numbers ("a 600,000 cap on Ukraine's
 * forces" → the army cap; "Donbas" → territory; "elections in 60 to 90 days" → elections).
 *
 * Each topic has cue patterns and the point it is in the US 28-point draft of November 2025 (the
 * default numbering). When the caller passes the provisions of another text (`known.provisions`),
 * a topic maps instead to the provisions whose own text matches the topic's provision pattern, so the
 * same topics serve any version.
 */
import type { KnownProvision } from './types.js';

/** A negotiation topic. */
export interface Topic {
  /** Short label shown to the reviewer ("army cap"). */
  label: string;
  /** Cues in a statement. */
  cue: RegExp;
  /** Point of the US 28-point draft. */
  point28: string;
  /** Matches the text of a provision about this topic (for `known.provisions`). */
  provision: RegExp;
}

/** The topics, most specific first. */
export const TOPICS: Topic[] = [
  {
    label: 'army cap',
    cue: /\b(?:(?:cap|ceiling|limit)\w*\s+(?:on\s+)?(?:[\w'’]+\s+){0,3}(?:army|armed\s+forces|forces|troops|military)|(?:army|armed\s+forces|forces|military)\s+(?:[\w'’]+\s+){0,4}(?:capped|limited|cap|ceiling)|\d{3}[,\s]?000\s+(?:troops|soldiers|personnel|in\s+peacetime))/i,
    point28: '6',
    provision: /\b(?:armed forces|army)\b.*\b(?:cap|capped|ceiling|limit)|\b(?:cap|ceiling|limit)\w*\b.*\b(?:armed forces|army)\b/i,
  },
  {
    label: 'NATO troops',
    cue: /\b(?:NATO|foreign|Western|European)\s+(?:troops|forces|soldiers|contingent)\b|\bpeacekeep\w*|\b(?:troops|forces)\s+(?:\w+\s+){0,2}stationed\b/i,
    point28: '8',
    provision: /\bNATO troops\b|\btroops\b.*\bstationed\b/i,
  },
  {
    label: 'NATO membership',
    cue: /\bNATO\s+(?:membership|member|accession|bid)|\b(?:join|joining|membership\s+(?:of|in))\s+(?:the\s+)?NATO\b|\bOn\s+NATO\b[^.]*\bjoin\b|\bNATO\b[^.]{0,60}\b(?:join|member)\b/i,
    point28: '7',
    provision: /\bNATO\b.*\bmembership\b|\bmembership\b.*\bNATO\b|\bjoin\w*\s+NATO\b/i,
  },
  {
    label: 'security guarantees',
    cue: /\bsecurity\s+guarantees?\b|\bArticle\s+5\b/i,
    point28: '5',
    provision: /\bsecurity guarantees?\b/i,
  },
  {
    label: 'EU membership',
    cue: /\bEU\s+(?:membership|accession)\b|\bjoin(?:ing)?\s+the\s+(?:EU|European\s+Union)\b/i,
    point28: '11',
    provision: /\bEU membership\b|\bEuropean Union\b.*\bmember/i,
  },
  {
    label: 'reconstruction',
    cue: /\breconstruction\b|\brebuild(?:ing)?\s+(?:of\s+)?Ukraine\b/i,
    point28: '12',
    provision: /\breconstruction\b|\brebuild/i,
  },
  {
    label: 'frozen assets',
    cue: /\bfrozen\s+(?:\w+\s+){0,2}assets\b|\bimmobili[sz]ed\s+(?:\w+\s+)?assets\b/i,
    point28: '14',
    provision: /\bfrozen\b.*\bassets\b/i,
  },
  {
    label: 'Zaporizhzhia NPP',
    cue: /\bZaporizhzhi?a\s+(?:nuclear|NPP|power|plant|station)|\bnuclear\s+(?:power\s+)?plant\b/i,
    point28: '19',
    provision: /\bZaporizhzhi?a\b.*\b(?:nuclear|plant|NPP)\b/i,
  },
  {
    label: 'territory',
    cue: /\bDonbas+\b|\bDonetsk\b|\bLuhansk\b|\bCrimea\b|\bterritor\w*|\bline\s+of\s+contact\b|\bborders?\b|\b(?:withdraw\w*|pull\w*\s+out|leave)\s+(?:\w+\s+){0,3}(?:troops|forces|areas|regions?)\b|\b(?:troops|forces)\s+(?:\w+\s+){0,2}(?:leave|withdraw\w*)\b/i,
    point28: '21',
    provision: /\bterritor\w*|\bDonetsk\b|\bCrimea\b|\bline of contact\b/i,
  },
  {
    label: 'prisoner exchanges',
    cue: /\bprisoners?\b|\bPOWs?\b|\ball[- ]for[- ]all\b|\bdeported\s+children\b|\bexchanges?\s+of\s+(?:bodies|prisoners)\b/i,
    point28: '24',
    provision: /\bprisoner|\bhumanitarian committee\b/i,
  },
  {
    label: 'elections',
    cue: /\belections?\b|\bvote\b|\bballot\b|\breferend\w*/i,
    point28: '25',
    provision: /\belections?\b/i,
  },
  {
    label: 'amnesty',
    cue: /\bamnest\w*/i,
    point28: '26',
    provision: /\bamnest/i,
  },
  {
    label: 'ceasefire',
    cue: /\bcease-?fire\b|\btruce\b/i,
    point28: '28',
    provision: /\bcease-?fire\b/i,
  },
  {
    label: 'sanctions and G8',
    cue: /\bG8\b|\bsanctions\b/i,
    point28: '13',
    provision: /\bG8\b|\bsanctions\b/i,
  },
  {
    label: 'non-aggression',
    cue: /\bnon-?aggression\b/i,
    point28: '2',
    provision: /\bnon-?aggression\b/i,
  },
];

/** Topics and provision numbers concerned by `text`. Numbers are sorted numerically, unique. */
export function provisionsConcerned(text: string, provisions?: KnownProvision[]): { topics: string[]; provisions: string[] } {
  const topics: string[] = [];
  const nums = new Set<string>();
  for (const t of TOPICS) {
    if (!t.cue.test(text)) continue;
    topics.push(t.label);
    if (provisions && provisions.length) {
      for (const p of provisions) if (t.provision.test(p.text)) nums.add(p.num);
    } else nums.add(t.point28);
  }
  const sorted = [...nums].sort((a, b) => (Number(a) - Number(b)) || a.localeCompare(b));
  return { topics, provisions: sorted };
}
