/**
 * Schema migrations, shared by SQLite and PostgreSQL (Kysely's Migrator). Entities are stored as
 * canonical JSON text validated by the model's schemas at the boundary; the columns beside the JSON
 * are what queries and integrity checks need.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { queryColumns } from './columns.js';

/** Build the migration list for a dialect (auto-increment keys differ). */
function migrations(dialect: 'sqlite' | 'postgres'): Record<string, Migration> {
  const autoPk = dialect === 'sqlite' ? 'integer primary key autoincrement' : 'bigserial primary key';
  // Ids sort bytewise on both databases (PostgreSQL's default collation follows the server locale).
  const idType = dialect === 'sqlite' ? sql`text` : sql`text collate "C"`;
  return {
    '0001-initial': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('processes')
          .addColumn('id', idType, (c) => c.primaryKey())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('entities')
          .addColumn('process_id', idType, (c) => c.notNull())
          .addColumn('kind', idType, (c) => c.notNull())
          .addColumn('id', idType, (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('entities_pk', ['process_id', 'kind', 'id'])
          .execute();
        await db.schema.createIndex('entities_order').on('entities').columns(['process_id', 'kind', 'seq']).execute();
        await sql`create table version_chain (
          seq ${sql.raw(autoPk)},
          process_id text not null,
          version_id text not null,
          content_hash text not null,
          prev_hash text not null,
          hash text not null
        )`.execute(db);
        await sql`create table audit_log (
          seq ${sql.raw(autoPk)},
          process_id text not null,
          at text not null,
          actor text not null,
          action text not null,
          kind text not null,
          entity_id text not null,
          before text,
          after text,
          prev_hash text not null,
          hash text not null
        )`.execute(db);
        await db.schema.createIndex('audit_by_process').on('audit_log').columns(['process_id', 'seq']).execute();
      },
    },
    // Accounts (./accounts.ts): users, their role in each process, sessions, invitations, login
    // attempts (for the rate limit, shared by every API process) and parties' confidentiality grants.
    // Timestamps are ISO 8601 UTC strings (they sort as text); secrets are stored only as hashes.
    '0002-accounts': {
      async up(db: Kysely<any>) {
        await sql`create table users (
          id ${sql.raw(autoPk)},
          username ${idType} not null unique,
          password_hash text not null,
          created_at text not null,
          disabled_at text
        )`.execute(db);
        await db.schema
          .createTable('memberships')
          .addColumn('user_id', 'integer', (c) => c.notNull())
          .addColumn('process_id', idType, (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('party', idType)
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'process_id'])
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull())
          .addColumn('csrf', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();
        await db.schema
          .createTable('invitations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('process_id', idType, (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('party', idType)
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('accepted_at', 'text')
          .addColumn('accepted_by', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        await sql`create table login_attempts (
          id ${sql.raw(autoPk)},
          username text not null,
          ip text not null,
          at text not null,
          ok integer not null
        )`.execute(db);
        await db.schema.createIndex('login_attempts_by_user').on('login_attempts').columns(['username', 'at']).execute();
        await db.schema.createIndex('login_attempts_by_ip').on('login_attempts').columns(['ip', 'at']).execute();
        await db.schema
          .createTable('grants')
          .addColumn('process_id', idType, (c) => c.notNull())
          .addColumn('party', idType, (c) => c.notNull())
          .addColumn('grantee', 'text', (c) => c.notNull())
          .addColumn('granted_by', 'text', (c) => c.notNull())
          .addColumn('granted_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('grants_pk', ['process_id', 'party', 'grantee'])
          .execute();
      },
    },
    // Integrity (issue 19): every entity row carries an entity tag (a random token replaced by each
    // write: the ETag of conditional writes) and the SHA-256 of its JSON as written (so that a row
    // edited behind the store's back is named by `accord verify`); the audit log gets a stored head
    // (last sequence number and hash, number of entries), moved by every append.
    '0003-integrity': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('entities').addColumn('etag', 'text').execute();
        await db.schema.alterTable('entities').addColumn('hash', 'text').execute();
        // Rows written before this migration get a fresh random tag; their hash stays unknown (null).
        const random = dialect === 'sqlite' ? sql`lower(hex(randomblob(12)))` : sql`md5(random()::text || clock_timestamp()::text)`;
        await sql`update entities set etag = ${random}`.execute(db);
        await sql`create table log_head (
          id integer primary key,
          seq bigint not null,
          hash text not null,
          count bigint not null
        )`.execute(db);
        await sql`insert into log_head (id, seq, hash, count)
          select 1,
            coalesce((select max(seq) from audit_log), 0),
            coalesce((select hash from audit_log order by seq desc limit 1), ${'0'.repeat(64)}),
            (select count(*) from audit_log)`.execute(db);
      },
    },
    // Scale (issue 18): query columns beside the JSON (./columns.ts) so views and lists select, filter,
    // order and page in SQL, with their indexes; and per-kind process revisions, moved by every write
    // in its transaction, which read caches key on (./cached-store.ts). Existing rows are filled in.
    '0004-queries': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('entities').addColumn('at', idType, (c) => c.notNull().defaultTo('')).execute();
        await db.schema.alterTable('entities').addColumn('prec', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        for (const col of ['at_end', 'party', 'person', 'ref', 'status', 'layer']) await db.schema.alterTable('entities').addColumn(col, idType).execute();
        await db.schema.alterTable('entities').addColumn('label', 'text').execute();
        let after: { process_id: string; kind: string; id: string } | undefined;
        for (;;) {
          let q = db.selectFrom('entities').select(['process_id', 'kind', 'id', 'data']).orderBy('process_id').orderBy('kind').orderBy('id').limit(500);
          if (after) q = q.where(sql<boolean>`(process_id, kind, id) > (${after.process_id}, ${after.kind}, ${after.id})`);
          const rows = await q.execute();
          if (!rows.length) break;
          for (const r of rows) {
            // `readers` came later (0005), which fills it in.
            const { readers: _later, ...cols } = queryColumns(r.kind, JSON.parse(r.data));
            await db.updateTable('entities').set(cols).where('process_id', '=', r.process_id).where('kind', '=', r.kind).where('id', '=', r.id).execute();
          }
          after = rows.at(-1);
        }
        await db.schema.createIndex('entities_by_date').on('entities').columns(['process_id', 'kind', 'at', 'prec', 'seq']).execute();
        await db.schema.createIndex('entities_by_ref').on('entities').columns(['process_id', 'kind', 'ref']).execute();
        await db.schema.createIndex('entities_by_party').on('entities').columns(['process_id', 'kind', 'party']).execute();
        await db.schema
          .createTable('revisions')
          .addColumn('process_id', idType, (c) => c.notNull())
          .addColumn('kind', idType, (c) => c.notNull())
          .addColumn('rev', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('revisions_pk', ['process_id', 'kind'])
          .execute();
      },
    },
    // Visibility to several layers (issue 19): the layers besides the owner's that hold an item
    // (./columns.ts `readers`), filled in for the rows that have a confidential layer.
    '0005-readers': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('entities').addColumn('readers', 'text').execute();
        const rows = await db.selectFrom('entities').select(['process_id', 'kind', 'id', 'data']).where('layer', 'is not', null).execute();
        for (const r of rows) {
          const { readers } = queryColumns(r.kind, JSON.parse(r.data));
          if (readers !== null) await db.updateTable('entities').set({ readers }).where('process_id', '=', r.process_id).where('kind', '=', r.kind).where('id', '=', r.id).execute();
        }
      },
    },
    // Team-only items (a draft, a team's meeting) are held in the team's layer (./columns.ts `layer`),
    // so that a query of a party's layers leaves them out as the visibility rule does.
    '0006-team-layer': {
      async up(db: Kysely<any>) {
        const rows = await db.selectFrom('entities').select(['process_id', 'kind', 'id', 'data']).where('layer', 'is', null).where('data', 'like', '%"mediator-team"%').execute();
        for (const r of rows) {
          const { layer } = queryColumns(r.kind, JSON.parse(r.data));
          if (layer !== null) await db.updateTable('entities').set({ layer }).where('process_id', '=', r.process_id).where('kind', '=', r.kind).where('id', '=', r.id).execute();
        }
      },
    },
  };
}

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: 'sqlite' | 'postgres') {}
  async getMigrations() {
    return migrations(this.dialect);
  }
}

/**
 * Bring a database to the latest schema (or, with `target`, to that migration: for tests of a
 * migration over older data). Throws with the failing migration's name.
 */
export async function migrateToLatest(db: Kysely<any>, dialect: 'sqlite' | 'postgres', target?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeProvider(dialect) });
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`);
  }
}
