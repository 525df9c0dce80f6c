/**
 * `accord user`, `accord invite` and `accord grant` end to end, spawned as a user runs them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../store/accounts.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { openStore } from '../../store/open.js';
import { runAccord } from '../../../test/support/cli.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-user-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const DB = path.join(tmp, 'team.db');

/** Run `accord …` in-process (the CLI's own main), with `input` as standard input (empty when not given). */
const accord = (args: string[], input?: string) => runAccord([...args, '--db', DB], input ?? '');

describe('accord user / invite / grant', () => {
  it('reads the password from a real pipe when spawned', async () => {
    const db = path.join(tmp, 'spawned.db');
    const store = await openStore(db);
    await store.importProcess({ process: { id: 'x', name: 'X' }, parties: [], persons: [], documents: [], versions: [], sources: [], evidence: [], positions: [], events: [], domains: [] }, { actor: 't' });
    await store.close();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/accord.mjs'), 'user', 'add', 'zoe', '--role', 'observer', '--process', 'x', '--password-stdin', '--db', db], {
      encoding: 'utf8',
      input: 'piped password 42\n',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const again = (await openStore(db)) as KyselyStore;
    try {
      expect((await new Accounts(again).login('zoe', 'piped password 42')).session.user.username).toBe('zoe');
    } finally {
      await again.close();
    }
  });

  it('adds users from a piped password, invites, grants, disables, and audits it all', async () => {
    expect((await accord(['import', path.join(ROOT, 'src/store/fixtures/mini')])).code).toBe(0);

    // The password never comes from the command line.
    const noStdin = await accord(['user', 'add', 'ana', '--role', 'party-delegate', '--process', 'mini', '--party', 'north']);
    expect(noStdin.code).toBe(64);
    expect(noStdin.err).toContain('--password-stdin');

    const add = await accord(['user', 'add', 'ana', '--role', 'party-delegate', '--process', 'mini', '--party', 'north', '--password-stdin', '--json'], 'a long enough secret\n');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.out)).toMatchObject({ username: 'ana', memberships: [{ processId: 'mini', role: 'party-delegate', party: 'north' }] });

    const badRole = await accord(['user', 'add', 'bob', '--role', 'king', '--process', 'mini', '--password-stdin'], 'a long enough secret');
    expect(badRole.code).toBe(65);
    expect(badRole.err).toContain('unknown role "king"');
    expect((await accord(['user', 'add', 'ana', '--role', 'observer', '--process', 'mini', '--password-stdin'], 'a long enough secret')).code).toBe(73);

    const inv = await accord(['invite', 'create', '--role', 'mediator', '--process', 'mini', '--days', '3', '--json']);
    expect(inv.code).toBe(0);
    const { token, invitation } = JSON.parse(inv.out);
    expect(invitation).toMatchObject({ role: 'mediator', processId: 'mini' });
    const acc = await accord(['invite', 'accept', token, 'mel', '--password-stdin'], 'mediator password 1');
    expect(acc.code).toBe(0);
    expect(acc.out).toContain('mel: mediator in mini');
    expect((await accord(['invite', 'accept', token, 'eve', '--password-stdin'], 'mediator password 1')).code).toBe(77);

    const g = await accord(['grant', 'north', '--process', 'mini', '--json']);
    expect(g.code).toBe(0);
    expect(JSON.parse(g.out)).toMatchObject([{ party: 'north', grantee: 'mediator' }]);

    expect((await accord(['user', 'disable', 'ana'])).code).toBe(0);
    const list = JSON.parse((await accord(['user', 'list', '--process', 'mini', '--json'])).out);
    expect(list.map((u: { username: string; disabledAt?: string }) => [u.username, !!u.disabledAt])).toEqual([
      ['ana', true],
      ['mel', false],
    ]);

    const store = (await openStore(DB)) as KyselyStore;
    try {
      const accounts = new Accounts(store);
      await expect(accounts.login('ana', 'a long enough secret')).rejects.toMatchObject({ code: 'unauthenticated' });
      expect((await accounts.login('mel', 'mediator password 1')).session.memberships).toEqual([{ processId: 'mini', role: 'mediator' }]);
      const kinds = (await store.audit()).map((a) => `${a.action} ${a.kind} ${a.entityId}`);
      expect(kinds.slice(1)).toEqual([
        'create users ana',
        'create memberships ana',
        'create invitations ' + invitation.id,
        'update invitations ' + invitation.id,
        'create users mel',
        'create memberships mel',
        'create grants north:mediator',
        'update users ana',
      ]);
      expect((await store.verify()).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});
