// npm run cli -- people import | match | duplicates | estimate-weights (definitions and argument checks in ./cli.ts).
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { AppConfig } from '../config.js';
import type { Database } from '../db/schema.js';
import type { DatabaseHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { writeAudit } from '../audit/audit-log.js';
import { CliError, EXIT_FAILED, EXIT_OK, UsageError, cliContext, plural } from '../cli/runtime.js';
import { describeDatabase, openForCli } from '../cli/database.js';
import { DEFAULT_WEIGHTS, thresholds, weightFor, type MatchField } from './matching/index.js';
import { LEVELS, MATCH_FIELDS } from './matching/compare.js';
import { PersonSearchService } from './search-service.js';
import { DuplicatesService } from './duplicates-service.js';
import { WeightsService } from './weights-service.js';
import { MappingError, importCsvFile, parseMapSpecs, planColumns, readRow, type ColumnPlan, type RowProblem } from './import.js';
import type { PersonQuery } from './search-query.js';
import { CsvWriter, readCsv } from './csv.js';
import { ProgressBar, count } from './progress.js';
import type { DuplicatesArgs, EstimateArgs, ImportArgs, MatchArgs } from './cli.js';

/** Opens the configured database (it must exist) and applies any pending migrations, as the app does at start. */
async function open(config: AppConfig): Promise<DatabaseHandle> {
  const handle = await openForCli(config, { mustExist: true });
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length) console.error(`Updated ${describeDatabase(handle)} (applied ${plural(applied.length, 'migration')})`);
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

function checkReadable(file: string): void {
  try {
    if (!fs.statSync(file).isFile()) throw new Error();
  } catch {
    throw new CliError(`Cannot read ${file}: no such file`);
  }
}

function mapping(specs: string[]) {
  try {
    return parseMapSpecs(specs);
  } catch (err) {
    if (err instanceof MappingError) throw new UsageError(err.message);
    throw err;
  }
}

/** Lists rejected rows on stderr (the first 200; all of them in --errors FILE). */
async function reportProblems(problems: readonly RowProblem[], errorsFile: string | undefined, what: string): Promise<void> {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 200);
  for (const p of shown) console.error(`Line ${p.line}${p.sourceId ? ` (id ${p.sourceId})` : ''}: ${p.reason}`);
  if (problems.length > shown.length) console.error(`... and ${count(problems.length - shown.length)} more${errorsFile ? '' : ' (list them all with --errors FILE)'}`);
  if (errorsFile) {
    const w = new CsvWriter(errorsFile);
    await w.write(['line', 'id', 'problem']);
    for (const p of problems) await w.write([p.line, p.sourceId, p.reason]);
    await w.close();
    console.error(`All rejected rows are listed in ${errorsFile}`);
  }
  console.error(`${plural(problems.length, 'row')} ${problems.length === 1 ? 'was' : 'were'} not ${what}`);
}

export async function importPeople(config: AppConfig, args: ImportArgs): Promise<number> {
  const map = mapping(args.map);
  checkReadable(args.file);
  const handle = await open(config);
  try {
    const bar = new ProgressBar(`Importing ${path.basename(args.file)}`);
    const summary = await importCsvFile(handle.db, args.file, {
      ctx: cliContext('people import'),
      source: args.source,
      map,
      onProgress: (fraction, rows) => bar.update(fraction, `${count(rows)} rows`),
    }).catch((err: unknown) => {
      if (err instanceof MappingError) throw new UsageError(err.message);
      if (err instanceof Error && (err as { code?: string }).code?.startsWith('CSV_')) throw new CliError(`${args.file} is not a readable CSV file: ${err.message}`);
      throw err;
    });
    bar.done(`${count(summary.rows)} rows`);
    console.log(
      `Imported ${plural(summary.imported, 'person').replace('persons', 'people')} from ${path.basename(args.file)} (source "${summary.source}") into ${describeDatabase(handle)} in ${summary.seconds.toFixed(1)} s` +
        (summary.alreadyPresent ? `; ${count(summary.alreadyPresent)} already present, skipped` : ''),
    );
    if (summary.ignoredColumns.length) console.log(`Ignored columns: ${summary.ignoredColumns.join(', ')}`);
    await reportProblems(summary.problems, args.errors, 'imported');
    return summary.problems.length ? EXIT_FAILED : EXIT_OK;
  } finally {
    await handle.close();
  }
}

