/**
 * `accord export DIR --format …`: write a process in one of the exchange formats into a folder.
 * - `bundle`: the process bundle (src/store/bundle.ts), everything, lossless;
 * - `akn`: one Akoma Ntoso 3.0 file per version, `<version id>.akn.xml`;
 * - `csv`: `matrix.csv` (positions matrix of the current version), `positions.csv`, `events.csv`;
 * - `ics`: one calendar `<process id>.ics`;
 * - `json`: `analysis.json`: status briefing, positions matrix, contested points and, when the
 *   process has a negotiation domain, the solution packages.
 * CSV and JSON carry the public layer only unless `viewerParty` is given.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contestedPoints, currentVersion, positionsMatrix, statusBriefing } from '../analysis/positions.js';
import { compileDomain, validateDomain } from '../analysis/domain.js';
import { paretoFrontier } from '../analysis/pareto.js';
import { solveDomain, toContract } from '../analysis/solve.js';
import { AccordError } from '../model/errors.js';
import type { ProcessData } from '../model/schemas.js';
import { visibleTo } from '../model/visibility.js';
import { writeBundle } from '../store/bundle.js';
import { versionToAkn } from './akn.js';
import { eventsCsv, matrixCsv, positionsCsv } from './csv.js';
import { eventsToIcs } from './ics.js';

/** Export formats. */
export const EXPORT_FORMATS = ['bundle', 'akn', 'csv', 'ics', 'json'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Options of {@link exportProcess}. */
export interface ExportOptions {
  /** Date for the matrix and analysis (default today). */
  asOf?: string;
  viewerParty?: string;
  /** Link back to Accord for iCal URLs and AKN metadata. */
  link?: string;
  /** Fixed export instant (tests). */
  now?: Date;
}

/** The analysis results as one JSON-ready object (see module doc). */
export async function analysisJson(data: ProcessData, opts: ExportOptions = {}): Promise<Record<string, unknown>> {
  const status = statusBriefing(data, { asOf: opts.asOf, viewerParty: opts.viewerParty });
  const cur = currentVersion(data, status.asOf);
  const matrix = cur ? positionsMatrix(data, { asOf: status.asOf, version: cur.id, viewerParty: opts.viewerParty }) : null;
  let solutions: unknown = null;
  const raw = data.domains[0];
  if (raw) {
    const d = validateDomain(raw, 'domain.yaml');
    const hidden = d.profiles.some((p) => !visibleTo(p.visibility, opts.viewerParty));
    if (!hidden) solutions = toContract(await solveDomain(d), paretoFrontier(compileDomain(d)).size);
  }
  return { process: data.process.id, asOf: status.asOf, status, matrix, contested: matrix ? contestedPoints(matrix) : [], solutions };
}

/**
 * Write `data` into `dir` (created when missing) in `format`. Returns the file names written.
 * @throws AccordError `usage` for an unknown format.
 */
export async function exportProcess(dir: string, data: ProcessData, format: ExportFormat, opts: ExportOptions = {}): Promise<string[]> {
  if (!EXPORT_FORMATS.includes(format)) throw new AccordError('usage', `unknown export format "${format}"; expected one of ${EXPORT_FORMATS.join(', ')}`, { field: 'format' });
  if (format === 'bundle') return writeBundle(dir, data);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, content: string) => {
    writeFileSync(path.join(dir, name), content, 'utf8');
    written.push(name);
  };
  const exportedAt = (opts.now ?? new Date()).toISOString().slice(0, 10);
  switch (format) {
    case 'akn':
      for (const v of data.versions) put(`${v.id}.akn.xml`, versionToAkn(data, v.id, { exportedAt, link: opts.link }));
      break;
    case 'csv': {
      const cur = currentVersion(data, opts.asOf);
      if (cur) put('matrix.csv', matrixCsv(positionsMatrix(data, { asOf: opts.asOf, version: cur.id, viewerParty: opts.viewerParty })));
      put('positions.csv', positionsCsv(data, { viewerParty: opts.viewerParty }));
      put('events.csv', eventsCsv(data));
      break;
    }
    case 'ics':
      put(`${data.process.id}.ics`, eventsToIcs(data, { link: opts.link, now: opts.now }));
      break;
    case 'json':
      put('analysis.json', JSON.stringify(await analysisJson(data, opts), null, 2) + '\n');
      break;
  }
  return written;
}
