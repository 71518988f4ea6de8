// npm run cli -- people ...: importing, matching and de-duplicating the person index.
// Implementations are in ./cli-run.ts, imported only when a command runs (keeps help and usage errors quick).
import type { CliArgs, CliModule } from '../cli/command.js';
import { UsageError, cliConfig } from '../cli/runtime.js';

const MAP_HELP = '[--map source_col=field,...]';

export interface ImportArgs {
  file: string;
  map: string[];
  source: string | undefined;
  errors: string | undefined;
}

export interface MatchArgs {
  file: string;
  map: string[];
  top: number;
  out: string | undefined;
  errors: string | undefined;
}

export interface DuplicatesArgs {
  out: string | undefined;
  minScore: number | undefined;
  batchSize: number;
}

export interface EstimateArgs {
  pairs: number;
  dryRun: boolean;
}

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

function positiveInteger(value: string | undefined, name: string, fallback: number, max = 1_000_000_000): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max} (got "${value}")`);
  return Number(value);
}

export const peopleModule: CliModule = {
  name: 'people',
  summary: 'The person index: import, match and find duplicates',
  commands: [
    {
      name: 'import',
      args: `FILE.csv ${MAP_HELP} [--source NAME] [--errors ERRORS.csv]`,
      summary:
        'Import people from a CSV file (fields: id, given_name, family_name, date_of_birth, sex, postcode, address, nhs_number). ' +
        'Bad rows are listed by line and skipped (exit 1); rows already imported from the same source are skipped, so a re-run is safe',
      positionals: 1,
      options: { map: { type: 'string', multiple: true }, source: { type: 'string' }, errors: { type: 'string' } },
      run: async ({ positionals, values }: CliArgs) => {
        const args: ImportArgs = { file: positionals[0]!, map: list(values.map), source: str(values.source), errors: str(values.errors) };
        const config = cliConfig();
        return (await import('./cli-run.js')).importPeople(config, args);
      },
    },
    {
      name: 'match',
      args: `FILE.csv [--top N] [--out RESULTS.csv] ${MAP_HELP} [--errors ERRORS.csv]`,
      summary: 'Search the index for each row of FILE.csv and write the best candidates: query_id,candidate_id,rank,score',
      positionals: 1,
      options: { map: { type: 'string', multiple: true }, top: { type: 'string' }, out: { type: 'string' }, errors: { type: 'string' } },
      run: async ({ positionals, values }: CliArgs) => {
        const args: MatchArgs = { file: positionals[0]!, map: list(values.map), top: positiveInteger(str(values.top), 'top', 5, 100), out: str(values.out), errors: str(values.errors) };
        const config = cliConfig();
        return (await import('./cli-run.js')).matchPeople(config, args);
      },
    },
    {
      name: 'duplicates',
      args: '[--out PAIRS.csv] [--min-score S] [--batch-size N]',
      summary: 'Run (or resume) the duplicate scan over the whole index, then write the open pairs: id_a,id_b,score (by default those likely at this index size; --min-score 10 adds the review band)',
      options: { out: { type: 'string' }, 'min-score': { type: 'string' }, 'batch-size': { type: 'string' } },
      run: async ({ values }: CliArgs) => {
        const min = str(values['min-score']);
        if (min !== undefined && !/^-?\d+(\.\d+)?$/.test(min)) throw new UsageError(`--min-score must be a number of bits, like 16 (got "${min}")`);
        const args: DuplicatesArgs = { out: str(values.out), minScore: min === undefined ? undefined : Number(min), batchSize: positiveInteger(str(values['batch-size']), 'batch-size', 2000, 100_000) };
        const config = cliConfig();
        return (await import('./cli-run.js')).findDuplicates(config, args);
      },
    },
    {
      name: 'estimate-weights',
      args: '[--pairs N] [--dry-run]',
      summary: 'Estimate the matching weights from the records in the index (EM) and store them for search and the duplicate finder',
      options: { pairs: { type: 'string' }, 'dry-run': { type: 'boolean' } },
      run: async ({ values }: CliArgs) => {
        const args: EstimateArgs = { pairs: positiveInteger(str(values.pairs), 'pairs', 50_000, 5_000_000), dryRun: values['dry-run'] === true };
        const config = cliConfig();
        return (await import('./cli-run.js')).estimateWeights(config, args);
      },
    },
  ],
};
