/**
 * Plan parser throughput: parses a generated 10,000-point plain-text plan (100 axes, every fifth
 * point with lettered sub-items, hard-wrapped lines, some bracketed spans and Option A/B
 * alternatives) and prints the median of several runs as points per second.
 *
 * Run: `npx tsx bench/parse.bench.ts [points]`
 */
import { parsePlan } from '../src/text/parse.js';
import { rng } from '../src/analysis/random.js';

const POINTS = Number(process.argv[2] ?? 10_000);
const RUNS = 7;

const WORDS = ('ceasefire line of contact monitoring mission parties shall withdraw heavy weapons within days ' +
  'guarantees elections amnesty prisoners exchange reconstruction fund sanctions relief territory referendum').split(' ');

function sentence(r: () => number, words: number): string {
  const out: string[] = [];
  for (let k = 0; k < words; k++) out.push(WORDS[Math.floor(r() * WORDS.length)]!);
  return out.join(' ');
}

/** Hard-wrap `text` at about `width` columns, continuation lines indented by `indent`. */
function wrap(first: string, text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = first;
  for (const w of text.split(' ')) {
    if (line.length + w.length + 1 > width && line.trim().length > first.length) {
      lines.push(line);
      line = indent + w;
    } else line += (line.endsWith(' ') || line === '' ? '' : ' ') + w;
  }
  lines.push(line);
  return lines.join('\n');
}

function generate(points: number): string {
  const r = rng(42);
  const out: string[] = ['GENERATED PLAN FOR THE PARSER BENCHMARK', ''];
  for (let n = 1; n <= points; n++) {
    if ((n - 1) % 100 === 0) out.push(`Section ${(n - 1) / 100 + 1}: ${sentence(r, 3)}`);
    let text = sentence(r, 12 + Math.floor(r() * 30)) + '.';
    if (n % 7 === 0) text = text.replace(/ (\w+) /, ' [$1] ');
    if (n % 11 === 0) text += ` Option A: ${sentence(r, 4)} / Option B: ${sentence(r, 5)}.`;
    out.push(wrap(`${n}. `, text, 78, '   '));
    if (n % 5 === 0) {
      for (const letter of 'abc') out.push(wrap(`   ${letter}. `, sentence(r, 8 + Math.floor(r() * 16)) + ';', 78, '      '));
    }
    out.push('');
  }
  return out.join('\n');
}

const input = generate(POINTS);
const times: number[] = [];
let counted = 0;
parsePlan(input); // warm-up (JIT)
for (let k = 0; k < RUNS; k++) {
  const t0 = performance.now();
  const res = parsePlan(input);
  times.push(performance.now() - t0);
  counted = res.provisions.reduce((s, a) => s + (a.kind === 'axis' ? a.children.length : 1), 0);
}
if (counted !== POINTS) throw new Error(`benchmark plan parsed to ${counted} points, expected ${POINTS}`);
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
const perSecond = Math.round((POINTS / median) * 1000);
const mb = Buffer.byteLength(input) / 1e6;
console.log(
  `parse: ${POINTS} points in ${median.toFixed(0)} ms (${perSecond.toLocaleString('en-US')} points/s; ` +
    `${mb.toFixed(1)} MB, ${input.split('\n').length.toLocaleString('en-US')} lines; median of ${RUNS})`,
);
