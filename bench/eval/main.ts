/**
 * `npm run eval`: precision, recall and F1 per task (plan points, exact structures, alignment links
 * and change kinds, events, statements), on ../shared/corpus and on both halves of the committed
 * corpus-world split (bench/eval-split.json). `npm run eval -- plans` or `-- articles` runs one part.
 */
import { evaluateArticles } from './articles.js';
import { evaluatePlans } from './plans.js';
import { printRows } from './score.js';
import { readSplit } from './split.js';

const only = process.argv.slice(2);
const split = readSplit();
if (!only.length || only.includes('plans')) {
  console.log('\n── plans and alignment ──');
  printRows(await evaluatePlans(split));
}
if (!only.length || only.includes('articles')) {
  console.log('\n── reports ──');
  printRows(await evaluateArticles(split));
}
