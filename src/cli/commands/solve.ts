/**
 * `accord solve [PATH]`: exact negotiation analysis of a domain — the Nash, Kalai–Smorodinsky,
 * egalitarian (max-min) and utilitarian (max-sum) packages with their explanations, or, when nothing is
 * feasible, the fewest red lines and smallest reservation cuts that would open a package. On demand:
 * the exact Pareto frontier (`--frontier`), domain measures (`--measures`: opposition, conflict and
 * win-win levels, relative welfare, convex hull), how a given package stands (`--package`), and the
 * single-text procedure (`--mediate`). The four packages never wait for the frontier.
 *
 * PATH may be a process bundle folder (its `domain.yaml`), a domain file (`.yaml`/`.json`), a folder
 * of GENIUS XML files (one domain file plus one profile per party; files that are neither, such as
 * ANAC's `pareto.xml`, are skipped with a warning; a non-linear profile exits 69) or of GeniusWeb JSON
 * files. Without PATH the domain of the process in the store is used (`--process`, `--db`). Import
 * warnings (a discount factor ignored or applied, a real issue's step) go to stderr and to
 * `details.warnings`.
 *
 * `--json` prints `{parties, paretoSize, nash:{utilities, outcome}, kalaiSmorodinsky, egalitarian,
 * utilitarian, infeasible}` plus `details` (definitions, explanations, frontier, measures, package) —
 * utilities on the domain's reporting scale (0–1 for GENIUS / GeniusWeb imports, else 0–100).
 * `paretoSize` is null unless the frontier was computed exactly.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { compileDomain, validateDomain, type Domain } from '../../analysis/domain.js';
import { importGeniusFolder, importGeniusWebJson, type GeniusXmlOptions, type ImportWarning } from '../../analysis/genius.js';
import { simulateMediation, type MediationVariant } from '../../analysis/mediation.js';
import { DEFINITIONS } from '../../analysis/definitions.js';
import { assessPackage, domainMeasures, reportAssessment, reportMeasures, type DomainMeasures, type PackageAssessment } from '../../analysis/measures.js';
import { compileHighsForQuickExit } from '../../analysis/highs.js';
import { paretoFrontier, type Frontier } from '../../analysis/pareto.js';
import { CONCEPTS, solveDomain, toContract, type Concept, type Engine } from '../../analysis/solve.js';
import { AccordError } from '../../model/errors.js';
import { loadData, output, progress, progressDone, withJson, withStoreOptions } from '../common.js';
import { yamlValue } from '../../store/bounded-read.js';
import { currentLimits, readDataFile } from '../read-input.js';

function readText(file: string): string {
  return readDataFile(file, 'negotiation domain').toString('utf8').replace(/^\uFEFF/, '');
}

function parseStructured(file: string): unknown {
  const text = readText(file);
  let doc: ReturnType<typeof parseDocument> | undefined;
  try {
    if (file.endsWith('.json')) return JSON.parse(text) as unknown;
    doc = parseDocument(text);
    if (doc.errors.length) throw doc.errors[0]!;
  } catch (e) {
    const m = /line (\d+)/.exec(String((e as Error).message));
    throw new AccordError('invalid_input', `cannot parse: ${(e as Error).message}`, { file, ...(m ? { line: Number(m[1]) } : {}) });
  }
  return yamlValue(doc, file, currentLimits().yamlAliases);
}

/**
 * Load a domain from PATH (see the module comment for what PATH may be).
 * @param geniusOpts GENIUS import options (discount time, real-issue levels, a warning callback)
 * @throws AccordError `not_found` when PATH holds no domain; `invalid_input`/`unsupported` from the importers
 */
