/**
 * Import of negotiation domains from the automated-negotiation community's two file formats:
 *
 * - **GENIUS XML** (GENIUS 10.x, TU Delft): a domain file (`<negotiation_template><utility_space>
 *   <objective><issue><item value>`) plus one profile file per party (`<utility_space>` with
 *   `<item value evaluation>`, `<weight index value>`, optional `<reservation value>`). Accord applies
 *   GENIUS's own normalisation: weights scaled to sum 1, and each discrete evaluation divided by the
 *   largest evaluation of its issue (the minimum is not subtracted). `<discount_factor>` is ignored
 *   (a static analysis has no time). Profiles of `type="nonlinear"` are rejected.
 * - **GeniusWeb JSON**: a domain (`{name, issuesValues}`) plus `LinearAdditiveUtilitySpace` profiles
 *   (`issueUtilities.<issue>.discreteutils.valueUtilities`, `issueWeights`, optional `reservationBid`).
 *   GeniusWeb value utilities are already utilities in [0, 1] and are used as given (weights are scaled
 *   to sum 1); the reservation value is the utility of the `reservationBid` outcome.
 *
 * Both produce an Accord {@link Domain} with values on 0–100 and `scale: 1`, so solutions are reported
 * on the 0–1 scale these tools use.
 */
import { XMLParser } from 'fast-xml-parser';
import { AccordError, invalid } from '../model/errors.js';
import { validateDomain, type Domain, type DomainIssue, type PartyProfile } from './domain.js';

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

/**
 * Import a GENIUS XML domain and its profiles.
 * @param domainXml text of the domain file
 * @param profiles the profile files (one per party); the party id is derived from `name`
 * @param opts `domainFile` for messages, `id`/`name` of the resulting domain
 * @returns a validated Domain (values 0–100, `scale: 1`)
 * @throws AccordError `unsupported` for non-linear profiles and non-discrete issues; `invalid_input`
 *   for malformed files or profiles that do not match the domain
 */
export function importGeniusXml(
  domainXml: string,
  profiles: ProfileFile[],
  opts: { domainFile?: string; id?: string; name?: string } = {},
): Domain {
  const dfile = opts.domainFile ?? 'domain.xml';
  const space = utilitySpace(parseXml(domainXml, dfile), dfile);
  const rawIssues = collectIssues(space);
  if (!rawIssues.length) throw invalid('the domain declares no <issue>', { file: dfile });
  const issueIds = new Set<string>();
  const issues: DomainIssue[] = [];
  const byIndex = new Map<string, { issue: DomainIssue; labelToOption: Map<string, string> }>();
  for (const ri of rawIssues) {
    const name = attr(ri, 'name') ?? `issue ${attr(ri, 'index') ?? issues.length + 1}`;
    const kind = issueKind(ri);
    if (kind !== 'discrete') {
      throw new AccordError('unsupported', `issue "${name}" is of type "${kind}"; only discrete issues can be imported (give it discrete options)`, {
        file: dfile,
        field: `issue[${name}]`,
      });
    }
    const optIds = new Set<string>();
    const labelToOption = new Map<string, string>();
    const options = arr(ri['item']).map((it) => {
      const label = attr(it, 'value') ?? '';
      if (!label) throw invalid(`an <item> of issue "${name}" has no value attribute`, { file: dfile });
      const id = slugId(label, optIds, 'option');
      labelToOption.set(label, id);
      return { id, label };
    });
    const issue: DomainIssue = { id: slugId(name, issueIds, 'issue'), name, options };
    issues.push(issue);
    byIndex.set(attr(ri, 'index') ?? name, { issue, labelToOption });
  }

  const partyIds = new Set<string>();
  const out: PartyProfile[] = profiles.map((pf) => {
    const space2 = utilitySpace(parseXml(pf.text, pf.name), pf.name);
    const type = (attr(space2, 'type') ?? '').toLowerCase();
    if (type === 'nonlinear' || space2['ufun'] !== undefined) {
      throw new AccordError(
        'unsupported',
        `profile "${pf.name}" is a non-linear (hyper-rectangle) utility space; Accord analyses linear additive profiles only`,
        { file: pf.name },
      );
    }
    const weights: Record<string, number> = {};
    const values: Record<string, Record<string, number>> = {};
    const wByIndex = new Map<string, number>();
    for (const w of collectWeights(space2)) wByIndex.set(attr(w, 'index') ?? '', num(attr(w, 'value'), pf.name, 'weight'));
    const seen = new Set<string>();
    for (const ri of collectIssues(space2)) {
      const idx = attr(ri, 'index') ?? attr(ri, 'name') ?? '';
      const target = byIndex.get(idx);
      const iname = attr(ri, 'name') ?? idx;
      if (!target) throw invalid(`issue "${iname}" (index ${idx}) is not in the domain`, { file: pf.name, field: `issue[${iname}]` });
      if (issueKind(ri) !== 'discrete') {
        throw new AccordError('unsupported', `issue "${iname}" is not discrete`, { file: pf.name, field: `issue[${iname}]` });
      }
      seen.add(idx);
      const evals = new Map<string, number>();
      for (const it of arr(ri['item'])) {
        const label = attr(it, 'value') ?? '';
        const oid = target.labelToOption.get(label);
        if (oid === undefined) throw invalid(`option "${label}" of issue "${iname}" is not in the domain`, { file: pf.name, field: `issue[${iname}]` });
        const ev = num(attr(it, 'evaluation'), pf.name, `issue[${iname}].item[${label}].evaluation`);
        if (ev < 0) throw invalid(`negative evaluation ${ev} for option "${label}"`, { file: pf.name, field: `issue[${iname}]` });
        evals.set(oid, ev);
      }
      const max = Math.max(0, ...evals.values());
      const vals: Record<string, number> = {};
      for (const o of target.issue.options) {
        const ev = evals.get(o.id);
        if (ev === undefined) throw invalid(`no evaluation for option "${o.label}" of issue "${iname}"`, { file: pf.name });
        vals[o.id] = max > 0 ? (100 * ev) / max : 0;
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
    const reservation = res ? num(attr(res, 'value'), pf.name, 'reservation') : 0;
    if (reservation < 0 || reservation > 1) throw invalid(`reservation value ${reservation} is not between 0 and 1`, { file: pf.name, field: 'reservation' });
    return {
      party: slugId(pf.name, partyIds, 'party'),
      name: pf.name,
      weights,
      values,
      reservation: 100 * reservation,
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
