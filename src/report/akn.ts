/**
 * Akoma Ntoso 3.0 (OASIS LegalDocML, namespace {@link AKN_NS}) export and import of a version.
 *
 * Mapping (validated against `akomantoso30.xsd` in the tests):
 * - the version is a `<doc name="{document kind}">`; FRBR identifiers follow the AKN naming
 *   convention with jurisdiction `int`: work `/akn/int/doc/{kind}/{first version date}/{document id}`,
 *   expression `…/eng@{version date}`, manifestation `…/eng@{version date}.akn`; FRBRauthor and the
 *   TLCOrganization references name the proponents; `FRBRversionNumber` holds the version label;
 * - axes are `<chapter>`, points `<point>`, sub-points `<point class="subpoint">` nested in their
 *   point; `wId` is the lineage id, `eId` the structural id (`chp_I__point_2`), so a point keeps its
 *   `wId` across versions while its `eId` follows its number;
 * - a provision's own text is one `<p>` (in `<content>` for a leaf, `<intro>` when it has children);
 *   bracketed spans are `<inline name="bracket">` (brackets included, proponents in `refersTo`);
 *   labelled alternatives are `<inline name="alternative" class="option-{label}">` around the
 *   option's text where the text holds it, else an `<hcontainer name="alternative">` after the intro;
 * - the text status is `refersTo="#status_{status}"` (TLCConcept); PA-X topics are `<keyword
 *   dictionary="PA-X" href="#{eId}">` in `<classification>`; the lifecycle lists the tabling and the
 *   events at which the version was tabled (TLCEvent references);
 * - `<proprietary>` carries what AKN has no slot for (reduced-precision date, `basedOn`, note,
 *   document title and kind) in the namespace {@link ACCORD_NS}, so export → import is lossless.
 * Import reads that mapping back, and falls back to FRBR metadata for documents from other tools.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { compareIsoDates, isIsoDate, startOf, todayIso } from '../model/dates.js';
import { AccordError } from '../model/errors.js';
import {
  DocumentKind,
  TextStatus,
  Version,
  type Alternative,
  type BracketSpan,
  type Document,
  type ProcessData,
  type Provision,
  type ProvisionKind,
} from '../model/schemas.js';
import { impliedStatus } from '../text/provisions.js';
import { esc } from './svg.js';

/** The Akoma Ntoso 3.0 namespace. */
export const AKN_NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
/** Namespace of Accord's elements inside `<proprietary>`. */
export const ACCORD_NS = 'urn:accord:akn-extension:1';

