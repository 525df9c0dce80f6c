/**
 * The one-text procedure's services (drafts.ts, critiques.ts) against a real store, on SQLite and
 * on PostgreSQL when a cluster is available: a whole round on the mini process (document `draft`,
 * versions draft-v1 and draft-v2; parties north, south, med). Expected values are hand-checked
 * against the fixture's texts (src/store/fixtures/mini/texts/draft-v2.md).
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import { type Provision, walkProvisions } from '../model/schemas.js';
import { filterVisible, MEDIATOR_TEAM, type Viewer } from '../model/visibility.js';
import { readBundle } from '../store/bundle.js';
import type { Store } from '../store/store.js';
import { postgresBackend } from '../../test/support/pg.js';
import { repeatedDeflate, zip } from '../../test/support/zip.js';
import { type Backend, sqliteBackend } from '../../test/support/store-backends.js';
import { localContext, type ServiceContext } from './context.js';
import { createCritique, listCritiques, readCritique, responseOf, submitCritique } from './critiques.js';
import { createDraft, editDraft, foldAmendment, listDrafts, readDraft, reviseOf, tableDraft } from './drafts.js';
import type { ResponseView } from './views/onetext.js';

const MINI = readBundle(fileURLToPath(new URL('../store/fixtures/mini', import.meta.url))).data;
const backends: Backend[] = [sqliteBackend];
const pg = await postgresBackend();
if (pg) backends.push(pg);

/** The code of the AccordError a promise rejects with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AccordError) return e.code;
    throw e;
  }
  return 'ok';
}

const TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
/** A Word file of one paragraph per line, as base64; `body` replaces the document part (a hostile one). */
function docx64(lines: string[], body?: { stream: Buffer; size: number; crc: number }): string {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${l}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`;
  const doc = body ? { name: 'word/document.xml', deflated: body } : { name: 'word/document.xml', data: Buffer.from(xml) };
  return zip([{ name: '[Content_Types].xml', data: Buffer.from(TYPES) }, { name: '_rels/.rels', data: Buffer.from(RELS), stored: true }, doc]).toString('base64');
}

const lineages = (tree: Provision[]) => [...walkProvisions(tree)].map((p) => p.lineage);
const node = (tree: Provision[], lineage: string) => [...walkProvisions(tree)].find((p) => p.lineage === lineage);

const V2_LINEAGES = ['draft-axis-I', 'draft-1', 'draft-2', 'draft-axis-II', 'draft-3', 'draft-3.a', 'draft-3.b'];

for (const backend of backends) {
  describe(`one-text services on ${backend.name}`, () => {
    let store: Store | undefined;
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });
    const open = async (): Promise<ServiceContext> => {
      store = await backend.open();
      await store.importProcess(MINI, { actor: 'test' });
      return localContext(store, 'test');
    };
    const as = (ctx: ServiceContext, viewer: Viewer): ServiceContext => ({ ...ctx, viewer });

    it('starts a draft as a copy of a version, lineage ids and all, visible to the mediator’s team only', async () => {
      const ctx = await open();
      const { draft, lineage } = await createDraft(ctx, 'mini', { basedOn: 'draft-v2', id: 'd1' });
      expect(lineage).toEqual({ inherited: 7, fresh: 0 });
      expect(lineages(draft.provisions)).toEqual(V2_LINEAGES);
      expect(draft).toMatchObject({ document: 'draft', basedOn: 'draft-v2', status: 'open', visibility: 'mediator-team' });
      const team = as(ctx, { kind: 'user', user: 'staff', role: 'mediator-staff', sees: [MEDIATOR_TEAM] });
      const north = as(ctx, { kind: 'user', user: 'lev', role: 'party-delegate', party: 'north', sees: ['north'] });
      expect((await listDrafts(team, 'mini')).map((d) => [d.id, d.points, d.provisions])).toEqual([['d1', 3, 7]]);
      expect(await listDrafts(north, 'mini')).toEqual([]);
      expect(await codeOf(readDraft(north, 'mini', 'd1'))).toBe('not_found');
      expect(await codeOf(createDraft(ctx, 'mini', { basedOn: 'draft-v2', id: 'd1' }))).toBe('conflict');
    });

    it('parses a pasted text on the server and carries the lineage ids of the version it revises', async () => {
      const ctx = await open();
      // v2 with points 1 and 2 swapped and a new point 4.
      const text = [
        '## I. Security',
        '',
        '1. Forces withdraw twenty kilometres from the line of contact.',
        '2. The parties observe a ceasefire from the date of signature.',
        '',
        '## II. Politics',
        '',
        '3. Elections are held within eighteen months.',
        '   a. An electoral commission is formed.',
        '   b. Observers are invited.',
        '4. Displaced families may return to their homes.',
      ].join('\n');
      const { draft, lineage } = await createDraft(ctx, 'mini', { basedOn: 'draft-v2', text, format: 'markdown' });
      const points = [...walkProvisions(draft.provisions)].filter((p) => p.kind === 'point');
      expect(points.map((p) => p.lineage).slice(0, 3)).toEqual(['draft-2', 'draft-1', 'draft-3']);
      expect(V2_LINEAGES).not.toContain(points[3]!.lineage);
      expect(lineage.fresh).toBe(1);
      expect(await codeOf(createDraft(ctx, 'mini', { basedOn: 'draft-v2', text: '\n \n' }))).toBe('invalid_input');
    });

    it('reads an uploaded .docx on the server, and refuses one that inflates past the limit without inflating it whole', async () => {
      const ctx = await open();
      const lines = ['1. The parties observe a ceasefire from the date of signature.', '2. Forces withdraw twenty kilometres from the line of contact.'];
      const { draft } = await createDraft(ctx, 'mini', { basedOn: 'draft-v2', docx: docx64(lines) });
      expect([...walkProvisions(draft.provisions)].filter((p) => p.kind === 'point').map((p) => p.lineage)).toEqual(['draft-1', 'draft-2']);
      // 128 MiB of "A" in a few hundred kilobytes: past the 64 MiB inflated limit.
      const bomb = docx64([], repeatedDeflate(Buffer.alloc(64 * 1024, 0x41), 2048));
      expect(await codeOf(createDraft(ctx, 'mini', { basedOn: 'draft-v2', docx: bomb }))).toBe('too_large');
      expect(await codeOf(createDraft(ctx, 'mini', { basedOn: 'draft-v2', docx: Buffer.from('not a zip').toString('base64') }))).toBe('invalid_input');
      expect(await listDrafts(ctx, 'mini')).toHaveLength(1);
    });

    it('saves edits conditionally on the tag read, keeps lineage ids, and tables an immutable version with date, event and proponents', async () => {
      const ctx = await open();
      const created = await createDraft(ctx, 'mini', { basedOn: 'draft-v2', id: 'd1' });
      // Typing in point 1.
      const s1 = await editDraft(ctx, 'mini', 'd1', { ops: [{ op: 'set', lineage: 'draft-1', text: 'The parties observe a ceasefire from the hour of signature.' }] }, created.etag);
      expect(s1.touched.map((p) => [p.lineage, p.text])).toEqual([['draft-1', 'The parties observe a ceasefire from the hour of signature.']]);
      expect(s1.draft).toBeUndefined();
      expect(s1.etag).not.toBe(created.etag);
      // A second editor still holding the first tag is told, and changes nothing.
      expect(await codeOf(editDraft(ctx, 'mini', 'd1', { ops: [{ op: 'set', lineage: 'draft-1', text: 'lost' }] }, created.etag))).toBe('precondition_failed');
      expect(node((await readDraft(ctx, 'mini', 'd1')).entity.provisions, 'draft-1')!.text).toBe('The parties observe a ceasefire from the hour of signature.');
      // Move point 2 under axis II, split point 3 after "held", bracket the word "hour" of point 1.
      const HOUR = 'The parties observe a ceasefire from the '.length;
      const p3 = node(created.draft.provisions, 'draft-3')!.text; // "Elections are held within eighteen months."
      const at = p3.indexOf(' within');
      const s2 = await editDraft(
        ctx,
        'mini',
        'd1',
        {
          ops: [
            { op: 'move', lineage: 'draft-2', parent: 'draft-axis-II', index: 1 },
            { op: 'split', lineage: 'draft-3', at, num: '3 bis' },
            { op: 'bracket', lineage: 'draft-1', start: HOUR, end: HOUR + 4, proponents: ['north'] },
          ],
        },
        s1.etag,
      );
      const tree = s2.draft!.provisions;
      expect(lineages(tree)).toEqual(['draft-axis-I', 'draft-1', 'draft-axis-II', 'draft-3', 'draft-3.a', 'draft-3.b', 'draft-3.s2', 'draft-2']);
      expect(node(tree, 'draft-3')!.text).toBe('Elections are held');
      expect(node(tree, 'draft-3.s2')).toMatchObject({ num: '3 bis', text: 'within eighteen months.' });
      expect(node(tree, 'draft-1')!.text).toBe('The parties observe a ceasefire from the [hour] of signature.');
      expect(node(tree, 'draft-1')!.brackets).toMatchObject([{ text: 'hour', proponents: ['north'] }]);
      expect(node(tree, 'draft-1')!.status).toBe('bracketed');
      expect(s2.draft!.links).toEqual([{ from: ['draft-3'], to: ['draft-3', 'draft-3.s2'], change: 'split' }]);

      const t = await tableDraft(ctx, 'mini', 'd1', { event: 'ev3', date: '2024-05-02', proponents: ['med', 'north'] }, s2.etag);
      expect(t.version).toEqual({ id: 'draft-v3', document: 'draft', label: 'v3', date: '2024-05-02', basedOn: 'draft-v2', proponents: ['med', 'north'], event: 'ev3' });
      expect(t.counts).toEqual({ points: 4, provisions: 8 });
      const v3 = (await store!.get('mini', 'versions', 'draft-v3'))!;
      expect(lineages(v3.provisions)).toEqual(lineages(tree));
      expect((await store!.get('mini', 'events', 'ev3'))!.tabled).toEqual(['draft-v3']);
      expect((await store!.get('mini', 'alignments', t.alignment!))!.overrides).toEqual([{ from: ['draft-3'], to: ['draft-3', 'draft-3.s2'], change: 'split' }]);
      const after = (await readDraft(ctx, 'mini', 'd1')).entity;
      expect(after).toMatchObject({ status: 'tabled', tabledAs: 'draft-v3' });
      // A tabled draft is read-only; an unmatched bracket cannot be tabled.
      expect(await codeOf(editDraft(ctx, 'mini', 'd1', { ops: [{ op: 'renumber' }] }))).toBe('conflict');
      await createDraft(ctx, 'mini', { basedOn: 'draft-v3', id: 'd2' });
      await editDraft(ctx, 'mini', 'd2', { ops: [{ op: 'set', lineage: 'draft-2', text: 'Forces withdraw [twenty kilometres.' }] });
      expect(await codeOf(tableDraft(ctx, 'mini', 'd2', {}))).toBe('invalid_input');
      expect(await store!.get('mini', 'versions', 'draft-v4')).toBeUndefined();
    });

    it('plays a round: critiques confidential to their party and the team, submission records positions, an amendment folded in, and the response view says what the next version did', async () => {
      const ctx = await open();
      const north = as(ctx, { kind: 'user', user: 'lev', role: 'party-delegate', party: 'north', sees: ['north'] });
      const south = as(ctx, { kind: 'user', user: 'sam', role: 'party-delegate', party: 'south', sees: ['south'] });
      const team = as(ctx, { kind: 'user', user: 'amara', role: 'mediator', sees: [MEDIATOR_TEAM] });
      const amended = 'Forces withdraw fifteen kilometres from the line of contact.';
      const cn = await createCritique(north, 'mini', {
        version: 'draft-v2',
        answers: [
          { provision: 'draft-1', stance: 'accepts' },
          { provision: 'draft-2', stance: 'proposes-alternative', amendment: amended, note: 'twenty is too far' },
          { provision: 'draft-3', stance: 'accepts-with-conditions', conditions: 'a census first' },
        ],
      });
      expect(cn.entity.visibility).toEqual({ confidentialTo: 'north' });
      // Another party cannot answer for north, nor see its critique; the team sees it only once submitted.
      expect(await codeOf(createCritique(south, 'mini', { version: 'draft-v2', party: 'north', answers: [] }))).toBe('forbidden');
      expect(await codeOf(readCritique(south, 'mini', cn.entity.id))).toBe('not_found');
      expect(await listCritiques(team, 'mini')).toEqual([]);
      expect(await codeOf(submitCritique(south, 'mini', cn.entity.id, { date: '2024-04-10' }))).toBe('not_found');

      const sub = await submitCritique(north, 'mini', cn.entity.id, { date: '2024-04-10' }, cn.etag);
      expect(sub.critique).toMatchObject({ status: 'submitted', submittedAt: '2024-04-10', visibility: { confidentialTo: 'north', sharedWith: 'mediator-team' } });
      expect(sub.positions).toHaveLength(3);
      const positions = await Promise.all(sub.positions.map((id) => store!.get('mini', 'positions', id)));
      expect(positions.map((p) => [p!.party, p!.provision, p!.document, p!.stance, p!.asOf, p!.conditions ?? null])).toEqual([
        ['north', 'draft-1', 'draft-v2', 'accepts', '2024-04-10', null],
        ['north', 'draft-2', 'draft-v2', 'proposes-alternative', '2024-04-10', null],
        ['north', 'draft-3', 'draft-v2', 'accepts-with-conditions', '2024-04-10', 'a census first'],
      ]);
      const evidence = await Promise.all(sub.evidence.map((id) => store!.get('mini', 'evidence', id)));
      expect(evidence.every((e) => e!.critique === cn.entity.id && e!.onBehalfOf === 'north' && e!.saidAt === '2024-04-10')).toBe(true);
      expect(evidence[1]!.text).toContain(amended);
      // What each viewer sees of the positions the critique recorded: north and the team, never south.
      const recorded = (await store!.list('mini', 'positions')).filter((p) => sub.positions.includes(p.id));
      expect(filterVisible(north.viewer, recorded)).toHaveLength(3);
      expect(filterVisible(team.viewer, recorded)).toHaveLength(3);
      expect(filterVisible(south.viewer, recorded)).toHaveLength(0);
      expect((await listCritiques(team, 'mini')).map((c) => c.id)).toEqual([cn.entity.id]);
      expect(await listCritiques(south, 'mini')).toEqual([]);

      // The mediator folds north's amendment into a draft of v3, and the revise view shows it.
      const d = await createDraft(team, 'mini', { basedOn: 'draft-v2', id: 'd3' });
      const f = await foldAmendment(team, 'mini', 'd3', { critique: cn.entity.id, provision: 'draft-2', how: 'accept' }, d.etag);
      expect(f.touched.map((p) => p.text)).toEqual([amended]);
      const rv = await reviseOf(team, 'mini', 'd3');
      const row = rv.rows.find((r) => r.lineage === 'draft-2')!;
      expect(row.answers.map((a) => [a.party, a.stance, a.folded])).toEqual([['north', 'proposes-alternative', 'accepted']]);
      expect(row.draft!.text).toBe(amended);
      expect(await codeOf(reviseOf(south, 'mini', 'd3'))).toBe('not_found');
      await tableDraft(team, 'mini', 'd3', { date: '2024-05-01' });

      const resp = (await responseOf(team, 'mini', 'draft-v3')) as ResponseView;
      expect(resp.rows.map((r) => [r.party, r.provision, r.outcome])).toEqual([
        ['north', 'draft-1', 'unchanged'],
        ['north', 'draft-2', 'adopted'],
        ['north', 'draft-3', 'unchanged'],
      ]);
      expect(((await responseOf(south, 'mini', 'draft-v3')) as ResponseView).rows).toEqual([]);
      const csv = (await responseOf(team, 'mini', 'draft-v3', 'csv')) as string;
      expect(csv.split('\n').filter(Boolean)).toHaveLength(4);
    });
  });
}
