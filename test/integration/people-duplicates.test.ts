// The duplicate finder: a resumable scan over the whole index, the review queue, and background scans.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, createTestDatabase } from '../support/harness.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { verifyAuditChain, type RequestContext } from '../../src/audit/audit-log.js';
import { PeopleService, type NewPersonInput } from '../../src/people/people-service.js';
import { PersonSearchService } from '../../src/people/search-service.js';
import { MergeService } from '../../src/people/merge-service.js';
import { DuplicatesService, resumeUnfinishedScans, scoreCandidates } from '../../src/people/duplicates-service.js';
import { loadForMatching } from '../../src/people/pair-blocking.js';
import { DEFAULT_WEIGHTS, nameFrequencies, thresholds } from '../../src/people/matching/index.js';

const CTX: RequestContext = { requestId: 'test', ip: '127.0.0.1', user: null };

const person = (givenNames: string, familyName: string, dateOfBirth: string | null, sex: 'M' | 'F', postcode: string, extra: Partial<NewPersonInput> = {}): NewPersonInput => ({
  givenNames,
  familyName,
  dateOfBirth,
  sex,
  address: { line1: '1 Some Street', town: 'Town', postcode },
  ...extra,
});

async function openTarget(target: string): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (target === 'pglite') {
    const handle = await openDatabase({ pgliteDir: 'memory://' });
    await migrateToLatest(handle.db);
    return { handle, drop: async () => undefined };
  }
  const db = await createTestDatabase();
  const handle = await openDatabase({ databaseUrl: db.url });
  await migrateToLatest(handle.db);
  return { handle, drop: db.drop };
}

