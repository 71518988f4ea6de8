// npm run audit:verify: checks the audit trail's hash chain; exit 1 names the first altered or missing row.
import { findCommand, runCommand } from './command.js';
import { CLI_MODULES } from './modules.js';
import { runMain } from './runtime.js';

const { mod, command } = findCommand(CLI_MODULES, 'audit', 'verify')!;
void runMain(() => runCommand(mod, command, process.argv.slice(2), 'npm run audit:verify'));