/** Id-safe token for eIds: letters, digits, `-`, `.`; anything else becomes `-`. */
function token(s: string): string {
  return s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

interface Span {
  start: number;
  end: number;
  kind: 'bracket' | 'alternative';
  bracket?: BracketSpan;
  alt?: Alternative;
  children: Span[];
}

/** Locate each alternative's text in the provision text, in order; unlocated ones are returned apart. */
function locateAlternatives(text: string, alts: Alternative[]): { located: { alt: Alternative; start: number; end: number }[]; detached: Alternative[] } {
  const located: { alt: Alternative; start: number; end: number }[] = [];
  const detached: Alternative[] = [];
  let from = 0;
  for (const a of alts) {
    const at = a.text ? text.indexOf(a.text, from) : -1;
    if (at < 0) detached.push(a);
    else {
      located.push({ alt: a, start: at, end: at + a.text.length });
      from = at + a.text.length;
    }
  }
  return { located, detached };
}

/**
 * Insert `s` into a forest of properly nested spans: inside the span that contains it, or around the
 * siblings it contains. Returns false (and changes nothing) when `s` crosses a span's boundary,
 * which XML elements cannot express.
 */
function insertSpan(list: Span[], s: Span): boolean {
  for (const t of list) {
    if (t.start <= s.start && s.end <= t.end && !(t.start === s.start && t.end === s.end && s.kind === 'alternative' && t.kind === 'bracket')) {
      return insertSpan(t.children, s);
    }
  }
  const inside: Span[] = [];
  for (const t of list) {
    const disjoint = t.end <= s.start || t.start >= s.end;
    const contained = s.start <= t.start && t.end <= s.end;
    if (!disjoint && !contained) return false;
    if (contained) inside.push(t);
  }
  s.children.push(...inside);
  const keep = list.filter((t) => !inside.includes(t));
  keep.push(s);
  keep.sort((x, y) => x.start - y.start);
  list.splice(0, list.length, ...keep);
  return true;
}

/** Brackets first (they always nest), then each located alternative that nests; the rest are returned. */
function buildSpans(p: Provision, located: { alt: Alternative; start: number; end: number }[]): { roots: Span[]; failed: Alternative[] } {
  const roots: Span[] = [];
  const brackets = p.brackets.filter((b) => b.start >= 0 && b.end <= p.text.length && b.start < b.end).slice().sort((a, b) => a.start - b.start || b.end - a.end);
  for (const b of brackets) insertSpan(roots, { start: b.start, end: b.end, kind: 'bracket', bracket: b, children: [] });
  const failed: Alternative[] = [];
  for (const l of located) if (!insertSpan(roots, { start: l.start, end: l.end, kind: 'alternative', alt: l.alt, children: [] })) failed.push(l.alt);
  return { roots, failed };
}

const ref = (ids: string[]) => ids.map((p) => `#org_${token(p)}`).join(' ');

/** The `<p>` body of a provision's text with brackets and nested alternatives marked inline. */
function inlineText(p: Provision, eId: string, roots: Span[]): string {
  const render = (from: number, to: number, list: Span[]): string => {
    let out = '';
    let at = from;
    for (const s of list) {
      out += esc(p.text.slice(at, s.start));
      const inner = render(s.start, s.end, s.children);
      if (s.kind === 'bracket') {
        const rt = s.bracket!.proponents.length ? ` refersTo="${ref(s.bracket!.proponents)}"` : '';
        out += `<inline name="bracket"${rt}>${inner}</inline>`;
      } else {
        const a = s.alt!;
        const rt = a.proponents.length ? ` refersTo="${ref(a.proponents)}"` : '';
        out += `<inline name="alternative" eId="${eId}__alt_${token(a.label)}" class="option-${token(a.label)}"${rt}>${inner}</inline>`;
      }
      at = s.end;
    }
    return out + esc(p.text.slice(at, to));
  };
  return render(0, p.text.length, roots);
}

/** Options of {@link versionToAkn}. */
export interface AknExportOptions {
  /** Date of the manifestation (the export), ISO day; default today. */
  exportedAt?: string;
  /** Base of links back to Accord, e.g. `https://accord.example/p/russia-ukraine-2025`. */
  link?: string;
}

/**
 * Akoma Ntoso 3.0 XML of one version of `data` (see the module doc for the mapping).
 * @throws AccordError `not_found` when the version does not exist.
 */
export function versionToAkn(data: ProcessData, versionId: string, opts: AknExportOptions = {}): string {
  const v = data.versions.find((x) => x.id === versionId);
  if (!v) throw new AccordError('not_found', `no version "${versionId}" in process "${data.process.id}"`, { field: 'version' });
  const doc: Document = data.documents.find((d) => d.id === v.document) ?? { id: v.document, title: v.document, kind: 'plan', proponents: [] };
  const firstDate = data.versions
    .filter((x) => x.document === doc.id)
    .map((x) => x.date)
    .sort(compareIsoDates)[0] ?? v.date;
  const workUri = `/akn/int/doc/${doc.kind}/${startOf(firstDate)}/${token(doc.id)}`;
  const exprUri = `${workUri}/eng@${startOf(v.date)}`;
  const manUri = `${exprUri}.akn`;
  const exported = opts.exportedAt ?? todayIso();
  const partyName = new Map(data.parties.map((p) => [p.id, p.name]));
  const authors = v.proponents.length ? v.proponents : doc.proponents;

  // Body and the per-provision facts gathered while writing it.
  const keywords: { code: string; eId: string }[] = [];
  const statuses = new Set<string>();
  const orgs = new Set<string>(authors);
  const used = new Set<string>();
  const uniq = (id: string) => {
    let k = id;
    for (let i = 2; used.has(k); i++) k = `${id}-${i}`;
    used.add(k);
    return k;
  };
  const body: string[] = [];
  const write = (p: Provision, parentEid: string | null, depth: number, ordinal: number, insidePoint: boolean) => {
    const el = p.kind === 'axis' ? 'chapter' : 'point';
    const prefix = p.kind === 'axis' ? 'chp' : 'point';
    const eId = uniq(`${parentEid ? parentEid + '__' : ''}${prefix}_${p.num !== null ? token(p.num) : `nn${ordinal}`}`);
    const ind = '  '.repeat(depth + 3);
    const attrs = [`eId="${eId}"`, `wId="${esc(p.lineage)}"`];
    if (p.kind === 'subpoint' || (p.kind === 'point' && insidePoint)) attrs.push(`class="${p.kind}"`);
    statuses.add(p.status);
    attrs.push(`refersTo="#status_${p.status}"`);
    for (const t of p.topics) keywords.push({ code: t, eId });
    for (const b of p.brackets) b.proponents.forEach((x) => orgs.add(x));
    for (const a of p.alternatives) a.proponents.forEach((x) => orgs.add(x));
    const loc = locateAlternatives(p.text, p.alternatives);
    const { roots, failed } = buildSpans(p, loc.located);
    const located = loc.located.filter((l) => !failed.includes(l.alt));
    // Alternatives that cannot be marked inline keep their original order among themselves.
    const detached = p.alternatives.filter((a) => loc.detached.includes(a) || failed.includes(a));
    body.push(`${ind}<${el} ${attrs.join(' ')}>`);
    if (p.num !== null) body.push(`${ind}  <num>${esc(p.num)}</num>`);
    if (p.heading !== null) body.push(`${ind}  <heading>${esc(p.heading)}</heading>`);
    const para = `<p>${inlineText(p, eId, roots)}</p>`;
    if (!p.children.length && !detached.length) {
      body.push(`${ind}  <content>${para}</content>`);
    } else {
      if (p.text !== '' || located.length || p.brackets.length) body.push(`${ind}  <intro>${para}</intro>`);
      for (const a of detached) {
        const rt = a.proponents.length ? ` refersTo="${ref(a.proponents)}"` : '';
        body.push(`${ind}  <hcontainer name="alternative" eId="${uniq(`${eId}__alt_${token(a.label)}`)}" class="option-${token(a.label)}"${rt}><num>${esc(a.label)}</num><content><p>${esc(a.text)}</p></content></hcontainer>`);
      }
      p.children.forEach((c, i) => write(c, eId, depth + 1, i + 1, insidePoint || p.kind !== 'axis'));
    }
    body.push(`${ind}</${el}>`);
  };
  v.provisions.forEach((p, i) => write(p, null, 0, i + 1, false));
  if (!body.length) body.push(`      <p>(no provisions)</p>`);

  const events = data.events.filter((e) => e.tabled.includes(v.id)).sort((a, b) => compareIsoDates(a.start, b.start));
  const X: string[] = [];
  X.push('<?xml version="1.0" encoding="UTF-8"?>');
  X.push(`<akomaNtoso xmlns="${AKN_NS}" xmlns:accord="${ACCORD_NS}">`);
  X.push(`  <doc name="${esc(doc.kind)}">`);
  X.push('    <meta>');
  X.push('      <identification source="#accord">');
  const author = (indent: string) => (authors.length ? authors : ['accord']).map((a) => `${indent}<FRBRauthor href="#${a === 'accord' ? 'accord' : `org_${token(a)}`}"/>`).join('\n');
  X.push('        <FRBRWork>');
  X.push(`          <FRBRthis value="${esc(workUri)}/!main"/>`);
  X.push(`          <FRBRuri value="${esc(workUri)}"/>`);
  X.push(`          <FRBRdate date="${startOf(firstDate)}" name="first tabled"/>`);
  X.push(author('          '));
  X.push('          <FRBRcountry value="int"/>');
  X.push(`          <FRBRsubtype value="${esc(doc.kind)}"/>`);
  X.push(`          <FRBRnumber value="${esc(doc.id)}"/>`);
  X.push(`          <FRBRname value="${esc(doc.title)}"/>`);
  X.push('        </FRBRWork>');
  X.push('        <FRBRExpression>');
  X.push(`          <FRBRthis value="${esc(exprUri)}/!main"/>`);
  X.push(`          <FRBRuri value="${esc(exprUri)}"/>`);
  X.push(`          <FRBRdate date="${startOf(v.date)}" name="tabled"/>`);
  X.push(author('          '));
  X.push(`          <FRBRversionNumber value="${esc(v.label)}"/>`);
  X.push('          <FRBRlanguage language="eng"/>');
  X.push('        </FRBRExpression>');
  X.push('        <FRBRManifestation>');
  X.push(`          <FRBRthis value="${esc(exprUri)}/!main.akn"/>`);
  X.push(`          <FRBRuri value="${esc(manUri)}"/>`);
  X.push(`          <FRBRdate date="${exported}" name="exported"/>`);
  X.push('          <FRBRauthor href="#accord"/>');
  X.push('        </FRBRManifestation>');
  X.push('      </identification>');
  if (keywords.length) {
    X.push('      <classification source="#accord">');
    for (const k of keywords) X.push(`        <keyword value="${esc(k.code)}" showAs="${esc(k.code)}" dictionary="PA-X" href="#${k.eId}"/>`);
    X.push('      </classification>');
  }
  X.push('      <lifecycle source="#accord">');
  X.push(`        <eventRef eId="lc_tabled" date="${startOf(v.date)}" source="#original" type="generation" refersTo="#tabling"/>`);
  for (const e of events) X.push(`        <eventRef eId="lc_${token(e.id)}" date="${startOf(e.start)}" source="#original" refersTo="#event_${token(e.id)}"/>`);
  X.push('      </lifecycle>');
  X.push('      <references source="#accord">');
  X.push(`        <original eId="original" href="${esc(exprUri)}" showAs="${esc(`${doc.title}, ${v.label}`)}"/>`);
  X.push(`        <TLCOrganization eId="accord" href="/akn/ontology/organizations/accord" showAs="Accord"/>`);
  for (const o of orgs) X.push(`        <TLCOrganization eId="org_${token(o)}" href="/akn/ontology/organizations/${token(o)}" showAs="${esc(partyName.get(o) ?? o)}"/>`);
  X.push(`        <TLCEvent eId="tabling" href="/akn/ontology/events/tabling" showAs="tabled"/>`);
  for (const e of events) X.push(`        <TLCEvent eId="event_${token(e.id)}" href="/akn/ontology/events/${token(e.id)}" showAs="${esc(`${e.title} (${e.status})`)}"/>`);
  for (const s of [...statuses].sort()) X.push(`        <TLCConcept eId="status_${s}" href="/akn/ontology/concepts/textStatus/${s}" showAs="${s.replace(/-/g, ' ')}"/>`);
  X.push('      </references>');
  X.push('      <proprietary source="#accord">');
  const va = [`id="${esc(v.id)}"`, `document="${esc(doc.id)}"`, `kind="${esc(doc.kind)}"`, `label="${esc(v.label)}"`, `date="${esc(v.date)}"`, `proponents="${esc(v.proponents.join(' '))}"`];
  if (v.basedOn) va.push(`basedOn="${esc(v.basedOn)}"`);
  if (opts.link) va.push(`link="${esc(opts.link)}"`);
  X.push(`        <accord:version ${va.join(' ')}>`);
  X.push(`          <accord:title>${esc(doc.title)}</accord:title>`);
  if (v.note !== undefined) X.push(`          <accord:note>${esc(v.note)}</accord:note>`);
  X.push('        </accord:version>');
  X.push('      </proprietary>');
  X.push('    </meta>');
  X.push(`    <preface><p class="title"><docTitle>${esc(doc.title)}</docTitle> — <docNumber>${esc(v.label)}</docNumber></p></preface>`);
  X.push('    <mainBody>');
  X.push(...body);
  X.push('    </mainBody>');
  X.push('  </doc>');
  X.push('</akomaNtoso>');
  return X.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Import

type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const tagOf = (n: XNode): string => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: XNode): XNode[] => (n[tagOf(n)] as XNode[]) ?? [];
const attr = (n: XNode, a: string): string | undefined => n[':@']?.[`@_${a}`];
const local = (tag: string) => tag.replace(/^[^:]+:/, '');
const childrenNamed = (n: XNode, name: string) => kids(n).filter((c) => local(tagOf(c)) === name);
const first = (n: XNode | undefined, name: string) => (n ? childrenNamed(n, name)[0] : undefined);

/** Text content of a node (all descendant text, in order). */
function textOf(n: XNode): string {
  const t = tagOf(n);
  if (t === '#text') return String(n['#text']);
  return kids(n).map(textOf).join('');
}

function findDeep(n: XNode, name: string): XNode | undefined {
  if (local(tagOf(n)) === name) return n;
  if (tagOf(n) === '#text') return undefined;
  for (const c of kids(n)) {
    const r = findDeep(c, name);
    if (r) return r;
  }
  return undefined;
}

const refs = (n: XNode): string[] => (attr(n, 'refersTo') ?? '').split(/\s+/).filter(Boolean).map((r) => r.replace(/^#/, ''));
const partiesOf = (n: XNode) => refs(n).filter((r) => r.startsWith('org_')).map((r) => r.slice(4));

/** Read a `<p>`'s mixed content back into text, bracket spans and located alternatives. */
function readPara(p: XNode): { text: string; brackets: BracketSpan[]; alternatives: { alt: Alternative; start: number }[] } {
  let text = '';
  const brackets: BracketSpan[] = [];
  const alternatives: { alt: Alternative; start: number }[] = [];
  const walk = (n: XNode) => {
    const t = tagOf(n);
    if (t === '#text') {
      text += String(n['#text']);
      return;
    }
    const start = text.length;
    for (const c of kids(n)) walk(c);
    if (local(t) === 'inline') {
      const content = text.slice(start);
      const name = attr(n, 'name');
      if (name === 'bracket') {
        const inner = content.startsWith('[') && content.endsWith(']') ? content.slice(1, -1) : content;
        brackets.push({ start, end: text.length, text: inner, proponents: partiesOf(n) });
      } else if (name === 'alternative') {
        const cls = (attr(n, 'class') ?? '').split(/\s+/).find((c) => c.startsWith('option-'));
        const label = cls ? cls.slice(7) : String.fromCharCode(65 + alternatives.length);
        alternatives.push({ alt: { label, text: content, proponents: partiesOf(n) }, start });
      }
    }
  };
  for (const c of kids(p)) walk(c);
  brackets.sort((a, b) => a.start - b.start || b.end - a.end);
  return { text, brackets, alternatives };
}

const AXIS_TAGS = new Set(['chapter', 'part', 'title', 'book', 'tome', 'division', 'section', 'subchapter', 'subpart', 'subtitle', 'subdivision']);
const POINT_TAGS = new Set(['point', 'paragraph', 'article', 'clause', 'subparagraph', 'subclause', 'item', 'indent', 'alinea', 'rule', 'subsection', 'level']);

/** What {@link aknToVersion} returns. */
export interface AknImport {
  version: Version;
  document: Pick<Document, 'id' | 'title' | 'kind' | 'proponents'>;
  /** Link back recorded at export, if any. */
  link?: string;
}

/**
 * Read an Akoma Ntoso 3.0 document back into a version (inverse of {@link versionToAkn}; documents
 * from other tools are read through FRBR metadata and the hierarchy: chapters/parts/sections are
 * axes, points/paragraphs/articles are points, and anything nested in a point a sub-point).
 * @param file name used in error messages
 * @throws AccordError `invalid_input` naming the line when the XML is not well-formed, or naming the
 *   missing piece when it is not an AKN document with a body and an identification.
 */
export function aknToVersion(xml: string, opts: { file?: string } = {}): AknImport {
  const file = opts.file;
  // An Akoma Ntoso document is defined by its XML Schema and needs no DTD; entity declarations are
  // refused outright, so that none can expand (the "billion laughs") whatever a parser would do.
  const dtd = /<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.exec(xml);
  if (dtd) {
    const line = xml.slice(0, dtd.index + dtd[0].length).split('\n').length;
    throw new AccordError('invalid_input', 'the document declares entities in a DOCTYPE; Akoma Ntoso needs none, and they are refused so that none can expand', { file, line });
  }
  const ok = XMLValidator.validate(xml);
  if (ok !== true) throw new AccordError('invalid_input', `not well-formed XML: ${ok.err.msg}`, { file, line: ok.err.line, column: ok.err.col });
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', trimValues: false, parseTagValue: false, parseAttributeValue: false, processEntities: true, htmlEntities: false });
  let tree: XNode[];
  try {
    tree = parser.parse(xml) as XNode[];
  } catch (e) {
    // The parser's own guards (entity count, size and expansions, nesting depth) end here.
    throw new AccordError('invalid_input', `cannot read the XML: ${(e as Error).message}`, { file });
  }
  const root = tree.find((n) => local(tagOf(n)) === 'akomaNtoso');
  if (!root) throw new AccordError('invalid_input', 'not an Akoma Ntoso document: expected a root element <akomaNtoso>', { file });
  const docEl = kids(root).find((n) => tagOf(n) !== '#text');
  if (!docEl) throw new AccordError('invalid_input', '<akomaNtoso> holds no document element', { file });
  const meta = first(docEl, 'meta');
  const ident = first(meta, 'identification');
  if (!meta || !ident) throw new AccordError('invalid_input', 'missing <meta>/<identification> (FRBR metadata)', { file, field: 'meta' });
  const body = first(docEl, 'mainBody') ?? first(docEl, 'body');
  if (!body) throw new AccordError('invalid_input', 'missing <mainBody> (or <body>)', { file, field: 'mainBody' });

  // Metadata: proprietary first, FRBR as fallback.
  const prop = meta ? childrenNamed(meta, 'proprietary').map((p) => findDeep(p, 'version')).find((x) => x) : undefined;
  const work = first(ident, 'FRBRWork');
  const expr = first(ident, 'FRBRExpression');
  const val = (n: XNode | undefined, name: string, a = 'value') => {
    const e = first(n, name);
    return e ? attr(e, a) : undefined;
  };
  const workUri = val(work, 'FRBRuri') ?? '';
  const docId = (prop && attr(prop, 'document')) ?? val(work, 'FRBRnumber') ?? workUri.split('/').filter(Boolean).at(-1) ?? 'imported';
  const title = (prop && first(prop, 'title') ? textOf(first(prop, 'title')!) : undefined) ?? val(work, 'FRBRname') ?? (findDeep(docEl, 'docTitle') ? textOf(findDeep(docEl, 'docTitle')!) : docId);
  const kindRaw = (prop && attr(prop, 'kind')) ?? val(work, 'FRBRsubtype') ?? attr(docEl, 'name') ?? 'plan';
  const kind = DocumentKind.safeParse(kindRaw).success ? (kindRaw as Document['kind']) : 'plan';
  const date = (prop && attr(prop, 'date')) ?? val(expr, 'FRBRdate', 'date') ?? '';
  const label = (prop && attr(prop, 'label')) ?? val(expr, 'FRBRversionNumber') ?? (date || 'v1');
  const authors = (expr ? childrenNamed(expr, 'FRBRauthor') : []).map((a) => (attr(a, 'href') ?? '').replace(/^#/, '')).filter((a) => a.startsWith('org_')).map((a) => a.slice(4));
  const proponents = prop && attr(prop, 'proponents') !== undefined ? attr(prop, 'proponents')!.split(/\s+/).filter(Boolean) : authors;
  const versionId = (prop && attr(prop, 'id')) ?? `${docId}-${startOf(date || '2000')}`;
  const basedOn = prop ? attr(prop, 'basedOn') : undefined;
  const noteEl = prop ? first(prop, 'note') : undefined;
  const link = prop ? attr(prop, 'link') : undefined;
  if (!date || !isIsoDate(date)) throw new AccordError('invalid_input', `the version date is missing or not an ISO date ("${date}")`, { file, field: 'FRBRExpression/FRBRdate' });

  // Topics by eId.
  const topics = new Map<string, string[]>();
  for (const cl of childrenNamed(meta, 'classification')) {
    for (const k of childrenNamed(cl, 'keyword')) {
      const href = attr(k, 'href');
      const code = attr(k, 'value');
      if (!href || !code || (attr(k, 'dictionary') ?? '').toUpperCase() !== 'PA-X') continue;
      const id = href.replace(/^#/, '');
      topics.set(id, [...(topics.get(id) ?? []), code]);
    }
  }

  let generated = 0;
  const readProvision = (n: XNode, kind: ProvisionKind): Provision => {
    const numEl = first(n, 'num');
    const headEl = first(n, 'heading');
    const para = first(first(n, 'content') ?? first(n, 'intro'), 'p');
    const r = para ? readPara(para) : { text: '', brackets: [], alternatives: [] };
    const detached: Alternative[] = childrenNamed(n, 'hcontainer')
      .filter((h) => attr(h, 'name') === 'alternative')
      .map((h) => {
        const p = first(first(h, 'content'), 'p');
        return { label: first(h, 'num') ? textOf(first(h, 'num')!) : '?', text: p ? textOf(p) : '', proponents: partiesOf(h) };
      });
    const alternatives = [...r.alternatives.sort((a, b) => a.start - b.start).map((a) => a.alt), ...detached];
    const cls = (attr(n, 'class') ?? '').split(/\s+/);
    const children: Provision[] = [];
    for (const c of kids(n)) {
      const t = local(tagOf(c));
      if (AXIS_TAGS.has(t) && kind === 'axis') children.push(readProvision(c, 'axis'));
      else if (POINT_TAGS.has(t) || (t === 'hcontainer' && attr(c, 'name') !== 'alternative')) {
        const ccls = (attr(c, 'class') ?? '').split(/\s+/);
        children.push(readProvision(c, kind === 'axis' && !ccls.includes('subpoint') ? 'point' : 'subpoint'));
      } else if (AXIS_TAGS.has(t)) children.push(readProvision(c, 'subpoint'));
    }
    const eId = attr(n, 'eId') ?? '';
    const statusRef = refs(n).find((x) => x.startsWith('status_'))?.slice(7);
    const base = { brackets: r.brackets, alternatives };
    const realKind: ProvisionKind = cls.includes('subpoint') ? 'subpoint' : cls.includes('point') ? 'point' : kind;
    return {
      kind: realKind,
      num: numEl ? textOf(numEl) : null,
      heading: headEl ? textOf(headEl) : null,
      text: r.text,
      lineage: attr(n, 'wId') ?? `${docId}-akn-${++generated}`,
      status: statusRef && TextStatus.safeParse(statusRef).success ? (statusRef as Provision['status']) : impliedStatus(base),
      brackets: r.brackets,
      alternatives,
      topics: topics.get(eId) ?? [],
      children,
    };
  };
  const provisions: Provision[] = [];
  for (const c of kids(body)) {
    const t = local(tagOf(c));
    if (AXIS_TAGS.has(t)) provisions.push(readProvision(c, 'axis'));
    else if (POINT_TAGS.has(t) || (t === 'hcontainer' && attr(c, 'name') !== 'alternative')) provisions.push(readProvision(c, 'point'));
  }
  const parsed = Version.safeParse({
    id: versionId,
    document: docId,
    label,
    date,
    proponents,
    ...(basedOn ? { basedOn } : {}),
    ...(noteEl ? { note: textOf(noteEl) } : {}),
    provisions,
  });
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ file, field: i.path.join('.'), message: i.message }));
    throw new AccordError('invalid_input', `the Akoma Ntoso document does not make a valid version (${details.length} problem${details.length === 1 ? '' : 's'})`, { file }, details);
  }
  return { version: parsed.data, document: { id: docId, title, kind, proponents }, ...(link ? { link } : {}) };
}
