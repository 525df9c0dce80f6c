/**
 * `accord replay`: the process round by round — each version in date order, where it was tabled and
 * how many positions were taken against it; and `accord brackets`: text status over time, bracket and
 * alternative counts per version and per axis with the brackets each version cleared.
 */
import type { Command } from 'commander';
import { type BracketRound, bracketsOverTime, type Round, replayRounds } from '../../analysis/replay.js';
import { STANCE_SYMBOL } from '../../analysis/positions.js';
import type { Stance } from '../../model/schemas.js';
import { cut, table } from '../format.js';
import { loadData, output, withJson, withStoreOptions } from '../common.js';

/** Human rendering of {@link replayRounds}. */
export function renderReplay(rounds: Round[]): string {
  if (!rounds.length) return 'No versions in this process yet.';
  const lines: string[] = [];
  for (const r of rounds) {
    const v = r.version;
    lines.push(`Round ${r.round}  ${v.date}  ${v.title} — ${v.label} (${v.id})${r.current ? '  [current text]' : ''}`);
    lines.push(`  ${v.kind}, ${r.points} points${v.proponents.length ? `, tabled by ${v.proponents.join(', ')}` : ''}${v.basedOn ? `, based on ${v.basedOn}` : ''}`);
    if (r.tabledAt.length) for (const e of r.tabledAt) lines.push(`  tabled at ${e.start}${e.end ? `…${e.end}` : ''}  ${cut(e.title, 60)}${e.city ? ` (${e.city})` : ''}  [${e.status}]`);
    else lines.push('  tabled at no recorded event');
    const p = r.positions;
    const stances = (Object.entries(p.byStance) as [Stance, number][]).map(([s, n]) => `${STANCE_SYMBOL[s]} ${n}`).join('  ');
    const parties = Object.entries(p.byParty).map(([k, n]) => `${k} ${n}`).join(', ');
    lines.push(p.total ? `  ${p.total} position${p.total === 1 ? '' : 's'} against it: ${stances}  (${parties})` : '  no positions recorded against it');
    lines.push('');
  }
  lines.push('Show the text of a round with `accord plan show --version ID` or `--as-of DATE`; its positions with `accord positions --version ID`.');
  return lines.join('\n');
}

/** Human rendering of {@link bracketsOverTime}. */
export function renderBrackets(rounds: BracketRound[]): string {
  if (!rounds.length) return 'No versions in this process yet.';
  const rows = rounds.map((r) => {
    const t = r.status.total;
    const s = r.sincePrevious?.summary;
    return [r.version.date, r.version.id, String(t.provisions), String(t.brackets), String(t.bracketedProvisions), String(t.alternatives), s ? String(s.cleared) : '', s ? String(s.added) : '', s ? String(s.alternativesResolved) : ''];
  });
  const out = [table(['date', 'version', 'provisions', 'brackets', 'bracketed', 'alternatives', 'cleared', 'new', 'options settled'], rows), ''];
  for (const r of rounds) {
    const axes = r.status.perAxis.filter((a) => a.counts.brackets || a.counts.alternatives);
    if (axes.length) {
      out.push(`${r.version.id} per axis:`);
      for (const a of axes) out.push(`  ${cut(a.axis === null ? '(no axis)' : [a.axis.replace(/^axis /, ''), a.heading].filter(Boolean).join('. '), 50)}: ${a.counts.brackets} bracket(s), ${a.counts.alternatives} alternative(s)`);
    }
    const c = r.sincePrevious;
    if (!c) continue;
    const cleared = c.brackets.filter((b) => b.fate !== 'kept');
    if (cleared.length || c.added.length || c.alternatives.length) out.push(`${c.from} → ${r.version.id}:`);
    for (const b of cleared) out.push(`  cleared [${cut(b.text, 50)}] in ${b.key}: ${b.fate}${b.to.length ? ` (now ${b.to.join(', ')})` : ''}`);
    for (const b of c.added) out.push(`  new [${cut(b.text, 50)}] in ${b.key}`);
    for (const a of c.alternatives) out.push(`  options ${a.labels.join('/')} in ${a.key}: ${a.fate}${a.chosen ? ` (${a.chosen} adopted)` : ''}`);
  }
  return out.join('\n').trimEnd();
}

export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('replay')
        .description('the process round by round: versions in date order, the events where each was tabled, and the positions taken against each'),
    ),
  ).action(async (opts: { db?: string; process?: string; json?: boolean }) => {
    const data = await loadData(opts);
    const rounds = replayRounds(data);
    output(opts, { process: data.process.id, rounds }, () => renderReplay(rounds));
  });

  withJson(
    withStoreOptions(
      program
        .command('brackets')
        .description('text status over time: bracket and alternative counts per version and per axis, and the brackets each version cleared')
        .option('--document <id...>', 'only the versions of these documents'),
    ),
  ).action(async (opts: { db?: string; process?: string; json?: boolean; document?: string[] }) => {
    const data = await loadData(opts);
    const rounds = bracketsOverTime(data, { documents: opts.document });
    output(opts, { process: data.process.id, versions: rounds }, () => renderBrackets(rounds));
  });
}