export function loadDomainFrom(p: string, geniusOpts: GeniusXmlOptions = {}): Domain {
  if (!existsSync(p)) throw new AccordError('not_found', 'no such file or folder', { file: p });
  if (statSync(p).isFile()) return validateDomain(parseStructured(p), p);
  const dy = path.join(p, 'domain.yaml');
  if (existsSync(dy)) return validateDomain(parseStructured(dy), dy);
  const files = readdirSync(p).sort();
  const xml = files.filter((f) => f.toLowerCase().endsWith('.xml'));
  if (xml.length) {
    return importGeniusFolder(
      xml.map((f) => ({ name: path.join(p, f), text: readText(path.join(p, f)) })),
      { folder: p, name: path.basename(path.resolve(p)), ...geniusOpts },
    );
  }
  const json = files.filter((f) => f.toLowerCase().endsWith('.json'));
  if (json.length) {
    const texts = json.map((f) => ({ f, text: readText(path.join(p, f)) }));
    const isProfile = (t: string) => /"\w*UtilitySpace"\s*:/.test(t);
    const doms = texts.filter((t) => !isProfile(t.text));
    const profiles = texts.filter((t) => isProfile(t.text)).map((t) => ({ name: t.f.replace(/\.json$/i, ''), text: t.text }));
    return importGeniusWebJson(doms.length === 1 ? doms[0]!.text : null, profiles, {
      domainFile: doms.length === 1 ? path.join(p, doms[0]!.f) : p,
      name: path.basename(path.resolve(p)),
    });
  }
  throw new AccordError('not_found', `no negotiation domain in ${p} (expected domain.yaml, GENIUS .xml or GeniusWeb .json files)`, { file: p });
}

const fmt = (x: number, scale: number) => (scale === 1 ? x.toFixed(4) : x.toFixed(1));

interface SolveOpts {
  db?: string;
  process?: string;
  json?: boolean;
  engine?: string;
  mediate?: string;
  concepts?: string;
  frontier?: boolean;
  measures?: boolean;
  package?: string;
  discountAt?: string;
  realLevels?: string;
}

/**
 * Read `--package "issue=option;issue=option"` (ids or labels, `;` or `,` between pairs) as an option
 * index per issue; every issue must be given once.
 * @throws AccordError `usage` naming the issue or option that does not fit
 */
export function parsePackage(domain: Domain, text: string): number[] {
  const byIssue = new Map<number, number>();
  for (const part of text.split(/[;,]/).map((x) => x.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new AccordError('usage', `--package: "${part}" is not issue=option`, { field: 'package' });
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    const i = domain.issues.findIndex((iss) => iss.id === key || iss.name === key);
    if (i < 0) throw new AccordError('usage', `--package: no issue "${key}" (issues: ${domain.issues.map((x) => x.id).join(', ')})`, { field: 'package' });
    const o = domain.issues[i]!.options.findIndex((op) => op.id === val || op.label === val);
    if (o < 0) throw new AccordError('usage', `--package: issue "${key}" has no option "${val}" (options: ${domain.issues[i]!.options.map((x) => x.id).join(', ')})`, { field: 'package' });
    if (byIssue.has(i)) throw new AccordError('usage', `--package: issue "${key}" given twice`, { field: 'package' });
    byIssue.set(i, o);
  }
  const missing = domain.issues.filter((_, i) => !byIssue.has(i)).map((x) => x.id);
  if (missing.length) throw new AccordError('usage', `--package: no option given for ${missing.join(', ')}`, { field: 'package' });
  return domain.issues.map((_, i) => byIssue.get(i)!);
}

function numberOption(v: string | undefined, field: string, ok: (x: number) => boolean, expected: string): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || !ok(x)) throw new AccordError('usage', `--${field} must be ${expected}, not "${v}"`, { field });
  return x;
}

