/**
 * The title proposed for an event read from a report, in words a reader scans on the record:
 * "Phone call between Smith and Jones", "Talks with Smith, Jones, Brown and 2 others in Oslo",
 * "Meeting of a delegation". Named people are shortened to their last name (a name as written,
 * so a one-word name or a group phrase stays whole); at most three are named, the rest counted.
 */
import type { EventKind, Place } from '../model/schemas.js';
import type { ProposedPerson } from './types.js';

const KIND_WORDS: Record<EventKind, string> = {
  meeting: 'Meeting',
  visit: 'Visit',
  'phone-call': 'Phone call',
  talks: 'Talks',
  statement: 'Statement',
  publication: 'Publication',
  summit: 'Summit',
  signing: 'Signing',
  referendum: 'Referendum',
};

/** Most people named in a title; the others are counted ("and 2 others"). */
export const TITLE_NAMES = 3;

/** A person's name as a title shows it: the last word of a personal name, a group phrase whole. */
function shortName(p: ProposedPerson): string {
  if (p.kind === 'group') return p.name.trim();
  const words = p.name.trim().split(/\s+/);
  return words.at(-1) ?? p.name;
}

/** "A", "A and B", "A, B and C", "A, B, C and 2 others". */
function listNames(names: string[]): string {
  const shown = names.slice(0, TITLE_NAMES);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} other${rest === 1 ? '' : 's'}`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/**
 * Title of a proposed event of `kind` with `attendees` at `place`: the kind in words (talks of a
 * known `format` say so: "Indirect talks"), then who ("between" two or more for a call, "with" for
 * a visit, talks or a summit, "of" otherwise), then where (city, else venue, else country). Names
 * are deduplicated in order; an event with no one named and no place is just its kind.
 */
export function eventTitle(kind: EventKind, attendees: ProposedPerson[], place: Place | null, format?: 'direct' | 'indirect' | 'proximity'): string {
  const names = [...new Set(attendees.map(shortName).filter(Boolean))];
  const where = place?.city ?? place?.venue ?? place?.country;
  let title = format ? `${format.charAt(0).toUpperCase()}${format.slice(1)} ${KIND_WORDS[kind].toLowerCase()}` : KIND_WORDS[kind];
  if (names.length) {
    const joiner = kind === 'phone-call' && names.length >= 2 ? 'between' : kind === 'visit' || kind === 'talks' || kind === 'summit' ? 'with' : 'of';
    title += ` ${joiner} ${listNames(names)}`;
  }
  if (where) title += ` in ${where}`;
  return title;
}
