// Loaded by every entry point: keep it light (no database modules), so help and usage errors are quick.
import os from 'node:os';
import { ConfigError, loadConfig, type AppConfig } from '../config.js';
import { DataDirLockedError } from '../db/lock.js';
import type { RequestContext } from '../audit/audit-log.js';

/** A known failure: printed as one line, exit code 1. The message is written for the operator. */
export class CliError extends Error {}

/** Wrong or missing arguments: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * Runs a command-line entry point: known errors (bad configuration, a locked data folder, an
 * unreachable database, CliError, UsageError) print one line with no stack trace; anything else
 * is a bug and prints its stack. Always ends the process with the exit code.
 */
export async function runMain(main: () => Promise<number | void>): Promise<never> {
  let code: number;
  try {
    code = (await main()) ?? EXIT_OK;
  } catch (err) {
    code = reportError(err);
  }
  process.exit(code);
}

export function reportError(err: unknown): number {
  if (err instanceof UsageError) {
    console.error(err.message);
    return EXIT_USAGE;
  }
  if (err instanceof CliError || err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
    return EXIT_FAILED;
  }
  const problem = connectionProblem(err);
  if (problem) {
    console.error(`Cannot connect to the database: ${problem}`);
    return EXIT_FAILED;
  }
  console.error(`Unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return EXIT_FAILED;
}

/** Loads the configuration from the environment (a ConfigError becomes one line, exit 1). */
export function cliConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadConfig(env);
}

const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is PostgreSQL running, and are the host and port right?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset by the server',
};
// PostgreSQL error codes that mean "you cannot use this database", as opposed to a failed query.
const SERVER_REFUSALS = new Set(['28P01', '28000', '3D000', '57P03', '53300']);

/** If err means the database could not be reached or refused us, a one-line reason; otherwise null. */
export function connectionProblem(err: unknown): string | null {
  if (err instanceof AggregateError && err.errors.length > 0) return connectionProblem(err.errors[0]);
  if (!(err instanceof Error)) return null;
  const code = (err as NodeJS.ErrnoException).code;
  if (code && CONNECTION_CODES[code]) {
    const where = (err as { address?: string; port?: number }).address;
    const port = (err as { port?: number }).port;
    return `${CONNECTION_CODES[code]}${where ? ` [${where}${port ? `:${port}` : ''}]` : ''}`;
  }
  if (code && SERVER_REFUSALS.has(code)) return err.message;
  if (/Connection terminated|timeout expired/i.test(err.message)) return err.message;
  return null;
}

/** The connection string without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/**
 * The audit context for work done from the command line: no signed-in user, like SYSTEM_CONTEXT in
 * src/app.ts (not imported from there: app.ts loads the whole web server), with the command and the
 * operating-system account that ran it as the request id.
 */
export function cliContext(command: string): RequestContext {
  let who = 'unknown';
  try {
    who = `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    /* no passwd entry (some containers) */
  }
  return { requestId: `cli ${command} (${who})`, ip: 'local', user: null };
}

/** "1 audit event", "3 audit events". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
