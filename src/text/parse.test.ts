import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForComparison } from './normalise.js';
import { detectFormat, parsePlan, WARNING_CODES } from './parse.js';
import type { ParsedProvision, ParseResult } from './types.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const read = (rel: string) => readFileSync(CORPUS + rel, 'utf8');
const expected = JSON.parse(read('plan-28/expected.json')) as {
  axes: Array<{ id: string; name: string; points: number[] }>;
  layouts: Record<string, { sub_items_expected?: Record<string, number>; order_in_file?: number[]; headings?: string[]; bullets_in_order?: Array<{ group: string; points: unknown[] }>; bullet_count?: number }>;
};

/** All points of a result, depth first, in document order. */
function points(r: ParseResult): ParsedProvision[] {
  const out: ParsedProvision[] = [];
  const walk = (list: ParsedProvision[]) => {
    for (const n of list) {
      if (n.kind === 'point') out.push(n);
      else walk(n.children);
    }
  };
  walk(r.provisions);
  return out;
}

function allNodes(list: ParsedProvision[]): ParsedProvision[] {
  return list.flatMap((n) => [n, ...allNodes(n.children)]);
}

/** 1-based numbers of the lines of `text` for which `pred` holds (computed from the raw file). */
function linesWhere(text: string, pred: (line: string) => boolean): number[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .flatMap((l, i) => (pred(l) ? [i + 1] : []));
}

const NUMBERED = ['layout-a-numbered-letters.txt', 'layout-b-arrows.txt', 'layout-e-markdown-axes.md', 'layout-f-noisy-crlf.txt'];

describe('plan-28 layouts a, b, e, f', () => {
  for (const file of NUMBERED) {
    const spec = expected.layouts[file]!;
    const r = parsePlan(read('plan-28/' + file));
    const pts = points(r);

    it(`${file}: 28 points numbered as in the file`, () => {
      const order = spec.order_in_file ?? Array.from({ length: 28 }, (_, k) => k + 1);
      expect(pts.map((p) => p.num)).toEqual(order.map(String));
    });

    it(`${file}: sub-item counts per point`, () => {
      const subs = spec.sub_items_expected!;
      for (const p of pts) {
        expect(p.children.length, `point ${p.num}`).toBe(subs[p.num!] ?? 0);
        for (const c of p.children) expect(c.kind).toBe('subpoint');
      }
    });

    it(`${file}: sub-item labels`, () => {
      for (const p of pts) {
        const labels = p.children.map((c) => c.num);
        if (file.includes('arrows')) expect(labels.every((l) => l === null)).toBe(true);
        else expect(labels).toEqual('abcdef'.slice(0, labels.length).split(''));
      }
    });

    it(`${file}: no anomaly warnings about structure`, () => {
      const structural = r.warnings.filter((w) =>
        ['skipped-number', 'out-of-order', 'loose-paragraph', 'unbalanced-bracket', 'empty-item', 'internal-error'].includes(w.code),
      );
      expect(structural).toEqual([]);
    });
  }

  it('layout e: five axes holding the points of expected.json, heading split from "Axis I —"', () => {
    const r = parsePlan(read('plan-28/layout-e-markdown-axes.md'));
    expect(r.provisions.map((a) => a.kind)).toEqual(['axis', 'axis', 'axis', 'axis', 'axis']);
    expect(r.provisions.map((a) => a.num)).toEqual(expected.axes.map((a) => a.id));
    expect(r.provisions.map((a) => a.heading)).toEqual(expected.axes.map((a) => a.name));
    expect(r.provisions.map((a) => a.children.map((p) => Number(p.num)))).toEqual(expected.axes.map((a) => a.points));
    // Bold in the text ("**600,000**") is formatting, not content.
    const six = points(r).find((p) => p.num === '6')!;
    expect(six.text).toBe('A ceiling of 600,000 on the Armed Forces of Ukraine.');
    // Title and block quote are set aside, quoted.
    const pre = r.warnings.filter((w) => w.code === 'preamble');
    expect(pre.map((w) => w.line)).toEqual([1, 3]);
    expect(pre[1]!.message).toContain('our own finer split');
  });

  it('layout b: point 14 keeps its four arrow bullets; arrows are sub-points under numbered points', () => {
    const r = parsePlan(read('plan-28/layout-b-arrows.txt'));
    const p14 = points(r).find((p) => p.num === '14')!;
    expect(p14.text).toBe('Frozen assets will be used as follows:');
    expect(p14.children.map((c) => c.text)).toEqual([
      '$100 billion of frozen Russian assets are invested in US-led reconstruction of and investment in Ukraine, and the US gets 50% of the profit;',
      'Europe adds another $100 billion;',
      'frozen European funds are unfrozen;',
      'the rest of the frozen Russian funds go into a separate US-Russian investment vehicle for joint projects that deepen ties and discourage a return to war.',
    ]);
  });

  it('layout a: title and note set aside as one preamble warning on line 1', () => {
    const r = parsePlan(read('plan-28/layout-a-numbered-letters.txt'));
    expect(r.warnings.map((w) => w.code)).toEqual(['preamble']);
    expect(r.warnings[0]!.line).toBe(1);
    expect(r.warnings[0]!.message).toContain('DRAFT FRAMEWORK TO END THE RUSSIA-UKRAINE WAR');
    expect(r.warnings[0]!.message).toContain('not the original text');
    const p10 = points(r).find((p) => p.num === '10')!;
    expect(p10.text).toBe('Terms of the US guarantee:');
    expect(p10.children[1]!.text).toBe('Should Ukraine invade Russia, the guarantee is lost.');
    expect(p10.line).toBe(22);
    expect(p10.children[0]!.line).toBe(23);
  });
});

