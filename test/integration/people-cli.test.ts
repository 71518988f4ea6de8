// npm run cli -- people import | match | duplicates | estimate-weights, run as an operator would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TARGETS } from '../support/harness.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { PeopleService } from '../../src/people/people-service.js';
import { TEST_CTX, assertOk, assertOneLineError, runCli, tempDir, cliDatabase } from './cli-support.js';

// A legacy export: its own column names, two address columns, mixed date formats, one bad row (line 5).
const EXPORT = [
  'Ref,Forename,Surname,DOB,Gender,Post Code,House,Street,NHS,Notes',
  'C1,William,Smith,06/05/2014,male,sw1a 1aa,1,The Mall,943 476 5919,',
  'C2,Amy,Patel,2015-02-03,F,B12 9QT,12,"High Street, Sparkbrook",,twin',
  'C3,Ava,Patel,20150203,F,B12 9QT,12,"High Street, Sparkbrook",,twin',
  'C4,Bad,Date,31/02/2015,F,B12 9QT,,,,',
  'C5,Bill,Smyth,05/06/2014,M,SW1A 1AA,,,,"second record of C1, day and month swapped"',
  'C6,"Olivia",Brown,01/01/2016,F,LS1 4AP,,,,',
  '',
].join('\n');
const MAP = 'Ref=id,Forename=given_name,Surname=family_name,DOB=date_of_birth,Gender=sex,Post Code=postcode,House=address,Street=address,NHS=nhs_number';

