/** Stance cues, provisions by topic and person matching, on hand-checked sentences. */
import { describe, expect, it } from 'vitest';
import { cueToStance, stanceCue } from './stance.js';
import { provisionsConcerned } from './provisions.js';
import { buildPersonIndex, isHeadPost, matchPersonName, surnameOf } from './people.js';
import { KNOWN_PARTIES, KNOWN_PERSONS, KNOWN_PROVISIONS_28 } from './fixtures/known.js';

describe('stance cues', () => {
  it.each([
    ['Moscow rejected the European text outright.', 'rejects'],
    ['He did not reject the plan and promised to put forward alternatives.', 'amends'],
    ['The draft could serve as the basis for a final settlement.', 'conditional'],
    ['Some parts of the draft could be viewed positively, but many needed more talks.', 'conditional'],
    ['Some of the points remained unacceptable.', 'amends'],
    ['Kyiv is ready to hold a vote provided its security is guaranteed.', 'conditional'],
    ['The spokesman said his government was not taking part in the talks.', 'not-participating'],
    ['The talks were going well and the side remained optimistic.', 'optimistic'],
    ['He was sceptical about some details.', 'pessimistic'],
    ['The president said the deadline was suitable.', 'accepts'],
    ['He said nothing about the trip.', null],
  ])('%s → %s', (text, cue) => {
    expect(stanceCue(text)?.cue ?? null).toBe(cue);
  });
  it('maps cues to the model stances', () => {
    expect(cueToStance('conditional')).toBe('accepts-with-conditions');
    expect(cueToStance('amends')).toBe('proposes-alternative');
    expect(cueToStance('optimistic')).toBe('undecided');
    expect(cueToStance(null)).toBeNull();
  });
});

describe('provisions by topic, through the provisions of a text (here points of the 28-point draft)', () => {
  it.each([
    ['a 600,000 cap on Ukraine\'s forces', ['6']],
    ['raises the cap on Ukraine\'s army to 800,000 in peacetime', ['6']],
    ['Ukraine still wants to join NATO', ['7']],
    ['frozen Russian assets stay locked', ['14']],
    ['the land Ukraine would give up in Donbas', ['21']],
    ['elections in 60 to 90 days and an amnesty', ['25', '26']],
    ['the Zaporizhzhia nuclear plant', ['19']],
    ['restarting prisoner exchanges', ['24']],
    ['the weather in Geneva', []],
  ])('%s → %j', (text, nums) => {
    expect(provisionsConcerned(text, KNOWN_PROVISIONS_28).provisions).toEqual(nums);
  });
  it('proposes no provision without the provisions of a text, only topics', () => {
    expect(provisionsConcerned('a 600,000 cap on Ukraine\'s forces')).toEqual({ topics: ['army cap'], provisions: [] });
  });
  it('names a provision only when the text has it', () => {
    expect(provisionsConcerned('he objected to point 6 and point 40', KNOWN_PROVISIONS_28).provisions).toEqual(['6']);
  });
});

describe('person matching', () => {
  const index = buildPersonIndex(KNOWN_PERSONS, KNOWN_PARTIES);
  it('matches names, aliases and surnames', () => {
    expect(matchPersonName(index, 'Steven Witkoff')).toBe('witkoff');
    expect(matchPersonName(index, 'Zelenskyy')).toBe('zelensky');
    expect(matchPersonName(index, 'Erdogan')).toBe('erdogan');
    expect(matchPersonName(index, 'the Kremlin spokesman')).toBe('peskov');
    expect(matchPersonName(index, 'Ursula von der Leyen')).toBe('vonderleyen');
    expect(matchPersonName(index, 'Jeff Tolbert')).toBeNull();
  });
  it('finds surnames with particles and heads of state or government', () => {
    expect(surnameOf('Ursula von der Leyen')).toBe('von der Leyen');
    expect(isHeadPost('Prime Minister of Poland')).toBe(true);
    expect(isHeadPost('President of the European Commission')).toBe(false);
    expect(isHeadPost('Vice President')).toBe(false);
    expect([...index.headOfState].sort()).toEqual(['erdogan', 'macron', 'meloni', 'merz', 'putin', 'starmer', 'trump', 'tusk', 'zelensky']);
  });
});
