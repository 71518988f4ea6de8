// npm run migrate: applies the database migrations to the configured database (DATA_DIR or DATABASE_URL).
import { findCommand, runCommand } from './command.js';
import { CLI_MODULES } from './modules.js';
import { runMain } from './runtime.js';

const { mod, command } = findCommand(CLI_MODULES, 'db', 'migrate')!;
void runMain(() => runCommand(mod, command, process.argv.slice(2), 'npm run migrate'));
