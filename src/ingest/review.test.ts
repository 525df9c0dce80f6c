/**
 * Review planning without a store: merge targets over every corpus article against the example's
 * timeline (the expected files' `timeline_ref`, printed as a table), the merge of one event into
 * another on hand-made events, and the errors of bad decisions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import type { Event } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import { extractReport } from './extract.js';
import { type CandidateEvent, findMergeTarget, headline, mergeEvent, personSlug, planReview, previewReport, toReport } from './review.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTICLES = path.resolve(ROOT, '../shared/corpus/articles');
const DATA = readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data;

describe('merge targets over the corpus', () => {
  it('agrees with the expected files’ timeline references for the events the extractor proposes', () => {
    const rows: string[] = [];
    let agree = 0;
    let total = 0;
    for (const f of readdirSync(ARTICLES).filter((x) => x.endsWith('.expected.json')).sort()) {
      const exp = JSON.parse(readFileSync(path.join(ARTICLES, f), 'utf8')) as { article: string; dateline_date: string; events: { kind: string; date: string | null; status: string; timeline_ref?: string | null }[] };
      const input = { text: readFileSync(path.join(ARTICLES, exp.article), 'utf8'), published: exp.dateline_date };
      const r = toReport(input, extractReport(input, { parties: DATA.parties, persons: DATA.persons }), 'r');
      const previews = previewReport(DATA, r);
      const used = new Set<number>();
      for (const e of exp.events) {
        const p = r.proposals.find(
          (q) =>
            q.type === 'event' &&
            !used.has(q.n) &&
            q.proposed.kind === e.kind.replace(' ', '-') &&
            q.proposed.status === e.status &&
            (e.date === null || q.proposed.start === e.date || (q.proposed.end !== null && q.proposed.start! <= e.date && e.date <= q.proposed.end)),
        );
        if (!p) continue;
        used.add(p.n);
        const want = e.timeline_ref ?? null;
        const got = previews.find((x) => x.n === p.n)!.mergeInto?.id ?? null;
        total++;
        if (want === got) agree++;
        rows.push(`${f.slice(0, 3)}  #${String(p.n).padEnd(2)} ${e.kind.padEnd(11)} ${String(e.date).padEnd(10)} ${e.status.padEnd(9)} expected ${String(want).padEnd(6)} got ${String(got).padEnd(6)} ${want === got ? '' : '✗'}`);
      }
    }
    console.log(`merge targets vs corpus timeline_ref: ${agree}/${total} agree\n${rows.join('\n')}`);
    expect(total).toBeGreaterThanOrEqual(30);
    expect(agree / total).toBeGreaterThanOrEqual(0.9);
  });
});

const base = (over: Partial<Event>): Event => ({ id: 'e1', kind: 'meeting', status: 'scheduled', title: 'T', start: '2025-11-20', approximate: false, attendees: [], tabled: [], provisions: [], sources: ['s0'], ...over });
const cand = (over: Partial<Event>, kinds: CandidateEvent['attendeeKinds']): CandidateEvent => ({ event: base({ id: 'new', status: 'held', ...over }), attendeeKinds: kinds });

describe('one event merged into another', () => {
  const stored = base({ place: { city: 'Kyiv' }, attendees: [{ person: 'driscoll', party: 'us' }] });
  const c = cand({ place: { city: 'Kyiv', country: 'Ukraine', venue: 'Mariinsky Palace' }, attendees: [{ person: 'driscoll', party: 'us' }, { person: 'zelensky', party: 'ua' }, { person: 'Ukrainian officials', party: 'ua' }, { person: 'US team', party: 'us' }] }, ['known', 'known', 'group', 'group']);

  it('adds the source, new persons, missing place parts, and the held status of a scheduled event', () => {
    expect(findMergeTarget([stored], c)?.event.id).toBe('e1');
    expect(mergeEvent(stored, c, 's1')).toEqual({
      ...stored,
      status: 'held',
      place: { city: 'Kyiv', country: 'Ukraine', venue: 'Mariinsky Palace' },
      // Groups are not added where someone of their party attends.
      attendees: [{ person: 'driscoll', party: 'us' }, { person: 'zelensky', party: 'ua' }],
      sources: ['s0', 's1'],
    });
    expect(stored.sources).toEqual(['s0']);
  });

  it('does not merge across cities, days, unrelated statuses or without a shared attendee', () => {
    expect(findMergeTarget([stored], { ...c, event: { ...c.event, place: { city: 'Lviv' } } })).toBeNull();
    expect(findMergeTarget([stored], { ...c, event: { ...c.event, start: '2025-11-22' } })).toBeNull();
    expect(findMergeTarget([{ ...stored, status: 'postponed' }], c)).toBeNull();
    expect(findMergeTarget([stored], cand({ attendees: [{ person: 'umerov', party: 'ua' }] }, ['known']))).toBeNull();
    expect(findMergeTarget([stored], { ...c, event: { ...c.event, kind: 'phone-call' } })).toBeNull();
  });

  it('widens approximate dates by three days, and asks all persons to match when a date is only a month', () => {
    expect(findMergeTarget([{ ...stored, approximate: true, start: '2025-11-17' }], c)?.event.id).toBe('e1');
    expect(findMergeTarget([{ ...stored, approximate: true, start: '2025-11-16' }], c)).toBeNull();
    const monthly = cand({ start: '2025-11', attendees: [{ person: 'driscoll' }, { person: 'zelensky' }] }, ['known', 'known']);
    expect(findMergeTarget([stored], monthly)).toBeNull();
    expect(findMergeTarget([{ ...stored, attendees: [...stored.attendees, { person: 'zelensky' }] }], monthly)?.event.id).toBe('e1');
  });

  it('prefers the event sharing more attendees', () => {
    const two = base({ id: 'e2', place: { city: 'Kyiv' }, attendees: [{ person: 'driscoll' }, { person: 'zelensky' }] });
    expect(findMergeTarget([stored, two], c)?.event.id).toBe('e2');
  });
});

describe('bad decisions', () => {
  const input = { text: 'Dan Driscoll met Volodymyr Zelensky in Kyiv on Thursday.', published: '2025-11-21' };
  const report = toReport(input, extractReport(input, { parties: DATA.parties, persons: DATA.persons }), 'r1');
  const plan = (d: Parameters<typeof planReview>[2]) => {
    try {
      planReview(DATA, report, d, { actor: 't' });
    } catch (e) {
      return e as AccordError;
    }
    throw new Error('expected a failure');
  };

  it('names the decision and field', () => {
    expect(report.proposals.map((p) => p.type)).toEqual(['event']);
    expect(plan([{ n: 9, action: 'accept' }])).toMatchObject({ code: 'not_found', location: { field: 'decisions[0].n' } });
    expect(plan([{ n: 1, action: 'accept' }, { n: 1, action: 'reject' }])).toMatchObject({ code: 'invalid_input', location: { field: 'decisions[1].n' } });
    expect(plan([{ n: 1, action: 'accept', edits: { title: 'x' } }])).toMatchObject({ code: 'invalid_input', location: { field: 'decisions[0].edits' } });
    const e = plan([{ n: 1, action: 'edit', edits: { start: '2025-13-01', colour: 'red' } }]);
    expect(e.details.map((d) => d.field).sort()).toEqual(['decisions[0].edits', 'decisions[0].edits.start']);
    expect(plan([{ n: 1, action: 'edit', edits: {} }]).details[0]!.message).toMatch(/at least one changed field/);
    expect(plan([{ n: 1, action: 'edit', edits: { mergeInto: 'ev-999' } }])).toMatchObject({ code: 'not_found', location: { field: 'decisions[0].edits.mergeInto' } });
    expect(plan([{ n: 1, action: 'edit', edits: { end: '2025-11-01' } }])).toMatchObject({ code: 'invalid_input', location: { field: 'decisions[0].edits.end' } });
  });

  it('plans a merge by default, a new event with mergeInto null, and another target when named', () => {
    const auto = planReview(DATA, report, [{ n: 1, action: 'accept' }], { actor: 't', newId: (p) => `${p}-x` });
    expect(auto.outcomes[0]!.written).toEqual([{ kind: 'sources', id: 'source-x', action: 'created' }, { kind: 'events', id: 'ev-012', action: 'merged' }]);
    const fresh = planReview(DATA, report, [{ n: 1, action: 'edit', edits: { mergeInto: null } }], { actor: 't', newId: (p) => `${p}-x` });
    expect(fresh.outcomes[0]!.written[1]).toEqual({ kind: 'events', id: 'event-x', action: 'created' });
    expect(fresh.items.map((i) => i.kind)).toEqual(['sources', 'events', 'reports']);
    const named = planReview(DATA, report, [{ n: 1, action: 'edit', edits: { mergeInto: 'ev-011' } }], { actor: 't' });
    expect(named.outcomes[0]!.written[1]).toEqual({ kind: 'events', id: 'ev-011', action: 'merged' });
  });
});

describe('helpers', () => {
  it('makes ids and headlines', () => {
    expect(personSlug('Jeff Tolbert')).toBe('jeff-tolbert');
    expect(personSlug('Željko Komšić')).toBe('zeljko-komsic');
    expect(headline('\n\n# GENEVA TALKS \nbody')).toBe('GENEVA TALKS');
    expect(headline('  ')).toBeUndefined();
  });
});
