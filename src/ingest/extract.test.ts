/**
 * extractReport: reports written for these tests (not from the corpus) with hand-checked proposals,
 * bad input, the CLI JSON shape, and a property test (never throws; spans inside the text).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import { extractReport, MAX_REPORT_CHARS, toIngestJson } from './extract.js';
import { KNOWN_PARTIES, KNOWN_PERSONS, KNOWN_PROVISIONS_28 } from './fixtures/known.js';

const known = { parties: KNOWN_PARTIES, persons: KNOWN_PERSONS };

// 2026-03-04 is a Wednesday.
const WIRE = `RIYADH, March 4 (test desk) - US envoy Steve Witkoff sat down with Kirill Dmitriev in Riyadh on Tuesday, two officials said.

A visit by Witkoff to Kyiv that had been planned for this week was postponed, according to a Ukrainian official.

Kremlin spokesman Dmitry Peskov said on Wednesday that Russia would not take part in talks in Istanbul next week. Zelensky, speaking to reporters in Kyiv, said Ukraine could accept a ceasefire only if its army is not capped.

Rubio is due to meet Andrii Sybiha in Paris on Friday.`;

describe('a report written for this test', () => {
  const r = extractReport({ text: WIRE, published: '2026-03-04', outlet: 'Test Desk' }, known);
  const ev = (kind: string) => r.events.filter((e) => e.kind === kind);

  it('proposes the meeting held on Tuesday in Riyadh', () => {
    const m = ev('meeting').find((e) => e.status === 'held')!;
    expect(m.start).toBe('2026-03-03');
    expect(m.place?.city).toBe('Riyadh');
    expect(m.attendees.map((a) => a.person).sort()).toEqual(['dmitriev', 'witkoff']);
  });
  it('proposes the postponed visit with the week it was planned for', () => {
    const v = ev('visit')[0]!;
    expect(v.status).toBe('postponed');
    expect([v.start, v.end]).toEqual(['2026-03-02', '2026-03-08']);
    expect(v.place?.city).toBe('Kyiv');
  });
  it('proposes the scheduled meeting on Friday in Paris', () => {
    const m = ev('meeting').find((e) => e.status === 'scheduled')!;
    expect(m.start).toBe('2026-03-06');
    expect(m.place?.city).toBe('Paris');
    expect(m.attendees.map((a) => a.person).sort()).toEqual(['rubio', 'sybiha']);
  });
  it('proposes no event for talks Russia will not take part in', () => {
    expect(r.events.some((e) => e.kind === 'talks')).toBe(false);
  });
  it('reads the statements: a spokesman not taking part, a leader with a condition on two provisions', () => {
    const peskov = r.statements.find((s) => s.speaker.person === 'peskov')!;
    expect(peskov).toMatchObject({ party: 'ru', attribution: 'on-record', cue: 'not-participating', stance: 'no-public-position', date: '2026-03-04', dateSource: 'explicit' });
    const z = r.statements.find((s) => s.speaker.person === 'zelensky')!;
    // Without the provisions of a text no number is proposed (numbers are never guessed); the topics stay.
    expect(z).toMatchObject({ party: 'ua', cue: 'conditional', stance: 'accepts-with-conditions', provisions: [] });
    expect(z.topics).toEqual(['army cap', 'ceasefire']);
  });
  it('traces every proposal to its characters', () => {
    const peskov = r.statements.find((s) => s.speaker.person === 'peskov')!;
    expect(WIRE.slice(...peskov.span)).toMatch(/^Kremlin spokesman Dmitry Peskov said on Wednesday/);
    const paris = r.events.find((e) => e.place?.city === 'Paris')!;
    expect(WIRE.slice(...paris.span)).toBe('meet');
  });
  it('maps provisions through known.provisions when given', () => {
    const r2 = extractReport({ text: WIRE, published: '2026-03-04' }, { ...known, provisions: KNOWN_PROVISIONS_28 });
    expect(r2.statements.find((s) => s.speaker.person === 'zelensky')!.provisions).toEqual(['6']);
  });
});

describe('posts and counterparts', () => {
  it('resolves "his Russian counterpart" and "the Kremlin spokesman"', () => {
    const text = 'Turkish Foreign Minister Hakan Fidan spoke by phone with his Russian counterpart on Monday. The Kremlin spokesman said later that Moscow welcomed the offer to host a new round of talks.';
    const r = extractReport({ text, published: '2026-03-04' }, known);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ kind: 'phone-call', status: 'held', start: '2026-03-02' });
    expect(r.events[0]!.attendees.map((a) => a.person)).toEqual(['fidan', 'lavrov']);
    expect(r.statements.map((s) => [s.speaker.person, s.cue])).toEqual([['peskov', 'accepts']]);
  });
  it('proposes people not in the record with the party the text gives them', () => {
    const text = "Italy's Giorgia Meloni and the Netherlands' Dick Schoof joined a video call with Keir Starmer on Monday.";
    const r = extractReport({ text, published: '2025-12-09' }, known);
    expect(r.newPersons).toEqual([{ name: 'Dick Schoof', party: 'eu', kind: 'new' }]);
    expect(r.events[0]).toMatchObject({ kind: 'meeting', medium: 'remote', start: '2025-12-08', place: null });
  });
});

describe('bad input', () => {
  it('requires a publication date, and a well-formed one', () => {
    for (const published of [undefined, '', '2025-13-01', '21/11/2025', '2025-11', 'yesterday']) {
      try {
        extractReport({ text: 'Zelensky met Erdogan on Wednesday.', published: published as string }, known);
        expect.unreachable(`accepted ${published}`);
      } catch (e) {
        expect(e).toBeInstanceOf(AccordError);
        expect((e as AccordError).code).toBe('invalid_input');
        expect((e as AccordError).location.field).toBe('published');
      }
    }
  });
  it('gives an empty, explained result for an empty report', () => {
    const r = extractReport({ text: '  \n ', published: '2025-11-19' }, known);
    expect(r.events).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['empty']);
  });
  it('refuses a report in another language with an explanation', () => {
    const text = 'Президент Украины Владимир Зеленский во вторник встретился в Анкаре с президентом Турции Реджепом Тайипом Эрдоганом.';
    const r = extractReport({ text, published: '2025-11-19' }, known);
    expect(r.events).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['not_english']);
    // French has an event lexicon (./lexicon.ts): events only, and none without a person named.
    const fr = extractReport({ text: "Le président ukrainien a rencontré mercredi à Ankara le président turc, selon les services de la présidence, pour des entretiens sur les échanges de prisonniers.", published: '2025-11-19' }, known);
    expect(fr.warnings.map((w) => w.code)).toEqual(['partial_language']);
    expect(fr.events).toEqual([]);
    expect(fr.statements).toEqual([]);
  });
  it('reads HTML by ignoring its tags, offsets still into the HTML', () => {
    const html = '<html><body><h1>Talks</h1><p>Volodymyr Zelensky sat down with Recep Tayyip Erdogan in Ankara on Wednesday.</p></body></html>';
    const r = extractReport({ text: html, published: '2025-11-19' }, known);
    expect(r.warnings.map((w) => w.code)).toContain('html');
    expect(r.events).toHaveLength(1);
    expect(html.slice(...r.events[0]!.span)).toBe('sat down with');
    expect(r.events[0]).toMatchObject({ kind: 'meeting', start: '2025-11-19', status: 'held' });
  });
  it('refuses a report longer than the limit with too_large', () => {
    const text = 'Zelensky met Erdogan in Ankara on Wednesday. '.repeat(Math.ceil(MAX_REPORT_CHARS / 40));
    expect(() => extractReport({ text, published: '2025-11-19' }, known)).toThrow(expect.objectContaining({ code: 'too_large' }));
  });
  it('refuses a text that is not a string', () => {
    expect(() => extractReport({ text: 42 as unknown as string, published: '2025-11-19' }, known)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
  it('warns when the dateline and the publication date disagree', () => {
    const r = extractReport({ text: 'ANKARA, Nov 19 (wire) - Zelensky sat down with Erdogan on Wednesday.', published: '2025-11-20' }, known);
    expect(r.warnings.map((w) => w.code)).toContain('dateline_mismatch');
  });
});

describe('CLI JSON contract', () => {
  it('has exactly the documented fields', () => {
    const j = toIngestJson(extractReport({ text: WIRE, published: '2026-03-04' }, known));
    for (const e of j.events) expect(Object.keys(e).sort()).toEqual(['attendees', 'end', 'kind', 'place', 'span', 'start', 'status']);
    for (const s of j.statements) expect(Object.keys(s).sort()).toEqual(['attribution', 'date', 'party', 'provisions', 'span', 'speaker', 'stance']);
    expect(j.events.find((e) => e.start === '2026-03-03')!.place).toBe('Riyadh, Saudi Arabia');
  });
});

describe('property: any text', () => {
  const pieces = fc.constantFrom(
    'Zelensky', 'met', 'Witkoff', 'on Tuesday', 'said', 'the Kremlin spokesman', 'his Russian counterpart', 'in Geneva', '"', ',', '.', ';', '\n\n', '* ', '# ',
    '<p>', 'next week', 'a day after', 'the same day', 'rejected', 'only if', 'army', 'cap', 'Donbas', 'according to', 'officials', "'s", ' ', 'talks', 'postponed',
  );
  const texts = fc.oneof(fc.string({ maxLength: 300 }), fc.array(pieces, { maxLength: 60 }).map((xs) => xs.join(' ')), fc.string({ unit: 'grapheme', maxLength: 120 }));
  it('never throws, and every span lies inside the text and covers something', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const r = extractReport({ text, published: '2025-11-19' }, known);
        for (const p of [...r.events, ...r.statements]) {
          const [a, b] = p.span;
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(text.length);
          expect(b).toBeGreaterThan(a);
          expect(text.slice(a, b).trim().length).toBeGreaterThan(0);
          expect(p.confidence).toBeGreaterThanOrEqual(0);
          expect(p.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
