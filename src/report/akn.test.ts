import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import { type ProcessData, type Provision, walkProvisions } from '../model/schemas.js';
import { readBundle } from '../store/bundle.js';
import { findAlternatives, findBrackets } from '../text/parse.js';
import { aknToVersion, versionToAkn } from './akn.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const XSD = path.resolve(ROOT, '../shared/standards/akoma-ntoso/akomantoso30.xsd');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-akn-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Validate files with xmllint against the AKN 3.0 schema; returns xmllint's stderr on failure, '' when valid. */
function xmllint(files: string[]): string {
  try {
    execFileSync('xmllint', ['--noout', '--schema', XSD, ...files], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

const example = readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data;
const mini = readBundle(path.join(ROOT, 'src/store/fixtures/mini')).data;

const leaf = (p: Partial<Provision> & { text: string; lineage: string }): Provision => ({
  kind: 'point',
  num: null,
  heading: null,
  status: 'proposed',
  brackets: [],
  alternatives: [],
  topics: [],
  children: [],
  ...p,
});

/** A hand-made version exercising every mapping: brackets (nested, with proponents), located and detached alternatives, statuses, topics, sub-points, unnumbered and duplicate numbers, XML specials. */
function tricky(): ProcessData {
  const t1 = 'Forces withdraw [thirty [or forty]] kilometres & keep <50> troops "near" the line.';
  const t2 = 'The plant is run: Option A: jointly by all three. Option B: by a joint venture without Russia.';
  return {
    ...mini,
    versions: [
      {
        id: 't-v1',
        document: 'draft',
        label: 'v1 <tricky> & "quoted"',
        date: '2024-05',
        proponents: ['med', 'north'],
        basedOn: 'draft-v2',
        note: 'A note with <markup> & ampersands.',
        provisions: [
          {
            ...leaf({ kind: 'axis', num: 'I', heading: 'Security & order', text: '', lineage: 't-axis-1' }),
            children: [
              leaf({
                num: '1',
                text: t1,
                lineage: 't-1',
                status: 'bracketed',
                topics: ['SsrFf', 'Ce'],
                brackets: findBrackets(t1).spans.map((s, i) => ({ ...s, proponents: i === 0 ? ['north', 'south'] : [] })),
              }),
              {
                ...leaf({ num: '2', heading: 'Plant', text: t2, lineage: 't-2', status: 'alternatives' }),
                alternatives: [
                  ...findAlternatives(t2).map((a, i) => ({ ...a, proponents: i ? ['south'] : ['north'] })),
                  { label: 'C', text: 'An option tabled only in a side letter.', proponents: ['med'] },
                ],
                children: [
                  leaf({ kind: 'subpoint', num: 'a', text: 'Inspectors report monthly.', lineage: 't-2.a', status: 'agreed' }),
                  leaf({ kind: 'subpoint', num: null, text: '', lineage: 't-2.b', status: 'placeholder' }),
                ],
              },
              leaf({ num: '2', text: 'A duplicated number.', lineage: 't-2-dup', status: 'deleted' }),
            ],
          },
          leaf({ num: null, text: 'An unnumbered closing point — with “typographic” quotes and émigré text.', lineage: 't-close', status: 'agreed-ad-referendum' }),
        ],
      },
    ],
  };
}

describe('Akoma Ntoso export', () => {
  it('every version of the example and of the fixture validates against akomantoso30.xsd', () => {
    const files: string[] = [];
    for (const data of [example, mini, tricky()]) {
      for (const v of data.versions) {
        const f = path.join(tmp, `${v.id}.akn.xml`);
        writeFileSync(f, versionToAkn(data, v.id, { exportedAt: '2026-01-01' }));
        files.push(f);
      }
    }
    expect(files.length).toBe(example.versions.length + mini.versions.length + 1);
    expect(xmllint(files)).toBe('');
  });

  it('the validator does reject a broken document (the check can fail)', () => {
    const xml = versionToAkn(mini, 'draft-v1', { exportedAt: '2026-01-01' }).replace('<FRBRcountry value="int"/>', '');
    const f = path.join(tmp, 'broken.xml');
    writeFileSync(f, xml);
    expect(xmllint([f])).toMatch(/FRBRcountry|fails to validate/);
  });

  it('maps structure, lineage, brackets, alternatives, statuses and topics as documented', () => {
    const xml = versionToAkn(tricky(), 't-v1', { exportedAt: '2026-01-01' });
    // FRBR identifiers: the work is dated by the document's first version, the expression by this one (2024-05 → 2024-05-01).
    expect(xml).toContain('<FRBRuri value="/akn/int/doc/plan/2024-05-01/draft/eng@2024-05-01"/>');
    const v2 = versionToAkn(mini, 'draft-v2', { exportedAt: '2026-01-01' });
    expect(v2).toContain('<FRBRuri value="/akn/int/doc/plan/2024-03-01/draft"/>');
    expect(v2).toContain('<FRBRuri value="/akn/int/doc/plan/2024-03-01/draft/eng@2024-04-01"/>');
    expect(v2).toContain('<FRBRuri value="/akn/int/doc/plan/2024-03-01/draft/eng@2024-04-01.akn"/>');
    expect(xml).toContain('<FRBRversionNumber value="v1 &lt;tricky&gt; &amp; &quot;quoted&quot;"/>');
    // Axis as chapter, points with eId from the number and wId from the lineage; duplicate number made unique.
    expect(xml).toContain('<chapter eId="chp_I" wId="t-axis-1" refersTo="#status_proposed">');
    expect(xml).toContain('<point eId="chp_I__point_1" wId="t-1" refersTo="#status_bracketed">');
    expect(xml).toContain('<point eId="chp_I__point_2-2" wId="t-2-dup" refersTo="#status_deleted">');
    expect(xml).toContain('<point eId="chp_I__point_2__point_a" wId="t-2.a" class="subpoint" refersTo="#status_agreed">');
    expect(xml).toContain('<point eId="point_nn2" wId="t-close"');
    // Nested brackets, proponents of the outer one.
    expect(xml).toContain('Forces withdraw <inline name="bracket" refersTo="#org_north #org_south">[thirty <inline name="bracket">[or forty]</inline>]</inline> kilometres &amp; keep &lt;50&gt; troops');
    // Alternatives found in the text are marked inline; the one that is not is an hcontainer.
    expect(xml).toContain('Option A: <inline name="alternative" eId="chp_I__point_2__alt_A" class="option-A" refersTo="#org_north">jointly by all three.</inline>');
    expect(xml).toContain('<hcontainer name="alternative" eId="chp_I__point_2__alt_C" class="option-C" refersTo="#org_med"><num>C</num>');
    // PA-X keywords point at their provision.
    expect(xml).toContain('<keyword value="SsrFf" showAs="SsrFf" dictionary="PA-X" href="#chp_I__point_1"/>');
    expect(xml).toContain('<keyword value="Ce" showAs="Ce" dictionary="PA-X" href="#chp_I__point_1"/>');
  });

  it('lists the events at which a version was tabled in the lifecycle', () => {
    const xml = versionToAkn(mini, 'draft-v1', { exportedAt: '2026-01-01' });
    // ev1 (First round, 2024-03-04) tabled draft-v1 in the fixture.
    expect(xml).toContain('<eventRef eId="lc_ev1" date="2024-03-04" source="#original" refersTo="#event_ev1"/>');
    expect(xml).toContain('<TLCEvent eId="event_ev1" href="/akn/ontology/events/ev1" showAs="First round (held)"/>');
    expect(versionToAkn(mini, 'draft-v2', { exportedAt: '2026-01-01' })).not.toContain('lc_ev1');
  });
});

describe('Akoma Ntoso import', () => {
  it('export → import gives the same version for every version of the example, the fixture and the tricky case', () => {
    for (const data of [example, mini, tricky()]) {
      for (const v of data.versions) {
        const back = aknToVersion(versionToAkn(data, v.id));
        expect(back.version).toEqual(v);
        expect(back.document.id).toBe(v.document);
        expect(back.document.title).toBe(data.documents.find((d) => d.id === v.document)!.title);
      }
    }
  });

  it('round-trips arbitrary provision texts with brackets and XML special characters (property)', () => {
    const word = fc.oneof(fc.constantFrom('&', '<', '>', '"', "'", 'é', '—', '[', ']', 'Option A:', ' '), fc.string({ minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 25 }), (ws) => {
        // XML 1.0 cannot carry most control characters; Accord's parser removes them before text gets here.
        const text = ws.join(' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/\s+/g, ' ').trim();
        const br = findBrackets(text).spans;
        const p = leaf({ num: '1', text, lineage: 'x-1', brackets: br, alternatives: findAlternatives(text) });
        const data: ProcessData = { ...mini, versions: [{ id: 'x-v1', document: 'draft', label: 'v1', date: '2024-01-01', proponents: [], provisions: [p] }] };
        const back = aknToVersion(versionToAkn(data, 'x-v1'));
        const q = back.version.provisions[0]!;
        expect(q.text).toBe(text);
        expect(q.brackets).toEqual(br);
        expect(q.alternatives.map((a) => [a.label, a.text]).sort()).toEqual(p.alternatives.map((a) => [a.label, a.text]).sort());
      }),
      { numRuns: 150 },
    );
  });

  it('reads a minimal document from another tool through FRBR metadata and the hierarchy', () => {
    const xml = `<?xml version="1.0"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="framework"><meta><identification source="#x">
<FRBRWork><FRBRthis value="/akn/int/doc/framework/2025-12-23/fw/!main"/><FRBRuri value="/akn/int/doc/framework/2025-12-23/fw"/><FRBRdate date="2025-12-23" name="x"/><FRBRauthor href="#org_ua"/><FRBRcountry value="int"/></FRBRWork>
<FRBRExpression><FRBRthis value="/a/!main"/><FRBRuri value="/a"/><FRBRdate date="2025-12-23" name="x"/><FRBRauthor href="#org_ua"/><FRBRlanguage language="eng"/></FRBRExpression>
<FRBRManifestation><FRBRthis value="/a.akn"/><FRBRuri value="/a.akn"/><FRBRdate date="2025-12-24" name="x"/><FRBRauthor href="#x"/></FRBRManifestation>
</identification></meta><mainBody>
<part eId="part_1"><num>I</num><heading>Security</heading>
  <paragraph eId="part_1__para_1"><num>1</num><intro><p>Guarantees are given:</p></intro>
    <paragraph eId="part_1__para_1__para_a"><num>a</num><content><p>by the US.</p></content></paragraph>
  </paragraph>
</part>
</mainBody></doc></akomaNtoso>`;
    const { version, document } = aknToVersion(xml);
    expect(document).toEqual({ id: 'fw', title: 'fw', kind: 'framework', proponents: ['ua'] });
    expect(version.date).toBe('2025-12-23');
    expect(version.proponents).toEqual(['ua']);
    const nodes = [...walkProvisions(version.provisions)].map((p) => [p.kind, p.num, p.heading, p.text, p.status]);
    expect(nodes).toEqual([
      ['axis', 'I', 'Security', '', 'proposed'],
      ['point', '1', null, 'Guarantees are given:', 'proposed'],
      ['subpoint', 'a', null, 'by the US.', 'proposed'],
    ]);
  });

  it('names the line of malformed XML and refuses what is not Akoma Ntoso', () => {
    const bad = versionToAkn(mini, 'draft-v1').replace('</mainBody>', '</mainBodyX>');
    try {
      aknToVersion(bad, { file: 'x.xml' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AccordError);
      expect((e as AccordError).code).toBe('invalid_input');
      const lines = bad.split('\n');
      expect((e as AccordError).location.line).toBe(lines.findIndex((l) => l.includes('</mainBodyX>')) + 1);
    }
    expect(() => aknToVersion('<html><body/></html>')).toThrow(/akomaNtoso/);
  });
});
