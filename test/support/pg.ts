/**
 * Test and benchmark support: one throwaway PostgreSQL cluster (Debian's server binaries under
 * /usr/lib/postgresql/<major>/bin) per test run, listening on 127.0.0.1 at a free port with its unix
 * socket in its own temporary directory, and a fresh database for every {@link Backend.open}.
 *
 * "Per run": vitest runs test files in several worker processes; they share one cluster keyed by the
 * pid of the vitest main process. The first worker that needs PostgreSQL creates the cluster under a
 * lock directory; the others reuse it. A detached watchdog stops the cluster and deletes its directory
 * when that owning process has exited (and, when the owner is the current process, an exit hook does
 * it at once).
 *
 * When `ACCORD_TEST_PG_URL` names an existing server (an admin URL such as
 * `postgres://postgres@127.0.0.1:5432/postgres`), that server is used instead and nothing is started.
 *
 * When the binaries are missing: with `CI=true` (or `ACCORD_REQUIRE_PG=1`) {@link postgresBackend}
 * throws, so the suite fails loudly; elsewhere it warns and resolves to `undefined`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Backend } from './store-backends.js';

/** A running throwaway cluster. */
export interface PgCluster {
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Directory holding the data directory, the log and the unix socket. */
  dir: string;
  /** Connection URL of database `db` (superuser `postgres`, trust authentication). */
  url(db: string): string;
}