/** Register `accord solve`. */
export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('solve [path]')
        .description('exact negotiation analysis: Nash, Kalai–Smorodinsky, max-min and max-sum packages (or the smallest moves when nothing is feasible); the Pareto frontier, domain measures and a package\'s standing on demand')
        .option('--engine <engine>', 'bnb (branch and bound with LP bounds, default) or milp (HiGHS MILPs)')
        .option('--concepts <list>', `comma-separated subset of ${CONCEPTS.join(',')}`)
        .option('--frontier', 'also compute the exact Pareto frontier (paretoSize: its distinct utility points)')
        .option('--measures', 'also compute opposition, conflict and win-win levels, the relative-welfare package and the frontier\'s convex hull (implies --frontier)')
        .option('--package <assignments>', 'assess a package ("issue=option;issue=option", ids or labels): feasibility, Pareto-optimality and gains left, distance to the frontier and to Nash')
        .option('--discount-at <t>', 'GENIUS profiles: apply each discount factor δ at time t in [0, 1] (u·δ^t); default: reported and ignored')
        .option('--real-levels <n>', 'GENIUS real issues: values each is cut into, bounds included (default 11)')
        .option('--mediate <variant>', 'also simulate the single-text procedure: hill-climbing or veto')
        .addHelpText(
          'after',
          '\nPATH: a bundle folder (domain.yaml), a domain .yaml/.json file, a folder of GENIUS XML files\n' +
            '(one domain + one profile per party; other files such as pareto.xml are skipped) or of GeniusWeb JSON\n' +
            'files. Without PATH: the process in the store. Non-linear GENIUS profiles exit 69.\n' +
            'Kalai–Smorodinsky = max of the smallest normalised gain (u−r)/(best−r); utilities 0–1 for GENIUS imports.\n' +
            'The frontier is computed only with --frontier/--measures/--package, so the packages never wait for it.\n' +
            'Definitions and sources: docs/analysis.md.',
        ),
    ),
  ).action(async (p: string | undefined, opts: SolveOpts) => {
    compileHighsForQuickExit(); // one solve per process: skip V8's background recompilation (see there)
    if (opts.engine && opts.engine !== 'bnb' && opts.engine !== 'milp') throw new AccordError('usage', `--engine must be bnb or milp, not "${opts.engine}"`, { field: 'engine' });
    if (opts.mediate && opts.mediate !== 'hill-climbing' && opts.mediate !== 'veto') {
      throw new AccordError('usage', `--mediate must be hill-climbing or veto, not "${opts.mediate}"`, { field: 'mediate' });
    }
    const concepts = opts.concepts?.split(',').map((s) => s.trim()) as Concept[] | undefined;
    for (const c of concepts ?? []) if (!CONCEPTS.includes(c)) throw new AccordError('usage', `unknown concept "${c}"; expected ${CONCEPTS.join(', ')}`, { field: 'concepts' });
    const discountAt = numberOption(opts.discountAt, 'discount-at', (x) => x >= 0 && x <= 1, 'a time between 0 and 1');
    const realLevels = numberOption(opts.realLevels, 'real-levels', (x) => Number.isInteger(x) && x >= 2 && x <= 1001, 'an integer from 2 to 1001');

    const warnings: ImportWarning[] = [];
    let domain: Domain;
    if (p) {
      domain = loadDomainFrom(p, {
        ...(discountAt !== undefined ? { discountAt } : {}),
        ...(realLevels !== undefined ? { realLevels } : {}),
        onWarning: (w) => warnings.push(w),
      });
    } else {
      const data = await loadData(opts);
      const raw = data.domains[0];
      if (!raw) throw new AccordError('not_found', `process "${data.process.id}" has no negotiation domain (add domain.yaml to its bundle)`, { field: 'process' });
      domain = validateDomain(raw, 'domain.yaml');
    }
    for (const w of warnings) process.stderr.write(`accord solve: warning: ${w.file}${w.field ? ` (${w.field})` : ''}: ${w.message}\n`);
    const pkg = opts.package !== undefined ? parsePackage(domain, opts.package) : null;
    const wantFrontier = Boolean(opts.frontier || opts.measures || pkg);
    const t0 = performance.now();
    const sol = await solveDomain(domain, {
      ...(opts.engine ? { engine: opts.engine as Engine } : {}),
      ...(concepts ? { concepts } : {}),
      onProgress: (m) => progress(`accord solve: ${m}…`),
    });
    const answerMs = performance.now() - t0;
    const c = compileDomain(domain);
    let front: Frontier | null = null;
    if (wantFrontier) {
      progress('accord solve: Pareto frontier…');
      front = paretoFrontier(c, { include: Object.values(sol.solutions).map((s) => s.outcomeIndex) });
    }
    const k = domain.scale === 1 ? 0.01 : 1;
    const nashSol = sol.solutions.nash;
    const nashPoint = nashSol ? { outcome: nashSol.outcomeIndex, u: Float64Array.from(c.names.map((n) => nashSol.utilities[n]! / k)) } : null;
    const M = sol.ideal ? Float64Array.from(c.names.map((n) => sol.ideal![n]! / k)) : null;
    let measures: DomainMeasures | null = null;
    if (opts.measures && front) {
      progress('accord solve: domain measures…');
      measures = await domainMeasures(c, front, M);
    }
    let assessment: PackageAssessment | null = null;
    if (pkg) {
      progress('accord solve: assessing the package…');
      assessment = await assessPackage(c, pkg, front, nashPoint);
    }
    const mediation = opts.mediate ? (progress('accord solve: mediation…'), await simulateMediation(domain, { variant: opts.mediate as MediationVariant })) : null;
    progressDone();
    const ms = performance.now() - t0;
    const contract = toContract(sol, front?.exact ? front.distinct : null);
    const byName = (u: ArrayLike<number>) => Object.fromEntries(c.names.map((n, q) => [n, u[q]! * k]));
    const outcomeOf = (o: number[]) => Object.fromEntries(domain.issues.map((iss, i) => [iss.id, iss.options[o[i]!]!.id]));
    const result = {
      ...contract,
      details: {
        domain: domain.id,
        scale: domain.scale,
        definitions: DEFINITIONS,
        kalaiSmorodinskyDefinition: DEFINITIONS.kalaiSmorodinsky,
        estimates: domain.profiles.filter((pr) => pr.estimate).map((pr) => pr.party),
        warnings,
        ideal: sol.ideal,
        pareto: front
          ? {
              computed: true,
              exact: front.exact,
              distinct: front.distinct,
              outcomes: front.outcomes,
              size: front.size,
              bound: front.bound,
              coverage: front.coverage ? Object.fromEntries(c.names.map((n, q) => [n, { min: front!.coverage![q]!.min * k, max: front!.coverage![q]!.max * k }])) : null,
              note: front.note,
              points: front.points.map((q) => ({ utilities: byName(q.u), packages: q.count, outcome: outcomeOf(q.outcome) })),
            }
          : { computed: false, note: 'Pareto frontier not computed (give --frontier)' },
        ...(measures ? { measures: reportMeasures(c, measures, front!) } : {}),
        ...(assessment ? { package: reportAssessment(c, assessment) } : {}),
        solutions: sol.solutions,
        answerMs: Math.round(answerMs),
        ms: Math.round(ms),
        ...(mediation ? { mediation } : {}),
      },
    };
    output(opts, result, () => {
      const sc = domain.scale;
      const L: string[] = [`${domain.name} — ${domain.issues.length} issues, ${domain.profiles.length} parties (utilities ${sc === 1 ? '0–1' : '0–100'})`];
      const est = result.details.estimates;
      if (est.length) L.push(`Profiles marked as estimates: ${est.join(', ')}`);
      L.push(front ? front.note : 'Pareto frontier: not computed (give --frontier).');
      if (!sol.feasible) {
        const inf = sol.infeasible!;
        L.push('', 'No package is acceptable to every party.');
        if (inf.blockedIssues.length) L.push(`Issues where every option is someone's red line: ${inf.blockedIssues.join(', ')}`);
        if (inf.redLines) {
          L.push(`Fewest red lines to move (reservations kept): ${inf.redLines.count}`);
          for (const [party, rl] of Object.entries(inf.redLines.byParty)) L.push(`  ${party}: ${rl.map((x) => `${x.issue} = ${x.option}`).join('; ')}`);
        } else L.push('Moving red lines alone cannot meet every reservation value.');
        if (inf.reservationCuts) {
          L.push(`Smallest reservation cuts (red lines kept): total ${fmt(inf.reservationCuts.total, sc)}`);
          for (const [party, cut] of Object.entries(inf.reservationCuts.byParty)) L.push(`  ${party}: −${fmt(cut, sc)}`);
        } else L.push('Cutting reservations alone cannot help: red lines block every package.');
        L.push(`Combined: ${inf.combined.redLines} red line(s) and cuts ${JSON.stringify(inf.combined.cuts)}`);
        return L.join('\n');
      }
      const names = sol.parties;
      L.push('', `${'package'.padEnd(18)}${names.map((n) => n.slice(0, 14).padStart(15)).join('')}`);
      for (const k of CONCEPTS) {
        const s = sol.solutions[k];
        if (!s) continue;
        L.push(`${k.padEnd(18)}${names.map((n) => fmt(s.utilities[n]!, sc).padStart(15)).join('')}`);
      }
      L.push(`${'best feasible'.padEnd(18)}${names.map((n) => fmt(sol.ideal![n]!, sc).padStart(15)).join('')}`);
      for (const k of CONCEPTS) {
        const s = sol.solutions[k];
        if (!s) continue;
        L.push('', `${k}: ${domain.issues.map((iss) => `${iss.name}: ${iss.options.find((o) => o.id === s.outcome[iss.id])!.label}`).join(' | ')}`);
        const atRes = s.parties.filter((x) => x.atReservation).map((x) => x.name);
        if (atRes.length) L.push(`  at their reservation value: ${atRes.join(', ')}`);
        L.push(`  distance from best: ${s.parties.map((x) => `${x.name} ${fmt(x.fromBest, sc)}`).join(', ')}`);
        if (s.bindingRedLines.length) L.push(`  red lines that bind: ${s.bindingRedLines.map((r) => `${r.party} on ${r.issue} = ${r.option}`).join('; ')}`);
      }
      const rm = result.details.measures;
      if (rm) {
        L.push('', 'Domain measures');
        if (rm.opposition) L.push(`  opposition level: ${rm.opposition.level.toFixed(4)}${rm.opposition.exact ? '' : ' (upper bound: frontier not exact)'}`);
        for (const x of rm.conflict) L.push(`  ${x.a} / ${x.b}: conflict ${x.level.toFixed(4)}, win-win ${x.winWin.toFixed(4)}${x.exact ? '' : ` (sampled, ±${x.standardError.toFixed(4)})`}`);
        if (rm.relativeWelfare) L.push(`  relative welfare: ${rm.relativeWelfare.value.toFixed(4)} at ${names.map((n) => `${n} ${fmt(rm.relativeWelfare!.utilities[n]!, sc)}`).join(', ')}`);
        if (rm.hull) L.push(`  convex hull: ${rm.hull.note}`);
      }
      const pk = result.details.package;
      if (pk) {
        L.push('', `Given package: ${names.map((n) => `${n} ${fmt(pk.utilities[n]!, sc)}`).join(', ')}`);
        if (!pk.feasible) {
          if (pk.redLinesCrossed.length) L.push(`  crosses red lines: ${pk.redLinesCrossed.map((r) => `${r.party} on ${r.issue} = ${r.option}`).join('; ')}`);
          if (pk.belowReservation.length) L.push(`  below the reservation value of: ${pk.belowReservation.join(', ')}`);
        } else if (pk.pareto) {
          if (pk.pareto.optimal) L.push('  Pareto-optimal: no feasible package is better for someone and worse for nobody');
          else {
            L.push(`  not Pareto-optimal: every party can gain ${fmt(pk.pareto.commonGain, sc)} at once; the total can rise by ${fmt(pk.pareto.totalGain, sc)} with nobody worse off`);
            if (pk.pareto.distance !== null) L.push(`  distance to the nearest frontier point: ${fmt(pk.pareto.distance, sc)}`);
          }
        }
        if (pk.nash) L.push(`  from the Nash package: ${pk.nash.issuesDiffering} issue(s) differ, distance ${fmt(pk.nash.distance, sc)}, Nash product ratio ${pk.nash.productRatio.toFixed(4)}`);
      }
      if (mediation) {
        L.push('', `Single-text procedure (${mediation.variant}): ${mediation.rounds.length} round(s), stopped: ${mediation.stoppedBecause}`);
        for (const r of mediation.rounds) L.push(`  ${r.round}. ${r.issue}: ${r.from} → ${r.to} ${r.accepted ? 'adopted' : `vetoed by ${r.vetoedBy.join(', ')}`}`);
        if (mediation.distanceFromNash) L.push(`  end point: ${mediation.distanceFromNash.issuesDiffering} issue(s) from the Nash package, distance ${fmt(mediation.distanceFromNash.euclidean, sc)}`);
      }
      L.push('', `solved in ${Math.round(answerMs)} ms${ms - answerMs >= 1 ? ` (${Math.round(ms)} ms with the frontier and measures asked for)` : ''}`);
      return L.join('\n');
    });
  });
}
