// npm run cli -- frontdoor import-police FILE.csv: the police's file, imported from the command line
// (for a back-catalogue, or a scheduled job that picks the file up). Same checks and import as the page.
import type { CliModule } from '../cli/command.js';
import { cliConfig } from '../cli/runtime.js';

export const frontdoorModule: CliModule = {
  name: 'frontdoor',
  summary: 'The front door: import police notifications',
  commands: [
    {
      name: 'import-police',
      args: 'FILE.csv',
      summary:
        'Import police notifications from a CSV file (one row per person; columns as on the import page). If any row is bad nothing is imported ' +
        'and every bad row is listed by line (exit 1); notifications already imported (same police reference) are reported, not added again',
      positionals: 1,
      run: async ({ positionals }) => (await import('./police-cli-run.js')).importPoliceFile(cliConfig(), positionals[0]!),
    },
  ],
};
