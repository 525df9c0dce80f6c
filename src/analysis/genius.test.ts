import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import { compileDomain, utilitiesOf } from './domain.js';
import { importGeniusWebJson, importGeniusXml } from './genius.js';

const shared = new URL('../../../shared/negotiation-domains/', import.meta.url);
const read = (rel: string) => readFileSync(new URL(rel, shared), 'utf8');

describe('GENIUS XML import', () => {
  it('reads the England–Zimbabwe domain with GENIUS normalisation', () => {
    const d = importGeniusXml(read('genius-xml/anac2010_EnglandZimbabwe/EnglandZimbabwe_domain.xml'), [
      { name: 'England', text: read('genius-xml/anac2010_EnglandZimbabwe/England.xml') },
      { name: 'Zimbabwe', text: read('genius-xml/anac2010_EnglandZimbabwe/Zimbabwe.xml') },
    ]);
    expect(d.scale).toBe(1);
    expect(d.issues.map((i) => i.options.length)).toEqual([4, 4, 3, 3, 4]);
    expect(d.issues[0]!.name).toBe('Size of Fund');
    expect(d.issues[0]!.options.map((o) => o.label)).toEqual(['$100 Billion', '$50 Billion', '$10 billion', 'No agreement']);
    const eng = d.profiles[0]!;
    // England's "Size of Fund" evaluations 5, 7, 9, 1 → divided by the largest (9), on 0–100.
    expect(Object.values(eng.values[d.issues[0]!.id]!).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([55.555556, 77.777778, 100, 11.111111]);
    expect(eng.reservation).toBe(0);
    // Best package for England = 1 (all evaluations at their issue maximum, weights summing to 1).
    const c = compileDomain(d);
    const best = d.issues.map((iss) => {
      const vals = eng.values[iss.id]!;
      return iss.options.findIndex((o) => vals[o.id] === 100);
    });
    expect(utilitiesOf(c, best)[0]).toBeCloseTo(100, 6);
  });

  it('copes with the laptop domain quirks (issue indices from 2, <agent> elements, number_of_issues="0")', () => {
    const d = importGeniusXml(read('genius-xml/genius_laptopdomain/laptop_domain.xml'), [
      { name: 'laptop_buyer_utility', text: read('genius-xml/genius_laptopdomain/laptop_buyer_utility.xml') },
      { name: 'laptop_seller_utility', text: read('genius-xml/genius_laptopdomain/laptop_seller_utility.xml') },
    ]);
    expect(d.issues.map((i) => i.name)).toEqual(['Laptop', 'Harddisk', 'External Monitor']);
    expect(d.profiles.map((p) => p.party)).toEqual(['laptop_buyer_utility', 'laptop_seller_utility']);
  });

  it('rejects a non-linear profile with a clear unsupported error', () => {
    const domain = '<negotiation_template><utility_space><objective index="0" name="o"><issue index="1" name="A" type="discrete"><item index="1" value="x"/><item index="2" value="y"/></issue></objective></utility_space></negotiation_template>';
    const prof = '<utility_space type="nonlinear"><ufun type="PRODUCT"/></utility_space>';
    try {
      importGeniusXml(domain, [{ name: 'hyper.xml', text: prof }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AccordError);
      expect((e as AccordError).code).toBe('unsupported');
      expect((e as AccordError).message).toMatch(/non-linear/);
      expect((e as AccordError).location.file).toBe('hyper.xml');
    }
  });

  it('rejects a real-valued issue and malformed XML', () => {
    const domain = '<utility_space><objective index="0" name="o"><issue index="1" name="Price" type="real"><range lowerbound="0" upperbound="1"/></issue></objective></utility_space>';
    expect(() => importGeniusXml(domain, [])).toThrow(expect.objectContaining({ code: 'unsupported' }));
    expect(() => importGeniusXml('<utility_space><objective>', [])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('names the file and issue when a profile evaluates an option the domain lacks', () => {
    const domain = '<utility_space><objective index="0" name="o"><issue index="1" name="A" type="discrete"><item index="1" value="x"/></issue></objective></utility_space>';
    const prof = '<utility_space><objective index="0" name="o"><issue index="1" name="A" type="discrete"><item index="1" value="z" evaluation="1"/></issue><weight index="1" value="1"/></objective></utility_space>';
    expect(() => importGeniusXml(domain, [{ name: 'p.xml', text: prof }])).toThrow(expect.objectContaining({ code: 'invalid_input', location: expect.objectContaining({ file: 'p.xml' }) }));
  });
});

describe('GeniusWeb JSON import', () => {
  it('reads the Party domain; the reservation is the utility of the reservationBid', () => {
    const d = importGeniusWebJson(read('geniusweb-json/Party/party.json'), [
      { name: 'party1.json', text: read('geniusweb-json/Party/party1.json') },
      { name: 'party2.json', text: read('geniusweb-json/Party/party2.json') },
    ]);
    expect(d.issues.map((i) => i.name)).toEqual(['Food', 'Drinks', 'Location', 'Invitations', 'Music', 'Cleanup']);
    expect(d.issues.reduce((n, i) => n * i.options.length, 1)).toBe(3072);
    expect(d.profiles.map((p) => p.party)).toEqual(['party1', 'party2']);
    // party1's reservation bid: 0.19·0.51 + 0.28·0.672 + 0.19·0.52 + 0.05·0.48 + 0.19·0.35 + 0.10·0.32 = 0.50636
    expect(d.profiles[0]!.reservation).toBeCloseTo(50.636, 9);
    // party2's: 0.095·0.52 + 0.228·0.33 + 0.109·0.3 + 0.214·0.24 + 0.108·0.64 + 0.246·0.36 = 0.36638
    expect(d.profiles[1]!.reservation).toBeCloseTo(36.638, 9);
  });

  it('rejects a non-additive utility space', () => {
    expect(() => importGeniusWebJson(null, [{ name: 'g.json', text: '{"SumOfGroupsUtilitySpace":{}}' }])).toThrow(expect.objectContaining({ code: 'unsupported' }));
  });
});
