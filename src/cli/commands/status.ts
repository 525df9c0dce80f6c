/** `accord status`: a briefing of where the process stands. */
import type { Command } from 'commander';
import { STANCE_SYMBOL, type StatusBriefing } from '../../analysis/positions.js';
import type { Event, ProcessData } from '../../model/schemas.js';
import { status } from '../../services/status.js';
import { byIds } from '../../services/reading.js';
import { cut, table } from '../format.js';
import { dateOption, output, withJson, withService, withStoreOptions } from '../common.js';

/** Human rendering of the briefing; `data` needs only the parties and the persons it names. */
export function renderStatus(b: StatusBriefing, data: Pick<ProcessData, 'parties' | 'persons'>): string {
  const partyName = new Map(data.parties.map((p) => [p.id, p.short ?? p.name]));
  const personName = new Map(data.persons.map((p) => [p.id, p.name]));
  const ev = (e: Event | null) =>
    e
      ? `${e.start}${e.end ? `…${e.end}` : ''}${e.approximate ? ' (approx.)' : ''}  ${e.title}${e.place?.city ? ` — ${e.place.city}` : ''}` +
        (e.attendees.length ? `\n      with ${e.attendees.map((a) => personName.get(a.person) ?? a.person).join(', ')}` : '')
      : 'none';
  const out: string[] = [];
  out.push(`${b.process.name} — status as of ${b.asOf}`);
  out.push('='.repeat(Math.min(78, out[0]!.length)));
  out.push('');
  if (b.currentVersion) out.push(`Single negotiating text: ${b.currentVersion.title}, ${b.currentVersion.label} (${b.currentVersion.id}, tabled ${b.currentVersion.date}), ${b.currentVersion.points} points`);
  else out.push('Single negotiating text: none yet');
  if (b.latestVersion && b.latestVersion.id !== b.currentVersion?.id) out.push(`Latest text on the table: ${b.latestVersion.title}, ${b.latestVersion.label} (${b.latestVersion.date})`);
  out.push(`Record: ${b.counts.parties} parties, ${b.counts.persons} persons, ${b.counts.versions} versions, ${b.counts.positions} positions backed by ${b.counts.evidence} evidence items, ${b.counts.events} events, ${b.counts.sources} sources`);
  out.push('');
  out.push('Agreement per axis (principal parties):');
  out.push(
    table(
      ['axis', 'points', 'accepted by all', 'contested', 'unknown'],
      [...b.axes.map((a) => [cut(a.axis, 52), String(a.points), String(a.acceptedByAll), String(a.contested), String(a.unknown)]),
        ['total', String(b.totals.points), String(b.totals.acceptedByAll), String(b.totals.contested), String(b.totals.unknown)]],
    ),
  );
  out.push('');
  if (b.topContested.length) {
    out.push('Most contested points:');
    for (const c of b.topContested) {
      out.push(`  ${c.label.padStart(3)}  ${cut(c.text, 60)}`);
      out.push(`       ${c.holders.map((h) => `${partyName.get(h.party) ?? h.party} ${STANCE_SYMBOL[h.stance]}`).join('  ')}`);
    }
    out.push('');
  }
  out.push(`Last meeting held:  ${ev(b.lastHeld)}`);
  out.push(`Next scheduled:     ${ev(b.nextScheduled)}`);
  const more = (n: number, status: string) => (n ? [`  … and ${n} more (accord timeline --status ${status})`] : []);
  for (const e of b.overdueScheduled) out.push(`  (still marked scheduled though its date has passed: ${e.start} ${e.title})`);
  out.push(...more(b.more.overdueScheduled, 'scheduled,rescheduled'));
  if (b.postponed.length) {
    out.push(`Postponed (${b.postponed.length + b.more.postponed}${b.more.postponed ? `, the latest ${b.postponed.length}` : ''}):`);
    for (const e of b.postponed) out.push(`  ↷ ${e.start}  ${e.title}`);
    out.push(...more(b.more.postponed, 'postponed'));
  }
  if (b.cancelled.length) {
    out.push(`Cancelled (${b.cancelled.length + b.more.cancelled}${b.more.cancelled ? `, the latest ${b.cancelled.length}` : ''}):`);
    for (const e of b.cancelled) out.push(`  ✗ ${e.start}  ${e.title}`);
    out.push(...more(b.more.cancelled, 'cancelled'));
  }
  const byStatus = Object.entries(b.eventsByStatus).map(([k, n]) => `${n} ${k}`);
  if (byStatus.length) out.push(`Events so far by status: ${byStatus.join(', ')}`);
  out.push('');
  out.push(`Stances: ${STANCE_SYMBOL.accepts} accepts  ${STANCE_SYMBOL['accepts-with-conditions']} with conditions  ${STANCE_SYMBOL['proposes-alternative']} alternative  ${STANCE_SYMBOL.rejects} rejects  ${STANCE_SYMBOL.undecided} undecided`);
  return out.join('\n');
}

export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('status')
        .description('briefing: current text, agreement per axis, contested points, last and next meetings')
        .option('--as-of <date>', 'ISO date (default today)'),
    ),
  ).action(async (opts: { db?: string; process?: string; asOf?: string; json?: boolean }) => {
    const asOf = await dateOption(opts.asOf, 'as-of');
    // The status service reads only what the briefing needs (SQL counts, the current version
    // whole), not the whole process; the names come from the parties and the attendees shown.
    const { b, names } = await withService(opts, async (ctx, pid) => {
      const b = await status(ctx, pid, { asOf });
      if (opts.json) return { b, names: { parties: [], persons: [] } };
      const attendees = [b.lastHeld, b.nextScheduled].flatMap((e) => e?.attendees.map((a) => a.person) ?? []);
      const [{ parties }, persons] = await Promise.all([ctx.store.loadKinds(pid, ['parties']), byIds(ctx, pid, 'persons', attendees)]);
      return { b, names: { parties, persons } };
    });
    output(opts, b, () => renderStatus(b, names));
  });
}
