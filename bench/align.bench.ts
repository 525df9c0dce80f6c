/**
 * Benchmark of version alignment (src/text/align.ts): two generated 2,000-point versions where 10%
 * of A's points are edited, moved, merged or split (50 each; merges take two neighbours). B is
 * renumbered 1…m as a revision would be, so unchanged text after a merge or split counts as
 * `moved`. Prints the median wall time of 5 runs (goal: under 0.5 s) and the accuracy: precision
 * and recall of pairs, a pair counting when its `from`, `to` and change kind all match.
 *
 * Run: `npx tsx bench/align.bench.ts [points]`.
 */
import { performance } from 'node:perf_hooks';
import { alignVersions, type AlignmentPair, type ChangeKind } from '../src/text/align.js';
import type { ParsedProvision } from '../src/text/types.js';
import { rng } from '../src/analysis/random.js';

const N = Number(process.argv[2] ?? 2000);

const rand = rng(20251123);
const int = (n: number) => Math.floor(rand() * n);

// Vocabulary with a Zipf-like frequency (rank r drawn with weight 1/r): a few common words, a long tail.
const SYL = ['ka', 'lo', 'mi', 'ner', 'tas', 'vu', 'pre', 'dor', 'sil', 'gan', 'rup', 'tel', 'bis', 'hom', 'fac', 'zen'];
const VOCAB = Array.from({ length: 6000 }, (_, i) => SYL[i % 16]! + SYL[Math.floor(i / 16) % 16]! + SYL[Math.floor(i / 256) % 16]! + (i >= 4096 ? 'x' : ''));
const cum: number[] = [];
VOCAB.reduce((s, _, r) => (cum.push(s + 1 / (r + 1)), s + 1 / (r + 1)), 0);
const word = () => {
  const x = rand() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo]!;
};
const sentence = () => Array.from({ length: 18 + int(22) }, word).join(' ') + '.';

const point = (num: string, text: string): ParsedProvision => ({ kind: 'point', num, heading: null, text, line: 1, brackets: [], alternatives: [], children: [] });

// Version A.
const aTexts = Array.from({ length: N }, sentence);

// Choose the 10%: 50 edited, 50 moved, 25 merges of two neighbours, 50 splits (per 2,000 points).
const k = Math.round(N * 0.025);
const fate = new Array<'keep' | 'edit' | 'move' | 'merge' | 'merge2' | 'split'>(N).fill('keep');
const free = (i: number) => i >= 0 && i < N && fate[i] === 'keep';
const pick = (f: (typeof fate)[number], count: number, pairUp = false) => {
  let done = 0;
  while (done < count) {
    const i = int(N - 1);
    if (!free(i) || (pairUp && !free(i + 1))) continue;
    fate[i] = f;
    if (pairUp) fate[i + 1] = 'merge2';
    done++;
  }
};
pick('edit', k);
pick('move', k);
pick('merge', Math.round(k / 2), true);
pick('split', k);

interface Item {
  text: string;
  from: number[];
  change: ChangeKind | 'keep';
  group?: number;
}
const items: Item[] = [];
const moved: Item[] = [];
for (let i = 0; i < N; i++) {
  const t = aTexts[i]!;
  const f = fate[i]!;
  if (f === 'keep') items.push({ text: t, from: [i], change: 'keep' });
  else if (f === 'edit') {
    const ws = t.slice(0, -1).split(' ');
    for (let e = 1 + int(3); e > 0; e--) {
      const at = int(ws.length);
      const op = int(3);
      if (op === 0) ws.splice(at, 1, 'edited' + int(1000));
      else if (op === 1) ws.splice(at, 0, 'inserted' + int(1000));
      else if (ws.length > 10) ws.splice(at, 1);
      else ws.splice(at, 1, 'edited' + int(1000));
    }
    items.push({ text: ws.join(' ') + '.', from: [i], change: 'amended' });
  } else if (f === 'move') moved.push({ text: t, from: [i], change: 'moved' });
  else if (f === 'merge') items.push({ text: t.slice(0, -1) + ' and ' + aTexts[i + 1]!, from: [i, i + 1], change: 'merged' });
  else if (f === 'split') {
    const ws = t.split(' ');
    const cut = Math.floor(ws.length / 2);
    items.push({ text: ws.slice(0, cut).join(' ') + '.', from: [i], change: 'split', group: i });
    items.push({ text: ws.slice(cut).join(' '), from: [i], change: 'split', group: i });
  }
}
for (const m of moved) items.splice(int(items.length + 1), 0, m);

const a = aTexts.map((t, i) => point(String(i + 1), t));
const b = items.map((it, j) => point(String(j + 1), it.text));

// Ground truth pairs.
const truth: { from: string[]; to: string[]; change: ChangeKind }[] = [];
const splitTo = new Map<number, string[]>();
items.forEach((it, j) => {
  const to = String(j + 1);
  if (it.change === 'split') {
    const list = splitTo.get(it.group!) ?? [];
    list.push(to);
    splitTo.set(it.group!, list);
    return;
  }
  const from = it.from.map((i) => String(i + 1));
  const change: ChangeKind = it.change === 'keep' ? (from[0] === to ? 'unchanged' : 'moved') : it.change;
  truth.push({ from, to: [to], change });
});
for (const [i, to] of splitTo) truth.push({ from: [String(i + 1)], to, change: 'split' });

const key = (p: { from: string[]; to: string[]; change: string }) => `${p.from.join('+')}>${p.to.join('+')}:${p.change}`;

// Warm up once, then time 5 runs.
let pairs: AlignmentPair[] = alignVersions(a, b);
const times: number[] = [];
const cpu: number[] = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  pairs = alignVersions(a, b);
  const c = process.cpuUsage(c0);
  times.push(performance.now() - t0);
  cpu.push((c.user + c.system) / 1000);
}
times.sort((x, y) => x - y);
cpu.sort((x, y) => x - y);

const truthKeys = new Set(truth.map(key));
const gotKeys = new Set(pairs.map(key));
const correct = [...gotKeys].filter((x) => truthKeys.has(x)).length;
const byKind = (c: ChangeKind) => {
  const t = truth.filter((p) => p.change === c);
  return `${c} ${t.filter((p) => gotKeys.has(key(p))).length}/${t.length}`;
};

console.log(`align: A ${a.length} points, B ${b.length} points (${k} edited, ${k} moved, ${Math.round(k / 2)} merges of 2, ${k} splits in 2)`);
console.log(`time: median ${times[2]!.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms over 5 runs (goal < 500 ms); CPU time median ${cpu[2]!.toFixed(0)} ms (wall time suffers when other work shares the 2 cores)`);
console.log(
  `accuracy: precision ${(correct / gotKeys.size).toFixed(4)}, recall ${(correct / truthKeys.size).toFixed(4)} ` +
    `(${correct} of ${truthKeys.size} true pairs exact, ${gotKeys.size} predicted)`,
);
console.log(`by kind: ${(['unchanged', 'moved', 'amended', 'merged', 'split'] as ChangeKind[]).map(byKind).join(', ')}`);
