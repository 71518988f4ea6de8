import type { CliModule } from './command.js';
import { dbModule } from './commands/db.js';
import { auditModule } from './commands/audit.js';
import { usersModule } from './commands/users.js';
import { peopleModule } from '../people/cli.js';
import { frontdoorModule } from '../frontdoor/police-cli.js';

/**
 * Every command of `npm run cli`, by domain. A domain adds its commands by exporting a CliModule
 * (see src/cli/command.ts) and listing it here, e.g. a `people` module with `import FILE.csv`.
 */
export const CLI_MODULES: CliModule[] = [usersModule, auditModule, dbModule, peopleModule, frontdoorModule];
