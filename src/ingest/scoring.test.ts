/** The scoring rule of ./scoring.ts on hand-checked cases: names, parties, places, optional items. */
import { describe, expect, it } from 'vitest';
import { type ExpectedArticle, ScoringWorld, scoreArticle } from './scoring.js';
import type { EventProposal, IngestResult } from './types.js';

const truth = {
  parties: [{ labels: ['Government of Colombia', 'Gobierno Nacional'] }, { labels: ['FARC-EP', 'FARC'] }],
  persons: [{ name: 'Rodrigo Londoño Echeverri', aliases: ['Timochenko'], posts: ['FARC-EP commander'], party: 'FARC-EP' }, { name: 'Donald Tusk', aliases: [], posts: ['Prime Minister of Poland'], party: 'E3/EU' }],
};
const w = new ScoringWorld(truth);

describe('name equivalences', () => {
  it('matches people by alias, token subset and accents, never two different people', () => {
    expect(w.samePerson('Rodrigo Londono', 'Rodrigo Londoño (Timochenko)')).toBe(true);
    expect(w.samePerson('Timochenko', 'Rodrigo Londoño Echeverri')).toBe(true);
    expect(w.samePerson('Tadesse Worede', 'General Tadesse Worede')).toBe(true);
    expect(w.samePerson('Donald Tusk', 'Rodrigo Londoño')).toBe(false);
    expect(w.samePerson('Abdel Fattah', 'Abdel Fattah al-Sisi')).toBe(true);
  });
  it('tells persons from groups', () => {
    expect(w.isPerson('Juan Manuel Santos')).toBe(true);
    expect(w.isPerson('Government of Yemen delegation')).toBe(false);
    expect(w.isPerson('E3 (UK, France, Germany)')).toBe(false);
    expect(w.isPerson('African Union Commission')).toBe(false);
    expect(w.isPerson('FARC')).toBe(false);
  });
  it('agrees parties by name, containment, the world gazetteer and the person\'s posts', () => {
    expect(w.partyAgrees(['Colombia'], 'Government of Colombia')).toBe(true);
    expect(w.partyAgrees(['Gobierno Nacional'], 'Government of Colombia')).toBe(true);
    expect(w.partyAgrees(['Britain'], 'United Kingdom')).toBe(true);
    expect(w.partyAgrees(['Poland'], 'E3/EU', 'Donald Tusk')).toBe(true);
    expect(w.partyAgrees(['Poland'], 'E3/EU')).toBe(false);
    expect(w.partyAgrees(['Colombia'], 'FARC-EP')).toBe(false);
    expect(w.partyAgrees(['United States'], 'United States; Ukraine')).toBe(true);
  });
});

const ev = (o: Partial<EventProposal>): EventProposal => ({
  kind: 'meeting', status: 'held', start: '2016-09-26', end: null, precision: 'day', approximate: false, place: null, attendees: [], medium: 'in-person', title: 't', span: [0, 1], mentions: [[0, 1]], confidence: 0.5, ...o,
});
const result = (events: EventProposal[]): IngestResult => ({ published: '2016-09-27', events, statements: [], newPersons: [], newParties: [], language: 'en', warnings: [] });

describe('events and the optional convention', () => {
  const exp: ExpectedArticle = {
    article: 'x', dateline_date: '2016-09-27', statements: [],
    events: [
      { kind: 'signing', status: 'held', date: '2016-09-26', end_date: null, place: 'Cartagena, Colombia', participants: [{ name: 'Juan Manuel Santos', party: 'Government of Colombia' }] },
      { kind: 'signing', status: 'scheduled', date: null, end_date: null, place: null, participants: [{ name: 'Juan Manuel Santos', party: 'Government of Colombia' }], optional: true },
      { kind: 'referendum', status: 'scheduled', date: '2016-10-02', end_date: null, place: 'Colombia (nationwide)', participants: [] },
    ],
  };
  const santos = { name: 'Juan Manuel Santos', kind: 'new' as const };
  it('counts a match, ignores an optional one, and a held reading of it is wrong', () => {
    const s = scoreArticle(result([
      ev({ kind: 'signing', place: { city: 'Cartagena' }, attendees: [santos] }),
      ev({ kind: 'signing', status: 'proposed', start: '2016-11', attendees: [santos] }),
      ev({ kind: 'referendum', status: 'scheduled', start: '2016-10', precision: 'month' }),
    ]), exp, w, { parties: [], persons: [] });
    expect(s.events).toEqual({ tp: 2, fp: 0, fn: 0 });
    expect(s.optionalEvents).toEqual([1]);
    const held = scoreArticle(result([ev({ kind: 'signing', start: '2016-11-22', attendees: [santos] })]), exp, w, { parties: [], persons: [] });
    expect(held.events).toEqual({ tp: 0, fp: 1, fn: 2 });
  });
  it('rejects a place that contradicts and accepts another spelling of it', () => {
    const bad = scoreArticle(result([ev({ kind: 'signing', place: { city: 'Bogotá' }, attendees: [santos] })]), exp, w, { parties: [], persons: [] });
    expect(bad.events.tp).toBe(0);
    const fr = scoreArticle(result([ev({ kind: 'signing', place: { country: 'Colombie' }, attendees: [santos] })]), exp, w, { parties: [], persons: [] });
    expect(fr.events.tp).toBe(1);
  });
});
