// npm run db:backup -- FILE and npm run db:restore -- FILE (package.json passes `backup` or `restore` first).
// Embedded database (PGlite, DATA_DIR): a .tar.gz of the data folder. PostgreSQL (DATABASE_URL): pg_dump's custom format.
import { findCommand, runCommand } from './command.js';
import { CLI_MODULES } from './modules.js';
import { UsageError, runMain } from './runtime.js';

void runMain(() => {
  const [action, ...rest] = process.argv.slice(2);
  if (action !== 'backup' && action !== 'restore') {
    throw new UsageError('Usage: npm run db:backup -- FILE  or  npm run db:restore -- FILE');
  }
  const { mod, command } = findCommand(CLI_MODULES, 'db', action)!;
  return runCommand(mod, command, rest, `npm run db:${action} --`);
});