/** Reads a query file: the same columns and checks as an import. */
async function* queries(file: string, map: ReturnType<typeof parseMapSpecs>, problems: RowProblem[], onProgress: (bytes: number, rows: number) => void) {
  let plan: ColumnPlan | null = null;
  let rows = 0;
  try {
    for await (const record of readCsv(file)) {
      if (plan === null) {
        plan = planColumns(record.values, map);
        continue;
      }
      rows++;
      if (rows % 100 === 0) onProgress(record.bytes, rows);
      const read = readRow(record.values, plan, record.line);
      if (!read.ok) {
        problems.push(read.problem);
        continue;
      }
      const r = read.row;
      const query: PersonQuery = { givenName: r.givenNames || null, familyName: r.familyName || null, dateOfBirth: r.dateOfBirth, postcode: r.postcode, nhsNumber: r.nhsNumber, upn: null };
      yield { id: r.sourceId, query };
    }
  } catch (err) {
    if (err instanceof MappingError) throw new UsageError(err.message);
    if (err instanceof Error && (err as { code?: string }).code?.startsWith('CSV_')) throw new CliError(`${file} is not a readable CSV file: ${err.message}`);
    throw err;
  }
  if (plan === null) throw new UsageError(`${file} is empty: it needs a header line naming its columns`);
}

async function sourceIds(db: Kysely<Database>, ids: number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: number; source_id: string | null }>`select id, source_id from people where id = any(${ids}::bigint[])`.execute(db);
  return new Map(r.rows.map((x) => [Number(x.id), x.source_id]));
}

/** A candidate's id for export: its source id, or the internal id prefixed P when it has none. */
const exportId = (id: number, source: string | null | undefined) => source ?? `P${id}`;

export async function matchPeople(config: AppConfig, args: MatchArgs): Promise<number> {
  const map = mapping(args.map);
  checkReadable(args.file);
  const handle = await open(config);
  try {
    const search = new PersonSearchService(handle.db);
    const out = new CsvWriter(args.out ?? process.stdout);
    await out.write(['query_id', 'candidate_id', 'rank', 'score']);
    const problems: RowProblem[] = [];
    const totalBytes = Math.max(1, fs.statSync(args.file).size);
    const bar = new ProgressBar(`Matching ${path.basename(args.file)}`);
    // PGlite has one connection; on PostgreSQL a few searches run at once.
    const concurrency = handle.kind === 'postgres' ? 4 : 1;
    const seen = new Set<number>();
    let done = 0;
    let written = 0;
    let chunk: Array<{ id: string; query: PersonQuery }> = [];
    const flush = async () => {
      const results: Array<Array<{ id: number; score: number }>> = new Array(chunk.length);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, chunk.length) }, async () => {
          for (let i = next++; i < chunk.length; i = next++) {
            const { hits } = await search.rank(chunk[i]!.query, args.top);
            results[i] = hits.map((h) => ({ id: h.id, score: h.score }));
          }
        }),
      );
      const sources = await sourceIds(handle.db, [...new Set(results.flat().map((h) => h.id))]);
      for (let i = 0; i < chunk.length; i++) {
        for (const [rank, hit] of results[i]!.entries()) {
          seen.add(hit.id);
          await out.write([chunk[i]!.id, exportId(hit.id, sources.get(hit.id)), rank + 1, hit.score.toFixed(1)]);
          written++;
        }
      }
      done += chunk.length;
      chunk = [];
    };
    for await (const q of queries(args.file, map, problems, (bytes) => bar.update(bytes / totalBytes, `${count(done)} searched`))) {
      chunk.push(q);
      if (chunk.length >= 200) await flush();
    }
    if (chunk.length) await flush();
    await out.close();
    bar.done(`${count(done)} rows searched`);
    await writeAudit(handle.db, cliContext('people match'), {
      action: 'people.match',
      recordType: 'person',
      personIds: [...seen],
      details: { file: path.basename(args.file), queries: done, rejected: problems.length, top: args.top, results: written },
    });
    if (args.out) console.log(`Searched ${plural(done, 'row')} of ${path.basename(args.file)}: ${plural(written, 'candidate')} written to ${args.out}`);
    await reportProblems(problems, args.errors, 'searched');
    return problems.length ? EXIT_FAILED : EXIT_OK;
  } finally {
    await handle.close();
  }
}

