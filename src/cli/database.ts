import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import { DataDirLockedError } from '../db/lock.js';
import { CliError, connectionProblem, redactUrl } from './runtime.js';

/** True if the PGlite data folder already holds a database. */
export function pgliteDatabaseExists(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'));
}

/**
 * Opens the configured database through openDatabase, so the PGlite data-folder lock is honoured.
 * With mustExist, refuses to create a new empty PGlite database in a mistyped DATA_DIR.
 */
export async function openForCli(config: AppConfig, opts: { mustExist: boolean }): Promise<DatabaseHandle> {
  if (!config.databaseUrl && opts.mustExist && !pgliteDatabaseExists(config.dataDir)) {
    throw new CliError(`No database found in the data folder ${config.dataDir}: check DATA_DIR (or set DATABASE_URL for PostgreSQL)`);
  }
  try {
    return await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir });
  } catch (err) {
    if (config.databaseUrl) {
      const problem = connectionProblem(err);
      if (problem) throw new CliError(`Cannot connect to the database at ${redactUrl(config.databaseUrl)}: ${problem}`);
    } else if (!(err instanceof DataDirLockedError)) {
      // e.g. a damaged data folder: PGlite's own message, on one line.
      throw new CliError(`Cannot open the embedded database in ${config.dataDir}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
    throw err;
  }
}

/** Where the data lives, for messages: the folder for PGlite, the server for PostgreSQL. */
export function describeDatabase(handle: DatabaseHandle): string {
  return handle.kind === 'pglite' ? `the embedded database in ${handle.location}` : `the PostgreSQL database ${handle.location}`;
}

/** True if the migrations have created the audit trail (so the database has been set up). */
export async function hasAuditTable(handle: DatabaseHandle): Promise<boolean> {
  const r = await handle.pool.query<{ t: string | null }>(`select to_regclass('public.audit_events')::text as t`);
  return r.rows[0]?.t != null;
}

