/**
 * `accord user …` and `accord invite …`: accounts for `accord serve` (see src/store/accounts.ts).
 *
 *   accord user add NAME --role ROLE --process ID [--party PARTY] --password-stdin
 *   accord user role NAME --role ROLE --process ID [--party PARTY]   (or --remove)
 *   accord user disable NAME | enable NAME | passwd NAME --password-stdin | list [--process ID]
 *   accord invite create --role ROLE --process ID [--party PARTY] [--days N]
 *   accord invite list [--process ID] | revoke ID | accept TOKEN NAME --password-stdin
 *   accord grant PARTY --process ID [--to mediator|mediator-staff] [--revoke]
 */
import type { Command } from 'commander';
import { AccordError } from '../../model/errors.js';
import { type Accounts, GRANTEES, type Grantee, type Membership, ROLES, type User, accountsOf, parseRole } from '../../store/accounts.js';
import { DEFAULT_DB } from '../../store/open.js';
import { cliActor, output, withJson, withStore } from '../common.js';

interface DbOpts {
  db?: string;
  json?: boolean;
}

function withDb(cmd: Command): Command {
  return withJson(cmd.option('--db <target>', `SQLite file or postgres:// URL (default ${DEFAULT_DB}, or $ACCORD_DB)`));
}

/** Run `fn` with the accounts of the store named by `--db`. */
function withAccounts<T>(opts: DbOpts, fn: (acc: Accounts) => Promise<T>): Promise<T> {
  return withStore(opts, (store) => fn(accountsOf(store)), { create: true });
}

/** The whole of standard input with one trailing line break removed; `usage` when it is a terminal or empty. */
export async function readPasswordStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new AccordError('usage', '--password-stdin reads the password from a pipe, e.g. `printf %s "$PW" | accord user add …`', { field: 'password-stdin' });
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const pw = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!pw) throw new AccordError('usage', 'no password on standard input', { field: 'password-stdin' });
  return pw;
}

function requirePasswordStdin(flag: boolean | undefined): void {
  if (!flag) throw new AccordError('usage', 'give the password on standard input with --password-stdin (never on the command line)', { field: 'password-stdin' });
}

function membershipOf(opts: { role?: string; process?: string; party?: string }): Membership {
  if (!opts.role || !opts.process) throw new AccordError('usage', 'give both --role and --process', { field: opts.role ? 'process' : 'role' });
  return { processId: opts.process, role: parseRole(opts.role), ...(opts.party ? { party: opts.party } : {}) };
}

function describeUser(u: User): string {
  const roles = u.memberships.map((m) => `${m.role}${m.party ? `(${m.party})` : ''} in ${m.processId}`).join(', ') || 'no role';
  return `${u.username}${u.disabledAt ? ' [disabled]' : ''}: ${roles}`;
}

const ROLE_HELP = `role in the process: ${ROLES.join(', ')}`;