describe('plan-28 layout c (thematic bullets)', () => {
  const spec = expected.layouts['layout-c-thematic-bullets.txt']!;
  const r = parsePlan(read('plan-28/layout-c-thematic-bullets.txt'));

  it('nine axes with the expected headings and no numbers', () => {
    expect(r.provisions.map((a) => a.kind)).toEqual(Array(9).fill('axis'));
    expect(r.provisions.map((a) => a.heading)).toEqual(spec.headings);
    expect(r.provisions.every((a) => a.num === null && a.text === '')).toBe(true);
  });

  it('31 unnumbered points, grouped as bullets_in_order says', () => {
    expect(r.provisions.map((a) => a.children.length)).toEqual(spec.bullets_in_order!.map((g) => g.points.length));
    const pts = points(r);
    expect(pts).toHaveLength(spec.bullet_count!);
    expect(pts.every((p) => p.num === null && p.children.length === 0)).toBe(true);
    expect(pts[0]!.text).toBe("Ukraine's sovereignty is confirmed.");
  });

  it('the digest title and its parenthetical note are preamble', () => {
    expect(r.warnings.filter((w) => w.code === 'preamble')).toHaveLength(1);
    expect(r.warnings[0]!.message).toContain('nine areas at a glance');
    expect(r.warnings[0]!.message).toContain('Point numbers deliberately omitted.');
  });
});