/** The directory of the newest installed PostgreSQL's binaries, or undefined. */
export function findPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((d) => existsSync(path.join(root, d, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length ? path.join(root, majors[0]!, 'bin') : undefined;
}

/** The process whose lifetime bounds the shared cluster: vitest's main process, or this one. */
function ownerPid(): number {
  if (!process.env.VITEST) return process.pid;
  // forks pool: tests run in a child process of vitest's main; threads pool: in a worker thread of it.
  return isMainThread ? process.ppid : process.pid;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Run a PostgreSQL binary, as the `postgres` user when we are root (initdb refuses root). */
function runPg(bin: string, args: string[], timeoutMs = 120_000): { status: number | null; out: string } {
  const cmd = isRoot ? 'runuser' : bin;
  const argv = isRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: timeoutMs });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a server answers on 127.0.0.1:`port`. */
async function answers(port: number): Promise<boolean> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Create, start and register for clean-up a cluster in `dir` (which must not exist). */
async function createCluster(bin: string, dir: string, owner: number): Promise<number> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    if (!Number.isFinite(uid)) throw new Error('pg-testing: running as root but there is no "postgres" user to run initdb as');
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const init = runPg(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  if (init.status !== 0) throw new Error(`pg-testing: initdb failed:\n${init.out}`);
  // Clean-up even when the owner dies without running exit hooks (SIGKILL, worker torn down).
  const stopCmd = isRoot ? `runuser -u postgres -- "${bin}/pg_ctl" -D "${data}" stop -m immediate` : `"${bin}/pg_ctl" -D "${data}" stop -m immediate`;
  const watchdog = spawn('sh', ['-c', `while kill -0 ${owner} 2>/dev/null; do sleep 1; done; ${stopCmd} >/dev/null 2>&1; rm -rf "${dir}" "${dir}.lock"`], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  let lastErr = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const opts = [
      `-p ${port}`,
      `-k ${dir}`,
      `-c listen_addresses=127.0.0.1`,
      // A throwaway cluster: durability against OS crashes is not under test, speed is welcome.
      `-c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      `-c max_connections=400 -c shared_buffers=64MB`,
    ].join(' ');
    const r = runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', opts, 'start']);
    if (r.status === 0 && (await answers(port))) {
      writeFileSync(path.join(dir, 'ready.json'), JSON.stringify({ port }));
      return port;
    }
    lastErr = r.out + (existsSync(path.join(dir, 'server.log')) ? readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000) : '');
    runPg(path.join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate']);
  }
  throw new Error(`pg-testing: could not start PostgreSQL:\n${lastErr}`);
}

let clusterPromise: Promise<PgCluster> | undefined;

/**
 * The run's shared cluster, started on first use. Throws when PostgreSQL is not installed or cannot
 * start (the message says how to install it).
 */
export function pgCluster(): Promise<PgCluster> {
  clusterPromise ??= startOrJoin();
  return clusterPromise;
}

async function startOrJoin(): Promise<PgCluster> {
  const external = process.env.ACCORD_TEST_PG_URL;
  if (external) {
    const base = new URL(external);
    return {
      port: Number(base.port || 5432),
      dir: '',
      url(db: string) {
        const u = new URL(external);
        u.pathname = '/' + db;
        return u.toString();
      },
    };
  }
  const bin = findPgBin();
  if (!bin) throw new Error('pg-testing: PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install Debian\'s "postgresql" package (scripts/setup.sh does)');
  const owner = ownerPid();
  const dir = path.join(os.tmpdir(), `accord-pg-${owner}`);
  const lock = `${dir}.lock`;
  // mkdir is atomic: the worker that creates the lock directory starts the cluster.
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a dead holder (its pid recorded inside) is broken.
      try {
        const holder = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
        if (holder && !pidAlive(holder)) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* the holder has not written its pid yet */
        try {
          if (Date.now() - statSync(lock).mtimeMs > 30_000) rmSync(lock, { recursive: true, force: true });
        } catch {
          /* gone meanwhile */
        }
      }
      if (Date.now() > deadline) throw new Error(`pg-testing: timed out waiting for ${lock}`);
      await sleep(100);
    }
  }
  writeFileSync(path.join(lock, 'pid'), String(process.pid));
  let port: number;
  try {
    const ready = path.join(dir, 'ready.json');
    const known = existsSync(ready) ? (JSON.parse(readFileSync(ready, 'utf8')) as { port: number }).port : undefined;
    if (known !== undefined && (await answers(known))) {
      port = known;
    } else {
      if (existsSync(dir)) {
        runPg(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), 'stop', '-m', 'immediate']);
        rmSync(dir, { recursive: true, force: true });
      }
      port = await createCluster(bin, dir, owner);
      if (owner === process.pid) {
        process.once('exit', () => {
          runPg(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), 'stop', '-m', 'immediate'], 20_000);
          rmSync(dir, { recursive: true, force: true });
        });
      }
    }
  } finally {
    rmSync(path.join(lock, 'pid'), { force: true });
    try {
      rmdirSync(lock);
    } catch {
      /* already removed */
    }
  }
  return { port, dir, url: (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}` };
}

/** Create a fresh, empty database in the run's cluster and return its URL. */
export async function freshDatabase(prefix = 't'): Promise<string> {
  const cluster = await pgCluster();
  const name = `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return cluster.url(name);
}

/** Whether the suite must fail rather than skip when PostgreSQL is unavailable. */
export function pgRequired(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1' || process.env.ACCORD_REQUIRE_PG === '1';
}

/**
 * The PostgreSQL back-end for the shared store suite: each `open()` is a fresh database in the run's
 * cluster. Resolves to `undefined` (with a warning) when PostgreSQL is unavailable, unless
 * {@link pgRequired}, in which case it throws.
 */
export async function postgresBackend(): Promise<Backend | undefined> {
  try {
    await pgCluster();
  } catch (e) {
    if (pgRequired()) throw e;
    console.warn(`PostgreSQL back-end skipped: ${(e as Error).message}`);
    return undefined;
  }
  return {
    name: 'postgres',
    async open(): Promise<KyselyStore> {
      return openPostgresStore(await freshDatabase(), { poolSize: 4 });
    },
    async openPair(): Promise<[KyselyStore, KyselyStore]> {
      const url = await freshDatabase();
      const a = await openPostgresStore(url, { poolSize: 4 });
      return [a, await openPostgresStore(url, { poolSize: 4 })];
    },
  };
}
