import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { openDatabase } from './src/db/connect.js';
import { findCandidateIds } from './src/people/candidates.js';
import { loadBriefs } from './src/people/match-data.js';
import { PersonSearchService, queryAsPerson } from './src/people/search-service.js';
import { scorePair, thresholds } from './src/people/matching/index.js';
import { Generator } from './bench/match/generate.js';
const csv = path.join(os.tmpdir(), `tm-${process.pid}.csv`);
const truth = await new Generator(20240601).writeCsv(csv, 1_000_000, 1000);
fs.rmSync(csv);
const h = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/bench_match_wt1m' });
const s = new PersonSearchService(h.db);
const w = await s.currentWeights(); const ctx = await s.matchContext();
const t = { block: [] as number[], load: [] as number[], score: [] as number[], n: [] as number[] };
for (const q of truth.queries.slice(0, 300)) {
  const query = { givenName: q.given, familyName: q.family, dateOfBirth: q.dob, postcode: q.postcode, nhsNumber: q.nhs, upn: null };
  let t0 = performance.now(); const ids = await findCandidateIds(h.db, query); t.block.push(performance.now() - t0);
  t0 = performance.now(); const briefs = await (await import("./src/people/pair-blocking.js")).loadForMatching(h.db, ids); t.load.push(performance.now() - t0);
  t0 = performance.now(); const probe = queryAsPerson(query); for (const b of briefs.values()) scorePair(probe, b, w, thresholds, ctx); t.score.push(performance.now() - t0);
  t.n.push(ids.length);
}
const st = (xs: number[]) => { const a = [...xs].sort((x, y) => x - y); return `mean ${(a.reduce((x, y) => x + y, 0) / a.length).toFixed(1)} p95 ${a[Math.ceil(a.length * 0.95) - 1]!.toFixed(1)}`; };
for (const [k, v] of Object.entries(t)) console.log(k, st(v));
await h.close();
