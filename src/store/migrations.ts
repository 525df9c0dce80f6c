/**
 * Schema migrations, shared by SQLite and PostgreSQL (Kysely's Migrator). Entities are stored as
 * canonical JSON text validated by the model's schemas at the boundary; the columns beside the JSON
 * are what queries and integrity checks need.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

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
  };
}

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: 'sqlite' | 'postgres') {}
  async getMigrations() {
    return migrations(this.dialect);
  }
}

/** Bring a database to the latest schema. Throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`);
  }
}