export function register(program: Command): void {
  const user = program.command('user').description('manage the accounts that log in to `accord serve`');

  withDb(
    user
      .command('add')
      .description('create a user with a role in a process; the password is read from standard input')
      .argument('<name>', 'user name (letters, digits, . _ @ -)')
      .option('--role <role>', ROLE_HELP)
      .option('--process <id>', 'process the role applies to')
      .option('--party <party>', 'party id (party-delegate only)')
      .option('--password-stdin', 'read the password (10 characters or more) from standard input'),
  ).action(async (name: string, opts: DbOpts & { role?: string; process?: string; party?: string; passwordStdin?: boolean }) => {
    requirePasswordStdin(opts.passwordStdin);
    const m = opts.role || opts.process ? membershipOf(opts) : undefined;
    const pw = await readPasswordStdin();
    const u = await withAccounts(opts, (acc) => acc.addUser(name, pw, m, { actor: cliActor() }));
    output(opts, u, () => `added ${describeUser(u)}`);
  });

  withDb(
    user
      .command('role')
      .description("set (or with --remove, take away) a user's role in a process")
      .argument('<name>', 'user name')
      .requiredOption('--process <id>', 'process')
      .option('--role <role>', ROLE_HELP)
      .option('--party <party>', 'party id (party-delegate only)')
      .option('--remove', 'remove the role in that process'),
  ).action(async (name: string, opts: DbOpts & { role?: string; process: string; party?: string; remove?: boolean }) => {
    const u = await withAccounts(opts, async (acc) => {
      if (opts.remove) await acc.removeMembership(name, opts.process, { actor: cliActor() });
      else await acc.setMembership(name, membershipOf(opts), { actor: cliActor() });
      return (await acc.getUser(name))!;
    });
    output(opts, u, () => describeUser(u));
  });

  for (const [verb, disable] of [['disable', true], ['enable', false]] as const) {
    withDb(
      user
        .command(verb)
        .description(disable ? 'disable a user: no more logins, and every open session ends at once' : 're-enable a disabled user')
        .argument('<name>', 'user name'),
    ).action(async (name: string, opts: DbOpts) => {
      const u = await withAccounts(opts, async (acc) => {
        if (disable) await acc.disableUser(name, { actor: cliActor() });
        else await acc.enableUser(name, { actor: cliActor() });
        return (await acc.getUser(name))!;
      });
      output(opts, u, () => `${verb}d ${describeUser(u)}`);
    });
  }

  withDb(
    user
      .command('passwd')
      .description("set a user's password from standard input (its open sessions end)")
      .argument('<name>', 'user name')
      .option('--password-stdin', 'read the new password from standard input'),
  ).action(async (name: string, opts: DbOpts & { passwordStdin?: boolean }) => {
    requirePasswordStdin(opts.passwordStdin);
    const pw = await readPasswordStdin();
    await withAccounts(opts, (acc) => acc.setPassword(name, pw, { actor: cliActor() }));
    output(opts, { username: name, password: 'changed' }, () => `password of ${name} changed`);
  });

  withDb(user.command('list').description('list users and their roles').option('--process <id>', 'only users with a role in this process')).action(
    async (opts: DbOpts & { process?: string }) => {
      const users = await withAccounts(opts, (acc) => acc.listUsers(opts.process));
      output(opts, users, () => (users.length ? users.map(describeUser).join('\n') : 'no users'));
    },
  );

  const invite = program.command('invite').description('invite someone to a role in a process with a one-time token');

  withDb(
    invite
      .command('create')
      .description('create an invitation; prints its secret token once')
      .option('--role <role>', ROLE_HELP)
      .option('--process <id>', 'process the role applies to')
      .option('--party <party>', 'party id (party-delegate only)')
      .option('--days <n>', 'days before it expires (1–90, default 7)', (v) => Number(v)),
  ).action(async (opts: DbOpts & { role?: string; process?: string; party?: string; days?: number }) => {
    const m = membershipOf(opts);
    const r = await withAccounts(opts, (acc) => acc.createInvitation(m, { days: opts.days }, { actor: cliActor() }));
    output(opts, r, () =>
      [
        `invitation ${r.invitation.id}: ${m.role}${m.party ? ` for ${m.party}` : ''} in ${m.processId}, valid until ${r.invitation.expiresAt}`,
        `token (give it to the invitee; it is not shown again): ${r.token}`,
        `accept with: POST /api/invitations/accept {"token","username","password"}  or  accord invite accept TOKEN NAME --password-stdin`,
      ].join('\n'),
    );
  });

  withDb(invite.command('list').description('list invitations, newest first').option('--process <id>', 'only this process')).action(
    async (opts: DbOpts & { process?: string }) => {
      const list = await withAccounts(opts, (acc) => acc.listInvitations(opts.process));
      output(opts, list, () =>
        list.length
          ? list
              .map((i) => `${i.id}  ${i.role}${i.party ? `(${i.party})` : ''} in ${i.processId}  ${i.acceptedBy ? `accepted by ${i.acceptedBy}` : i.revokedAt ? 'revoked' : `open until ${i.expiresAt}`}`)
              .join('\n')
          : 'no invitations',
      );
    },
  );

  withDb(invite.command('revoke').description('revoke an unused invitation').argument('<id>', 'invitation id (from `accord invite list`)')).action(
    async (id: string, opts: DbOpts) => {
      await withAccounts(opts, (acc) => acc.revokeInvitation(id, { actor: cliActor() }));
      output(opts, { id, revoked: true }, () => `revoked invitation ${id}`);
    },
  );

  withDb(
    invite
      .command('accept')
      .description('accept an invitation as a new user (or as an existing one, with its password)')
      .argument('<token>', 'the invitation token')
      .argument('<name>', 'user name')
      .option('--password-stdin', 'read the password from standard input'),
  ).action(async (tok: string, name: string, opts: DbOpts & { passwordStdin?: boolean }) => {
    requirePasswordStdin(opts.passwordStdin);
    const pw = await readPasswordStdin();
    const u = await withAccounts(opts, (acc) => acc.acceptInvitation(tok, name, pw));
    output(opts, u, () => describeUser(u));
  });

  withDb(
    program
      .command('grant')
      .description("record a party's consent that a mediator role may see its confidential positions, evidence and notes")
      .argument('<party>', 'party id')
      .requiredOption('--process <id>', 'process')
      .option('--to <role>', `who may see it: ${GRANTEES.join(' or ')}`, 'mediator')
      .option('--revoke', 'withdraw the grant'),
  ).action(async (party: string, opts: DbOpts & { process: string; to: string; revoke?: boolean }) => {
    const grants = await withAccounts(opts, async (acc) => {
      if (!(await acc.store.get(opts.process, 'parties', party))) throw new AccordError('not_found', `no party "${party}" in process "${opts.process}"`, { field: 'party' });
      await acc.setGrant(opts.process, party, opts.to as Grantee, !opts.revoke, { actor: cliActor() });
      return acc.grants(opts.process);
    });
    output(opts, grants, () => (grants.length ? grants.map((g) => `${g.party} → ${g.grantee} (by ${g.grantedBy}, ${g.grantedAt})`).join('\n') : 'no grants in force'));
  });
}
