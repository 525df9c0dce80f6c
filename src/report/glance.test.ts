import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../store/bundle.js';
import { roundsSvg, type RoundVersion } from './glance.js';
import { textWidth } from './svg.js';

/** The version labels of a rounds picture: text, x, y (bold 9.5 px texts above the axis). */
function versionLabels(svg: string): { text: string; x: number; y: number }[] {
  const unesc = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text class="ink" x="([\d.-]+)" y="([\d.-]+)" font-size="9.5" font-weight="bold"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: unesc(m[3]!) }));
}

const full = (v: RoundVersion, W: number) => (v.title && (W >= 900 || v.label.length <= 4) ? `${v.title}, ${v.label}` : v.label);

describe('roundsSvg version labels', () => {
  it('never overlap in a row, stay inside the picture, and are the label or its start cut with an ellipsis (property)', () => {
    const version = fc.record({
      day: fc.integer({ min: 0, max: 120 }),
      label: fc.oneof(fc.constantFrom('v1', 'v2', 'rev'), fc.stringMatching(/^[a-z]{2,8}( [a-z0-9]{1,6}){0,5}$/)),
      title: fc.option(fc.stringMatching(/^[A-Z][a-z]{1,9}( [a-z0-9-]{1,9}){0,6}$/), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(version, { minLength: 1, maxLength: 8 }), fc.constantFrom(360, 640, 1200), (vs, W) => {
        const versions: RoundVersion[] = vs.map((v, i) => ({ id: `v${i}`, label: v.label, date: new Date(Date.UTC(2025, 0, 1 + v.day)).toISOString().slice(0, 10), ...(v.title ? { title: v.title } : {}) }));
        const labels = versionLabels(roundsSvg(versions, [], { width: W }));
        const wholes = versions.map((v) => full(v, W));
        for (const l of labels) {
          const w = textWidth(l.text, 9.5) * 1.1;
          expect(l.x).toBeGreaterThanOrEqual(0);
          expect(l.x + w).toBeLessThanOrEqual(W);
          expect(wholes.some((f) => f === l.text || (l.text.endsWith('…') && f.startsWith(l.text.slice(0, -1))))).toBe(true);
          for (const o of labels) if (o !== l && o.y === l.y) expect(o.x + textWidth(o.text, 9.5) * 1.1 <= l.x || l.x + w <= o.x).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("names each of the example's versions whole, with its document's title, in a wide picture (hand-checked)", () => {
    const data = readBundle(new URL('../../examples/russia-ukraine-2025', import.meta.url).pathname).data;
    const versions = data.versions.map((v) => ({ id: v.id, label: v.label, date: v.date, title: data.documents.find((d) => d.id === v.document)?.title }));
    const labels = versionLabels(roundsSvg(versions, data.events, { width: 1200 })).map((l) => l.text);
    expect(labels.sort()).toEqual(versions.map((v) => `${v.title}, ${v.label}`).sort());
  });
});
