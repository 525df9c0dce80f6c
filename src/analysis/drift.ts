/**
 * How far a stance has drifted from the text it is shown against: stances follow a point's lineage
 * from version to version (the matrix carries them), but a stance taken against an earlier wording
 * was not taken against this one. {@link stanceDrift} tells, for a position shown against a version,
 * which version it was about ({@link versionOfPosition}) and how much the wording of its provision
 * changed since — the share of words inserted or deleted by a word diff (jsdiff, src/text/diff.ts)
 * over the words of both wordings: 0 unchanged, 1 nothing in common.
 */
import type { Position, ProcessData, Provision, Version } from '../model/schemas.js';
import { walkProvisions } from '../model/schemas.js';
import { changedWords, wordDiff } from '../text/diff.js';
import { versionOfPosition } from './replay.js';

/** How much a wording changed, in words. */
export interface WordingChange {
  /** Words inserted and deleted from the old wording to the new. */
  inserted: number;
  deleted: number;
  /** (inserted + deleted) / (words of both wordings), rounded to 2 decimals; 0 when unchanged. */
  share: number;
  /** The same in words: `unchanged`, `slightly reworded` (< 20 %), `reworded` (< 50 %), `largely rewritten`. */
  label: 'unchanged' | 'slightly reworded' | 'reworded' | 'largely rewritten';
}

/** A stance shown against a later (or other) version than the one it was taken against. */
export interface StanceDrift {
  /** The version the stance was about. */
  about: { id: string; label: string; date: string };
  /** How the wording of the stance's provision changed from that version to the one shown; null when that version did not hold it. */
  change: WordingChange | null;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** How much `after` changed from `before` (see {@link WordingChange}). */
export function wordingChange(before: string, after: string): WordingChange {
  if (before === after) return { inserted: 0, deleted: 0, share: 0, label: 'unchanged' };
  const c = changedWords(wordDiff(before, after));
  const total = words(before) + words(after);
  const share = total ? Math.round(((c.inserted.length + c.deleted.length) / total) * 100) / 100 : 0;
  const label = share === 0 ? 'unchanged' : share < 0.2 ? 'slightly reworded' : share < 0.5 ? 'reworded' : 'largely rewritten';
  return { inserted: c.inserted.length, deleted: c.deleted.length, share, label };
}

const NODES = new WeakMap<Version, Map<string, Provision>>();

/** The provision of a version with a lineage id (an index per version object, built once). */
function nodeOf(v: Version, lineage: string): Provision | undefined {
  let m = NODES.get(v);
  if (!m) {
    m = new Map();
    for (const p of walkProvisions(v.provisions)) if (!m.has(p.lineage)) m.set(p.lineage, p);
    NODES.set(v, m);
  }
  return m.get(lineage);
}

/** Full wording of a provision: its own text and its sub-points', in reading order. */
function wordingOf(p: Provision): string {
  return [...walkProvisions([p])].map((x) => x.text).filter(Boolean).join(' ');
}

/**
 * Whether position `p` shown against version `shown` was taken against another version, and how
 * much its provision's wording (with its sub-points) changed since; null when it was about `shown`
 * (or about no version at all).
 */
export function stanceDrift(data: Pick<ProcessData, 'process' | 'documents' | 'versions'>, p: Position, shown: Version): StanceDrift | null {
  const about = versionOfPosition(data, p)?.version;
  if (!about || about.id === shown.id) return null;
  const ref = { id: about.id, label: about.label, date: about.date };
  if (p.provision === undefined) return { about: ref, change: null };
  const was = nodeOf(about, p.provision);
  const now = nodeOf(shown, p.provision);
  return { about: ref, change: was && now ? wordingChange(wordingOf(was), wordingOf(now)) : null };
}
