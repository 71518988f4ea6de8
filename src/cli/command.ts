import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './runtime.js';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CliArgs {
  /** Arguments after the command's words (e.g. the FILE of `db backup FILE`). */
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** One command, e.g. `users create-admin`. Returns the exit code (0 for success). */
export interface CliCommand {
  /** The words that pick the command after the module name, e.g. ['create-admin']. */
  name: string;
  /** Arguments and options after the command words, for help and usage lines: 'USERNAME --name "Full Name"'. */
  args: string;
  summary: string;
  options?: CliOptions;
  /** How many positional arguments the command needs (exactly, unless maxPositionals is larger). */
  positionals?: number;
  maxPositionals?: number;
  run(args: CliArgs): Promise<number | void>;
}

/**
 * A domain's commands, e.g. `users` with `create-admin`. Each domain registers one module in
 * CLI_MODULES (src/cli/modules.ts); the dispatcher (src/cli/index.ts) finds commands there.
 */
export interface CliModule {
  name: string;
  summary: string;
  commands: CliCommand[];
}

/** Parses argv for one command (strictly: unknown options are usage errors) and runs it. */
export async function runCommand(mod: CliModule, command: CliCommand, argv: string[], usagePrefix = `npm run cli -- ${mod.name} ${command.name}`): Promise<number> {
  const usage = `Usage: ${usagePrefix}${command.args ? ` ${command.args}` : ''}`;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: command.options ?? {}, allowPositionals: true, strict: true });
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.replace(/\. To specify a positional.*$/, '');
    throw new UsageError(`${reason}. ${usage}`);
  }
  const min = command.positionals ?? 0;
  const max = Math.max(min, command.maxPositionals ?? min);
  if (parsed.positionals.length < min) throw new UsageError(`Missing argument. ${usage}`);
  if (parsed.positionals.length > max) throw new UsageError(`Unexpected argument "${parsed.positionals[max]}". ${usage}`);
  for (const [name, spec] of Object.entries(command.options ?? {})) {
    if (spec.type === 'string' && parsed.values[name] === '') throw new UsageError(`--${name} must not be empty. ${usage}`);
  }
  return (await command.run({ positionals: parsed.positionals, values: parsed.values as CliArgs['values'] })) ?? 0;
}

export function findCommand(modules: CliModule[], moduleName: string, commandName: string): { mod: CliModule; command: CliCommand } | undefined {
  const mod = modules.find((m) => m.name === moduleName);
  const command = mod?.commands.find((c) => c.name === commandName);
  return mod && command ? { mod, command } : undefined;
}

export function helpText(modules: CliModule[]): string {
  const lines = ['Usage: npm run cli -- COMMAND [ARGUMENTS]', '', 'Commands:'];
  const rows: Array<[string, string]> = [['help', 'Show this list']];
  for (const m of modules) for (const c of m.commands) rows.push([`${m.name} ${c.name}${c.args ? ` ${c.args}` : ''}`, c.summary]);
  for (const [l, s] of rows) lines.push(`  ${l}`, `      ${s}`);
  lines.push('', 'Configuration comes from the environment, as for npm start (DATA_DIR, or DATABASE_URL for PostgreSQL).');
  return lines.join('\n');
}
