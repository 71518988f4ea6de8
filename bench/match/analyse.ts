/**
 * Matching analysis for development: npm run bench:match:analyse -- --size N [--dir PGLITE_DIR] [--queries Q]
 *
 * Like run.ts but keeps the imported index in a PGlite folder (built once, reused), and instead of
 * timing it explains the errors: for the duplicate finder, the comparison levels of the pairs it
 * missed and of the different people it proposed, at several thresholds; for the search, the
 * queries whose true person was not in the top 5. Nothing is written to bench/results.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { importCsvFile } from '../../src/people/import.js';
import { PersonSearchService } from '../../src/people/search-service.js';
import { scoreCandidates } from '../../src/people/duplicates-service.js';
import { batchEnd, blockPairs, loadForMatching } from '../../src/people/pair-blocking.js';
import { finderThreshold, scorePair, thresholds, type PairScore } from '../../src/people/matching/index.js';
import type { PersonQuery } from '../../src/people/search-query.js';
import { findCandidateIds } from '../../src/people/candidates.js';
import { Generator, recordOf } from './generate.js';
import { HOLDERS_CAP, fullNameHolders, hindsightCeiling } from './ceiling.js';

const CTX = { requestId: 'bench-match-analyse', ip: 'local', user: null };

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '20000' },
      dir: { type: 'string' },
      'db-url': { type: 'string' },
      queries: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '20240601' },
      show: { type: 'string', default: '25' },
      'skip-scan': { type: 'boolean', default: false },
      'skip-search': { type: 'boolean', default: false },
    },
  });
  const size = Number(values.size);
  const seed = Number(values.seed);
  const show = Number(values.show);
  const dir = values.dir ?? path.join(os.tmpdir(), `match-analyse-${size}-${seed}`);
  const csv = path.join(os.tmpdir(), `match-analyse-${size}-${seed}-${process.pid}.csv`);
  const truth = await new Generator(seed).writeCsv(csv, size, Number(values.queries));
  const url = values['db-url'];
  const fresh = url ? false : !fs.existsSync(dir);
  const handle = url ? await openDatabase({ databaseUrl: url }) : await openDatabase({ pgliteDir: dir });
  try {
    await migrateToLatest(handle.db);
    if (fresh || (url && !(await handle.db.selectFrom('people').select('id').limit(1).executeTakeFirst()))) {
      const t0 = Date.now();
      await importCsvFile(handle.db, csv, { ctx: CTX, source: 'bench' });
      await sql`vacuum analyze`.execute(handle.db);
      console.log(`imported ${size} into ${dir} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const sourceRows = await sql<{ id: number; source_id: string }>`select id, source_id from people`.execute(handle.db);
    const recordOfId = new Map(sourceRows.rows.map((r) => [Number(r.id), recordOf(r.source_id)]));
    const idOfRecord = new Map([...recordOfId].map(([id, rec]) => [rec, id]));
    const search = new PersonSearchService(handle.db);

    if (!values['skip-scan']) {
      const t0 = Date.now();
      const weights = await search.currentWeights();
      const context = await search.matchContext();
      const scored = new Map<string, PairScore>();
      let from = 0;
      for (;;) {
        const upTo = await batchEnd(handle.db, from, 2000);
        if (upTo === null) break;
        const pairs = await blockPairs(handle.db, from, upTo);
        const people = await loadForMatching(handle.db, pairs.flat());
        for (const p of await scoreCandidates(handle.db, pairs, people, weights, context)) scored.set(`${p.a}-${p.b}`, p.score);
        from = upTo;
      }
      const blockSeconds = (Date.now() - t0) / 1000;
      // True pairs by id.
      const byEntity = new Map<number, number[]>();
      for (let r = 0; r < truth.records; r++) {
        const e = truth.entityOf[r]!;
        const list = byEntity.get(e);
        if (list) list.push(r);
        else byEntity.set(e, [r]);
      }
      const truePairs: Array<[number, number, string]> = [];
      for (const recs of byEntity.values()) {
        for (let i = 0; i < recs.length; i++)
          for (let j = i + 1; j < recs.length; j++) {
            const a = idOfRecord.get(recs[i]!)!;
            const b = idOfRecord.get(recs[j]!)!;
            truePairs.push([Math.min(a, b), Math.max(a, b), truth.labels.get(recs[j]!) ?? 'orig']);
          }
      }
      const notBlocked = truePairs.filter(([a, b]) => !scored.has(`${a}-${b}`));
      console.log(`\nScan: ${scored.size} pairs scored in ${blockSeconds.toFixed(1)} s; ${truePairs.length} true pairs, ${notBlocked.length} not blocked`);
      const allPeople = await loadForMatching(handle.db, [...new Set(truePairs.flatMap(([a, b]) => [a, b]))]);
      const describe = (s: PairScore) =>
        s.fields
          .filter((f) => f.level !== 'missing')
          .map((f) => `${f.field}:${f.level}`)
          .join(' ') + (s.guards.length ? ` [${s.guards.map((g) => g.rule).join(',')}]` : '');
      const isTrue = new Set(truePairs.map(([a, b]) => `${a}-${b}`));
      const twinKey = (a: number, b: number) => truth.twinOf.get(truth.entityOf[recordOfId.get(a)!]!) === truth.entityOf[recordOfId.get(b)!];
      const at = finderThreshold(recordOfId.size);
      for (const min of [10, 14, 16, 17, 18, 19, 20, 21, 22, 23, at].sort((x, y) => x - y)) {
        let tp = 0;
        let fp = 0;
        let twins = 0;
        for (const [k, s] of scored) {
          if (s.score < min) continue;
          if (isTrue.has(k)) tp++;
          else {
            fp++;
            const [a, b] = k.split('-').map(Number) as [number, number];
            if (twinKey(a, b)) twins++;
          }
        }
        const p = tp / Math.max(1, tp + fp);
        const r = tp / truePairs.length;
        console.log(`  ${min === at ? '*' : ' '}>= ${min}: precision ${p.toFixed(4)} recall ${r.toFixed(4)} F1 ${((2 * p * r) / (p + r)).toFixed(4)}  (fp ${fp}, twins ${twins}, fn ${truePairs.length - tp})`);
      }
      // Pairs implied by others: A~B and A~C put B and C in one cluster (connected components, as
      // Splink clusters its pairwise predictions). Counted pairwise over the clusters.
      {
        const parent = new Map<number, number>();
        const find = (x: number): number => {
          let r = x;
          while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
          parent.set(x, r);
          return r;
        };
        for (const [k, s] of scored) {
          if (s.score < at) continue;
          const [a, b] = k.split('-').map(Number) as [number, number];
          const [ra, rb] = [find(a), find(b)];
          if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
        }
        const clusters = new Map<number, number[]>();
        for (const id of parent.keys()) {
          const r = find(id);
          (clusters.get(r) ?? clusters.set(r, []).get(r)!).push(id);
        }
        let tp = 0;
        let fp = 0;
        let biggest = 0;
        for (const members of clusters.values()) {
          biggest = Math.max(biggest, members.length);
          for (let i = 0; i < members.length; i++)
            for (let j = i + 1; j < members.length; j++) {
              const [a, b] = [Math.min(members[i]!, members[j]!), Math.max(members[i]!, members[j]!)];
              if (isTrue.has(`${a}-${b}`)) tp++;
              else fp++;
            }
        }
        const p = tp / Math.max(1, tp + fp);
        const r = tp / truePairs.length;
        console.log(`\nClusters of pairs >= ${at} (connected components; largest ${biggest}): precision ${p.toFixed(4)} recall ${r.toFixed(4)} F1 ${((2 * p * r) / (p + r)).toFixed(4)} (fp ${fp}, fn ${truePairs.length - tp})`);
      }
      // The ceiling of any scorer that sees only what the comparison sees: with hindsight, keep each
      // comparison pattern (every field's level) when it holds more true pairs than false ones; then
      // the same with how many people hold each record's full name (given + family) added.
      {
        const held = await fullNameHolders(handle.db);
        const ceiling = (key: (k: string, s: PairScore) => string) => {
          const c = hindsightCeiling([...scored].map(([k, s]) => ({ key: key(k, s), isTrue: isTrue.has(k) })), truePairs.length);
          return `F1 ${c.f1.toFixed(4)} (fp ${c.falsePositives}, fn ${c.falseNegatives})`;
        };
        const levels = (s: PairScore) => s.fields.map((f) => f.level).join(' ');
        console.log(`\nCeiling, keeping each comparison pattern that holds more true pairs than false: ${ceiling((_, s) => levels(s))}`);
        console.log(`  ... and each pattern by how many hold each full name (up to ${HOLDERS_CAP}): ${ceiling((k, s) => `${levels(s)} ${k.split('-').map((x) => held(Number(x))).join('/')}`)}`);
        {
          // A finder that keeps twins apart never proposes a pair a twin guard holds down.
          const c = hindsightCeiling(
            [...scored].filter(([, s]) => s.guards.length === 0).map(([k, s]) => ({ key: `${levels(s)} ${k.split('-').map((x) => held(Number(x))).join('/')}`, isTrue: isTrue.has(k) })),
            truePairs.length,
          );
          console.log(`  ... and keeping the twin guards: F1 ${c.f1.toFixed(4)} (fp ${c.falsePositives}, fn ${c.falseNegatives})`);
        }
        // Where the finder departs from that ceiling: patterns it keeps although they hold more
        // different people than duplicates, and patterns it drops although they hold more duplicates.
        const byPattern = new Map<string, { t: number; f: number; tKept: number; fKept: number; scores: number[] }>();
        for (const [k, s] of scored) {
          const key = `${levels(s).replace(/ missing/g, ' -')}${s.guards.length ? ` [${s.guards.map((g) => g.rule).join(',')}]` : ''}`;
          const e = byPattern.get(key) ?? { t: 0, f: 0, tKept: 0, fKept: 0, scores: [] };
          const kept = s.score >= at;
          if (isTrue.has(k)) {
            e.t++;
            if (kept) e.tKept++;
            e.scores.push(s.score);
          } else {
            e.f++;
            if (kept) e.fKept++;
          }
          byPattern.set(key, e);
        }
        const departures = [...byPattern]
          .map(([key, e]) => ({ key, ...e, cost: e.t > e.f ? e.t - e.tKept - (e.f - e.fKept) : e.fKept - e.tKept }))
          .filter((e) => e.cost > 0)
          .sort((x, y) => y.cost - x.cost);
        console.log(`\nPatterns where the finder departs from the ceiling (net pairs lost), given sex postcode nhs upn order as LEVELS:`);
        for (const d of departures.slice(0, show)) {
          const sc = d.scores.sort((x, y) => x - y);
          console.log(`  ${d.cost}  ${d.key}: true ${d.t} (kept ${d.tKept}), different ${d.f} (kept ${d.fKept}); true scores ${sc[0]?.toFixed(1)}..${sc[sc.length - 1]?.toFixed(1)}`);
        }
      }
      const fnPatterns = new Map<string, { n: number; example: string }>();
      for (const [a, b, label] of truePairs) {
        const s = scored.get(`${a}-${b}`) ?? scorePair(allPeople.get(a)!, allPeople.get(b)!, weights, thresholds, context);
        if (scored.has(`${a}-${b}`) && s.score >= at) continue;
        const key = `${scored.has(`${a}-${b}`) ? '' : 'NOT BLOCKED '}${describe(s)}`;
        const pa = allPeople.get(a)!;
        const pb = allPeople.get(b)!;
        const ex = `${label}: ${pa.givenNames.join('/')} ${pa.familyNames.join('/')} ${pa.dateOfBirth} ${pa.postcodes[0] ?? '-'} | ${pb.givenNames.join('/')} ${pb.familyNames.join('/')} ${pb.dateOfBirth} ${pb.postcodes[0] ?? '-'} = ${s.score.toFixed(1)}/${s.rawScore.toFixed(1)}`;
        const e = fnPatterns.get(key);
        if (e) e.n++;
        else fnPatterns.set(key, { n: 1, example: ex });
      }
      console.log(`\nTrue pairs below the finder's threshold at this size (${at}), by pattern:`);
      for (const [k, v] of [...fnPatterns].sort((x, y) => y[1].n - x[1].n).slice(0, show)) console.log(`  ${v.n}  ${k}\n      e.g. ${v.example}`);
      const fpPatterns = new Map<string, { n: number; example: string }>();
      const fpIds = [...scored].filter(([k, s]) => s.score >= at && !isTrue.has(k));
      const fpPeople = await loadForMatching(handle.db, [...new Set(fpIds.flatMap(([k]) => k.split('-').map(Number)))]);
      for (const [k, s] of fpIds) {
        const [a, b] = k.split('-').map(Number) as [number, number];
        const key = describe(s);
        const pa = fpPeople.get(a)!;
        const pb = fpPeople.get(b)!;
        const ex = `${pa.givenNames.join('/')} ${pa.familyNames.join('/')} ${pa.dateOfBirth} ${pa.sex} ${pa.postcodes[0] ?? '-'} | ${pb.givenNames.join('/')} ${pb.familyNames.join('/')} ${pb.dateOfBirth} ${pb.sex} ${pb.postcodes[0] ?? '-'} = ${s.score.toFixed(1)}${twinKey(a, b) ? ' TWINS' : ''}`;
        const e = fpPatterns.get(key);
        if (e) e.n++;
        else fpPatterns.set(key, { n: 1, example: ex });
      }
      console.log(`\nDifferent people at or above the finder's threshold (${at}), by pattern:`);
      for (const [k, v] of [...fpPatterns].sort((x, y) => y[1].n - x[1].n).slice(0, show)) console.log(`  ${v.n}  ${k}\n      e.g. ${v.example}`);
    }

    if (!values['skip-search']) {
      const asQuery = (q: (typeof truth.queries)[number]): PersonQuery => ({ givenName: q.given, familyName: q.family, dateOfBirth: q.dob, postcode: q.postcode, nhsNumber: q.nhs, upn: null });
      let top5 = 0;
      let first = 0;
      let totalMs = 0;
      let blockMs = 0;
      const times: number[] = [];
      const missed: string[] = [];
      for (const q of truth.queries) {
        let t = performance.now();
        await findCandidateIds(handle.db, asQuery(q));
        blockMs += performance.now() - t;
        t = performance.now();
        const { hits, scored } = await search.rank(asQuery(q), 20);
        const ms = performance.now() - t;
        totalMs += ms;
        times.push(ms);
        const pos = hits.findIndex((h) => truth.entityOf[recordOfId.get(h.id)!] === q.entity);
        if (pos >= 0 && pos < 5) top5++;
        if (pos === 0) first++;
        if (pos < 0 || pos >= 5) {
          const trueIds = [...recordOfId].filter(([, rec]) => truth.entityOf[rec] === q.entity).map(([id]) => id);
          const people = await loadForMatching(handle.db, trueIds);
          const probe = { givenNames: q.given ? [q.given] : [], familyNames: q.family ? [q.family] : [], dateOfBirth: q.dob, sex: null, postcodes: q.postcode ? [q.postcode] : [], nhsNumber: q.nhs, upn: null };
          const weights = await search.currentWeights();
          const context = await search.matchContext();
          const detail = [...people.values()].map((p) => {
            const s = scorePair(probe, p, weights, thresholds, context);
            return `${p.givenNames.join('/')} ${p.familyNames.join('/')} ${p.dateOfBirth} ${p.postcodes[0] ?? '-'} = ${s.score.toFixed(1)}`;
          });
          const top = hits[0] ? `${hits[0].brief.givenNames} ${hits[0].brief.familyName} ${hits[0].brief.dateOfBirth} = ${hits[0].score}` : 'none';
          missed.push(`${q.label}: "${q.given} ${q.family} ${q.dob} ${q.postcode}" pos ${pos} of ${hits.length} (scored ${scored}); true: ${detail.join(' ; ')}; top: ${top}`);
        }
      }
      times.sort((a, b) => a - b);
      console.log(`\nSearch: top5 ${((top5 / truth.queries.length) * 100).toFixed(2)} %, first ${((first / truth.queries.length) * 100).toFixed(2)} %, mean ${(totalMs / truth.queries.length).toFixed(1)} ms (blocking alone ${(blockMs / truth.queries.length).toFixed(1)} ms), p95 ${times[Math.ceil(times.length * 0.95) - 1]!.toFixed(1)} ms`);
      for (const m of missed) console.log(`  ${m}`);
    }
  } finally {
    fs.rmSync(csv, { force: true });
    await handle.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
