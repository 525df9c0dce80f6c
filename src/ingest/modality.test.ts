/**
 * Modality of event mentions: hand-checked sentences and a property test over generated sentences
 * with hedges, tenses and negations — a hedged or future meeting is never `held`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modalityOf } from './modality.js';

describe('modality of a trigger', () => {
  it.each([
    ['The two leaders', 'met', 'in Doha on Friday', 'held'],
    ['The two sides could be preparing a', 'meeting', 'of the leaders', 'proposed'],
    ['Delegations on Sunday', 'began', 'indirect talks', 'under-way'],
    ['The foreign ministers will', 'meet', 'next week', 'scheduled'],
    ['The summit was', 'postponed', '', 'postponed'],
    ['The leaders did not', 'meet', '', null],
    ['No deal will be', 'signed', 'this week', 'postponed'],
    ['He was sending the envoy to', 'meet', 'the president', 'scheduled'],
  ])('%s [%s] %s → %s', (pre, trig, post, want) => {
    expect(modalityOf(pre, trig, post).status).toBe(want);
  });
});

describe('property: hedged and future meetings are never held', () => {
  const subject = fc.constantFrom('The two presidents', 'Envoys of both sides', 'The foreign ministers', 'Negotiators');
  const hedge = fc.constantFrom('could', 'might', 'may', 'would reportedly', 'are said to', 'hope to', 'are considering whether to', 'could be preparing to', 'want to', 'are most likely to');
  const future = fc.constantFrom('will', 'are due to', 'are set to', 'are expected to', 'are scheduled to', 'plan to', 'are to');
  const negation = fc.constantFrom('did not', 'will not', 'never', 'refused to', 'have not yet');
  const verb = fc.constantFrom('meet', 'sign', 'hold talks', 'visit');
  const tail = fc.constantFrom('', 'in Geneva', 'next week', 'on Friday', 'in Rome next week', 'at the end of July');
  it('a hedge gives proposed, a future scheduled, a negation no event (or a plan put off)', () => {
    fc.assert(
      fc.property(subject, fc.oneof(hedge.map((h) => ['h', h] as const), future.map((f) => ['f', f] as const), negation.map((n) => ['n', n] as const)), verb, tail, (s, [k, w], v, t) => {
        const m = modalityOf(`${s} ${w}`, v, t);
        expect(m.status).not.toBe('held');
        expect(m.status).not.toBe('under-way');
        if (k === 'h') expect(m.status).toBe('proposed');
        if (k === 'f') expect(m.status).toBe('scheduled');
        if (k === 'n') expect([null, 'postponed']).toContain(m.status);
      }),
      { numRuns: 500 },
    );
  });
  it('"ahead of" makes the event ahead of which something happens possible', () => {
    expect(modalityOf('The envoy flew to Rome ahead of', 'talks', 'next week', { noun: true }).status).toBe('proposed');
  });
});
