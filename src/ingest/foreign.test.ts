/**
 * Events of Spanish and French reports (./foreign.ts with ./lexicon.ts), end to end through
 * extractReport over generated reports with made-up names: the tense gives the status (past → held on
 * the last such weekday, future → scheduled on the next, conditional or rumoured → possible, never
 * held), a negated event word gives nothing, a purpose ("viajará a … para firmar") is no event of its
 * own. Statements: the subject of a verb of saying, a dropped subject as the speaker before, a party
 * from an acronym or an adjective of nationality before the name, none when an institution speaks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';

const syllable = fc.constantFrom('ka', 'lo', 'mi', 'ren', 'dus', 'tor', 'vel', 'an', 'bri', 'sto', 'quen');
const part = fc.array(syllable, { minLength: 2, maxLength: 3 }).map((xs) => xs.join('')).map((w) => w[0]!.toUpperCase() + w.slice(1));
const fullName = fc.array(part, { minLength: 2, maxLength: 3 }).filter((ps) => new Set(ps).size === ps.length).map((ps) => ps.join(' '));
// Published on Wednesday 10 June 2026.
const published = '2026-06-10';
const run = (text: string) => extractReport({ text, published }, { parties: [], persons: [] });

/** Spanish: weekday, its last date before 2026-06-10 and its next date after. */
const esDays: [string, string, string][] = [['el lunes', '2026-06-08', '2026-06-15'], ['el martes', '2026-06-09', '2026-06-16'], ['el jueves', '2026-06-04', '2026-06-11'], ['el viernes', '2026-06-05', '2026-06-12']];
const frDays: [string, string, string][] = [['lundi', '2026-06-08', '2026-06-15'], ['mardi', '2026-06-09', '2026-06-16'], ['jeudi', '2026-06-04', '2026-06-11'], ['vendredi', '2026-06-05', '2026-06-12']];
const esHead = 'Nuevo acuerdo en la región\nBogotá, miércoles 10 de junio de 2026\n\n';
const frHead = 'Nouvel accord dans la région\nParis, mercredi 10 juin 2026\n\n';
const esFill = ' Los dos líderes hablaron ante unos cien invitados y varios observadores internacionales durante la ceremonia.';
const frFill = ' Les deux dirigeants ont parlé devant une centaine d’invités et plusieurs observateurs internationaux pendant la cérémonie.';

describe('property: Spanish and French events by tense', () => {
  it('a past signing is held on the last such weekday; a future one is scheduled on the next', () => {
    fc.assert(
      fc.property(fullName, fullName, fc.constantFrom(...esDays), fc.boolean(), (a, b, [day, last, next], past) => {
        fc.pre(a !== b);
        const verb = past ? 'firmaron' : 'firmarán';
        const r = run(`${esHead}El presidente ${a} y el comandante ${b} ${verb} ${day} el acuerdo de paz.${esFill}\n`);
        expect(r.warnings.map((w) => w.code)).toContain('partial_language');
        expect(r.statements).toEqual([]);
        const ev = r.events.filter((e) => e.kind === 'signing');
        expect(ev.length, JSON.stringify(r.events)).toBe(1);
        expect(ev[0]!.status).toBe(past ? 'held' : 'scheduled');
        expect(ev[0]!.start).toBe(past ? last : next);
        expect(ev[0]!.attendees.map((p) => p.name)).toEqual(expect.arrayContaining([a, b]));
      }),
      { numRuns: 60 },
    );
  });

  it('French: "ont signé <jour>" is held, "signeront <jour>" scheduled', () => {
    fc.assert(
      fc.property(fullName, fullName, fc.constantFrom(...frDays), fc.boolean(), (a, b, [day, last, next], past) => {
        fc.pre(a !== b);
        const verb = past ? 'ont signé' : 'signeront';
        const r = run(`${frHead}Le président ${a} et le commandant ${b} ${verb} ${day} l’accord de paix.${frFill}\n`);
        const ev = r.events.filter((e) => e.kind === 'signing');
        expect(ev.length, JSON.stringify(r.events)).toBe(1);
        expect(ev[0]!.status).toBe(past ? 'held' : 'scheduled');
        expect(ev[0]!.start).toBe(past ? last : next);
      }),
      { numRuns: 60 },
    );
  });

  it('a conditional or rumoured event is never held', () => {
    fc.assert(
      fc.property(fullName, fullName, fc.constantFrom(...esDays), fc.constantFrom('firmarían', 'podrían firmar', 'según medios locales firmarán'), (a, b, [day], verb) => {
        fc.pre(a !== b);
        const r = run(`${esHead}El presidente ${a} y el comandante ${b} ${verb} ${day} el acuerdo de paz.${esFill}\n`);
        expect(r.events.filter((e) => e.status === 'held'), JSON.stringify(r.events)).toEqual([]);
        expect(r.events.filter((e) => e.kind === 'signing').map((e) => e.status)).toEqual(['proposed']);
      }),
      { numRuns: 40 },
    );
  });

  it('a negated event gives nothing; a purpose is no event of its own', () => {
    fc.assert(
      fc.property(fullName, fullName, fc.constantFrom(...esDays), (a, b, [day]) => {
        fc.pre(a !== b);
        const neg = run(`${esHead}El presidente ${a} y el comandante ${b} no firmaron ${day} el acuerdo de paz.${esFill}\n`);
        expect(neg.events.filter((e) => e.kind === 'signing'), JSON.stringify(neg.events)).toEqual([]);
        const purpose = run(`${esHead}El comandante ${a} anunció ${day} que viajará a Quito para firmar con el presidente ${b} el acuerdo de paz.${esFill}\n`);
        expect(purpose.events.map((e) => e.kind), JSON.stringify(purpose.events)).toEqual(['visit']);
        expect(purpose.events[0]!.status).toBe('scheduled');
        expect(purpose.events[0]!.place?.city).toBe('Quito');
      }),
      { numRuns: 40 },
    );
  });
});

