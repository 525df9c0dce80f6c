/**
 * Report ingestion on the three sets (issue 12): events and statements P/R/F1, on an empty store and
 * on a store holding the process's actors, and the slowest report.
 */
import type { EvalRow } from './score.js';
import type { EvalSplit } from './split.js';

export async function evaluateArticles(_split: EvalSplit): Promise<EvalRow[]> {
  return [{ task: 'articles', set: '-', note: 'not measured yet' }];
}