describe('npm run cli -- people', { concurrency: true }, () => {
  for (const target of TARGETS) {
    describe(target, { concurrency: 1 }, () => {
      const tmp = tempDir('people');
      const file = path.join(tmp.dir, 'carefirst.csv');
      let env: Record<string, string>;
      let open: () => Promise<DatabaseHandle>;
      let dropDatabase: () => Promise<void> = async () => undefined;
      let unsourcedId = 0;

      before(async () => {
        fs.writeFileSync(file, EXPORT);
        ({ env, open, drop: dropDatabase } = await cliDatabase(target, tmp.dir, { NODE_ENV: 'production' }));
      });

      after(async () => {
        await dropDatabase();
        tmp.cleanup();
      });

      test('import maps the columns, reports the bad row by its line and loses nothing else', async () => {
        const r = await runCli('index', ['people', 'import', file, '--map', MAP], env);
        assert.equal(r.code, 1, `a rejected row makes the exit code 1\n${r.stdout}\n${r.stderr}`);
        assert.match(r.stdout, /^Imported 5 people from carefirst\.csv \(source "carefirst"\)/m);
        assert.match(r.stdout, /^Ignored columns: Notes$/m);
        assert.match(r.stderr, /^Line 5 \(id C4\): date of birth "31\/02\/2015" is not a real date/m);
        assert.match(r.stderr, /^1 row was not imported$/m);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');

        const handle = await open();
        try {
          const people = await handle.db
            .selectFrom('people')
            .innerJoin('person_names', 'person_names.person_id', 'people.id')
            .leftJoin('person_addresses', 'person_addresses.person_id', 'people.id')
            .select(['people.source_system', 'people.source_id', 'people.date_of_birth', 'people.sex', 'people.nhs_number', 'person_names.given_names', 'person_names.family_name', 'person_names.given_key', 'person_names.family_dm', 'person_addresses.line1', 'person_addresses.postcode'])
            .orderBy('people.id')
            .execute();
          assert.deepEqual(people.map((p) => p.source_id), ['C1', 'C2', 'C3', 'C5', 'C6']);
          assert.ok(people.every((p) => p.source_system === 'carefirst'));
          const [william, amy, ava] = people;
          assert.deepEqual(
            { dob: william!.date_of_birth, sex: william!.sex, nhs: william!.nhs_number, postcode: william!.postcode, line1: william!.line1, key: william!.given_key, dm: william!.family_dm },
            { dob: '2014-05-06', sex: 'M', nhs: '9434765919', postcode: 'SW1A 1AA', line1: '1, The Mall', key: 'william', dm: 'SM0' },
          );
          assert.equal(amy!.line1, '12, High Street, Sparkbrook');
          assert.equal(ava!.date_of_birth, '2015-02-03');
          const events = await handle.db.selectFrom('audit_events').select(['action', 'details', 'request_id', 'person_ids']).where('action', 'like', 'people.import%').orderBy('id').execute();
          assert.deepEqual(events.map((e) => e.action), ['people.import', 'people.import.summary'], 'one event per batch, and a summary: not one per person');
          assert.equal((events[0]!.details as { count: number }).count, 5);
          assert.deepEqual((events[1]!.details as Record<string, unknown>).rejected, 1);
          assert.match(events[0]!.request_id ?? '', /^cli people import \(/);
          assert.ok((await verifyAuditChain(handle.db)).ok);
          // Someone added at the front door, with no source id (exported as P<id>).
          unsourcedId = await new PeopleService(handle.db).create(TEST_CTX, { givenNames: 'Olivia', familyName: 'Browne', dateOfBirth: '2016-01-01', sex: 'F' });
        } finally {
          await handle.close();
        }
      });

      test('importing the same file again adds nothing: rows already present are skipped', async () => {
        const r = await runCli('index', ['people', 'import', file, '--map', MAP], env);
        assert.equal(r.code, 1);
        assert.match(r.stdout, /^Imported 0 people from carefirst\.csv .*; 5 already present, skipped$/m);
        const handle = await open();
        try {
          const n = await handle.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          assert.equal(Number(n.n), 6);
        } finally {
          await handle.close();
        }
      });

      test('match writes the best candidates of each row as query_id,candidate_id,rank,score', async () => {
        const queries = path.join(tmp.dir, 'queries.csv');
        const out = path.join(tmp.dir, 'results.csv');
        fs.writeFileSync(queries, 'id,given_name,family_name,date_of_birth,postcode\nQ1,Billy,Smith,6/5/2014,\nQ2,Olivia,Brown,2016-01-01,\nQ3,Nobody,Zzyzx,1950-01-01,\n');
        const r = await runCli('index', ['people', 'match', queries, '--top', '2', '--out', out], env);
        assertOk(r);
        assert.match(r.stdout, /^Searched 3 rows of queries\.csv: \d+ candidates written to /m);
        const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
        assert.equal(lines[0], 'query_id,candidate_id,rank,score');
        const rows = lines.slice(1).map((l) => l.split(','));
        for (const row of rows) {
          assert.equal(row.length, 4);
          assert.match(row[2]!, /^[12]$/);
          assert.match(row[3]!, /^-?\d+\.\d$/);
        }
        const q1 = rows.filter((x) => x[0] === 'Q1');
        assert.deepEqual(q1[0]!.slice(0, 3), ['Q1', 'C1', '1'], 'William Smith first for "Billy Smith"');
        const q2 = rows.filter((x) => x[0] === 'Q2');
        assert.deepEqual(q2.map((x) => x[1]), ['C6', `P${unsourcedId}`], 'a record with no source id is exported as P<id>');
        assert.ok(Number(q2[0]![3]) > Number(q2[1]![3]));
        assert.equal(rows.filter((x) => x[0] === 'Q3').length, 0, 'no candidates for nobody');
        const handle = await open();
        try {
          const events = await handle.db.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'people.match').execute();
          assert.equal(events.length, 1, 'one audit event for the run');
          assert.equal((events[0]!.details as { queries: number }).queries, 3);
        } finally {
          await handle.close();
        }
      });

      test('duplicates scans the index and writes id_a,id_b,score with source ids; twins are not proposed', async () => {
        const out = path.join(tmp.dir, 'pairs.csv');
        const r = await runCli('index', ['people', 'duplicates', '--out', out], env);
        assertOk(r);
        assert.match(r.stdout, /^\d+ open pairs? scoring 16 or more written to /m); // likely, at this index's size
        const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
        assert.equal(lines[0], 'id_a,id_b,score');
        const pairs = lines.slice(1).map((l) => l.split(','));
        assert.ok(pairs.some(([a, b]) => a === 'C1' && b === 'C5'), lines.join('\n'));
        assert.ok(!pairs.some(([a, b]) => [a, b].sort().join() === 'C2,C3'), 'Amy and Ava Patel are twins');
        assert.ok(pairs.every((p) => p.length === 3 && Number(p[2]) >= 16));

        const strict = await runCli('index', ['people', 'duplicates', '--min-score', '99'], env);
        assertOk(strict);
        assert.equal(strict.stdout, 'id_a,id_b,score\n', 'without --out the pairs go to stdout');
        assert.match(strict.stderr, /0 open pairs scoring 99 or more/);
      });

      test('usage errors and missing files are one line', async () => {
        assertOneLineError(await runCli('index', ['people', 'import', file, '--map', 'Ref=identifier'], env), 2, /"identifier" is not a field/);
        assertOneLineError(await runCli('index', ['people', 'import', path.join(tmp.dir, 'missing.csv')], env), 1, /Cannot read .*missing\.csv/);
        assertOneLineError(await runCli('index', ['people', 'import', file], env), 2, /No column gives the record id/);
        assertOneLineError(await runCli('index', ['people', 'match', file, '--top', 'five'], env), 2, /--top must be a whole number/);
        const r = await runCli('index', ['people', 'estimate-weights'], env);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /Weights not stored: only 6 people in the index: too few to learn from/);
      });
    });
  }
});