describe('property: Spanish and French statements', () => {
  const acr = fc.constantFrom('FRL', 'MNP', 'UDC', 'ELK');
  const esAdj: [string, string][] = [['colombiano', 'Colombia'], ['peruano', 'Peru'], ['chileno', 'Chile'], ['boliviana', 'Bolivia'], ['cubano', 'Cuba']];
  const frAdj: [string, string][] = [['italien', 'Italy'], ['russe', 'Russia'], ['libyen', 'Libya'], ['syrien', 'Syria']];
  it('"El jefe de las <ACR>, X, dijo que …" then a dropped subject \'"…", afirmó\': both statements are X\'s, party <ACR>', () => {
    fc.assert(
      fc.property(fullName, acr, fc.constantFrom('dijo', 'aseguró', 'sostuvo', 'había defendido'), (a, org, verb) => {
        const r = run(`${esHead}El máximo jefe de las ${org}, ${a}, ${verb} que el acuerdo es una buena base.${esFill} "Vamos a cumplir", afirmó a la radio.\n`);
        const st = r.statements.filter((x) => x.speaker.name === a);
        expect(st.length, JSON.stringify(r.statements)).toBe(2);
        const party = r.newParties.find((p) => p.name === org)?.id;
        expect(party).toBeTruthy();
        for (const x of st) expect(x.party).toBe(party);
        expect(st[1]!.form).toBe('quote');
      }),
      { numRuns: 40 },
    );
  });

  it('an adjective of nationality before the name gives the party (es and fr)', () => {
    fc.assert(
      fc.property(fullName, fc.constantFrom(...esAdj), fc.constantFrom(...frAdj), (a, [es, esCountry], [fr, frCountry]) => {
        const r1 = run(`${esHead}El canciller ${es}, ${a}, declaró que el acuerdo es una buena base.${esFill}\n`);
        expect(r1.statements[0]?.party, JSON.stringify(r1.statements)).toBe(r1.newParties.find((p) => p.name === esCountry)?.id);
        expect(r1.statements[0]?.party).toBeTruthy();
        const r2 = run(`${frHead}Le ministre ${fr} des Affaires étrangères, ${a}, a déclaré que l’accord est une bonne base.${frFill}\n`);
        expect(r2.statements[0]?.party, JSON.stringify(r2.statements)).toBe(r2.newParties.find((p) => p.name === frCountry)?.id);
        expect(r2.statements[0]?.party).toBeTruthy();
      }),
      { numRuns: 40 },
    );
  });

  it('an institution opening the subject speaks for itself: no statement of the person it is "of"', () => {
    fc.assert(
      fc.property(fullName, fc.constantFrom('El Partido Liberal', 'El Centro Nacional', 'El Consejo Federal'), (a, inst) => {
        const r = run(`${esHead}${inst} del expresidente ${a} anunció que votará en contra.${esFill}\n`);
        expect(r.statements.filter((x) => x.speaker.name === a), JSON.stringify(r.statements)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});

