/**
 * Import of negotiation domains from the automated-negotiation community's two file formats:
 *
 * - **GENIUS XML** (GENIUS 10.x, TU Delft): a domain file (`<negotiation_template><utility_space>
 *   <objective><issue>`) plus one profile file per party (`<utility_space>` with `<item value
 *   evaluation>` scores or linear `<evaluator>`s, `<weight index value>`, optional `<reservation
 *   value>` and `<discount_factor value>`). Accord applies GENIUS's own normalisation: weights scaled
 *   to sum 1, and each discrete evaluation divided by the largest evaluation of its issue (the minimum
 *   is not subtracted). Integer issues become one option per value, real issues evenly spaced values
 *   (the step is stated in a warning); discount factors are applied at a given time or reported and
 *   ignored. Non-linear (hyper-rectangle) profiles are refused as `unsupported` (exit 69).
 *   {@link importGeniusFolder} reads a whole folder, skipping files that are neither (`pareto.xml`).
 * - **GeniusWeb JSON**: a domain (`{name, issuesValues}`) plus `LinearAdditiveUtilitySpace` profiles
 *   (`issueUtilities.<issue>.discreteutils.valueUtilities`, `issueWeights`, optional `reservationBid`).
 *   GeniusWeb value utilities are already utilities in [0, 1] and are used as given (weights are scaled
 *   to sum 1); the reservation value is the utility of the `reservationBid` outcome.
 *
 * Both produce an Accord {@link Domain} with values on 0–100 and `scale: 1`, so solutions are reported
 * on the 0–1 scale these tools use.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AccordError, invalid } from '../model/errors.js';
import { validateDomain, type Domain, type DomainIssue, type PartyProfile } from './domain.js';
import { parseDecimal, reduce, toNumber, type Rational } from './exact.js';

/** One profile file to import: a name (usually the file's base name) and its text. */
export interface ProfileFile {
  name: string;
  text: string;
}

/** Turn a free label into an Accord id (letters, digits, `.`, `_`, `-`), unique within `taken`. */
export function slugId(label: string, taken: Set<string>, fallback = 'x'): string {
  let base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 100);
  if (!base) base = fallback;
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseAttributeValue: false,
  isArray: (name) => ['issue', 'item', 'weight', 'objective', 'agent'].includes(name),
});

function parseXml(text: string, file: string): XmlNode {
  try {
    return parser.parse(text, true) as XmlNode;
  } catch (e) {
    const m = /line[: ]+(\d+)/i.exec(String((e as Error).message ?? e));
    throw invalid(`not well-formed XML: ${(e as Error).message ?? e}`, { file, ...(m ? { line: Number(m[1]) } : {}) });
  }
}

function arr(v: unknown): XmlNode[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as XmlNode[];
}

function attr(n: XmlNode, name: string): string | undefined {
  const v = n[`@${name}`];
  return v === undefined ? undefined : String(v);
}

/** Find the `<utility_space>` element at the root or under `<negotiation_template>`. */
function utilitySpace(doc: XmlNode, file: string): XmlNode {
  const direct = doc['utility_space'];
  if (direct && typeof direct === 'object') return direct as XmlNode;
  const tmpl = doc['negotiation_template'] as XmlNode | undefined;
  const nested = tmpl?.['utility_space'];
  if (nested && typeof nested === 'object') return nested as XmlNode;
  throw invalid('expected a GENIUS <utility_space> element (at the root or inside <negotiation_template>)', { file });
}

/** All `<issue>` elements under the objective tree, depth first (objectives may nest). */
function collectIssues(node: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  for (const obj of arr(node['objective'])) {
    out.push(...arr(obj['issue']));
    out.push(...collectIssues(obj));
  }
  return out;
}

/** All `<weight>` elements under the objective tree. */
function collectWeights(node: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  for (const obj of arr(node['objective'])) {
    out.push(...arr(obj['weight']));
    out.push(...collectWeights(obj));
  }
  return out;
}

function issueKind(n: XmlNode): string {
  return (attr(n, 'type') ?? attr(n, 'vtype') ?? attr(n, 'etype') ?? 'discrete').toLowerCase();
}

function num(s: string | undefined, file: string, field: string): number {
  const v = Number(s);
  if (s === undefined || s.trim() === '' || !Number.isFinite(v)) throw invalid(`expected a number, got ${JSON.stringify(s)}`, { file, field });
  return v;
}

