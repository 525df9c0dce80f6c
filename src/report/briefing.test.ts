import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { enumerateOutcomes } from '../analysis/brute.js';
import { compileDomain, validateDomain } from '../analysis/domain.js';
import { positionsMatrix } from '../analysis/positions.js';
import { compareIsoDates, startOf } from '../model/dates.js';
import { readBundle } from '../store/bundle.js';
import { BRIEFING_LIMITS, briefingCharts, briefingMarkdown, buildBriefing, renderBriefing, renderBriefingWithAnalysis } from './briefing.js';
import { heatmapSvg, paretoSvg, timelineSvg } from './charts.js';
import { frontier2d, paretoPlotData } from './pareto.js';
import { CHROMIUM_PATH, closePdfBrowser, htmlToPdf, pdfStats } from './pdf.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const example = readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data;
const mini = readBundle(path.join(ROOT, 'src/store/fixtures/mini')).data;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-brief-'));
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await closePdfBrowser();
});

describe('briefing facts (mini fixture, hand-checked)', () => {
  it('as of 2024-03-15: text, contested point with holders and latest evidence, last and next events', () => {
    const b = buildBriefing(mini, { asOf: '2024-03-15' });
    expect(b.status.currentVersion?.id).toBe('draft-v1');
    expect(b.contested.map((c) => c.label)).toEqual(['2']);
    expect(b.contested[0]!.holders.map((h) => [h.party, h.stance, h.asOf])).toEqual([
      ['north', 'rejects', '2024-03-05'],
      ['south', 'accepts-with-conditions', '2024-03-10'],
    ]);
    expect(b.contested[0]!.holders[1]!.conditions).toBe('verification by the observer mission');
    expect(b.contested[0]!.evidence).toMatchObject({ id: 'e1', speaker: 'Lev Petrov', party: 'N', saidAt: '2024-03-05', source: { outlet: 'Example Wire', url: 'https://example.org/report-1' } });
    expect(b.lastEvents.map((e) => e.id)).toEqual(['ev1']);
    expect(b.nextEvents.map((e) => e.id)).toEqual(['ev3']);
    expect(b.setbacks.map((e) => e.id)).toEqual(['ev2']);
    expect(b.changes).toBeNull(); // draft-v1 is the first version
  });

  it('never links a source URL that is not http(s) or mailto, even one stored before the schema refused it', () => {
    for (const url of ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd']) {
      const data = { ...mini, sources: mini.sources.map((x) => (x.id === 's1' ? { ...x, url } : x)) };
      for (const format of ['md', 'html'] as const) {
        const out = renderBriefing(data, { asOf: '2024-03-15', link: url, format });
        expect(out, `${format} ${url}`).toContain('Example Wire');
        expect(out.toLowerCase(), `${format} ${url}`).not.toMatch(/href="(javascript|data|vbscript|file):|\]\((javascript|data|vbscript|file):|<(javascript|data|vbscript|file):/);
      }
    }
    // A web URL is linked, with Markdown-breaking characters encoded.
    const ok = { ...mini, sources: mini.sources.map((x) => (x.id === 's1' ? { ...x, url: 'https://example.org/a (b)' } : x)) };
    const md = renderBriefing(ok, { asOf: '2024-03-15', format: 'md' });
    expect(md).toContain('[Example Wire](https://example.org/a%20%28b%29)');
  });

  it('as of 2024-04-15: changes since the previous version by lineage, with word diffs', () => {
    const b = buildBriefing(mini, { asOf: '2024-04-15' });
    expect(b.changes?.from.id).toBe('draft-v1');
    expect(b.changes?.to.id).toBe('draft-v2');
    expect(b.changes?.counts).toEqual({ unchanged: 1, amended: 2, added: 0, dropped: 0, 'struck-out': 0, 'not-reproduced': 0, renumbered: 0 });
    const p2 = b.changes!.items.find((i) => i.lineage === 'draft-2')!;
    expect(p2.diff!.filter((d) => d.op !== 'equal').map((d) => [d.op, d.text.trim()])).toEqual([
      ['delete', '[thirty]'],
      ['insert', 'twenty'],
    ]);
    // North moved to accepting point 2 on 2024-04-02: nothing is contested any more.
    expect(b.contested).toEqual([]);
  });

  it('shows a party\'s confidential stance only to that party', () => {
    const pub = renderBriefing(mini, { asOf: '2024-03-15', format: 'md' });
    const own = buildBriefing(mini, { asOf: '2024-03-15', viewerParty: 'north' });
    expect(buildBriefing(mini, { asOf: '2024-03-15' }).matrix!.rows[2]!.cells.north).toBeNull();
    expect(own.matrix!.rows[2]!.cells.north?.stance).toBe('proposes-alternative');
    expect(pub).not.toContain('internal fallback');
    expect(pub).not.toMatch(/N on 3: proposes alternative/);
  });

  it('Markdown: a cut heatmap is a table of stance symbols, and the timeline shows the events nearest the date', () => {
    const b = buildBriefing(example, { asOf: '2026-03-01' });
    const m = b.matrix!;
    const shown = [m.rows[0]!.lineage, m.rows[m.rows.length - 1]!.lineage];
    const md = briefingMarkdown({ ...b, heatmapRows: shown });
    const symbol: Record<string, string> = { accepts: '✓', 'accepts-with-conditions': '~', 'proposes-alternative': '±', rejects: '✗', undecided: '?', 'no-public-position': '·' };
    const lines = md.split('\n');
    const head = lines.findIndex((l) => l.startsWith('| point |'));
    expect(lines[head]).toBe(`| point | ${m.parties.map((p) => p.short).join(' | ')} | state |`);
    for (const [i, lineage] of shown.entries()) {
      const r = m.rows.find((x) => x.lineage === lineage)!;
      const cells = m.parties.map((p) => (r.cells[p.id] ? symbol[r.cells[p.id]!.stance] : '·'));
      expect(lines[head + 2 + i]).toBe(`| ${r.label} | ${cells.join(' | ')} | ${r.state} |`);
    }
    expect(md.match(/<svg /g)?.length).toBe(1); // the timeline only
    const drawn = md.match(/<g><title>\d{4}/g)?.length ?? 0;
    expect(drawn).toBe(Math.min(b.events.length, BRIEFING_LIMITS.markdownTimelineEvents));
  });

  it('marks the stances taken on an earlier wording by the matrix rule, and a stance on the new version replaces one', () => {
    // As of 2024-04-01 draft-v2 is on the table; every stance was taken on draft-v1. Point 2 went from
    // "Forces withdraw [thirty] kilometres from the line of contact." to "... twenty ...": 1 word out,
    // 1 in, of 9 + 9 words = 0.11. Point 1 is kept word for word.
    const early = buildBriefing(mini, { asOf: '2024-04-01' });
    const since = { about: { id: 'draft-v1', label: 'v1', date: '2024-03-01' }, change: { inserted: 1, deleted: 1, share: 0.11, label: 'slightly reworded' } };
    expect(early.drift!.changed.map((x) => [x.label, x.party, x.stance, x.asOf])).toEqual([
      ['2', 'north', 'rejects', '2024-03-05'],
      ['2', 'south', 'accepts-with-conditions', '2024-03-10'],
    ]);
    expect(early.drift!.changed[0]!.since).toEqual(since);
    // Point 1: N, S and the mediator (who speaks on it) accepted it on v1, wording kept.
    expect(early.drift!.unchanged).toBe(3);
    expect(early.contested[0]!.holders.map((h) => [h.party, h.since?.change?.label ?? null])).toEqual([
      ['north', 'slightly reworded'],
      ['south', 'slightly reworded'],
    ]);
    // North's acceptance of 2024-04-02 was taken on draft-v2: it replaces the rejection, unmarked.
    const later = buildBriefing(mini, { asOf: '2024-04-15' });
    expect(later.drift!.changed.map((x) => [x.label, x.party])).toEqual([['2', 'south']]);
    expect(later.drift!.unchanged).toBe(3);
    expect(later.matrix!.rows[1]!.cells.north).toMatchObject({ stance: 'accepts', asOf: '2024-04-02' });
    const md = briefingMarkdown(later);
    expect(md).toContain('## Stances taken on an earlier wording');
    expect(md).toContain('4 stances shown against v2 were taken on an earlier version: 1 on a wording changed since, 3 on a wording kept word for word.');
    expect(md).toContain('- **Point 2** — S ~ accepts with conditions (2024-03-10), on v1, slightly reworded since (11 % of the words)');
    const html = renderBriefing(mini, { asOf: '2024-04-01', format: 'html' });
    expect(html).toContain('rejects as of 2024-03-05, on v1, slightly reworded since (11 % of the words)');
    expect(html.match(/<sup class="drift">≠<\/sup>/g)?.length).toBe(2); // the two holders of contested point 2
    expect(html).toContain('taken on an earlier version: ≠ wording changed since (2), ′ kept (3)');
    // With nothing taken on an earlier version, no such section.
    expect(renderBriefing(mini, { asOf: '2024-03-15', format: 'md' })).not.toContain('earlier wording');
  });

  it('renders Markdown and HTML with the pictures inline, no Pareto plot without a domain', () => {
    const md = renderBriefing(mini, { asOf: '2024-03-15', format: 'md' });
    expect(md).toContain('## Contested points');
    expect(md).toContain('**Point 2**');
    expect(md.match(/<svg /g)?.length).toBe(2);
    // Inline SVG must not contain blank lines, or Markdown would end the HTML block.
    for (const svg of md.match(/<svg[\s\S]*?<\/svg>/g)!) expect(svg).not.toMatch(/\n\s*\n/);
    const html = renderBriefing(mini, { asOf: '2024-03-15', format: 'html' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('Point 2');
    expect(html).not.toContain('Packages of the contested issues');
    for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g)!) expect(XMLValidator.validate(svg)).toBe(true);
  });
});

describe('charts', () => {
  it('heatmap: one coloured cell with a symbol per recorded stance, blank otherwise', () => {
    const m = positionsMatrix(example, { asOf: '2026-03-01' });
    const svg = heatmapSvg(m);
    expect(XMLValidator.validate(svg)).toBe(true);
    const filled = m.rows.reduce((n, r) => n + Object.values(r.cells).filter((c) => c !== null).length, 0);
    const empty = m.rows.length * m.parties.length - filled;
    expect(svg.match(/<g><title>[^<]* on [^<]*: (accepts|accepts with conditions|proposes alternative|rejects|undecided|no public position) \(as of/g)?.length).toBe(filled);
    expect(svg.match(/: nothing recorded<\/title>/g)?.length ?? 0).toBe(empty);
    expect(svg.match(/>contested<\/text>/g)?.length).toBe(m.rows.filter((r) => r.state === 'contested').length);
  });

  it('timeline: one marker per event, shaped by status', () => {
    const svg = timelineSvg(example.events, { asOf: '2026-03-01' });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.match(/<g><title>/g)?.length).toBe(example.events.length);
    for (const s of ['held', 'postponed', 'cancelled', 'scheduled'] as const) {
      expect(svg.match(new RegExp(`\\[${s}\\]</title>`, 'g'))?.length ?? 0).toBe(example.events.filter((e) => e.status === s).length);
    }
  });

  it('frontier2d keeps exactly the non-dominated points (property, against a quadratic filter)', () => {
    const pt = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }));
    fc.assert(
      fc.property(fc.array(pt, { maxLength: 60 }), (pts) => {
        const ps = pts as [number, number][];
        const dominated = (a: [number, number]) => ps.some((b) => b[0] >= a[0] && b[1] >= a[1] && (b[0] > a[0] || b[1] > a[1]));
        const expected = [...new Set(ps.filter((a) => !dominated(a)).map((a) => a.join(',')))].map((k) => k.split(',').map(Number)).sort((a, b) => a[0]! - b[0]!);
        expect(frontier2d(ps)).toEqual(expected);
      }),
    );
  });

  it('Pareto plot of the example domain: solutions on the frontier, drawn as SVG', async () => {
    const p = await paretoPlotData(example);
    expect(p).not.toBeNull();
    expect(p!.solutions.map((s) => s.short)).toEqual(['N', 'KS', 'E', 'U']);
    // Brute force: project every feasible package (no red line crossed, every reservation met) onto RU × UA;
    // the drawn frontier must be exactly the non-dominated part of that projection.
    const d = validateDomain(example.domains[0]);
    const c = compileDomain(d);
    const [ia, ib] = [d.profiles.findIndex((x) => x.party === 'ru'), d.profiles.findIndex((x) => x.party === 'ua')];
    expect([p!.x, p!.y]).toEqual(['RU', 'UA']);
    const feasible: [number, number][] = [];
    enumerateOutcomes(c, (o, u) => {
      if (c.redLine.some((opts, i) => opts[o[i]!]!.length)) return;
      if (Array.from(u).some((x, k) => x < c.reservation[k]! - 1e-9)) return;
      feasible.push([u[ia]!, u[ib]!]);
    });
    const round = (ps: [number, number][]) => ps.map(([a, b]) => `${a.toFixed(6)},${b.toFixed(6)}`);
    const dominated = (a: [number, number]) => feasible.some((q) => q[0] >= a[0] - 1e-9 && q[1] >= a[1] - 1e-9 && (q[0] > a[0] + 1e-9 || q[1] > a[1] + 1e-9));
    const brute = [...new Set(round(feasible.filter((a) => !dominated(a))))].sort();
    expect([...new Set(round(p!.frontier))].sort()).toEqual(brute);
    // Every solution package is feasible: on or above both reservation values.
    for (const s of p!.solutions) {
      expect(s.u[0]).toBeGreaterThanOrEqual(p!.reservation[0] - 1e-9);
      expect(s.u[1]).toBeGreaterThanOrEqual(p!.reservation[1] - 1e-9);
    }
    const svg = paretoSvg(p!);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('Nash bargaining solution');
    // No domain, no plot.
    expect(await paretoPlotData(mini)).toBeNull();
  });
});

