// Shared by the test/integration/cli-*.test.ts files: runs a CLI entry point as a child process
// (so exit codes and messages are tested as an operator sees them) and makes temporary data folders.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestContext } from '../../src/audit/audit-log.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { createTestDatabase, type Target } from '../support/harness.js';
import { findMigrationFiles, migrateToLatest } from '../../src/db/migrate.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const TEST_CTX: RequestContext = { requestId: 'cli-test', ip: '127.0.0.1', user: null };

export type CliScript = 'migrate' | 'backup' | 'audit-verify' | 'index';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs src/cli/<script>.ts in a child process with only the given environment (plus PATH and
 * HOME): DATA_DIR / DATABASE_URL from the developer's shell must not leak into a test.
 */
export function runCli(script: CliScript, args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'cli', `${script}.ts`), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir(), NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Asserts a failed run printed exactly one line on stderr (no stack trace) matching `pattern`, and returns it. */
export function assertOneLineError(r: CliResult, code: number, pattern: RegExp): string {
  assert.equal(r.code, code, `expected exit ${code}, got ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.match(lines[0]!, pattern);
  return lines[0]!;
}

export function assertOk(r: CliResult): void {
  assert.equal(r.code, 0, `expected exit 0, got ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(label: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `csc-${label}-`));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Fills `dataDir` with a migrated, empty PGlite database. PGlite's initdb takes several seconds,
 * so the first caller builds a template (under node_modules/.cache, keyed by the PGlite version
 * and the migrations' content) and every later one, in any test process, copies it.
 */
export async function migratedPgliteDataDir(dataDir: string): Promise<void> {
  const hash = crypto.createHash('sha256');
  hash.update(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version);
  for (const m of findMigrationFiles()) hash.update(m.name).update(fs.readFileSync(m.file));
  const cacheRoot = path.join(ROOT, 'node_modules', '.cache');
  const prefix = 'csc-test-pglite-migrated-';
  const template = path.join(cacheRoot, prefix + hash.digest('hex').slice(0, 16));
  if (!fs.existsSync(path.join(template, 'pgdata', 'PG_VERSION'))) {
    fs.mkdirSync(cacheRoot, { recursive: true });
    const build = `${template}.build-${process.pid}`;
    fs.rmSync(build, { recursive: true, force: true });
    const handle = await openDatabase({ pgliteDir: build });
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
    try {
      fs.renameSync(build, template); // atomic: a half-built template is never used
    } catch {
      fs.rmSync(build, { recursive: true, force: true }); // another test process got there first
    }
    // Templates for older migrations are no use any more.
    for (const old of fs.readdirSync(cacheRoot)) {
      const full = path.join(cacheRoot, old);
      if (old.startsWith(prefix) && !old.includes('.build-') && full !== template) fs.rmSync(full, { recursive: true, force: true });
    }
  }
  fs.cpSync(template, dataDir, { recursive: true });
}

export interface CliDatabase {
  /** Environment for a CLI child process pointing at this database (plus `extraEnv`). */
  env: Record<string, string>;
  /** Opens the same database in this process. */
  open: () => Promise<DatabaseHandle>;
  /** Drops the PostgreSQL database (nothing to do for PGlite: the folder goes with `dir`). */
  drop: () => Promise<void>;
}

/**
 * A database for CLI tests on one target: a migrated PGlite folder under `dir`, or a fresh (empty,
 * unmigrated) database on the TEST_DATABASE_URL server.
 */
export async function cliDatabase(target: Target, dir: string, extraEnv: Record<string, string> = {}): Promise<CliDatabase> {
  if (target === 'pglite') {
    const dataDir = path.join(dir, 'data');
    await migratedPgliteDataDir(dataDir);
    return { env: { ...extraEnv, DATA_DIR: dataDir }, open: () => openDatabase({ pgliteDir: dataDir }), drop: async () => undefined };
  }
  const db = await createTestDatabase();
  return { env: { ...extraEnv, DATABASE_URL: db.url }, open: () => openDatabase({ databaseUrl: db.url }), drop: db.drop };
}
