import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from './schema.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  kind: 'pglite' | 'postgres';
  /** Where the data lives: a folder for PGlite, the server (without password) for PostgreSQL. */
  location: string;
  /** The embedded database itself (PGlite only), for whole-folder backups with dumpDataDir. */
  pglite?: PGlite;
  close(): Promise<void>;
}

// Return DATE columns as 'YYYY-MM-DD' strings: a calendar date has no time zone, and
// JS Date objects would shift it across midnight. Same parser on both back ends.
pg.types.setTypeParser(1082, (v: string) => v);
// bigint (int8) counts and ids fit easily in a JS number for one council.
pg.types.setTypeParser(20, (v: string) => Number(v));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; 'memory://' for a throwaway in-memory database (tests). */
  pgliteDir?: string;
  /** A dumpDataDir tarball to start an empty PGlite folder from (tests start from a migrated, seeded copy). */
  pgliteLoadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // Fail fast with a clear message if the server is not there.
    const client = await pool.connect();
    client.release();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const u = new URL(opts.databaseUrl);
    return {
      db,
      pool,
      kind: 'postgres',
      location: `${u.protocol}//${u.username ? u.username + '@' : ''}${u.host}${u.pathname}`,
      close: async () => {
        await db.destroy();
        await endPool(pool);
      },
    };
  }
  return openPglite(opts.pgliteDir ?? 'memory://', opts.pgliteLoadDataDir);
}

/**
 * Starts PGlite on a pgdata folder (or memory://) with the extensions the migrations need.
 * `loadDataDir` fills an empty folder from a dumpDataDir tarball (restore). Takes no lock:
 * callers other than openDatabase must hold the data-folder lock themselves.
 */
export async function createPglite(dataDir: string, opts: { loadDataDir?: Blob } = {}): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { fuzzystrmatch } = await import('@electric-sql/pglite/contrib/fuzzystrmatch');
  return PGlite.create(dataDir, { extensions: { pg_trgm, fuzzystrmatch }, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
}

async function openPglite(dir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  let lock: DataDirLock | undefined;
  let dataDir = dir;
  if (!dir.startsWith('memory://')) {
    fs.mkdirSync(dir, { recursive: true });
    // PGlite has no cross-process lock: a second process would silently lose writes.
    lock = acquireDataDirLock(dir);
    dataDir = path.join(dir, 'pgdata');
  }
  try {
    return await pgliteHandle(await createPglite(dataDir, loadDataDir ? { loadDataDir } : {}), dir, () => lock?.release());
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** Wraps a started PGlite in a DatabaseHandle; `release` runs after close (the data-folder lock). */
export async function pgliteHandle(pglite: PGlite, location: string, release: () => void = () => undefined): Promise<DatabaseHandle> {
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  // One connection: PGlite is single-session. Everything (jobs included) goes through this pool.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    kind: 'pglite',
    location,
    pglite,
    close: async () => {
      await db.destroy();
      await endPool(pool);
      await pglite.close();
      release();
    },
  };
}

/** Kysely ends the pool only if it ran a query; a handle used only through `pool` must still let go of its connections. */
async function endPool(pool: pg.Pool): Promise<void> {
  if (!pool.ending && !pool.ended) await pool.end();
}
