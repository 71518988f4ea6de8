// npm run cli -- COMMAND ...: the command dispatcher. Commands live in modules listed in ./modules.ts.
import { findCommand, helpText, runCommand } from './command.js';
import { CLI_MODULES } from './modules.js';
import { UsageError, runMain } from './runtime.js';

void runMain(async () => {
  const argv = process.argv.slice(2);
  const [first, second] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    const text = helpText(CLI_MODULES);
    if (first === undefined) {
      console.error(text);
      return 2;
    }
    console.log(text);
    return 0;
  }
  const found = second === undefined ? undefined : findCommand(CLI_MODULES, first, second);
  if (!found) {
    const mod = CLI_MODULES.find((m) => m.name === first);
    const known = mod ? mod.commands.map((c) => `${mod.name} ${c.name}`).join(', ') : 'npm run cli -- help lists them';
    throw new UsageError(`Unknown command "${argv.slice(0, mod ? 2 : 1).join(' ')}" (${mod ? `try ${known}` : known})`);
  }
  return runCommand(found.mod, found.command, argv.slice(2));
});
