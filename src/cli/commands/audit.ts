import type { CliModule } from '../command.js';
import { cliConfig } from '../runtime.js';

// The implementation is in ./audit-run.ts, imported only when the command runs.
export const auditModule: CliModule = {
  name: 'audit',
  summary: 'The tamper-evident audit trail',
  commands: [
    {
      name: 'verify',
      args: '',
      summary: 'Check every audit event against the hash chain; exit 1 naming the first altered or missing row',
      run: async () => {
        const config = cliConfig(); // before loading the database modules: a bad setting fails fast
        return (await import('./audit-run.js')).verify(config);
      },
    },
  ],
};