describe('duplicate finder', { concurrency: true }, () => {
  for (const target of TARGETS) {
    describe(target, { concurrency: 1 }, () => {
      let handle: DatabaseHandle;
      let drop: () => Promise<void>;
      let duplicates: DuplicatesService;
      const ids: Record<string, number> = {};

      before(async () => {
        ({ handle, drop } = await openTarget(target));
        const people = new PeopleService(handle.db);
        duplicates = new DuplicatesService(handle.db, new PersonSearchService(handle.db));
        const add = async (key: string, input: NewPersonInput) => (ids[key] = await people.create(CTX, input));
        // Twins with look-alike names, and their older brother: never the same child.
        await add('amy', person('Amy', 'Patel', '2015-02-03', 'F', 'B12 9QT'));
        await add('ava', person('Ava', 'Patel', '2015-02-03', 'F', 'B12 9QT'));
        await add('ravi', person('Ravi', 'Patel', '2011-07-19', 'M', 'B12 9QT'));
        await add('william', person('William', 'Smith', '2014-05-06', 'M', 'SW1A 1AA', { nhsNumber: '9434765919' }));
        await add('unrelated1', person('Olivia', 'Brown', '2016-01-01', 'F', 'LS1 4AP'));
        await add('unrelated2', person('Noah', 'Jones', '2012-11-30', 'M', 'M1 1AE'));
        // A second record of William, as the front door wrote it: nickname, misspelt surname, day and month swapped.
        await add('bill', person('Bill', 'Smyth', '2014-06-05', 'M', 'SW1A 1AA'));
        // A second record of Ava with the surname first.
        await add('avaSwapped', person('Patel', 'Ava', '2015-02-03', 'F', 'B12 9QT'));
        await add('unrelated3', person('Jack', 'Taylor', '2013-03-03', 'M', 'CF10 1EP'));
      });

      after(async () => {
        await duplicates.stopBackgroundScan();
        await handle.close();
        await drop();
      });

      const pairOf = async (a: string, b: string) => {
        const [x, y] = [ids[a]!, ids[b]!].sort((p, q) => p - q);
        return handle.db.selectFrom('duplicate_candidates').selectAll().where('person_a', '=', x!).where('person_b', '=', y!).executeTakeFirst();
      };

      test('a scan interrupted after one batch resumes where it stopped, and finds the corrupted duplicates but never the twins', async () => {
        const scanId = await duplicates.startScan();
        assert.equal(await duplicates.startScan(), scanId, 'only one scan runs at a time');
        let state = await duplicates.runScan(scanId, { batchSize: 3, maxBatches: 1 });
        assert.equal(state.status, 'running');
        assert.equal(state.lastPersonId, ids.ravi, 'progress is recorded per batch');

        // Interrupted again, by a signal, after the next batch.
        const controller = new AbortController();
        state = await duplicates.runScan(scanId, { batchSize: 3, signal: controller.signal, onBatch: () => controller.abort() });
        assert.equal(state.status, 'running');
        assert.equal(state.lastPersonId, ids.unrelated2);
        assert.equal((await duplicates.scan(scanId))!.lastPersonId, ids.unrelated2);

        state = await duplicates.runScan(scanId, { batchSize: 3 });
        assert.equal(state.status, 'finished');
        assert.ok(state.finishedAt);

        const bill = await pairOf('william', 'bill');
        assert.ok(bill, 'William Smith and Bill Smyth are proposed');
        assert.ok(bill.score >= thresholds.autoSuggest, `score ${bill.score}`);
        assert.equal(bill.status, 'open');
        const swapped = await pairOf('ava', 'avaSwapped');
        assert.ok(swapped, 'Ava Patel and "Patel Ava" are proposed');
        assert.equal(await pairOf('amy', 'ava'), undefined, 'the twins Amy and Ava are not proposed');
        assert.equal(await pairOf('amy', 'ravi'), undefined, 'nor their brother');
        assert.equal(state.pairsFound, Number((await handle.db.selectFrom('duplicate_candidates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));

        const open = await duplicates.openPairs({ limit: 10 });
        assert.ok(open.length >= 2);
        assert.ok(open.every((p, i) => i === 0 || open[i - 1]!.score >= p.score), 'highest score first');
        const top = open.find((p) => p.id === bill.id)!;
        assert.deepEqual([top.a.id, top.b.id].sort(), [ids.william, ids.bill].sort());
        assert.ok(top.reasons.some((r) => r.field === 'givenName' && /nickname of William/.test(r.reason)), JSON.stringify(top.reasons));
        assert.ok(top.reasons.some((r) => r.field === 'dateOfBirth' && r.level === 'dayMonthSwapped'));
        assert.equal((await duplicates.getPair(bill.id)).id, bill.id);
        assert.ok((await duplicates.countOpenPairs()) >= 2);
      });

      test('a pair marked "not the same" (audited) or merged is never proposed again by a rescan', async () => {
        const bill = (await pairOf('william', 'bill'))!;
        const swapped = (await pairOf('ava', 'avaSwapped'))!;
        await duplicates.markNotSame(CTX, bill.id);
        await assert.rejects(duplicates.markNotSame(CTX, bill.id), /No open duplicate pair/);
        const event = await handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.duplicate.not_same').executeTakeFirstOrThrow();
        assert.deepEqual([...event.person_ids].sort(), [String(ids.william), String(ids.bill)].sort());
        assert.equal(event.record_id, String(bill.id));

        await new MergeService(handle.db).merge(CTX, ids.ava!, ids.avaSwapped!);

        const previous = (await duplicates.latestScan())!;
        assert.equal(previous.status, 'finished');
        const rescan = await duplicates.startScan();
        assert.notEqual(rescan, previous.id, 'a finished scan is not reused: a new one starts');
        const state = await duplicates.runScan(rescan, { batchSize: 4 });
        assert.equal(state.status, 'finished');
        assert.equal(state.pairsFound, 0, 'nothing new to propose');
        assert.equal((await pairOf('william', 'bill'))!.status, 'not_same');
        assert.equal((await pairOf('ava', 'avaSwapped'))!.status, 'merged');
        const open = await duplicates.openPairs();
        assert.ok(!open.some((p) => p.id === bill.id || p.id === swapped.id));
        const exported = await duplicates.pairsAbove(0);
        assert.equal(exported.length, open.length);
        assert.ok(!exported.some((p) => [p.personA, p.personB].includes(ids.bill!) || [p.personA, p.personB].includes(ids.avaSwapped!)));
        assert.ok((await verifyAuditChain(handle.db)).ok);
      });

      test('a scan left running when the app stopped is resumed in the background at start', async () => {
        const people = new PeopleService(handle.db);
        const jo = await people.create(CTX, person('Joanne', 'Ellis', '2010-10-10', 'F', 'NG1 5FS'));
        const jo2 = await people.create(CTX, person('Jo', 'Ellis', '2010-10-10', 'F', 'NG1 5FS'));
        // As if the app stopped half-way through a scan: progress recorded, status still running.
        const { id } = await handle.db.insertInto('duplicate_scans').values({ last_person_id: ids.william! }).returning('id').executeTakeFirstOrThrow();
        const fresh = new DuplicatesService(handle.db, new PersonSearchService(handle.db));
        assert.equal(await resumeUnfinishedScans({ duplicates: fresh }), id);
        assert.equal(fresh.backgroundScanRunning, true);
        assert.equal(await fresh.startBackgroundScan(), id, 'a second start joins the running scan');
        for (let i = 0; i < 200 && fresh.backgroundScanRunning; i++) await new Promise((r) => setTimeout(r, 25));
        const state = (await fresh.scan(id))!;
        assert.equal(state.status, 'finished');
        assert.ok(await pairOf('william', 'bill'));
        const [a, b] = [jo, jo2].sort((x, y) => x - y);
        const pair = await handle.db.selectFrom('duplicate_candidates').selectAll().where('person_a', '=', a!).where('person_b', '=', b!).executeTakeFirst();
        assert.ok(pair, 'the new people were compared');
        assert.equal(await resumeUnfinishedScans({ duplicates: fresh }), null, 'nothing left to resume');
      });
    });
  }
});

describe('duplicate finder: a given-name slip where a twin could be', { concurrency: true }, () => {
  for (const target of TARGETS) {
    test(`${target}: paired as a slip when nobody else born that day could be the one meant, held as a possible twin when someone could`, async () => {
      const { handle, drop } = await openTarget(target);
      try {
        const people = new PeopleService(handle.db);
        const add = (given: string, family: string) => people.create(CTX, person(given, family, '2016-05-10', 'F', 'B33 8TH'));
        const layla = await add('Layla', 'Carlborough');
        const luyla = await add('Luyla', 'Carlborough');
        // Twins Lily and Lila Moss, and a record of one of them written "Lilx".
        const lily = await add('Lily', 'Moss');
        const lila = await add('Lila', 'Moss');
        const lilx = await add('Lilx', 'Moss');
        const merged = await add('Leyla', 'Carlborough'); // Luyla could be a slip of Leyla too, but this record was merged away
        await handle.db.updateTable('people').set({ merged_into_id: layla }).where('id', '=', merged).execute();
        // How common each name is in a large index (this one is too small to say).
        const context = {
          frequencies: nameFrequencies(50_000, new Map([['layla', 144], ['luyla', 1], ['lily', 300], ['lila', 25], ['lilx', 1], ['leyla', 20]]), new Map([['carlborough', 12], ['moss', 30]])),
        };
        const candidates: Array<[number, number]> = [[layla, luyla], [lily, lilx], [lila, lilx], [lily, lila]];
        const loaded = await loadForMatching(handle.db, candidates.flat());
        const scored = await scoreCandidates(handle.db, candidates, loaded, DEFAULT_WEIGHTS, context);
        const scoreOf = (a: number, b: number) => scored.find((p) => p.a === a && p.b === b)!.score;
        const slip = scoreOf(layla, luyla);
        assert.equal(slip.band, 'likely', JSON.stringify(slip.fields));
        assert.match(slip.fields.find((f) => f.field === 'givenName')!.reason, /probably a slip for Layla/);
        for (const twin of [lily, lila]) {
          const s = scoreOf(twin, lilx);
          assert.ok(s.score < thresholds.autoSuggest, `twin and Lilx: ${s.score}`);
        }
        assert.ok(scoreOf(lily, lila).score < thresholds.possible, 'the twins themselves');
      } finally {
        await handle.close();
        await drop();
      }
    });
  }
});
