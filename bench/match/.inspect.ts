import os from 'node:os'; import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { importCsvFile } from '../../src/people/import.js';
import { PersonSearchService } from '../../src/people/search-service.js';
import { DuplicatesService } from '../../src/people/duplicates-service.js';
import { loadForMatching } from '../../src/people/pair-blocking.js';
import { scorePair } from '../../src/people/matching/index.js';
import { Generator, recordOf } from './generate.js';
const size = Number(process.argv[2] ?? 20000);
const h = await openDatabase({ pgliteDir: 'memory://' });
await migrateToLatest(h.db);
const csv = path.join(os.tmpdir(), 'inspect.csv');
const truth = await new Generator(20240601).writeCsv(csv, size, 10);
await importCsvFile(h.db, csv, { ctx: { requestId: 'x', ip: 'l', user: null }, source: 'bench' });
const s = new PersonSearchService(h.db); const d = new DuplicatesService(h.db, s);
await d.runScan(await d.startScan(), {});
const pairs = await d.pairsAbove(10);
const fps = pairs.filter(p => truth.entityOf[recordOf(p.sourceA!)] !== truth.entityOf[recordOf(p.sourceB!)]);
const people = await loadForMatching(h.db, fps.slice(0, 400).flatMap(p => [p.personA, p.personB]));
const kinds = new Map<string, number>();
for (const p of fps.slice(0, 400)) {
  const a = people.get(p.personA)!, b = people.get(p.personB)!;
  const sc = scorePair(a, b);
  const k = sc.fields.map(f => f.level).join(' ');
  kinds.set(k, (kinds.get(k) ?? 0) + 1);
}
console.log([...kinds].sort((a,b)=>b[1]-a[1]).slice(0,15));
for (const p of fps.slice(0, 12)) {
  const a = people.get(p.personA)!, b = people.get(p.personB)!;
  const sc = scorePair(a, b);
  console.log(p.score, JSON.stringify([a.givenNames, a.familyNames, a.dateOfBirth, a.sex, a.postcodes]), JSON.stringify([b.givenNames, b.familyNames, b.dateOfBirth, b.sex, b.postcodes]), sc.fields.map(f => `${f.field}:${f.level}:${f.weight.toFixed(1)}`).join(' '), sc.guards.map(g=>g.rule).join(','));
}
const twins = pairs.filter(p => p.score >= 16 && truth.twinOf.get(truth.entityOf[recordOf(p.sourceA!)]!) === truth.entityOf[recordOf(p.sourceB!)]);
const tp = await loadForMatching(h.db, twins.flatMap(p => [p.personA, p.personB]));
for (const p of twins) { const a = tp.get(p.personA)!, b = tp.get(p.personB)!; console.log('TWIN', p.score, JSON.stringify(a), JSON.stringify(b), scorePair(a,b).fields.map(f => `${f.field}:${f.level}`).join(' ')); }
await h.close();