export async function findDuplicates(config: AppConfig, args: DuplicatesArgs): Promise<number> {
  const handle = await open(config);
  const controller = new AbortController();
  const interrupt = () => {
    console.error('\nStopping after the current batch (run the command again to carry on)...');
    controller.abort();
  };
  process.once('SIGINT', interrupt);
  try {
    const ctx = cliContext('people duplicates');
    const search = new PersonSearchService(handle.db);
    const duplicates = new DuplicatesService(handle.db, search);
    // By default, the pairs likely to be the same person at this index's size; --min-score 10 lists the review band too.
    const minScore = args.minScore ?? (await duplicates.likelyThreshold());
    const scanId = await duplicates.startScan();
    const before = (await duplicates.scan(scanId))!;
    const maxId = Number((await sql<{ m: number | null }>`select max(id) as m from people`.execute(handle.db)).rows[0]?.m ?? 0);
    if (before.lastPersonId > 0) console.error(`Resuming duplicate scan ${scanId} after person ${before.lastPersonId}`);
    const bar = new ProgressBar('Scanning for duplicates');
    const state = await duplicates.runScan(scanId, {
      batchSize: args.batchSize,
      minScore: Math.min(minScore, thresholds.possible),
      signal: controller.signal,
      ctx,
      onBatch: (s) => bar.update(maxId ? s.lastPersonId / maxId : 1, `${count(s.pairsFound)} pairs found`),
    });
    if (state.status !== 'finished') {
      throw new CliError(`Duplicate scan ${scanId} stopped after person ${state.lastPersonId} (${plural(state.pairsFound, 'pair')} so far): run the command again to carry on`);
    }
    bar.done(`${count(state.pairsFound)} new pairs`);
    const pairs = await duplicates.pairsAbove(minScore);
    const out = new CsvWriter(args.out ?? process.stdout);
    await out.write(['id_a', 'id_b', 'score']);
    for (const p of pairs) await out.write([exportId(p.personA, p.sourceA), exportId(p.personB, p.sourceB), p.score.toFixed(1)]);
    await out.close();
    await writeAudit(handle.db, ctx, { action: 'person.duplicate.export', recordType: 'duplicate_scan', recordId: scanId, details: { pairs: pairs.length, minScore } });
    const summary = `${plural(pairs.length, 'open pair')} scoring ${minScore} or more${args.out ? ` written to ${args.out}` : ''}`;
    if (args.out) console.log(summary);
    else console.error(summary);
    return EXIT_OK;
  } finally {
    process.removeListener('SIGINT', interrupt);
    await handle.close();
  }
}

export async function estimateWeights(config: AppConfig, args: EstimateArgs): Promise<number> {
  const handle = await open(config);
  try {
    const search = new PersonSearchService(handle.db);
    const service = new WeightsService(handle.db, search);
    console.error('Estimating matching weights from the index...');
    const r = await service.estimate({ maxPairs: args.pairs, store: !args.dryRun, ctx: cliContext('people estimate-weights') });
    if (r.pairsUsed === 0) throw new CliError(`Weights not stored: ${r.notStoredBecause}; the weights in use are unchanged`);
    console.log(`Pairs used: ${count(r.pairsUsed)} candidate pairs (m, by EM), ${count(r.randomPairsUsed)} random pairs (u)`);
    console.log(`EM: ${r.converged ? 'converged' : 'did NOT converge'} after ${r.iterations} iterations; prior for one pair: ${r.prior.toExponential(2)}`);
    console.log('');
    console.log(`${'field'.padEnd(12)} ${'level'.padEnd(16)} ${'m'.padStart(9)} ${'u'.padStart(10)} ${'bits'.padStart(7)} ${'default'.padStart(8)}`);
    for (const field of MATCH_FIELDS) {
      for (const level of LEVELS[field]) {
        const p = (r.weights.fields[field] as Record<string, { m: number; u: number }>)[level]!;
        const bits = weightFor(r.weights, field as MatchField, level as never);
        const def = weightFor(DEFAULT_WEIGHTS, field as MatchField, level as never);
        console.log(`${field.padEnd(12)} ${level.padEnd(16)} ${p.m.toFixed(5).padStart(9)} ${p.u.toExponential(2).padStart(10)} ${bits.toFixed(1).padStart(7)} ${def.toFixed(1).padStart(8)}`);
      }
    }
    console.log('');
    for (const f of r.fallbacks) console.log(`Kept the defaults for ${f}`);
    if (r.stored) {
      console.log('Stored: search and the duplicate finder use these weights from now on.');
      return EXIT_OK;
    }
    if (args.dryRun) {
      console.log('Dry run: nothing stored.');
      return EXIT_OK;
    }
    throw new CliError(`Weights not stored: ${r.notStoredBecause}; the weights in use are unchanged`);
  } finally {
    await handle.close();
  }
}
