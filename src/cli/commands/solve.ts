/**
 * `accord solve [PATH]`: exact negotiation analysis of a domain — the Pareto frontier, the Nash,
 * Kalai–Smorodinsky, egalitarian (max-min) and utilitarian (max-sum) packages with their explanations,
 * or, when nothing is feasible, the fewest red lines and smallest reservation cuts that would open a
 * package. Optionally simulates the single-text procedure (`--mediate`).
 *
 * PATH may be a process bundle folder (its `domain.yaml`), a domain file (`.yaml`/`.json`), a folder
 * of GENIUS XML files (one domain file plus one profile per party) or of GeniusWeb JSON files. Without
 * PATH the domain of the process in the store is used (`--process`, `--db`).
 *
 * `--json` prints `{parties, paretoSize, nash:{utilities, outcome}, kalaiSmorodinsky, egalitarian,
 * utilitarian, infeasible}` plus `details` (explanations, frontier note) — utilities on the domain's
 * reporting scale (0–1 for GENIUS / GeniusWeb imports, else 0–100).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { compileDomain, validateDomain, type Domain } from '../../analysis/domain.js';
import { importGeniusWebJson, importGeniusXml } from '../../analysis/genius.js';
import { simulateMediation, type MediationVariant } from '../../analysis/mediation.js';
import { paretoFrontier } from '../../analysis/pareto.js';
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
 * @throws AccordError `not_found` when PATH holds no domain; `invalid_input`/`unsupported` from the importers
 */
export function loadDomainFrom(p: string): Domain {
  if (!existsSync(p)) throw new AccordError('not_found', `no such file or folder: ${p}`, { file: p });
  if (statSync(p).isFile()) return validateDomain(parseStructured(p), p);
  const dy = path.join(p, 'domain.yaml');
  if (existsSync(dy)) return validateDomain(parseStructured(dy), dy);
  const files = readdirSync(p).sort();
  const xml = files.filter((f) => f.toLowerCase().endsWith('.xml'));
  if (xml.length) {
    const texts = xml.map((f) => ({ f, text: readText(path.join(p, f)) }));
    const isDomain = (t: string) => /<negotiation_template/.test(t) || !/evaluation\s*=/.test(t);
    const doms = texts.filter((t) => isDomain(t.text));
    if (doms.length !== 1) {
      throw new AccordError('invalid_input', `expected exactly one GENIUS domain file in ${p}, found ${doms.length} (${doms.map((d) => d.f).join(', ') || 'none'})`, { file: p });
    }
    const profiles = texts.filter((t) => t !== doms[0]).map((t) => ({ name: t.f.replace(/\.xml$/i, ''), text: t.text }));
    return importGeniusXml(doms[0]!.text, profiles, { domainFile: path.join(p, doms[0]!.f), name: path.basename(path.resolve(p)) });
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
}

/** Register `accord solve`. */
export function register(program: Command): void {
  withJson(
    withStoreOptions(
      program
        .command('solve [path]')
        .description('exact negotiation analysis: Pareto frontier, Nash, Kalai–Smorodinsky, max-min and max-sum packages, or the smallest moves when nothing is feasible')
        .option('--engine <engine>', 'bnb (branch and bound with LP bounds, default) or milp (HiGHS MILPs)')
        .option('--concepts <list>', `comma-separated subset of ${CONCEPTS.join(',')}`)
        .option('--mediate <variant>', 'also simulate the single-text procedure: hill-climbing or veto')
        .addHelpText(
          'after',
          '\nPATH: a bundle folder (domain.yaml), a domain .yaml/.json file, a folder of GENIUS XML files\n' +
            '(one domain + one profile per party) or of GeniusWeb JSON files. Without PATH: the process in the store.\n' +
            'Kalai–Smorodinsky = max of the smallest normalised gain (u−r)/(best−r); utilities 0–1 for GENIUS imports.',
        ),
    ),
  ).action(async (p: string | undefined, opts: SolveOpts) => {
    if (opts.engine && opts.engine !== 'bnb' && opts.engine !== 'milp') throw new AccordError('usage', `--engine must be bnb or milp, not "${opts.engine}"`, { field: 'engine' });
    if (opts.mediate && opts.mediate !== 'hill-climbing' && opts.mediate !== 'veto') {
      throw new AccordError('usage', `--mediate must be hill-climbing or veto, not "${opts.mediate}"`, { field: 'mediate' });
    }
    const concepts = opts.concepts?.split(',').map((s) => s.trim()) as Concept[] | undefined;
    for (const c of concepts ?? []) if (!CONCEPTS.includes(c)) throw new AccordError('usage', `unknown concept "${c}"; expected ${CONCEPTS.join(', ')}`, { field: 'concepts' });

    let domain: Domain;
    if (p) domain = loadDomainFrom(p);
    else {
      const data = await loadData(opts);
      const raw = data.domains[0];
      if (!raw) throw new AccordError('not_found', `process "${data.process.id}" has no negotiation domain (add domain.yaml to its bundle)`, { field: 'process' });
      domain = validateDomain(raw, 'domain.yaml');
    }
    const t0 = performance.now();
    const sol = await solveDomain(domain, {
      ...(opts.engine ? { engine: opts.engine as Engine } : {}),
      ...(concepts ? { concepts } : {}),
      onProgress: (m) => progress(`accord solve: ${m}…`),
    });
    progress('accord solve: Pareto frontier…');
    const c = compileDomain(domain);
    const front = paretoFrontier(c, { include: Object.values(sol.solutions).map((s) => s.outcomeIndex) });
    const mediation = opts.mediate ? (progress('accord solve: mediation…'), await simulateMediation(domain, { variant: opts.mediate as MediationVariant })) : null;
    progressDone();
    const ms = performance.now() - t0;
    const contract = toContract(sol, front.size);
    const result = {
      ...contract,
      details: {
        domain: domain.id,
        scale: domain.scale,
        kalaiSmorodinskyDefinition: 'maximise the smallest normalised gain (u_p − r_p)/(M_p − r_p), M_p = best feasible utility; ties to the larger utility sum',
        estimates: domain.profiles.filter((pr) => pr.estimate).map((pr) => pr.party),
        ideal: sol.ideal,
        pareto: { exact: front.exact, size: front.size, points: front.points.length, note: front.note },
        solutions: sol.solutions,
        ms: Math.round(ms),
        ...(mediation ? { mediation } : {}),
      },
    };
    output(opts, result, () => {
      const sc = domain.scale;
      const L: string[] = [`${domain.name} — ${domain.issues.length} issues, ${domain.profiles.length} parties (utilities ${sc === 1 ? '0–1' : '0–100'})`];
      const est = result.details.estimates;
      if (est.length) L.push(`Profiles marked as estimates: ${est.join(', ')}`);
      L.push(front.note);
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
      if (mediation) {
        L.push('', `Single-text procedure (${mediation.variant}): ${mediation.rounds.length} round(s), stopped: ${mediation.stoppedBecause}`);
        for (const r of mediation.rounds) L.push(`  ${r.round}. ${r.issue}: ${r.from} → ${r.to} ${r.accepted ? 'adopted' : `vetoed by ${r.vetoedBy.join(', ')}`}`);
        if (mediation.distanceFromNash) L.push(`  end point: ${mediation.distanceFromNash.issuesDiffering} issue(s) from the Nash package, distance ${fmt(mediation.distanceFromNash.euclidean, sc)}`);
      }
      L.push('', `solved in ${Math.round(ms)} ms`);
      return L.join('\n');
    });
  });
}