describe('plan-28 layout f (noisy copy/paste)', () => {
  const raw = read('plan-28/layout-f-noisy-crlf.txt');
  const r = parsePlan(raw);
  const at = (code: string) => r.warnings.filter((w) => w.code === code).map((w) => w.line);

  it('reports every kind of noise on the right line', () => {
    expect(at('bom')).toEqual([1]);
    expect(at('crlf')).toEqual([1]);
    expect(at('nbsp')).toEqual(linesWhere(raw, (l) => l.includes('\u00A0')));
    expect(at('footnote-marker')).toEqual(linesWhere(raw, (l) => /\S¹/.test(l)));
    expect(at('footnote')).toEqual(linesWhere(raw, (l) => l.startsWith('¹')));
    expect(at('page-debris')).toEqual(linesWhere(raw, (l) => l.trim() === '— 2 —'));
    expect(at('duplicate-number')).toEqual(linesWhere(raw, (l) => l.startsWith('12.')).slice(1));
    expect(at('trailing-whitespace')).toEqual([linesWhere(raw, (l) => /[ \t]$/.test(l))[0]]);
    expect(r.warnings.find((w) => w.code === 'trailing-whitespace')!.message).toContain(
      linesWhere(raw, (l) => /[ \t]$/.test(l)).join(', '),
    );
    expect(at('typography').length).toBeGreaterThan(0);
    expect(r.warnings.find((w) => w.code === 'duplicate-number')!.message).toContain('read as point 13');
    expect(r.warnings.find((w) => w.code === 'footnote')!.message).toContain('800,000');
  });

  it('reads the second "12." as point 13 and keeps "600 000" readable', () => {
    const pts = points(r);
    const p13 = pts.find((p) => p.num === '13')!;
    expect(p13.text).toBe('Russia is to be brought back into the global economy:');
    expect(pts.find((p) => p.num === '6')!.text).toBe("Ukraine's armed forces are to be capped at 600 000 personnel.");
    expect(pts.find((p) => p.num === '25')!.text).toBe('Ukraine holds elections within 100 days.');
  });

  it('has the same texts as layout a once normalised, except where the noise changed words', () => {
    const a = points(parsePlan(read('plan-28/layout-a-numbered-letters.txt')));
    const f = points(r);
    const differing = a.filter((p, k) => foldForComparison(p.text) !== foldForComparison(f[k]!.text)).map((p) => p.num);
    // Hand-checked: 6 "600,000" vs "600 000", 14 "billion" vs "bn", 19 ", between" vs "– between".
    expect(differing).toEqual(['6', '14', '19']);
    const subA = a.flatMap((p) => p.children.map((c) => foldForComparison(c.text)));
    const subF = f.flatMap((p) => p.children.map((c) => foldForComparison(c.text)));
    expect(subF.filter((t, k) => t === subA[k]).length).toBe(subA.length - 1); // 24a: quotes vs hyphens
  });
});

