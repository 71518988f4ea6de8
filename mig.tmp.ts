import { openDatabase } from '/work/wt-match/src/db/connect.js';
import { migrateToLatest } from '/work/wt-match/src/db/migrate.js';
import { sql } from 'kysely';
const h = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/bench_match_wt1m' });
console.log(await migrateToLatest(h.db));
await sql`analyze person_names`.execute(h.db);
await h.close();
