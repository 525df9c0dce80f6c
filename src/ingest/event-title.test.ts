import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventKind } from '../model/schemas.js';
import { eventTitle, TITLE_NAMES } from './event-title.js';
import type { ProposedPerson } from './types.js';

const person = (name: string, kind: ProposedPerson['kind'] = 'known'): ProposedPerson => ({ name, kind });

describe('eventTitle', () => {
  it('names the kind in words, the people by last name, and the place (hand-checked)', () => {
    expect(eventTitle('phone-call', [person('Ann Smith'), person('Bo Jones')], null)).toBe('Phone call between Smith and Jones');
    expect(eventTitle('meeting', [person('Ann Smith'), person('Bo Jones'), person('Cy Brown')], { city: 'Oslo' })).toBe('Meeting of Smith, Jones and Brown in Oslo');
    expect(eventTitle('talks', ['A B', 'C D', 'E F', 'G H', 'I J'].map((n) => person(n)), { venue: 'the palace', country: 'Norway' })).toBe('Talks with B, D, F and 2 others in the palace');
    expect(eventTitle('meeting', [person('a delegation', 'group')], { country: 'Norway' })).toBe('Meeting of a delegation in Norway');
    expect(eventTitle('summit', [], null)).toBe('Summit');
    expect(eventTitle('talks', [person('Ann Smith'), person('Bo Jones')], { city: 'Oslo' }, 'indirect')).toBe('Indirect talks with Smith and Jones in Oslo');
    expect(eventTitle('visit', [person('Ann Smith'), person('Ann Smith')], null)).toBe('Visit with Smith');
  });

  it('never reads as "kind: names" and names at most three people (property)', () => {
    const name = fc.array(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.constantFrom(...EventKind.options), fc.array(name, { maxLength: 8 }), fc.option(fc.stringMatching(/^[A-Z][a-z]{2,9}$/), { nil: undefined }), (kind, names, city) => {
        const t = eventTitle(kind, names.map((n) => person(n)), city ? { city } : null);
        expect(t).not.toContain(':');
        expect(t.charAt(0)).toBe(t.charAt(0).toUpperCase());
        const distinct = new Set(names.map((n) => n.split(' ').at(-1)!)).size;
        const shown = Math.min(distinct, TITLE_NAMES);
        for (const n of [...new Set(names.map((x) => x.split(' ').at(-1)!))].slice(0, shown)) expect(t).toContain(n);
        if (distinct > TITLE_NAMES) expect(t).toContain(`and ${distinct - TITLE_NAMES} other`);
        if (city) expect(t.endsWith(` in ${city}`)).toBe(true);
      }),
    );
  });
});