/** A number attribute read as an exact decimal. */
function dec(s: string | undefined, file: string, field: string): Rational {
  const r = s === undefined ? null : parseDecimal(s);
  if (!r) throw invalid(`expected a number, got ${JSON.stringify(s)}`, { file, field });
  return r;
}

const mul = (a: Rational, b: Rational): Rational => reduce({ n: a.n * b.n, d: a.d * b.d });
const add = (a: Rational, b: Rational): Rational => reduce({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const HUNDRED: Rational = { n: 100n, d: 1n };

/** Something an import noticed and dealt with, for the user to know (a discount ignored, a step chosen). */
export interface ImportWarning {
  file: string;
  field?: string;
  message: string;
}

/** Options of {@link importGeniusXml}. */
export interface GeniusXmlOptions {
  /** Domain file name for messages. */
  domainFile?: string;
  id?: string;
  name?: string;
  /**
   * Apply each profile's `<discount_factor>` δ at this normalised time t ∈ [0, 1] (GENIUS's discounted
   * utility u·δ^t, the reservation value discounted alike). Unset: discounts are reported and ignored.
   */
  discountAt?: number;
  /** Values a real issue is cut into: lower bound, upper bound and evenly spaced points between (default 11). */
  realLevels?: number;
  /** Called for each {@link ImportWarning}. */
  onWarning?: (w: ImportWarning) => void;
}

/** Most values an integer issue may have before it is sampled with a step (GENIUS integer ranges). */
export const MAX_INTEGER_LEVELS = 101;

/** A numeric (integer or real) issue of the domain: its bounds and the values it is cut into. */
interface NumericIssue {
  kind: 'integer' | 'real';
  lower: Rational;
  upper: Rational;
  levels: Rational[];
}

function bounds(ri: XmlNode, file: string, name: string): { lower: Rational; upper: Rational } {
  const range = arr(ri['range'])[0];
  const lo = attr(ri, 'lowerbound') ?? (range ? attr(range, 'lowerbound') : undefined);
  const hi = attr(ri, 'upperbound') ?? (range ? attr(range, 'upperbound') : undefined);
  const lower = dec(lo, file, `issue[${name}].lowerbound`);
  const upper = dec(hi, file, `issue[${name}].upperbound`);
  if (lower.n * upper.d > upper.n * lower.d) throw invalid(`issue "${name}" has lowerbound above upperbound`, { file, field: `issue[${name}]` });
  return { lower, upper };
}

/** Evenly spaced values from lower to upper (`count` of them, both ends included). */
function spaced(lower: Rational, upper: Rational, count: number): Rational[] {
  if (count <= 1 || (lower.n === upper.n && lower.d === upper.d)) return [lower];
  const span = add(upper, { n: -lower.n, d: lower.d });
  return Array.from({ length: count }, (_, k) => add(lower, mul(span, { n: BigInt(k), d: BigInt(count - 1) })));
}

const label = (r: Rational) => String(toNumber(r));

/**
 * Read `<evaluator ftype="linear" slope offset>` of a numeric issue: offset + slope·(x − lowerbound),
 * as GENIUS's integer and real evaluators measure from the lower bound (the ANAC 2015 Vacation
 * profiles give values in [0, 1] only so). NegMAS 0.15.7 reads offset + slope·x instead.
 */
function linearEvaluator(ev: XmlNode, file: string, iname: string, lower: Rational): (x: Rational) => Rational {
  const ftype = (attr(ev, 'ftype') ?? 'linear').toLowerCase();
  if (ftype !== 'linear') {
    throw new AccordError('unsupported', `issue "${iname}" has a "${ftype}" evaluator; Accord reads linear evaluators (offset + slope·value) only`, { file, field: `issue[${iname}].evaluator` });
  }
  const offset = dec(attr(ev, 'offset') ?? attr(ev, 'parameter0') ?? '0', file, `issue[${iname}].evaluator.offset`);
  const slope = dec(attr(ev, 'slope') ?? attr(ev, 'parameter1') ?? '1', file, `issue[${iname}].evaluator.slope`);
  return (x) => add(offset, mul(slope, add(x, { n: -lower.n, d: lower.d })));
}

/**
 * Import a GENIUS XML domain and its profiles.
 *
 * Issues may be discrete (`<item value>` options), integer (`lowerbound`/`upperbound`: one option per
 * integer, or, past {@link MAX_INTEGER_LEVELS} values, evenly spaced integers — a warning states the
 * step) or real (a `<range>`: cut into `realLevels` evenly spaced values, the step stated in a warning).
 * Profiles give discrete issues `<item evaluation>` scores, divided by the issue's largest score
 * (GENIUS's normalisation), and numeric issues a linear `<evaluator>` whose value offset + slope·x must
 * lie in [0, 1]. Numbers are read as exact decimals, so the values handed to ./exact.ts are the
 * fractions the files mean. `<discount_factor>` δ < 1 is applied at `discountAt` when given, else
 * reported in a warning and ignored (a static analysis: utilities as at time 0).
 * @param domainXml text of the domain file
 * @param profiles the profile files (one per party); the party id is derived from `name`
 * @returns a validated Domain (values 0–100, `scale: 1`)
 * @throws AccordError `unsupported` (exit 69) for non-linear (hyper-rectangle) profiles and non-linear
 *   evaluators; `invalid_input` for malformed files or profiles that do not match the domain
 */
export function importGeniusXml(domainXml: string, profiles: ProfileFile[], opts: GeniusXmlOptions = {}): Domain {
  const dfile = opts.domainFile ?? 'domain.xml';
  const warn = opts.onWarning ?? (() => {});
  const space = utilitySpace(parseXml(domainXml, dfile), dfile);
  const rawIssues = collectIssues(space);
  if (!rawIssues.length) throw invalid('the domain declares no <issue>', { file: dfile });
  const issueIds = new Set<string>();
  const issues: DomainIssue[] = [];
  const byIndex = new Map<string, { issue: DomainIssue; labelToOption: Map<string, string>; numeric: NumericIssue | null }>();
  for (const ri of rawIssues) {
    const name = attr(ri, 'name') ?? `issue ${attr(ri, 'index') ?? issues.length + 1}`;
    const kind = issueKind(ri);
    const optIds = new Set<string>();
    const labelToOption = new Map<string, string>();
    let numeric: NumericIssue | null = null;
    let options: { id: string; label: string }[];
    if (kind === 'discrete') {
      options = arr(ri['item']).map((it) => {
        const lab = attr(it, 'value') ?? '';
        if (!lab) throw invalid(`an <item> of issue "${name}" has no value attribute`, { file: dfile });
        const id = slugId(lab, optIds, 'option');
        labelToOption.set(lab, id);
        return { id, label: lab };
      });
    } else if (kind === 'integer' || kind === 'real') {
      const { lower, upper } = bounds(ri, dfile, name);
      let levels: Rational[];
      if (kind === 'integer') {
        const lo = (lower.n + lower.d - 1n) / lower.d; // ceil (bounds are integers in practice)
        const hi = upper.n / upper.d;
        const count = Number(hi - lo) + 1;
        if (count <= MAX_INTEGER_LEVELS) levels = Array.from({ length: count }, (_, k) => ({ n: lo + BigInt(k), d: 1n }));
        else {
          const step = BigInt(Math.ceil((count - 1) / (MAX_INTEGER_LEVELS - 1)));
          levels = [];
          for (let v = lo; v <= hi; v += step) levels.push({ n: v, d: 1n });
          if (levels[levels.length - 1]!.n !== hi) levels.push({ n: hi, d: 1n });
          warn({ file: dfile, field: `issue[${name}]`, message: `integer issue "${name}" has ${count} values; sampled every ${step} (${levels.length} options, both bounds kept)` });
        }
      } else {
        const n = Math.max(2, Math.floor(opts.realLevels ?? 11));
        levels = spaced(lower, upper, n);
        const step = n > 1 ? (toNumber(upper) - toNumber(lower)) / (n - 1) : 0;
        warn({ file: dfile, field: `issue[${name}]`, message: `real issue "${name}" [${label(lower)}, ${label(upper)}] discretised into ${levels.length} values, step ${step}` });
      }
      numeric = { kind, lower, upper, levels };
      options = levels.map((r) => {
        const lab = label(r);
        const id = slugId(lab, optIds, 'value');
        labelToOption.set(lab, id);
        return { id, label: lab };
      });
    } else {
      throw new AccordError('unsupported', `issue "${name}" is of type "${kind}"; Accord reads discrete, integer and real issues`, { file: dfile, field: `issue[${name}]` });
    }
    if (!options.length) throw invalid(`issue "${name}" has no options`, { file: dfile, field: `issue[${name}]` });
    const issue: DomainIssue = { id: slugId(name, issueIds, 'issue'), name, options };
    issues.push(issue);
    byIndex.set(attr(ri, 'index') ?? name, { issue, labelToOption, numeric });
  }

  const partyIds = new Set<string>();
  const out: PartyProfile[] = profiles.map((pf) => {
    if (isNonLinearProfile(pf.text)) {
      throw new AccordError('unsupported', `profile "${pf.name}" is a non-linear (hyper-rectangle) utility space; Accord analyses linear additive profiles only`, { file: pf.name });
    }
    const space2 = utilitySpace(parseXml(pf.text, pf.name), pf.name);
    const type = (attr(space2, 'type') ?? '').toLowerCase();
    if (type === 'nonlinear' || space2['ufun'] !== undefined || space2['utility'] !== undefined) {
      throw new AccordError('unsupported', `profile "${pf.name}" is a non-linear (hyper-rectangle) utility space; Accord analyses linear additive profiles only`, { file: pf.name });
    }
    const weights: Record<string, number> = {};
    const values: Record<string, Record<string, number>> = {};
    const wByIndex = new Map<string, number>();
    for (const w of collectWeights(space2)) wByIndex.set(attr(w, 'index') ?? '', num(attr(w, 'value'), pf.name, 'weight'));
    const seen = new Set<string>();
    // Discount: δ^t on every value and on the reservation, or a warning.
    const df = space2['discount_factor'] as XmlNode | undefined;
    const delta = df ? num(attr(df, 'value'), pf.name, 'discount_factor') : 1;
    if (!(delta > 0 && delta <= 1)) throw invalid(`discount factor ${delta} is not in (0, 1]`, { file: pf.name, field: 'discount_factor' });
    let factor = 1;
    if (delta < 1) {
      if (opts.discountAt === undefined) warn({ file: pf.name, field: 'discount_factor', message: `discount factor ${delta} ignored: the analysis is static (utilities as at time 0); give a time t in [0, 1] to apply u·δ^t` });
      else {
        factor = delta ** opts.discountAt;
        warn({ file: pf.name, field: 'discount_factor', message: `discount factor ${delta} applied at time ${opts.discountAt}: utilities and reservation × ${factor}` });
      }
    }
    for (const ri of collectIssues(space2)) {
      const idx = attr(ri, 'index') ?? attr(ri, 'name') ?? '';
      const target = byIndex.get(idx);
      const iname = attr(ri, 'name') ?? idx;
      if (!target) throw invalid(`issue "${iname}" (index ${idx}) is not in the domain`, { file: pf.name, field: `issue[${iname}]` });
      seen.add(idx);
      const vals: Record<string, number> = {};
      if (target.numeric) {
        const ev = arr(ri['evaluator'])[0];
        if (!ev) throw invalid(`numeric issue "${iname}" has no <evaluator>`, { file: pf.name, field: `issue[${iname}]` });
        const f = linearEvaluator(ev, pf.name, iname, target.numeric.lower);
        target.issue.options.forEach((o, k) => {
          const e = f(target.numeric!.levels[k]!);
          if (e.n < 0n || e.n > e.d) throw invalid(`the evaluator of issue "${iname}" gives ${toNumber(e)} at ${o.label}; expected a value in [0, 1]`, { file: pf.name, field: `issue[${iname}].evaluator` });
          vals[o.id] = toNumber(mul(e, HUNDRED)) * factor;
        });
      } else {
        if (issueKind(ri) !== 'discrete') throw invalid(`issue "${iname}" is discrete in the domain but not in the profile`, { file: pf.name, field: `issue[${iname}]` });
        const evals = new Map<string, Rational>();
        for (const it of arr(ri['item'])) {
          const lab = attr(it, 'value') ?? '';
          const oid = target.labelToOption.get(lab);
          if (oid === undefined) throw invalid(`option "${lab}" of issue "${iname}" is not in the domain`, { file: pf.name, field: `issue[${iname}]` });
          const ev = dec(attr(it, 'evaluation'), pf.name, `issue[${iname}].item[${lab}].evaluation`);
          if (ev.n < 0n) throw invalid(`negative evaluation ${toNumber(ev)} for option "${lab}"`, { file: pf.name, field: `issue[${iname}]` });
          evals.set(oid, ev);
        }
        let max: Rational = { n: 0n, d: 1n };
        for (const e of evals.values()) if (e.n * max.d > max.n * e.d) max = e;
        for (const o of target.issue.options) {
          const ev = evals.get(o.id);
          if (ev === undefined) throw invalid(`no evaluation for option "${o.label}" of issue "${iname}"`, { file: pf.name });
          vals[o.id] = max.n > 0n ? toNumber(reduce({ n: 100n * ev.n * max.d, d: ev.d * max.n })) * factor : 0;
        }
      }
      values[target.issue.id] = vals;
      const w = wByIndex.get(idx);
      if (w === undefined) throw invalid(`no <weight> for issue "${iname}" (index ${idx})`, { file: pf.name });
      if (w < 0) throw invalid(`negative weight for issue "${iname}"`, { file: pf.name });
      weights[target.issue.id] = w;
    }
    for (const [idx, t] of byIndex) {
      if (!seen.has(idx)) throw invalid(`the profile does not evaluate issue "${t.issue.name}"`, { file: pf.name });
    }
    const res = space2['reservation'] as XmlNode | undefined;
    const reservation = res ? dec(attr(res, 'value'), pf.name, 'reservation') : { n: 0n, d: 1n };
    if (reservation.n < 0n || reservation.n > reservation.d) throw invalid(`reservation value ${toNumber(reservation)} is not between 0 and 1`, { file: pf.name, field: 'reservation' });
    return {
      party: slugId(pf.name, partyIds, 'party'),
      name: pf.name,
      weights,
      values,
      reservation: toNumber(mul(reservation, HUNDRED)) * factor,
      redLines: {},
      estimate: false,
      visibility: 'public' as const,
    };
  });
  const taken = new Set<string>();
  const domainName = opts.name ?? dfile.replace(/^.*[\\/]/, '').replace(/\.xml$/i, '');
  return validateDomain(
    { id: opts.id ?? slugId(domainName, taken, 'domain'), name: domainName, scale: 1, source: `genius-xml:${domainName}`, issues, profiles: out },
    dfile,
  );
}

/** A GENIUS non-linear profile: `type="nonlinear"`, or hyper-rectangle `<ufun>` / `<hyperRectangle>` utilities. */
export function isNonLinearProfile(text: string): boolean {
  return /<utility_space\b[^>]*\btype\s*=\s*["']nonlinear["']/i.test(text) || /<(ufun|hyperRectangle)\b/i.test(text);
}

/** What a file of a GENIUS folder is. */
export type GeniusFileKind = 'domain' | 'profile' | 'nonlinear-profile' | 'other';

/**
 * Classify a file of a GENIUS folder by its content: a domain (`<negotiation_template>`, or a
 * `<utility_space>` with no scores), a linear profile (a `<utility_space>` with weights, evaluations or
 * evaluators), a non-linear profile, or anything else (ANAC folders ship `pareto.xml` — a list of
 * numbers — and readme files beside the domain).
 */
export function classifyGeniusFile(text: string): GeniusFileKind {
  if (isNonLinearProfile(text)) return 'nonlinear-profile';
  if (/<negotiation_template\b/i.test(text)) return 'domain';
  if (!/<utility_space\b/i.test(text)) return 'other';
  return /\bevaluation\s*=|<weight\b|<evaluator\b/i.test(text) ? 'profile' : 'domain';
}

/**
 * Why a file of a GENIUS folder is neither a domain nor a profile: not well-formed XML (with the
 * validator's line), or XML without a `<negotiation_template>` / `<utility_space>` element.
 */
function whyNotGenius(text: string): { reason: string; line?: number } {
  const v = XMLValidator.validate(text);
  if (v !== true) return { reason: `not well-formed XML at line ${v.err.line}: ${v.err.msg}`, line: v.err.line };
  return { reason: 'no <negotiation_template> or <utility_space> element' };
}

/**
 * Import a folder of GENIUS XML files given as (name, text) pairs: one domain file, one profile per
 * party; other files are skipped with a warning. A non-linear profile anywhere in the folder ends
 * the import with `unsupported` (exit 69), whatever else is there.
 * @throws AccordError `unsupported` for non-linear profiles; `invalid_input` when there is not exactly
 *   one domain file or no profile
 */
export function importGeniusFolder(files: ProfileFile[], opts: GeniusXmlOptions & { folder?: string } = {}): Domain {
  const folder = opts.folder ?? '.';
  const warn = opts.onWarning ?? (() => {});
  const kinds = files.map((f) => ({ f, kind: classifyGeniusFile(f.text) }));
  const nonlinear = kinds.filter((k) => k.kind === 'nonlinear-profile');
  if (nonlinear.length) {
    throw new AccordError('unsupported', `${nonlinear.map((k) => k.f.name).join(', ')}: non-linear (hyper-rectangle) GENIUS utility space; Accord analyses linear additive profiles only`, { file: nonlinear[0]!.f.name });
  }
  const skipped = kinds.filter((k) => k.kind === 'other').map((k) => ({ file: k.f.name, ...whyNotGenius(k.f.text) }));
  for (const s of skipped) warn({ file: s.file, message: `not a GENIUS domain or profile: skipped (${s.reason})` });
  const doms = kinds.filter((k) => k.kind === 'domain');
  if (doms.length !== 1) {
    // With no domain, the skipped files are the likely culprits: say what was wrong with each.
    const why = doms.length === 0 && skipped.length ? `; skipped ${skipped.map((s) => `${s.file} (${s.reason})`).join(', ')}` : '';
    const only = doms.length === 0 && skipped.length === 1 ? skipped[0]! : undefined;
    throw invalid(`expected exactly one GENIUS domain file in ${folder}, found ${doms.length} (${doms.map((d) => d.f.name).join(', ') || 'none'})${why}`, only ? { file: only.file, ...(only.line ? { line: only.line } : {}) } : { file: folder });
  }
  const profs = kinds.filter((k) => k.kind === 'profile');
  if (!profs.length) throw invalid(`no GENIUS profile in ${folder} (a <utility_space> with weights and evaluations)`, { file: folder });
  return importGeniusXml(
    doms[0]!.f.text,
    profs.map((k) => ({ name: k.f.name.replace(/^.*[\\/]/, '').replace(/\.xml$/i, ''), text: k.f.text })),
    { ...opts, domainFile: doms[0]!.f.name },
  );
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw invalid(`not valid JSON: ${(e as Error).message}`, { file });
  }
}

/**
 * Import a GeniusWeb JSON domain and `LinearAdditiveUtilitySpace` profiles.
 * @param domainJson text of the domain file (`{name, issuesValues}`); when null, the domain embedded in
 *   the first profile is used
 * @param profiles the profile files; the party id is derived from the profile's `name` (else the file name)
 * @throws AccordError `unsupported` for other utility-space kinds (e.g. `SumOfGroupsUtilitySpace`) or
 *   non-discrete value sets; `invalid_input` for malformed files
 */
export function importGeniusWebJson(
  domainJson: string | null,
  profiles: ProfileFile[],
  opts: { domainFile?: string; id?: string; name?: string } = {},
): Domain {
  const dfile = opts.domainFile ?? 'domain.json';
  const spaces = profiles.map((pf) => {
    const raw = parseJson(pf.text, pf.name);
    if (!isObj(raw)) throw invalid('expected a JSON object', { file: pf.name });
    const kind = Object.keys(raw)[0] ?? '';
    if (kind !== 'LinearAdditiveUtilitySpace') {
      throw new AccordError('unsupported', `profile kind "${kind}" is not linear additive; Accord analyses LinearAdditiveUtilitySpace profiles only`, {
        file: pf.name,
      });
    }
    const s = raw[kind];
    if (!isObj(s)) throw invalid('expected an object under LinearAdditiveUtilitySpace', { file: pf.name });
    return { pf, s };
  });
  let dom: unknown = domainJson === null ? spaces[0]?.s['domain'] : parseJson(domainJson, dfile);
  if (!isObj(dom) || !isObj(dom['issuesValues'])) throw invalid('expected a GeniusWeb domain {name, issuesValues}', { file: dfile });
  const domName = typeof dom['name'] === 'string' ? dom['name'] : 'domain';
  const issueIds = new Set<string>();
  const issues: (DomainIssue & { key: string; byLabel: Map<string, string> })[] = [];
  for (const [key, spec] of Object.entries(dom['issuesValues'] as Record<string, unknown>)) {
    if (!isObj(spec) || !Array.isArray(spec['values'])) {
      throw new AccordError('unsupported', `issue "${key}" has no discrete value list; only discrete issues can be imported`, { file: dfile, field: `issuesValues.${key}` });
    }
    const optIds = new Set<string>();
    const byLabel = new Map<string, string>();
    const options = (spec['values'] as unknown[]).map((v) => {
      const label = String(v);
      const id = slugId(label, optIds, 'option');
      byLabel.set(label, id);
      return { id, label };
    });
    if (!options.length) throw invalid(`issue "${key}" has no values`, { file: dfile, field: `issuesValues.${key}` });
    issues.push({ id: slugId(key, issueIds, 'issue'), name: key, options, key, byLabel });
  }
  const partyIds = new Set<string>();
  const out: PartyProfile[] = spaces.map(({ pf, s }) => {
    const name = typeof s['name'] === 'string' && s['name'] ? s['name'] : pf.name;
    const iu = s['issueUtilities'];
    const iw = s['issueWeights'];
    if (!isObj(iu) || !isObj(iw)) throw invalid('expected issueUtilities and issueWeights', { file: pf.name });
    const weights: Record<string, number> = {};
    const values: Record<string, Record<string, number>> = {};
    for (const iss of issues) {
      const spec = iu[iss.key];
      const w = iw[iss.key];
      if (typeof w !== 'number' || !(w >= 0)) throw invalid(`expected a weight ≥ 0 for issue "${iss.key}"`, { file: pf.name, field: `issueWeights.${iss.key}` });
      weights[iss.id] = w;
      if (!isObj(spec) || !isObj(spec['discreteutils'])) {
        throw new AccordError('unsupported', `issue "${iss.key}" has no discreteutils; only discrete value utilities are supported`, {
          file: pf.name,
          field: `issueUtilities.${iss.key}`,
        });
      }
      const vu = (spec['discreteutils'] as Record<string, unknown>)['valueUtilities'];
      if (!isObj(vu)) throw invalid('expected valueUtilities', { file: pf.name, field: `issueUtilities.${iss.key}` });
      const vals: Record<string, number> = {};
      for (const o of iss.options) {
        const v = vu[o.label];
        if (typeof v !== 'number' || v < 0 || v > 1) {
          throw invalid(`expected a utility in [0, 1] for value "${o.label}"`, { file: pf.name, field: `issueUtilities.${iss.key}.discreteutils.valueUtilities` });
        }
        vals[o.id] = 100 * v;
      }
      values[iss.id] = vals;
    }
    let reservation = 0;
    const rb = s['reservationBid'];
    if (isObj(rb) && isObj(rb['issuevalues'])) {
      const total = Object.values(weights).reduce((a, b) => a + b, 0);
      const bid = rb['issuevalues'] as Record<string, unknown>;
      for (const iss of issues) {
        const label = bid[iss.key];
        if (label === undefined) continue; // a partial bid: the missing issue contributes nothing
        const oid = iss.byLabel.get(String(label));
        if (oid === undefined) throw invalid(`reservationBid names unknown value "${String(label)}" of issue "${iss.key}"`, { file: pf.name, field: 'reservationBid' });
        reservation += total > 0 ? ((weights[iss.id] ?? 0) / total) * (values[iss.id]?.[oid] ?? 0) : 0;
      }
    }
    return {
      party: slugId(name, partyIds, 'party'),
      name,
      weights,
      values,
      reservation: Math.min(100, reservation),
      redLines: {},
      estimate: false,
      visibility: 'public' as const,
    };
  });
  const taken = new Set<string>();
  const domainName = opts.name ?? domName;
  return validateDomain(
    {
      id: opts.id ?? slugId(domainName, taken, 'domain'),
      name: domainName,
      scale: 1,
      source: `geniusweb-json:${domainName}`,
      issues: issues.map(({ id, name, options }) => ({ id, name, options })),
      profiles: out,
    },
    dfile,
  );
}
