// Search ranking when guards hold candidates at the same score: the one with more evidence comes first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, createTestDatabase } from '../support/harness.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { RequestContext } from '../../src/audit/audit-log.js';
import { PeopleService } from '../../src/people/people-service.js';
import { PersonSearchService } from '../../src/people/search-service.js';

const CTX: RequestContext = { requestId: 'test', ip: '127.0.0.1', user: null };

for (const target of TARGETS) {
  describe(`search ranking on ${target}`, () => {
    let handle: DatabaseHandle;
    let drop = async () => undefined as void;
    const ids: Record<string, number> = {};

    before(async () => {
      if (target === 'pglite') handle = await openDatabase({ pgliteDir: 'memory://' });
      else {
        const db = await createTestDatabase();
        handle = await openDatabase({ databaseUrl: db.url });
        drop = db.drop;
      }
      await migrateToLatest(handle.db);
      const people = new PeopleService(handle.db);
      const add = async (key: string, given: string, dob: string | null, sex: 'M' | 'F') =>
        (ids[key] = await people.create(CTX, { givenNames: given, familyName: 'Rutley', dateOfBirth: dob, sex, address: { line1: '3 Quay Road', town: 'Leith', postcode: 'EH6 1TP' } }));
      // The father is added first, so a tie broken by record number alone would put him first.
      await add('harry', 'Harry', null, 'M');
      await add('michelle', 'Michelle', '2021-12-26', 'F');
    });
    after(async () => {
      await handle.close();
      await drop();
    });

    test('a misspelt given name with the exact date of birth and postcode finds the child before her father', async () => {
      const { hits } = await new PersonSearchService(handle.db).rank({ givenName: 'Shelle', familyName: 'Rutley', dateOfBirth: '2021-12-26', postcode: 'EH6 1TP', nhsNumber: null, upn: null }, 5);
      const michelle = hits.find((h) => h.id === ids.michelle)!;
      const harry = hits.find((h) => h.id === ids.harry)!;
      // Both are held by the different-given-names guard at the same score ...
      assert.equal(michelle.score, harry.score);
      assert.ok(michelle.cautions.length > 0 && harry.cautions.length > 0);
      // ... and the child, whose date of birth agrees, comes first.
      assert.deepEqual(hits.map((h) => h.id).slice(0, 2), [ids.michelle, ids.harry]);
    });
  });
}
