import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import { compileDomain, utilitiesOf } from './domain.js';
import { exactFrontierByEnumeration } from './brute.js';
import { importGeniusFolder, importGeniusWebJson, importGeniusXml } from './genius.js';
import { paretoFrontier } from './pareto.js';

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

  it('rejects an unknown issue type and malformed XML', () => {
    const domain = '<utility_space><objective index="0" name="o"><issue index="1" name="Set" type="objective-set"/></objective></utility_space>';
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

describe('GENIUS folders as ANAC ships them', () => {
  const domain = '<negotiation_template><utility_space><objective index="0" name="o">' +
    '<issue index="1" name="A" type="discrete"><item index="1" value="x"/><item index="2" value="y"/></issue>' +
    '<issue index="2" name="Weeks" type="integer" lowerbound="1" upperbound="4"/>' +
    '<issue index="3" name="Price" type="real"><range lowerbound="0" upperbound="1"/></issue>' +
    '</objective></utility_space></negotiation_template>';
  const profile = (slope: string, disc = '1.0') =>
    '<utility_space><objective index="0" name="o">' +
    '<issue index="1" name="A" type="discrete"><item index="1" value="x" evaluation="3"/><item index="2" value="y" evaluation="6"/></issue>' +
    `<issue index="2" name="Weeks" type="integer" lowerbound="1" upperbound="4"><evaluator ftype="linear" slope="${slope}" offset="0.4"/></issue>` +
    '<issue index="3" name="Price" type="real"><evaluator ftype="linear" slope="1" offset="0"/></issue>' +
    '<weight index="1" value="0.5"/><weight index="2" value="0.3"/><weight index="3" value="0.2"/></objective>' +
    `<discount_factor value="${disc}"/><reservation value="0.3"/></utility_space>`;

  it('skips pareto.xml and readme files, reads integer and real issues with a stated step', () => {
    const warnings: string[] = [];
    const d = importGeniusFolder(
      [
        { name: 'dom.xml', text: domain },
        { name: 'pareto.xml', text: '0.67824775, 1.0\n0.6797583, 0.9322034\n' },
        { name: 'readme.xml', text: '<readme>about</readme>' },
        { name: 'p1.xml', text: profile('0.2') },
      ],
      { onWarning: (w) => warnings.push(`${w.file}: ${w.message}`) },
    );
    expect(d.issues.map((i) => i.options.map((o) => o.label))).toEqual([
      ['x', 'y'],
      ['1', '2', '3', '4'],
      ['0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1'],
    ]);
    // Integer evaluator offset + slope·(x − lowerbound): 0.4, 0.6, 0.8, 1.0 → 40, 60, 80, 100.
    expect(Object.values(d.profiles[0]!.values[d.issues[1]!.id]!)).toEqual([40, 60, 80, 100]);
    // Discrete evaluations 3 and 6 divided by the largest: 50, 100.
    expect(Object.values(d.profiles[0]!.values[d.issues[0]!.id]!)).toEqual([50, 100]);
    expect(d.profiles[0]!.reservation).toBe(30);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^pareto\.xml: not a GENIUS domain or profile/), expect.stringMatching(/^readme\.xml: /), expect.stringMatching(/real issue "Price" \[0, 1\] discretised into 11 values, step 0\.1/)]));
  });

  it('reports a discount factor and ignores it, or applies it at a given time', () => {
    const files = [
      { name: 'dom.xml', text: domain },
      { name: 'p1.xml', text: profile('0.2', '0.5') },
    ];
    const warnings: string[] = [];
    const d = importGeniusFolder(files, { onWarning: (w) => warnings.push(w.message) });
    expect(d.profiles[0]!.reservation).toBe(30);
    expect(warnings.join('\n')).toMatch(/discount factor 0.5 ignored/);
    const at = importGeniusFolder(files, { discountAt: 1 });
    // u·δ^t at t = 1: every value and the reservation halved.
    expect(at.profiles[0]!.reservation).toBe(15);
    expect(Object.values(at.profiles[0]!.values[at.issues[1]!.id]!)).toEqual([20, 30, 40, 50]);
  });

  it('a folder whose domain is not XML names that file, its line and what was wrong', () => {
    const files = [{ name: 'dom.xml', text: '<?xml version="1.0"?>\n\nthis is <not xml' }, { name: 'p1.xml', text: profile('0.2') }];
    try {
      importGeniusFolder(files, { folder: 'f' });
      expect.unreachable();
    } catch (e) {
      const err = e as AccordError;
      expect(err.code).toBe('invalid_input');
      expect(err.location).toEqual({ file: 'dom.xml', line: 3 });
      expect(err.message).toMatch(/found 0 \(none\); skipped dom\.xml \(not well-formed XML at line 3: /);
    }
    // Well-formed XML of another kind says so instead.
    expect(() => importGeniusFolder([{ name: 'dom.xml', text: '<readme>x</readme>' }, { name: 'p1.xml', text: profile('0.2') }])).toThrow(
      /skipped dom\.xml \(no <negotiation_template> or <utility_space> element\)/,
    );
  });

  it('a non-linear profile in the folder is unsupported (exit 69) with "non-linear", whatever else is there', () => {
    const nl = '<!-- profile 1 -->\n<?xml version="1.0"?>\n<utility_space type="nonlinear"><objective index="0" name="r"><issue index="1" name="A" type="integer" lowerbound="0" upperbound="9"/></objective><utility maxutility="10"><ufun type="PlainUfun"><hyperRectangle utility="3"><INCLUDES index="1" min="0" max="2"/></hyperRectangle></ufun></utility></utility_space>';
    for (const files of [
      [{ name: 'dom.xml', text: domain }, { name: 'pareto.xml', text: '1, 0\n' }, { name: 'profile-1.xml', text: nl }, { name: 'profile-2.xml', text: nl }],
      [{ name: 'dom.xml', text: domain }, { name: 'profile-1.xml', text: nl }, { name: 'p1.xml', text: profile('0.2') }],
    ]) {
      try {
        importGeniusFolder(files);
        expect.unreachable();
      } catch (e) {
        expect((e as AccordError).code).toBe('unsupported');
        expect((e as AccordError).message).toMatch(/non-linear/);
        expect((e as AccordError).location.file).toBe('profile-1.xml');
      }
    }
  });

  it('an evaluator leaving [0, 1] is invalid input naming the file and issue', () => {
    expect(() => importGeniusFolder([{ name: 'dom.xml', text: domain }, { name: 'p1.xml', text: profile('0.3') }])).toThrow(
      expect.objectContaining({ code: 'invalid_input', location: expect.objectContaining({ file: 'p1', field: 'issue[Weeks].evaluator' }) }),
    );
  });

  it('reads the ANAC 2015 Vacation folder (an integer issue): its exact frontier matches exact brute force', () => {
    const dir = 'genius-xml/anac2015_Vacation/';
    const files = ['Vacation.xml', 'Vacation_util2.xml', 'Vacation_util3.xml', 'Vacation_util4.xml'].map((f) => ({ name: f, text: read(dir + f) }));
    const d = importGeniusFolder(files);
    expect(d.issues[2]!.options.map((o) => o.label)).toEqual(['1', '2', '3', '4']);
    const f = paretoFrontier(compileDomain(d));
    const brute = exactFrontierByEnumeration(d);
    expect([f.distinct, f.outcomes]).toEqual([brute.length, brute.reduce((s, q) => s + q.count, 0)]);
    expect(f.distinct).toBe(131);
  });
});
