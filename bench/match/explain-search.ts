/**
 * Where a search's blocking time goes: npm exec tsx bench/match/explain-search.ts -- --db-url URL [--size N] [--queries Q]
 * Runs EXPLAIN ANALYZE on the candidate query of each benchmark search against an index built by
 * analyse.ts (same size and seed) and prints the mean and p95 time of each block (the union's parts in order).
 */
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connect.js';
import { candidateQuery } from '../../src/people/candidates.js';
import { Generator } from './generate.js';

const { values } = parseArgs({ options: { 'db-url': { type: 'string' }, size: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '200' }, seed: { type: 'string', default: '20240601' } } });
const csv = path.join(os.tmpdir(), `explain-${process.pid}.csv`);
const truth = await new Generator(Number(values.seed)).writeCsv(csv, Number(values.size), 1000);
fs.rmSync(csv, { force: true });
const handle = await openDatabase(values['db-url'] ? { databaseUrl: values['db-url'] } : { pgliteDir: path.join(os.tmpdir(), `match-analyse-${values.size}-${values.seed}`) });
const perBlock: number[][] = [];
const slow: Array<{ ms: number; what: string; plan: string }> = [];
const totals: number[] = [];
const planning: number[] = [];
type PlanNode = { 'Node Type': string; 'Actual Total Time': number; 'Actual Loops': number; Plans?: PlanNode[] };
for (const q of truth.queries.slice(0, Number(values.queries))) {
  const query = candidateQuery({ givenName: q.given, familyName: q.family, dateOfBirth: q.dob, postcode: q.postcode, nhsNumber: q.nhs, upn: null });
  const r = await sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }> }>`explain (analyze, format json) ${query}`.execute(handle.db);
  const plan = r.rows[0]!['QUERY PLAN'][0]!;
  totals.push(plan['Execution Time']);
  planning.push(plan['Planning Time']);
  const find = (n: PlanNode): PlanNode | undefined => (n['Node Type'] === 'Append' ? n : n.Plans?.map(find).find(Boolean));
  const append = find(plan.Plan);
  append?.Plans?.forEach((child, i) => (perBlock[i] ??= []).push(child['Actual Total Time'] * child['Actual Loops']));
  slow.push({ ms: plan['Execution Time'], what: `${q.given} ${q.family} ${q.dob} ${q.postcode}`, plan: JSON.stringify(append?.Plans?.map((c) => Math.round(c['Actual Total Time']))) });
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `mean ${(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2)} ms, p95 ${s[Math.ceil(s.length * 0.95) - 1]!.toFixed(2)} ms`;
};
console.log(`whole query: execution ${stats(totals)}; planning ${stats(planning)}`);
perBlock.forEach((xs, i) => console.log(`block ${i}: ${stats(xs)}`));
for (const x of slow.sort((a, b) => b.ms - a.ms).slice(0, 8)) console.log(x.ms.toFixed(1), x.what, x.plan);
await handle.close();
