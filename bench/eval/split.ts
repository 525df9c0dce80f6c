/**
 * The development/test split of `../shared/corpus-world` (bench/eval-split.json), fixed by process
 * before any tuning, plus the Russia–Ukraine corpus (`../shared/corpus`), which is development material.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One half of the split: process ids and the plan folders, pair folders and article stems of them. */
export interface SplitHalf {
  processes: string[];
  plans: string[];
  pairs: string[];
  articles: string[];
}

/** The committed split. */
export interface EvalSplit {
  development: SplitHalf;
  test: SplitHalf;
}

/** Absolute path of `../shared/corpus-world`. */
export const WORLD = fileURLToPath(new URL('../../../shared/corpus-world/', import.meta.url));
/** Absolute path of `../shared/corpus`. */
export const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** Reads bench/eval-split.json. */
export function readSplit(): EvalSplit {
  return JSON.parse(readFileSync(new URL('../eval-split.json', import.meta.url), 'utf8')) as EvalSplit;
}

/** The three sets every task is reported on, in print order. */
export type EvalSet = 'corpus' | 'world-dev' | 'world-test';
export const EVAL_SETS: readonly EvalSet[] = ['corpus', 'world-dev', 'world-test'];
