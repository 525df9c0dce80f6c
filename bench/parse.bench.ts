/**
 * Plan parser throughput: parses a generated 10,000-point plain-text plan (100 axes, every fifth
 * point with lettered sub-items, hard-wrapped lines, some bracketed spans and Option A/B
 * alternatives) and prints the median of several runs as points per second (goal ≥ 20,000); then
 * parses 5 MB of hard-wrapped prose with no recognisable points (goal < 1 s). Each figure is given
 * as wall time and as CPU time of the process (wall time suffers when other work shares the cores).
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

/** About `bytes` of prose: paragraphs of six hard-wrapped lines, one full stop each, no labels. */
function prose(bytes: number): string {
  const r = rng(7);
  const paras: string[] = [];
  let size = 0;
  while (size < bytes) {
    const lines = Array.from({ length: 6 }, () => sentence(r, 12));
    const p = lines.join('\n') + '.';
    paras.push(p);
    size += p.length + 2;
  }
  return paras.join('\n\n');
}

/** Median wall and CPU milliseconds of `RUNS` parses after one warm-up (JIT), and the last result. */
function time(input: string) {
  let res = parsePlan(input);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    res = parsePlan(input);
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { res, wall: median(wall), cpu: median(cpu) };
}

const mb = (s: string) => (Buffer.byteLength(s) / 1e6).toFixed(1);
const rate = (ms: number) => Math.round((POINTS / ms) * 1000).toLocaleString('en-US');

const input = generate(POINTS);
const plan = time(input);
const counted = plan.res.provisions.reduce((s, a) => s + (a.kind === 'axis' ? a.children.length : 1), 0);
if (counted !== POINTS) throw new Error(`benchmark plan parsed to ${counted} points, expected ${POINTS}`);
console.log(
  `parse: ${POINTS} points in ${plan.wall.toFixed(0)} ms wall (${rate(plan.wall)} points/s), ${plan.cpu.toFixed(0)} ms CPU ` +
    `(${rate(plan.cpu)} points/s); goal ≥ 20,000 points/s; ${mb(input)} MB, ` +
    `${input.split('\n').length.toLocaleString('en-US')} lines; median of ${RUNS}`,
);

const text = prose(5e6);
const flat = time(text);
if (flat.res.provisions.length !== 1) throw new Error(`prose parsed to ${flat.res.provisions.length} provisions, expected 1`);
console.log(
  `parse: ${mb(text)} MB of prose without points in ${flat.wall.toFixed(0)} ms wall, ${flat.cpu.toFixed(0)} ms CPU ` +
    `(goal < 1 s; one provision, ${flat.res.warnings.length} warning); median of ${RUNS}`,
);
