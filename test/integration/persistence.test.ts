import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TARGETS, startTestApp, DEMO_PASSWORD } from '../support/harness.js';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/connect.js';
import { DataDirLockedError } from '../../src/db/lock.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';

describe('restart keeps everything (PGlite data folder)', () => {
  test('first start seeds the demo council; a restart keeps changes and does not seed again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csc-restart-'));
    try {
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, DEMO_PASSWORD });
      const first = await createApp(config);
      assert.ok(first.seeded, 'seeded on first start');
      assert.ok(first.appliedMigrations.length >= 4);
      await first.services.teams.create({ requestId: 'r', ip: '127.0.0.1', user: null }, { name: 'Restart Team', description: '', active: true });
      await first.close();

      const second = await createApp(config);
      assert.equal(second.seeded, null, 'no second seeding');
      assert.deepEqual(second.appliedMigrations, []);
      assert.ok((await second.services.teams.list()).some((x) => x.name === 'Restart Team'));
      assert.equal((await second.services.users.list()).length, DEMO_USERS.length);
      assert.equal((await verifyAuditChain(second.handle.db)).ok, true);
      // A second process (or a second open) on the same folder is refused: PGlite has no lock of its own.
      await assert.rejects(openDatabase({ pgliteDir: dir }), DataDirLockedError);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a stale lock left by a dead process is cleared', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csc-lock-'));
    try {
      fs.writeFileSync(path.join(dir, '.lock'), '999999');
      const handle = await openDatabase({ pgliteDir: dir });
      await handle.close();
      assert.equal(fs.existsSync(path.join(dir, '.lock')), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const target of TARGETS) {
  describe(`audit chain under concurrent writes on ${target}`, () => {
    test('fifty events written at once keep one unbroken chain', async () => {
      const t = await startTestApp(target);
      try {
        const ctx = { requestId: 'c', ip: '127.0.0.1', user: null };
        await Promise.all(Array.from({ length: 50 }, (_, i) => t.services.audit.record(ctx, { action: 'test.concurrent', details: { i } })));
        const result = await verifyAuditChain(t.handle.db);
        assert.equal(result.ok, true, JSON.stringify(result));
        const n = await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'test.concurrent').execute();
        assert.equal(n.length, 50);
      } finally {
        await t.close();
      }
    });
  });
}
