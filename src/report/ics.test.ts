import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../store/bundle.js';
import { eventsToIcs, foldLine } from './ics.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const example = readBundle(path.join(ROOT, 'examples/russia-ukraine-2025')).data;
const NOW = new Date('2026-03-01T12:00:00Z');

type VEvent = { type: string; uid: string; status?: string; summary: string | { val: string }; start: Date & { dateOnly?: boolean }; end: Date; url?: string | { val: string }; description?: string | { val: string } };
const text = (v: string | { val: string } | undefined) => (typeof v === 'object' ? v.val : v ?? '');

describe('iCalendar export', () => {
  const ics = eventsToIcs(example, { now: NOW, link: 'https://accord.example/p/ru-ua' });
  const parsed = Object.values(ical.sync.parseICS(ics)).filter((x) => (x as { type?: string }).type === 'VEVENT') as unknown as VEvent[];
  const byUid = new Map(parsed.map((e) => [e.uid, e]));

  it('parses with node-ical into one VEVENT per event', () => {
    expect(parsed.length).toBe(example.events.length);
  });

  it('gives each event the right STATUS', () => {
    // Expected statuses written out from RFC 5545 §3.8.1.11 and the mapping documented in ics.ts.
    const expected: Record<string, string> = { held: 'CONFIRMED', scheduled: 'CONFIRMED', rescheduled: 'CONFIRMED', postponed: 'TENTATIVE', cancelled: 'CANCELLED' };
    for (const e of example.events) expect(byUid.get(`${e.id}@russia-ukraine-2025.accord`)?.status, e.id).toBe(expected[e.status]);
    // Hand-checked events of the example: the Budapest summit was called off; the fourth trilateral round was postponed.
    expect(byUid.get('ev-004@russia-ukraine-2025.accord')?.status).toBe('CANCELLED');
    const postponed = example.events.filter((e) => e.status === 'postponed');
    expect(postponed.length).toBeGreaterThan(0);
    for (const e of postponed) expect(text(byUid.get(`${e.id}@russia-ukraine-2025.accord`)!.summary)).toMatch(/^Postponed: /);
    expect(parsed.filter((e) => e.status === 'CANCELLED').length).toBe(example.events.filter((e) => e.status === 'cancelled').length);
  });

  it('writes all-day dates (VALUE=DATE) with an exclusive end, and a link back', () => {
    expect(ics).toContain('DTSTART;VALUE=DATE:20251014');
    const first = byUid.get('ev-001@russia-ukraine-2025.accord')!;
    expect(first.start.dateOnly).toBe(true);
    expect([first.start.getFullYear(), first.start.getMonth() + 1, first.start.getDate()]).toEqual([2025, 10, 14]);
    const ms = first.end.getTime() - first.start.getTime();
    expect(ms).toBe(86_400_000);
    expect(text(first.url)).toBe('https://accord.example/p/ru-ua/events/ev-001');
    // A multi-day event spans its days: DTEND is the day after its last day.
    const multi = example.events.find((e) => e.end && e.end.length === 10 && e.end !== e.start)!;
    const ve = byUid.get(`${multi.id}@russia-ukraine-2025.accord`)!;
    const days = Math.round((Date.parse(multi.end! + 'T00:00:00Z') - Date.parse(multi.start + 'T00:00:00Z')) / 86_400_000) + 1;
    expect(Math.round((ve.end.getTime() - ve.start.getTime()) / 86_400_000)).toBe(days);
  });

  it('folds lines at 75 octets and uses CRLF', () => {
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.includes('\n') && !/[^\r]\n/.test(ics)).toBe(true);
    const long = 'DESCRIPTION:' + 'é'.repeat(100);
    const folded = foldLine(long);
    expect(folded.split('\r\n ').join('')).toBe(long);
  });

  it('marks reduced-precision dates as approximate spans', () => {
    const data = { ...example, events: [{ ...example.events[0]!, id: 'm', start: '2025-11', end: undefined, approximate: false }] };
    const one = Object.values(ical.sync.parseICS(eventsToIcs(data, { now: NOW }))).find((x) => (x as { type?: string }).type === 'VEVENT') as unknown as VEvent;
    expect(text(one.summary)).toContain('(date approximate)');
    expect(Math.round((one.end.getTime() - one.start.getTime()) / 86_400_000)).toBe(30);
  });
});