describe.skipIf(!existsSync(CHROMIUM_PATH))('PDF briefing of the example', () => {
  it('prints at most two pages holding the contested points and the next event', async () => {
    const asOf = '2026-03-01';
    const html = await renderBriefingWithAnalysis(example, { asOf, format: 'html' });
    const file = path.join(tmp, 'brief.pdf');
    writeFileSync(file, await htmlToPdf(html));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ');
    // The next event, found directly in the example's events: the first scheduled or rescheduled on or after the date.
    const next = example.events
      .filter((e) => (e.status === 'scheduled' || e.status === 'rescheduled') && startOf(e.end ?? e.start) >= asOf)
      .sort((a, b) => compareIsoDates(a.start, b.start))[0]!;
    expect(text).toContain(next.title);
    // The contested points: rows of the matrix where some principal party rejects or proposes an alternative.
    const m = positionsMatrix(example, { asOf });
    const contested = m.rows.filter((r) => Object.values(r.cells).some((c) => c && (c.stance === 'rejects' || c.stance === 'proposes-alternative')));
    expect(contested.length).toBeGreaterThan(0);
    expect(text.match(/Point \d+:/g)?.length).toBe(Math.min(5, contested.length));
    for (const r of contested) if (text.includes(`Point ${r.label}:`)) expect(text).toContain(r.text.slice(0, 30).replace(/\s+/g, ' '));
    expect(briefingCharts(buildBriefing(example, { asOf })).heatmap).not.toBeNull();
  }, 60_000);

  it('prints several briefings, three at once, from one browser and at most two pages, reused', async () => {
    await closePdfBrowser();
    const before = pdfStats();
    const html = await renderBriefingWithAnalysis(example, { asOf: '2026-01-15', format: 'html' });
    const pdfs = await Promise.all([htmlToPdf(html), htmlToPdf(html), htmlToPdf(html)]);
    pdfs.push(await htmlToPdf(html));
    for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const after = pdfStats();
    expect(after.prints - before.prints).toBe(4);
    expect(after.launches - before.launches).toBe(1);
    // Three at once open at most MAX_PAGES (2) pages; the fourth print reuses one of them.
    expect(after.pages - before.pages).toBe(2);
    // A page reused after a print shows the new document, not the old one.
    const other = await htmlToPdf('<!doctype html><html><body><p>Second document only</p></body></html>');
    const file = path.join(os.tmpdir(), `accord-reuse-${process.pid}.pdf`);
    writeFileSync(file, other);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain('Second document only');
    expect(text).not.toMatch(/Point \d+:/);
    expect(pdfStats().pages - before.pages).toBe(2);
    await closePdfBrowser();
    await htmlToPdf(html);
    expect(pdfStats().launches - before.launches).toBe(2);
    await closePdfBrowser();
  }, 90_000);
});