describe('counter-proposals', () => {
  it('E3 mark-up: 28 points in US numbering, sources and context set aside', () => {
    const r = parsePlan(read('counter-proposals/e3-reuters-2025-11-23.md'));
    expect(r.provisions.every((p) => p.kind === 'point')).toBe(true);
    expect(r.provisions.map((p) => p.num)).toEqual(Array.from({ length: 28 }, (_, k) => String(k + 1)));
    expect(r.provisions[9]!.children.map((c) => c.num)).toEqual(['a', 'b', 'c']);
    expect(r.provisions[5]!.text).toBe("In peacetime, Ukraine's forces may number up to 800,000.");
    expect(r.provisions[2]!.text).toMatch(/^\(Deleted\./);
    const trailing = r.warnings.filter((w) => w.code === 'trailing-text').map((w) => w.message).join(' ');
    expect(trailing).toContain('Context reported alongside the text');
    expect(trailing).toContain('https://kyivindependent.com/kremlin-rejects-european-counter-proposal-to-us-peace-plan/');
  });

  it('20-point framework: 20 points, point 5 with three lettered sub-items', () => {
    const r = parsePlan(read('counter-proposals/framework-20pt-2025-12-23.md'));
    expect(r.provisions.map((p) => p.num)).toEqual(Array.from({ length: 20 }, (_, k) => String(k + 1)));
    expect(r.provisions[4]!.children.map((c) => c.num)).toEqual(['a', 'b', 'c']);
    expect(r.provisions[11]!.text).toContain('no consensus');
    expect(r.warnings.some((w) => w.code === 'trailing-text' && w.message.includes('Not in the 20 points'))).toBe(true);
  });

  it('Geneva summary: one axis of ten titled bullets; the Sources section is back matter', () => {
    const r = parsePlan(read('counter-proposals/geneva-19pt-2025-11-23.md'));
    expect(r.provisions).toHaveLength(1);
    expect(r.provisions[0]!.heading).toBe('What was reported');
    expect(r.provisions[0]!.children.map((p) => p.heading)).toEqual([
      'Length', 'Status', 'Army ceiling (US point 6)', 'Amnesty (US point 26)', 'Frozen assets (US point 14)',
      'Territory and NATO (US points 21 and 7)', 'Zaporizhzhia NPP (US point 19) and prisoner exchanges (US point 24)',
      'EU and NATO matters', 'Packaging', 'Next step',
    ]);
    expect(r.warnings.some((w) => w.code === 'back-matter' && w.message.includes('intellinews.com'))).toBe(true);
  });
});

describe('nothing is silently dropped', () => {
  const LABEL_WORDS = new Set(['axis', 'point', 'item', 'part', 'chapter', 'section']);
  const words = (s: string) => foldForComparison(s).match(/[\p{L}\p{N}]+/gu) ?? [];
  const files = [
    ...['a-numbered-letters.txt', 'b-arrows.txt', 'c-thematic-bullets.txt', 'e-markdown-axes.md', 'f-noisy-crlf.txt'].map((f) => 'plan-28/layout-' + f),
    'counter-proposals/e3-reuters-2025-11-23.md',
    'counter-proposals/framework-20pt-2025-12-23.md',
    'counter-proposals/geneva-19pt-2025-11-23.md',
  ];
  for (const file of files) {
    it(`${file}: every word of the input is in a provision or a warning`, () => {
      const raw = read(file);
      const r = parsePlan(raw);
      const pool = new Set<string>();
      for (const n of allNodes(r.provisions)) for (const w of words(`${n.num ?? ''} ${n.heading ?? ''} ${n.text}`)) pool.add(w);
      for (const w of r.warnings) for (const x of words(w.message)) pool.add(x);
      const missing = [...new Set(words(raw))].filter((w) => !pool.has(w) && !LABEL_WORDS.has(w) && !/^\d+$/.test(w));
      expect(missing).toEqual([]);
      // Numbers too, except the labels themselves (which live in `num`).
      const nums = [...new Set(words(raw).filter((w) => /^\d+$/.test(w)))].filter((w) => !pool.has(w));
      expect(nums).toEqual([]);
    });
  }
});

describe('labels and layout details', () => {
  const texts = (r: ParseResult) => r.provisions.map((p) => [p.num, p.text]);

  it('reads "Point 1 —", "Point 2:", "Item 3:", "4)", "(5)" and "- 6." as point labels', () => {
    const r = parsePlan('Point 1 — One.\nPoint 2: Two.\nItem 3: Three.\n4) Four.\n(5) Five.\n- 6. Six.');
    expect(texts(r)).toEqual([['1', 'One.'], ['2', 'Two.'], ['3', 'Three.'], ['4', 'Four.'], ['5', 'Five.'], ['6', 'Six.']]);
    expect(r.warnings).toEqual([]);
  });

  it('reads bold keyword labels, § labels and dotted sub-numbering', () => {
    const r = parsePlan('**Point 1 —** One.\n\n§ 2. Two:\n2.1 first\n2.2. second\n\n**3.** Three.');
    expect(texts(r)).toEqual([['1', 'One.'], ['2', 'Two:'], ['3', 'Three.']]);
    expect(r.provisions[1]!.children.map((c) => [c.kind, c.num, c.text])).toEqual([
      ['subpoint', '2.1', 'first'],
      ['subpoint', '2.2', 'second'],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('splits several points written on one line when the later label is the next number', () => {
    const r = parsePlan('1. Foo is agreed. 2. Bar is agreed. 3. Baz.\n4. Qux.');
    expect(texts(r)).toEqual([['1', 'Foo is agreed.'], ['2', 'Bar is agreed.'], ['3', 'Baz.'], ['4', 'Qux.']]);
    expect(r.warnings.filter((w) => w.code === 'inline-split').map((w) => w.line)).toEqual([1, 1]);
    // Not when the number is not the next one, or is used as a line label later.
    expect(texts(parsePlan('1. Costs rise by 5. 3. Later.'))).toEqual([['1', 'Costs rise by 5. 3. Later.']]);
    expect(texts(parsePlan('1. See clause 2. 2. Next.\n2. Real two.'))).toHaveLength(2);
  });

  it('re-joins hard-wrapped lines with one space, and believes a wrapped number only when plausible', () => {
    const r = parsePlan('1. The force is capped at\n600,000 personnel and the budget for\n2025. is frozen.\n2. Next point\n   wrapped.\n   a. sub item\n   wrapped too');
    expect(texts(r)).toEqual([
      ['1', 'The force is capped at 600,000 personnel and the budget for 2025. is frozen.'],
      ['2', 'Next point wrapped.'],
    ]);
    expect(r.provisions[1]!.children[0]!.text).toBe('sub item wrapped too');
  });

  it('sub-item markers: a. (a) a) → - • * and nested "- a)"', () => {
    for (const m of ['a.', '(a)', 'a)', '→', '-', '•', '*', '- a)']) {
      const r = parsePlan(`1. Head:\n   ${m} first\n   ${m.replace('a', 'b')} second\n2. Next.`);
      expect(r.provisions.map((p) => p.children.length), m).toEqual([2, 0]);
      expect(r.provisions[0]!.children[1]!.text).toBe('second');
    }
  });

  it('nests deeper sub-items by indentation', () => {
    const r = parsePlan('1. Head:\n   a. first\n      i. deep one\n      ii. deep two\n   b. second\n2. Next.');
    const [a, b] = r.provisions[0]!.children;
    expect(a!.children.map((c) => c.num)).toEqual(['i', 'ii']);
    expect(b!.num).toBe('b');
    // An indented upper-case "I." is a sub-item, not an axis.
    const up = parsePlan('1. Head:\n   I. first\n   II. second');
    expect(up.provisions.map((p) => [p.kind, p.children.map((c) => c.num)])).toEqual([['point', ['I', 'II']]]);
  });

  it('plain-text headings and Roman-numbered axes', () => {
    const r = parsePlan('I. Security\n1. One.\n2. Two.\n\nII. Economy\n3. Three.\n\nHumanitarian matters\n4. Four.');
    expect(r.provisions.map((a) => [a.kind, a.num, a.heading, a.children.length])).toEqual([
      ['axis', 'I', 'Security', 2],
      ['axis', 'II', 'Economy', 1],
      ['axis', null, 'Humanitarian matters', 1],
    ]);
  });

  it('bullets under a heading are points; nested bullets are their sub-points', () => {
    const r = parsePlan('## Trade\n\n- Tariffs fall.\n  - by half\n- Quotas go.');
    const axis = r.provisions[0]!;
    expect(axis.children.map((p) => [p.kind, p.num, p.text, p.children.length])).toEqual([
      ['point', null, 'Tariffs fall.', 1],
      ['point', null, 'Quotas go.', 0],
    ]);
  });

  it('numbering per axis that restarts at 1 is not an anomaly; gaps and disorder are', () => {
    const restart = parsePlan('## A\n1. a\n2. b\n## B\n1. c\n2. d');
    expect(restart.warnings).toEqual([]);
    const gap = parsePlan('1. a\n2. b\n5. e\n6. f');
    expect(gap.warnings.map((w) => [w.line, w.code])).toEqual([[3, 'skipped-number']]);
    expect(gap.warnings[0]!.message).toContain('3–4');
    const disorder = parsePlan('1. a\n\n3. c\n\n2. b');
    expect(disorder.warnings.map((w) => [w.line, w.code])).toEqual([[5, 'out-of-order']]);
    const dupKept = parsePlan('1. a\n\n2. b\n\n2. again\n\n3. c');
    expect(dupKept.warnings.map((w) => w.code)).toEqual(['duplicate-number']);
    expect(dupKept.provisions.map((p) => p.num)).toEqual(['1', '2', '2', '3']);
  });

  it('page debris variants are set aside, even in the middle of a point', () => {
    const r = parsePlan('1. The first half\n- 2 -\nPage 3\n3/5\nand the second half.\n2. Next.');
    expect(r.provisions[0]!.text).toBe('The first half and the second half.');
    expect(r.warnings.map((w) => [w.line, w.code])).toEqual([[2, 'page-debris'], [3, 'page-debris'], [4, 'page-debris']]);
  });

  it('footnotes: [1] references and their lines', () => {
    const r = parsePlan('1. Troops withdraw[1] within 30 days.\n2. Elections.\n\n[1] As agreed in Minsk.');
    expect(r.provisions[0]!.text).toBe('Troops withdraw within 30 days.');
    expect(r.warnings.map((w) => [w.line, w.code])).toEqual([[1, 'footnote-marker'], [4, 'footnote']]);
    expect(r.warnings[1]!.message).toContain('As agreed in Minsk.');
  });

  it('keeps units: m² is not a footnote', () => {
    const r = parsePlan('1. A zone of 500 km² is demilitarised.');
    expect(r.provisions[0]!.text).toBe('A zone of 500 km² is demilitarised.');
    expect(r.warnings).toEqual([]);
  });

  it('bracketed spans, nested, with offsets into the text; unbalanced brackets warned', () => {
    const r = parsePlan('1. Forces [shall [not]] exceed [600,000].\n2. Elections [within 100 days.\n3. Done [...] here.');
    const [p1, p2, p3] = r.provisions;
    expect(p1!.brackets).toEqual([
      { start: 7, end: 20, text: 'shall [not]', proponents: [] },
      { start: 14, end: 19, text: 'not', proponents: [] },
      { start: 28, end: 37, text: '600,000', proponents: [] },
    ]);
    for (const s of p1!.brackets) expect(p1!.text.slice(s.start, s.end)).toBe(`[${s.text}]`);
    expect(p2!.brackets).toEqual([]);
    expect(r.warnings.map((w) => [w.line, w.code])).toEqual([[2, 'unbalanced-bracket']]);
    expect(p3!.brackets).toEqual([]);
  });

  it('sub-points enumerated inside a point keep their text', () => {
    for (const [src, labels] of [
      ['1. This Agreement aims to: 1) end the war; 2) open the roads.\n2. Second point.\n', ['1', '2']],
      ['- This Agreement aims to: (a) end the war; (b) open the roads.\n', ['a', 'b']],
    ] as const) {
      const r = parsePlan(src);
      const p = r.provisions[0]!;
      expect(p.text).toBe('This Agreement aims to:');
      expect(p.children.map((c) => [c.kind, c.num, c.text])).toEqual([
        ['subpoint', labels[0], 'end the war'],
        ['subpoint', labels[1], 'open the roads.'],
      ]);
      expect(r.warnings.map((w) => w.code)).toEqual(['inline-list']);
    }
  });

  it('alternatives inline, on separate lines, and as sub-items', () => {
    const inline = parsePlan('1. The capital is Option A: Vienna / Option B: Geneva.');
    expect(inline.provisions[0]!.alternatives).toEqual([
      { label: 'A', text: 'Vienna', proponents: [] },
      { label: 'B', text: 'Geneva.', proponents: [] },
    ]);
    expect(inline.provisions[0]!.text).toBe('The capital is Option A: Vienna / Option B: Geneva.');
    const lines = parsePlan('1. The army ceiling:\n\nOption A: 600,000 troops.\n\nOption B: 800,000 troops.\n\n2. Next.');
    expect(lines.provisions[0]!.alternatives.map((a) => [a.label, a.text])).toEqual([['A', '600,000 troops.'], ['B', '800,000 troops.']]);
    expect(lines.warnings).toEqual([]);
    const subs = parsePlan('1. Elections:\n   a. Option A: within 100 days;\n   b. Option B: after signature.\n2. Next.');
    expect(subs.provisions[0]!.alternatives.map((a) => [a.label, a.text])).toEqual([['A', 'within 100 days'], ['B', 'after signature.']]);
    expect(subs.provisions[0]!.children.map((c) => c.alternatives)).toEqual([[], []]);
    const alt = parsePlan('1. Alternative 1: joint control; Alternative 2: IAEA control.');
    expect(alt.provisions[0]!.alternatives.map((a) => a.label)).toEqual(['1', '2']);
  });

  it('Markdown inline syntax: emphasis removed, links keep their URL, escapes honoured', () => {
    const r = parsePlan('# Plan\n\n1. **Title.** See [the map](https://x.org/m) and *this* \\*literal\\* star.');
    expect(r.provisions[0]!.heading).toBe('Title');
    expect(r.provisions[0]!.text).toBe('See the map (https://x.org/m) and this *literal* star.');
  });

  it('obeys opts.format', () => {
    const src = '# Heading\n1. one';
    expect(detectFormat(src)).toBe('markdown');
    expect(parsePlan(src).provisions[0]!.kind).toBe('point');
    const asText = parsePlan(src, { format: 'text' });
    expect(asText.provisions.map((p) => [p.kind, p.heading])).toEqual([['axis', '# Heading']]);
  });

  it('a loose paragraph between points is joined to the point before it, with a warning', () => {
    const r = parsePlan('1. One.\n\nMore about one.\n\n2. Two.\n\nClosing remarks by the editor.');
    expect(r.provisions[0]!.text).toBe('One. More about one.');
    expect(r.warnings.map((w) => [w.line, w.code])).toEqual([[3, 'loose-paragraph'], [7, 'trailing-text']]);
  });

  it('other clean-up warnings: control characters, odd spaces, mixed line endings', () => {
    const r = parsePlan('1. A\u200Bb\u0007c\r\n2. d\u202Fe\r3. f');
    expect(r.provisions.map((p) => p.text)).toEqual(['Abc', 'd e', 'f']);
    expect(r.warnings.map((w) => [w.line, w.code])).toEqual([[1, 'crlf'], [1, 'control-char'], [2, 'nbsp']]);
    expect(r.warnings[0]!.message).toContain('mixed');
  });

  it('WARNING_CODES are unique, kebab-case, and cover every code emitted on the corpus', () => {
    const codes = Object.values(WARNING_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });
});

describe('robustness', () => {
  it('never throws and never fails internally on arbitrary strings', () => {
    const pieces = fc.constantFrom(
      '1. ', '2. ', '12.', '**3.**', '- ', '  a) ', '→ ', '• ', '# ', '## Axis I — ', '> ', '[', ']', '[1]', '¹', '\u00A0',
      '\r\n', '\n', '\r', '\uFEFF', '---', '— 2 —', 'Option A: ', ' / Option B: ', '*', '**', '_', '\\', '(', ')', 'Point 4: ',
      'text', 'Sources', '\t', '\u2028', '\uD800', 'ii. ', 'IV. ', '`', '![x](y)',
    );
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 60 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(input, fc.constantFrom(undefined, 'text' as const, 'markdown' as const), (s, format) => {
        const r = parsePlan(s, format ? { format } : {});
        expect(r.warnings.filter((w) => w.code === 'internal-error')).toEqual([]);
        for (const w of r.warnings) expect(Number.isInteger(w.line) && w.line >= 1).toBe(true);
        for (const n of allNodes(r.provisions)) {
          for (const b of n.brackets) expect(n.text.slice(b.start, b.end)).toBe(`[${b.text}]`);
          expect(n.text).toBe(n.text.trim());
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 600) },
    );
  });
});
