/**
 * CSV exchange (RFC 4180: comma-separated, fields quoted when they hold a comma, quote or line
 * break, CRLF line ends, UTF-8): the positions matrix, the positions as a long table (the same
 * shape the import reads), and the events. Import of positions from an analyst's sheet, read with
 * csv-parse, with a per-row error report naming row, column and what was expected.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { STANCE_LABEL, pointRows, resolveVersion, visibleTo, type PositionsMatrix } from '../analysis/positions.js';
import { isoDateProblem } from '../model/dates.js';
import { AccordError, type ErrorDetail } from '../model/errors.js';
import { refIndex } from '../model/references.js';
import { Stance, walkProvisions, type Evidence, type Event, type Position, type ProcessData, type Source } from '../model/schemas.js';
import { planStance, type StanceDraft } from '../model/stance.js';

/** One CSV field, quoted when needed (RFC 4180 §2.6–2.7). Formula-leading characters are kept as text. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document from a header and rows, CRLF-terminated. */
export function csvTable(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * The positions matrix as CSV: one row per point (`point`, `lineage`, `axis`, `text`), one column
 * per party (short name) holding the stance id (`accepts`, `rejects`, …; empty when none is
 * recorded), then `state` (accepted-by-all / contested / unknown) and `disagreement` (0–2).
 */
export function matrixCsv(m: PositionsMatrix): string {
  const header = ['point', 'lineage', 'axis', 'text', ...m.parties.map((p) => p.short), 'state', 'disagreement'];
  const rows = m.rows.map((r) => [
    r.label,
    r.lineage,
    r.axis ? [r.axis.num, r.axis.heading].filter(Boolean).join('. ') : '',
    r.text,
    ...m.parties.map((p) => r.cells[p.id]?.stance ?? ''),
    r.state,
    r.disagreement,
  ]);
  return csvTable(header, rows);
}

/** Columns of the long positions table (export and import share them). */
export const POSITION_COLUMNS = ['party', 'point', 'stance', 'date', 'source', 'conditions', 'evidence ids', 'note', 'id', 'document'] as const;

/**
 * Every visible position as one row: party id, provision lineage (empty for a stance on a whole
 * document), stance id, as-of date, first source URL of its evidence, conditions, evidence ids, note, id,
 * document (or version) id.
 * Reading this file back with {@link readPositionsCsv} gives the same stances.
 */
export function positionsCsv(data: ProcessData, opts: { viewerParty?: string } = {}): string {
  const ev = new Map(data.evidence.map((e) => [e.id, e]));
  const src = new Map(data.sources.map((s) => [s.id, s]));
  const rows = data.positions
    .filter((p) => visibleTo(p.visibility, opts.viewerParty))
    .map((p) => {
      const url = p.evidence.flatMap((e) => ev.get(e)?.sources ?? []).map((s) => src.get(s)?.url).find((u) => !!u) ?? '';
      return [p.party, p.provision ?? '', p.stance, p.asOf, url, p.conditions ?? '', p.evidence.join(' '), p.note ?? '', p.id, p.document ?? ''];
    });
  return csvTable([...POSITION_COLUMNS], rows);
}

/** Events as CSV: dates (ISO, possibly reduced), status, kind, title, place, attendees, texts tabled, CAMEO, source URLs. */
export function eventsCsv(data: ProcessData): string {
  const person = new Map(data.persons.map((p) => [p.id, p.name]));
  const src = new Map(data.sources.map((s) => [s.id, s.url]));
  const header = ['id', 'start', 'end', 'approximate', 'status', 'kind', 'title', 'city', 'country', 'venue', 'attendees', 'tabled', 'cameo', 'summary', 'sources'];
  const rows = data.events.map((e: Event) => [
    e.id,
    e.start,
    e.end ?? '',
    e.approximate ? 'yes' : 'no',
    e.status,
    e.kind,
    e.title,
    e.place?.city ?? '',
    e.place?.country ?? '',
    e.place?.venue ?? '',
    e.attendees.map((a) => person.get(a.person) ?? a.person).join('; '),
    e.tabled.join(' '),
    e.cameo ?? '',
    e.summary ?? '',
    e.sources.map((s) => src.get(s) ?? s).join(' '),
  ]);
  return csvTable(header, rows);
}

// ---------------------------------------------------------------------------------------------
// Import

/** Header names accepted for each column (case-insensitive, spaces/underscores/hyphens ignored). */
const HEADER_ALIASES: Record<string, string[]> = {
  party: ['party', 'actor', 'who'],
  point: ['point', 'provision', 'lineage', 'pointno', 'pointnumber'],
  stance: ['stance', 'position'],
  date: ['date', 'asof', 'when'],
  source: ['source', 'url', 'sourceurl', 'link'],
  conditions: ['conditions', 'condition'],
  evidence: ['evidence', 'quote', 'statement'],
  note: ['note', 'notes', 'comment'],
  id: ['id'],
  speaker: ['speaker', 'saidby'],
  document: ['document', 'doc', 'version'],
  evidenceIds: ['evidenceids', 'evidenceid'],
};
const REQUIRED = ['party', 'point', 'stance', 'date'] as const;

const fold = (s: string) => s.toLowerCase().replace(/[\s_\-.]+/g, '');

/** Spreadsheet column letter of a 0-based index (0 → A, 26 → AA). */
export function columnLetter(i: number): string {
  let s = '';
  for (let k = i + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** One row's problem: spreadsheet row (header is row 1), column letter and name, message. */
export interface RowProblem {
  row: number;
  column: string;
  field: string;
  message: string;
}

/** What {@link readPositionsCsv} returns: entities to write and the problems found. */
export interface PositionsImport {
  /** Each good row as a stance to record (src/model/stance.ts), with its spreadsheet row. */
  stances: { row: number; draft: StanceDraft }[];
  positions: Position[];
  evidence: Evidence[];
  sources: Source[];
  problems: RowProblem[];
  /** Data rows read (header excluded, blank lines skipped). */
  rows: number;
  /** Rows turned into positions. */
  accepted: number;
}

/** Stance from an id, a label ("accepts with conditions") or a symbol (✓ ~ ± ✗ ?). */
function readStance(s: string): Stance | null {
  const f = fold(s);
  for (const st of Stance.options) if (fold(st) === f || fold(STANCE_LABEL[st]) === f) return st;
  const sym: Record<string, Stance> = { '✓': 'accepts', '~': 'accepts-with-conditions', '±': 'proposes-alternative', '✗': 'rejects', '?': 'undecided' };
  return sym[s.trim()] ?? null;
}

const safeId = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'x';
const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 10);

/** The column of each known name in a header row; `invalid_input` when a required one is missing. */
function headerColumns(header: string[], file?: string): Record<string, number> {
  const col: Record<string, number> = {};
  header.forEach((h, i) => {
    for (const [name, aliases] of Object.entries(HEADER_ALIASES)) if (aliases.includes(fold(h)) && col[name] === undefined) col[name] = i;
  });
  const missing = REQUIRED.filter((c) => col[c] === undefined);
  if (missing.length) {
    throw new AccordError('invalid_input', `the header row lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${header.join(', ').slice(0, 200) || 'nothing'})`, { file, line: 1 });
  }
  return col;
}

/**
 * Check a sheet's header row from the first bytes of the file (so that a wrong file of any size is
 * refused before it is read). A first line that does not end within `head` is left to the full read.
 * @throws AccordError `invalid_input` when a required column is missing.
 */
export function checkPositionsHeader(head: string, file?: string): void {
  const end = head.search(/\r?\n/);
  if (end < 0 && head.length >= 64 * 1024) throw new AccordError('invalid_input', 'the first line is longer than 64 KiB: not a header row with party, point, stance, date', { file, line: 1 });
  const line = end < 0 ? head : head.slice(0, end);
  let header: string[];
  try {
    header = ((parse(line, { bom: true, relax_column_count: true, relax_quotes: true, trim: true }) as string[][])[0] ?? []);
  } catch {
    return; // a quoted header spanning lines: the full read decides
  }
  headerColumns(header, file);
}

/**
 * Read positions from an analyst's sheet. Columns (header row required, any order, case-insensitive):
 * `party` (id, short name, name or alias), `point` (lineage id, or point number of `version` —
 * default the current version), `stance` (id, label or symbol), `date` (ISO, reduced precision
 * allowed), and optionally `source` (URL or source id), `conditions`, `evidence` (the words said,
 * recorded as a paraphrase), `evidence ids` (existing evidence), `speaker`, `note`, `id`, `document`
 * (document or version id, for a stance on a whole text when `point` is empty). A row with a source or evidence text gets an
 * evidence item (attribution `outlet-report`, speaker the party unless given) so the stance stays
 * traceable; a new URL becomes a source. Ids are derived from the row's content, so importing the
 * same sheet twice updates rather than duplicates. Every problem is reported with its row and
 * column; the caller decides whether to write the good rows.
 * @throws AccordError `invalid_input` when the file is not CSV or lacks a required column.
 */
export function readPositionsCsv(text: string, data: ProcessData, opts: { file?: string; version?: string } = {}): PositionsImport {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw new AccordError('invalid_input', `not a readable CSV file: ${err.message ?? String(e)}`, { file: opts.file, line: err.lines });
  }
  if (!records.length) throw new AccordError('invalid_input', 'the sheet is empty: expected a header row with party, point, stance, date', { file: opts.file });
  const col = headerColumns(records[0]!.record, opts.file);
  // Lookups.
  const partyBy = new Map<string, string>();
  for (const p of data.parties) for (const k of [p.id, p.short, p.name, ...p.aliases]) if (k) partyBy.set(fold(k), p.id);
  const lineages = new Set<string>();
  for (const v of data.versions) for (const p of walkProvisions(v.provisions)) lineages.add(p.lineage);
  let version;
  try {
    version = data.versions.length ? resolveVersion(data, opts.version) : undefined;
  } catch (e) {
    if (opts.version) throw e;
    version = undefined;
  }
  const byNum = new Map<string, string>();
  if (version) {
    for (const r of pointRows(version)) if (r.num) byNum.set(r.num, r.lineage);
    // Sub-points as "21.a".
    for (const p of walkProvisions(version.provisions)) {
      if (p.kind !== 'point' || !p.num) continue;
      for (const c of p.children) if (c.kind === 'subpoint' && c.num) byNum.set(`${p.num}.${c.num}`, c.lineage);
    }
  }
  const sourceByUrl = new Map(data.sources.map((s) => [s.url, s.id]));
  const sourceIds = new Set(data.sources.map((s) => s.id));
  const partyName = new Map(data.parties.map((p) => [p.id, p.name]));
  const knownEv = new Set(data.evidence.map((e) => e.id));

  const out: PositionsImport = { stances: [], positions: [], evidence: [], sources: [], problems: [], rows: 0, accepted: 0 };
  const index = refIndex(data);
  records.slice(1).forEach(({ record }, k) => {
    const row = k + 2;
    out.rows++;
    const problems: RowProblem[] = [];
    const get = (name: string) => (col[name] === undefined ? '' : (record[col[name]!] ?? '').trim());
    const bad = (name: string, message: string) => problems.push({ row, column: columnLetter(col[name]!), field: name, message });
    const partyRaw = get('party');
    const party = partyBy.get(fold(partyRaw));
    if (!partyRaw) bad('party', 'is empty; expected a party id, short name or name');
    else if (!party) bad('party', `unknown party "${partyRaw}"; expected one of ${data.parties.map((p) => p.id).join(', ')}`);
    const pointRaw = get('point');
    const lineage = lineages.has(pointRaw) ? pointRaw : byNum.get(pointRaw.replace(/^(?:point\s*)?/i, '').replace(/\.$/, ''));
    const docRaw = get('document');
    const docOk = docRaw === '' || data.documents.some((d) => d.id === docRaw) || data.versions.some((v) => v.id === docRaw);
    if (!docOk) bad('document', `unknown document or version "${docRaw}"`);
    if (!pointRaw && !docRaw) bad('point', 'is empty; expected a point number or a lineage id (or a document id in the document column for a stance on the whole text)');
    else if (pointRaw && !lineage) bad('point', `unknown point "${pointRaw}"; expected a point number of ${version?.id ?? 'the current version'} or a lineage id`);
    const stanceRaw = get('stance');
    const stance = readStance(stanceRaw);
    if (!stance) bad('stance', `unknown stance "${stanceRaw}"; expected one of ${Stance.options.join(', ')}`);
    const date = get('date');
    const dp = date ? isoDateProblem(date) : 'is empty; expected an ISO date such as 2025-11-23';
    if (dp) bad('date', dp);
    const srcRaw = get('source');
    let sourceId: string | undefined;
    let newUrl: string | undefined;
    if (srcRaw) {
      if (sourceIds.has(srcRaw)) sourceId = srcRaw;
      else if (sourceByUrl.has(srcRaw)) sourceId = sourceByUrl.get(srcRaw);
      else if (/^https?:\/\/\S+$/i.test(srcRaw)) {
        try {
          new URL(srcRaw);
          sourceId = `src-csv-${shortHash(srcRaw)}`;
          newUrl = srcRaw;
        } catch {
          bad('source', `"${srcRaw}" is not a valid URL`);
        }
      } else bad('source', `"${srcRaw}" is neither a known source id nor an http(s) URL`);
    }
    if (problems.length) {
      out.problems.push(...problems);
      return;
    }
    const evidenceText = get('evidence');
    const givenEv = get('evidenceIds').split(/[\s,;]+/).filter(Boolean);
    const unknownEv = givenEv.filter((e) => !knownEv.has(e));
    if (unknownEv.length) {
      out.problems.push({ row, column: columnLetter(col.evidenceIds!), field: 'evidence ids', message: `unknown evidence id${unknownEv.length > 1 ? 's' : ''} ${unknownEv.join(', ')}` });
      return;
    }
    const id = get('id') ? safeId(get('id')) : `csv-${safeId(party!)}-${safeId(lineage ?? docRaw)}-${date}`;
    // A row with a source or words said gets an evidence item, so the stance stays traceable.
    const withEvidence = Boolean(evidenceText || (sourceId && !givenEv.length));
    const draft: StanceDraft = {
      positions: [
        {
          id,
          party: party!,
          ...(lineage ? { provision: lineage } : {}),
          ...(docRaw ? { document: docRaw } : {}),
          stance: stance!,
          asOf: date,
          confidence: 1,
          visibility: 'public',
          evidence: givenEv,
          ...(get('conditions') ? { conditions: get('conditions') } : {}),
          ...(get('note') ? { note: get('note') } : {}),
        },
      ],
      ...(withEvidence
        ? {
            evidence: {
              id: `ev-${id}`,
              speaker: get('speaker') || partyName.get(party!) || party!,
              onBehalfOf: party!,
              form: 'paraphrase' as const,
              text: evidenceText || `${partyName.get(party!) ?? party} ${STANCE_LABEL[stance!]} ${pointRaw ? `point ${pointRaw}` : docRaw} (analyst sheet${opts.file ? ` ${opts.file}` : ''}, row ${row}).`,
              saidAt: date,
              attribution: 'outlet-report' as const,
              sources: sourceId && !newUrl ? [sourceId] : [],
              visibility: 'public' as const,
            },
            ...(newUrl ? { source: { id: sourceId!, url: newUrl } } : {}),
          }
        : {}),
    };
    const plan = planStance(data, draft, { newId: (k) => `${k}-${id}`, index, fields: { position: `row ${row}`, evidence: `row ${row}`, source: `row ${row}` } });
    if (plan.problems.length) {
      for (const p of plan.problems) out.problems.push({ row, column: '', field: p.field ?? '', message: p.message });
      return;
    }
    out.stances.push({ row, draft });
    for (const it of plan.items) {
      if (it.kind === 'positions') out.positions.push(it.entity as Position);
      else if (it.kind === 'evidence') out.evidence.push(it.entity as Evidence);
      else if (it.kind === 'sources') out.sources.push(it.entity as Source);
    }
    out.accepted++;
  });
  return out;
}

/** The problems of an import as an AccordError (`invalid_input`) naming each row and column. */
export function importProblemsError(problems: RowProblem[], file?: string): AccordError {
  const rows = new Set(problems.map((p) => p.row)).size;
  const details: ErrorDetail[] = problems.map((p) => ({ file, field: `row ${p.row}, column ${p.column} (${p.field})`, message: p.message }));
  return new AccordError('invalid_input', `${rows} row${rows === 1 ? '' : 's'} of the sheet ${rows === 1 ? 'is' : 'are'} wrong; nothing was written (use --skip-bad-rows to import the good rows)`, { file }, details);
}
