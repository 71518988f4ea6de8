// npm run audit:verify on a seeded database, then after tampering as the database superuser;
// and the append-only triggers on audit_events. Both back ends.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TARGETS, DEMO_PASSWORD } from '../support/harness.js';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { assertOk, assertOneLineError, runCli, tempDir, cliDatabase } from './cli-support.js';

/** Runs statements with the append-only trigger switched off, as a superuser tampering would. */
async function tamper(handle: DatabaseHandle, statement: string, params: unknown[]): Promise<void> {
  await handle.pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
  try {
    await handle.pool.query(statement, params);
  } finally {
    await handle.pool.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
  }
}

async function eventIds(handle: DatabaseHandle): Promise<number[]> {
  return (await handle.pool.query<{ id: number }>('select id from audit_events order by id')).rows.map((r) => Number(r.id));
}

describe('audit:verify and the append-only audit trail', { concurrency: true }, () => {
  for (const target of TARGETS) {
    describe(target, { concurrency: 1 }, () => {
      const tmp = tempDir('audit');
      let env: Record<string, string>;
      let open: () => Promise<DatabaseHandle>;
      let dropDatabase: () => Promise<void> = async () => undefined;

      before(async () => {
        ({ env, open, drop: dropDatabase } = await cliDatabase(target, tmp.dir));
        // A fresh database seeded as the app does at first start (demo council).
        const config = loadConfig({ NODE_ENV: 'test', DEMO_MODE: 'true', DEMO_PASSWORD, DATA_DIR: tmp.dir });
        const running = await createApp(config, { handle: await open() });
        await running.close();
      });

      after(async () => {
        await dropDatabase();
        tmp.cleanup();
      });

      test('passes on a freshly seeded database', async () => {
        const handle = await open();
        const count = (await eventIds(handle)).length;
        await handle.close();
        assert.ok(count > 10, `seeding writes audit events (${count})`);
        const r = await runCli('audit-verify', [], env);
        assertOk(r);
        assert.equal(r.stdout.trim(), `Audit chain intact: ${count} events checked`);
      });

      test('names a row whose content was changed, and exits 1', async () => {
        const handle = await open();
        let ids: number[];
        let original: string;
        let victim: number;
        try {
          ids = await eventIds(handle);
          victim = ids[Math.floor(ids.length / 2)]!;
          original = (await handle.pool.query<{ action: string }>('select action from audit_events where id = $1', [victim])).rows[0]!.action;
          await tamper(handle, 'UPDATE audit_events SET action = $1 WHERE id = $2', ['team.tampered', victim]);
        } finally {
          await handle.close();
        }
        const r = await runCli('audit-verify', [], env);
        assertOneLineError(r, 1, new RegExp(`^Audit chain BROKEN at event id ${victim}: its content does not match its hash \\(the row was altered\\)`));

        // Put it back, so the next test starts from an intact chain.
        const again = await open();
        try {
          await tamper(again, 'UPDATE audit_events SET action = $1 WHERE id = $2', [original, victim]);
          assert.ok((await verifyAuditChain(again.db)).ok);
        } finally {
          await again.close();
        }
      });

      test('names the row after a deleted one, and exits 1', async () => {
        const handle = await open();
        let ids: number[];
        let k: number;
        try {
          ids = await eventIds(handle);
          k = Math.floor(ids.length / 3);
          await tamper(handle, 'DELETE FROM audit_events WHERE id = $1', [ids[k]]);
        } finally {
          await handle.close();
        }
        const r = await runCli('audit-verify', [], env);
        assertOneLineError(r, 1, new RegExp(`^Audit chain BROKEN at event id ${ids[k + 1]}: its link to the previous row does not match`));
      });

      test('UPDATE, DELETE and TRUNCATE on audit_events are refused', async () => {
        const handle = await open();
        try {
          const [first] = await eventIds(handle);
          for (const statement of [
            `UPDATE audit_events SET action = 'changed' WHERE id = ${first}`,
            `DELETE FROM audit_events WHERE id = ${first}`,
            'TRUNCATE audit_events',
          ]) {
            await assert.rejects(handle.pool.query(statement), /audit_events is append-only/, statement);
          }
          const still = await handle.pool.query<{ action: string }>('select action from audit_events where id = $1', [first]);
          assert.notEqual(still.rows[0]?.action, 'changed');
        } finally {
          await handle.close();
        }
      });

      if (target === 'pglite') {
        test('refuses, in one line, a data folder with no database (and does not create one)', async () => {
          const empty = path.join(tmp.dir, 'no-such-folder');
          const r = await runCli('audit-verify', [], { DATA_DIR: empty });
          assertOneLineError(r, 1, /^No database found in the data folder .*no-such-folder: check DATA_DIR/);
          assert.equal(fs.existsSync(empty), false);
        });
      }
    });
  }
});
