// The db commands (definitions in ./db.ts, loaded only when one runs).
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { AppConfig } from '../../config.js';
import { createPglite, pgliteHandle, type DatabaseHandle } from '../../db/connect.js';
import { DataDirLockedError, acquireDataDirLock, type DataDirLock } from '../../db/lock.js';
import { findMigrationFiles, migrateToLatest } from '../../db/migrate.js';
import { writeAudit } from '../../audit/audit-log.js';
import { CliError, cliContext, plural, redactUrl } from '../runtime.js';
import { describeDatabase, hasAuditTable, openForCli, pgliteDatabaseExists } from '../database.js';
import { FORMAT_NAMES, detectBackupFormat, formatBytes, partialName, pgliteTarballProblem, readHead, writeFileAtomically } from '../backup-files.js';

export async function migrate(config: AppConfig): Promise<number> {
  const created = !config.databaseUrl && !pgliteDatabaseExists(config.dataDir);
  const handle = await openForCli(config, { mustExist: false });
  try {
    let applied: string[];
    try {
      applied = await migrateToLatest(handle.db);
    } catch (err) {
      throw new CliError(err instanceof Error ? err.message.split('\n')[0]! : String(err));
    }
    if (created) console.log(`Created a new embedded database in ${config.dataDir}`);
    if (applied.length === 0) {
      console.log(`Database is up to date (${findMigrationFiles().length} migrations applied): ${describeDatabase(handle)}`);
    } else {
      console.log(`Applied ${plural(applied.length, 'migration')} to ${describeDatabase(handle)}:`);
      for (const name of applied) console.log(`  ${name}`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------- backup

export async function backup(config: AppConfig, fileArg: string): Promise<number> {
  const file = path.resolve(fileArg);
  if (!fs.existsSync(path.dirname(file))) throw new CliError(`Cannot write the backup: the folder ${path.dirname(file)} does not exist`);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new CliError(`Cannot write the backup: ${file} is a folder; give a file name`);
  // Holds the data-folder lock while dumping (PGlite): refused if the app is running.
  const handle = await openForCli(config, { mustExist: true }).catch(explainLock('back up'));
  try {
    const events = (await hasAuditTable(handle)) ? await countAuditEvents(handle) : null;
    if (handle.kind === 'pglite') {
      const blob = await handle.pglite!.dumpDataDir('gzip');
      writeFileAtomically(file, new Uint8Array(await blob.arrayBuffer()));
    } else {
      await pgDump(handle, config.databaseUrl!, file);
    }
    const size = fs.statSync(file).size;
    // A copy of every record leaving the system is itself an auditable event.
    if (events !== null) {
      await writeAudit(handle.db, cliContext('db backup'), { action: 'database.backup', recordType: 'database', details: { file, bytes: size, auditEvents: events } });
    }
    console.log(`Backed up ${describeDatabase(handle)} to ${file} (${formatBytes(size)}${events === null ? '' : `, ${plural(events, 'audit event')}`})`);
    return 0;
  } finally {
    await handle.close();
  }
}

async function pgDump(handle: DatabaseHandle, databaseUrl: string, file: string): Promise<void> {
  const serverMajor = await serverMajorVersion(handle);
  const toolMajor = await clientToolMajor('pg_dump', serverMajor);
  if (toolMajor < serverMajor) {
    throw new CliError(`pg_dump ${toolMajor} cannot back up a PostgreSQL ${serverMajor} server: install the PostgreSQL ${serverMajor} client tools (Debian/Ubuntu: apt install postgresql-client-${serverMajor})`);
  }
  const tmp = partialName(file);
  // Created first so the dump is readable by the owner only (backups hold personal data).
  fs.writeFileSync(tmp, '', { mode: 0o600 });
  try {
    const { url, env } = passwordInEnv(databaseUrl);
    const r = await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-password', '--file', tmp, url], env, serverMajor);
    if (r.code !== 0) throw new CliError(`pg_dump failed: ${firstErrorLine(r.stderr)}`);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

// ---------------------------------------------------------------- restore

export async function restore(config: AppConfig, fileArg: string): Promise<number> {
  const file = path.resolve(fileArg);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`No backup file at ${file}`);
  const format = detectBackupFormat(readHead(file));
  const wanted = config.databaseUrl ? 'pg_dump' : 'pglite';
  const fits = wanted === 'pglite' ? format === 'gzip' || format === 'tar' : format === 'pg_dump';
  if (!fits) {
    const found = format === 'gzip' || format === 'tar' ? FORMAT_NAMES.pglite : format === 'pg_dump' ? FORMAT_NAMES.pg_dump : format === 'sql' ? 'a plain SQL script, not a backup made by npm run db:backup' : 'not a backup made by npm run db:backup';
    const hint =
      format === 'pg_dump' ? ', but DATABASE_URL is not set (set it to restore into PostgreSQL)'
      : format === 'gzip' || format === 'tar' ? ', but DATABASE_URL points at PostgreSQL (unset it and set DATA_DIR to restore into the embedded database)'
      : '';
    throw new CliError(`Cannot restore ${file}: it is ${found}${hint}`);
  }
  return wanted === 'pglite' ? restorePglite(config, file) : restorePostgres(config, config.databaseUrl!, file);
}

async function restorePglite(config: AppConfig, file: string): Promise<number> {
  const data = fs.readFileSync(file);
  const problem = pgliteTarballProblem(data);
  if (problem) throw new CliError(`Cannot restore ${file}: ${problem}`);

  const dataDir = config.dataDir;
  fs.mkdirSync(dataDir, { recursive: true });
  let lock: DataDirLock;
  try {
    lock = acquireDataDirLock(dataDir); // refused while the app (or another command) has the folder open
  } catch (err) {
    return explainLock('restore')(err);
  }
  const pgdata = path.join(dataDir, 'pgdata');
  let aside: string | null = null;
  const holdOn = () => console.error('Restore in progress: wait for it to finish (stopping now could leave the data folder half restored).');
  process.on('SIGINT', holdOn).on('SIGTERM', holdOn).on('SIGHUP', holdOn);
  try {
    if (fs.existsSync(pgdata)) {
      aside = path.join(dataDir, `pgdata.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      fs.renameSync(pgdata, aside);
    }
    let handle: DatabaseHandle | undefined;
    let events: number;
    try {
      handle = await pgliteHandle(await createPglite(pgdata, { loadDataDir: new Blob([data]) }), dataDir);
      if (!(await hasAuditTable(handle))) throw new Error('the restored database has no audit_events table (not a backup of this system?)');
      events = await countAuditEvents(handle);
      await writeAudit(handle.db, cliContext('db restore'), {
        action: 'database.restore',
        recordType: 'database',
        details: { file, auditEventsRestored: events, previousDataKeptIn: aside },
      });
      await handle.close();
    } catch (err) {
      await handle?.close().catch(() => undefined);
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      try {
        fs.rmSync(pgdata, { recursive: true, force: true });
        if (aside) fs.renameSync(aside, pgdata);
      } catch (putBack) {
        throw new CliError(
          `Restore failed (${reason}) and the previous data could not be put back (${(putBack as Error).message}): it is in ${aside}; move it back to ${pgdata} before starting the app`,
        );
      }
      throw new CliError(`Restore failed, and the data folder was put back as it was: ${reason}`);
    }
    console.log(`Restored the embedded database in ${dataDir} from ${file} (${plural(events, 'audit event')})`);
    if (aside) console.log(`The data as it was before the restore is kept in ${aside}: delete it once you are satisfied.`);
    return 0;
  } finally {
    process.off('SIGINT', holdOn).off('SIGTERM', holdOn).off('SIGHUP', holdOn);
    lock.release();
  }
}

async function restorePostgres(config: AppConfig, databaseUrl: string, file: string): Promise<number> {
  let handle = await openForCli(config, { mustExist: true });
  let serverMajor: number;
  try {
    serverMajor = await serverMajorVersion(handle);
    const others = await handle.pool.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    );
    const n = others.rows[0]?.n ?? 0;
    if (n > 0) console.error(`Warning: ${n} other session${n === 1 ? ' is' : 's are'} connected to this database (is the app still running?). The restore waits for their locks.`);
  } finally {
    await handle.close();
  }
  await clientToolMajor('pg_restore', serverMajor);
  const { url, env } = passwordInEnv(databaseUrl);
  // One transaction: if anything fails, nothing changes (never a half-restored database).
  const r = await runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--no-password', '--dbname', url, file], env, serverMajor);
  if (r.code !== 0) throw new CliError(`Restore failed, and nothing was changed (it runs in one transaction): ${firstErrorLine(r.stderr)}`);

  handle = await openForCli(config, { mustExist: true });
  try {
    if (!(await hasAuditTable(handle))) throw new CliError('The restore finished but the database has no audit_events table: was the backup taken from this system?');
    const events = await countAuditEvents(handle);
    await writeAudit(handle.db, cliContext('db restore'), { action: 'database.restore', recordType: 'database', details: { file, auditEventsRestored: events } });
    console.log(`Restored the PostgreSQL database ${redactUrl(databaseUrl)} from ${file} (${plural(events, 'audit event')})`);
    return 0;
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------- helpers

/** A locked data folder means the app (or another command) is using it: say what was refused. */
function explainLock(what: string) {
  return (err: unknown): never => {
    if (err instanceof DataDirLockedError) throw new CliError(`Cannot ${what}: ${err.message.charAt(0).toLowerCase()}${err.message.slice(1)}`);
    throw err;
  };
}

async function countAuditEvents(handle: DatabaseHandle): Promise<number> {
  const r = await handle.pool.query<{ n: number }>('select count(*)::int as n from audit_events');
  return r.rows[0]?.n ?? 0;
}

async function serverMajorVersion(handle: DatabaseHandle): Promise<number> {
  const r = await handle.pool.query<{ v: string }>(`select current_setting('server_version_num') as v`);
  return Math.floor(Number(r.rows[0]!.v) / 10000);
}

/** The password moves from the connection string to PGPASSWORD, so it does not show in the process list. */
function passwordInEnv(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

function missingTool(tool: string, major: number): CliError {
  return new CliError(`${tool} is not installed (or not on PATH): install the PostgreSQL ${major} client tools (Debian/Ubuntu: apt install postgresql-client-${major})`);
}

async function clientToolMajor(tool: string, serverMajor: number): Promise<number> {
  const r = await runTool(tool, ['--version'], process.env, serverMajor);
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout);
  if (r.code !== 0 || !m) throw new CliError(`Could not tell which version ${tool} is: ${firstErrorLine(r.stderr || r.stdout)}`);
  return Number(m[1]);
}

/** Runs a PostgreSQL client tool (no shell), collecting its output. --no-password keeps it from prompting on the terminal. */
function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv, serverMajor: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? missingTool(tool, serverMajor) : err));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The most useful single line of a PostgreSQL tool's error output. */
function firstErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /error:/i.test(l)) ?? lines[0] ?? 'no error message').replace(/^(pg_dump|pg_restore): (error: )?/, '');
}
