/**
 * Plan parsing and version alignment on the three sets (issue 13): points F1, exact structures,
 * sub-point accuracy, alignment links F1 and change-kind accuracy.
 */
import type { EvalRow } from './score.js';
import type { EvalSplit } from './split.js';

export async function evaluatePlans(_split: EvalSplit): Promise<EvalRow[]> {
  return [{ task: 'plans', set: '-', note: 'not measured yet' }];
}
