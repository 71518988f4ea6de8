import type { CliModule } from '../command.js';
import { cliConfig } from '../runtime.js';

// Implementations are in ./db-run.ts, imported only when a command runs (keeps help and usage errors quick).
export const dbModule: CliModule = {
  name: 'db',
  summary: 'Database set-up, backup and restore',
  commands: [
    {
      name: 'migrate',
      args: '',
      summary: 'Apply database migrations (also done at every app start)',
      run: async () => {
        const config = cliConfig(); // before loading the database modules: a bad setting fails fast
        return (await import('./db-run.js')).migrate(config);
      },
    },
    {
      name: 'backup',
      args: 'FILE',
      summary: 'Back up the whole database to FILE (stop the app first when using the embedded database)',
      positionals: 1,
      run: async ({ positionals }) => {
        const config = cliConfig();
        return (await import('./db-run.js')).backup(config, positionals[0]!);
      },
    },
    {
      name: 'restore',
      args: 'FILE',
      summary: 'Replace the database with the backup in FILE (stop the app first)',
      positionals: 1,
      run: async ({ positionals }) => {
        const config = cliConfig();
        return (await import('./db-run.js')).restore(config, positionals[0]!);
      },
    },
  ],
};
