/** `accord timeline`: events of the diplomatic record with status, filtered. */
import type { Command } from 'commander';
import { timeline } from '../../analysis/positions.js';
import { AccordError } from '../../model/errors.js';
import { EventStatus } from '../../model/schemas.js';
import { cut, table } from '../format.js';
import { dateOption, loadData, output, withJson, withStoreOptions } from '../common.js';

const BADGE: Record<string, string> = { held: '● held', scheduled: '○ scheduled', postponed: '↷ postponed', cancelled: '✗ cancelled', rescheduled: '↻ rescheduled' };

export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('timeline')
        .description('events on the diplomatic record in date order')
        .option('--status <status>', 'only this status (comma-separated: held,scheduled,postponed,cancelled,rescheduled)')
        .option('--from <date>', 'events ending on or after this ISO date')
        .option('--to <date>', 'events starting on or before this ISO date'),
    ),
  ).action(async (opts: { db?: string; process?: string; status?: string; from?: string; to?: string; json?: boolean }) => {
    const status = opts.status?.split(',').map((s) => s.trim());
    for (const s of status ?? []) {
      if (!EventStatus.safeParse(s).success) throw new AccordError('invalid_input', `unknown status "${s}"; expected one of ${EventStatus.options.join(', ')}`, { field: 'status' });
    }
    const from = await dateOption(opts.from, 'from');
    const to = await dateOption(opts.to, 'to');
    const data = await loadData(opts);
    const events = timeline(data.events, { status, from, to });
    const personName = new Map(data.persons.map((p) => [p.id, p.name]));
    output(opts, events, () => {
      const rows = events.map((e) => [
        e.start + (e.end ? `…${e.end.slice(5)}` : '') + (e.approximate ? ' ~' : ''),
        BADGE[e.status] ?? e.status,
        e.kind,
        cut([e.place?.city, e.place?.country].filter(Boolean).join(', '), 22),
        cut(e.title, 40),
        cut(e.attendees.map((a) => personName.get(a.person) ?? a.person).join(', '), 40),
      ]);
      return `${events.length} event(s)\n\n` + table(['date', 'status', 'kind', 'place', 'title', 'attendees'], rows) + '\n\n~ approximate date';
    });
  });
}
