// npm run db:backup / db:restore on both back ends: round trip, the data-folder lock, damaged files
// and files from the other back end. PGlite runs the CLI as a child process against a temporary
// DATA_DIR; PostgreSQL against a database of its own (createTestDatabase).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { TARGETS, type Target } from '../support/harness.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { TeamsService } from '../../src/access/teams-service.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { TEST_CTX, assertOk, assertOneLineError, runCli, tempDir, cliDatabase } from './cli-support.js';

async function teamNames(handle: DatabaseHandle): Promise<string[]> {
  return (await new TeamsService(handle.db).list({ includeInactive: true })).map((t) => t.name).sort();
}

describe('db:backup and db:restore', { concurrency: true }, () => {
  for (const target of TARGETS) {
    describe(target, { concurrency: 1 }, () => {
      const tmp = tempDir('backup');
      let env: Record<string, string>;
      let open: () => Promise<DatabaseHandle>;
      let dropDatabase: () => Promise<void> = async () => undefined;
      const file = path.join(tmp.dir, target === 'pglite' ? 'backup.tar.gz' : 'backup.dump');

      before(async () => {
        ({ env, open, drop: dropDatabase } = await cliDatabase(target, tmp.dir));
        const handle = await open();
        try {
          await migrateToLatest(handle.db);
          await new TeamsService(handle.db).create(TEST_CTX, { name: 'Kept Team', description: 'there at backup time', active: true });
        } finally {
          await handle.close();
        }
      });

      after(async () => {
        await dropDatabase();
        tmp.cleanup();
      });

      test('backup writes a file only the owner can read, in the back end’s format', async () => {
        const r = await runCli('backup', ['backup', file], env);
        assertOk(r);
        assert.match(r.stdout, target === 'pglite' ? /^Backed up the embedded database in .* to .*backup\.tar\.gz \(.+, 1 audit event\)/ : /^Backed up the PostgreSQL database .* to .*backup\.dump/);
        const head = fs.readFileSync(file).subarray(0, 5);
        if (target === 'pglite') assert.deepEqual([head[0], head[1]], [0x1f, 0x8b], 'gzip');
        else assert.equal(head.toString('latin1'), 'PGDMP');
        assert.equal(fs.statSync(file).mode & 0o777, 0o600);
        assert.deepEqual(fs.readdirSync(tmp.dir).filter((f) => f.includes('partial')), [], 'no partial file left');
      });

      test('restore brings the data back to how it was at backup time', async () => {
        let handle = await open();
        try {
          const teams = new TeamsService(handle.db);
          const kept = (await teams.list()).find((t) => t.name === 'Kept Team')!;
          await teams.update(TEST_CTX, kept.id, kept.version, { name: 'Renamed After Backup', description: 'changed', active: true });
          await teams.create(TEST_CTX, { name: 'Made After Backup', description: '', active: true });
          assert.deepEqual(await teamNames(handle), ['Made After Backup', 'Renamed After Backup']);
        } finally {
          await handle.close();
        }

        const r = await runCli('backup', ['restore', file], env);
        assertOk(r);
        assert.match(r.stdout, /^Restored the (embedded|PostgreSQL) database .* \(1 audit event\)/, 'the backup holds the team.create event (database.backup is written after the dump)');
        if (target === 'pglite') {
          const aside = /kept in (\S+pgdata\.before-restore-\S+):/.exec(r.stdout)?.[1];
          assert.ok(aside && fs.existsSync(path.join(aside, 'PG_VERSION')), `the previous data is kept aside: ${r.stdout}`);
        }

        handle = await open();
        try {
          assert.deepEqual(await teamNames(handle), ['Kept Team']);
          const last = await handle.db.selectFrom('audit_events').select(['action', 'request_id']).orderBy('id', 'desc').executeTakeFirstOrThrow();
          assert.equal(last.action, 'database.restore', 'the restore itself is audited');
          assert.match(last.request_id ?? '', /^cli db restore/);
          const chain = await verifyAuditChain(handle.db);
          assert.ok(chain.ok, JSON.stringify(chain));
        } finally {
          await handle.close();
        }
      });

      test('a damaged backup is refused, and the database is left as it was', async () => {
        const damaged = path.join(tmp.dir, `damaged-${path.basename(file)}`);
        if (target === 'pglite') {
          // A tarball cut short: it starts like a data folder (passes the quick check), so PGlite
          // itself fails to load it and the moved-aside data must be put back.
          fs.writeFileSync(damaged, zlib.gzipSync(zlib.gunzipSync(fs.readFileSync(file)).subarray(0, 1_000_000)));
        } else {
          fs.writeFileSync(damaged, fs.readFileSync(file).subarray(0, 3000));
        }
        const before = target === 'pglite' ? fs.readdirSync(env.DATA_DIR!).sort() : [];
        const r = await runCli('backup', ['restore', damaged], env);
        assertOneLineError(r, 1, target === 'pglite' ? /^Restore failed, and the data folder was put back as it was: / : /^Restore failed, and nothing was changed \(it runs in one transaction\): /);
        if (target === 'pglite') assert.deepEqual(fs.readdirSync(env.DATA_DIR!).sort(), before, 'no folder left behind');

        const handle = await open();
        try {
          assert.deepEqual(await teamNames(handle), ['Kept Team']);
          assert.ok((await verifyAuditChain(handle.db)).ok);
        } finally {
          await handle.close();
        }

        if (target === 'pglite') {
          const garbage = path.join(tmp.dir, 'garbage.tar.gz');
          fs.writeFileSync(garbage, zlib.gzipSync(Buffer.alloc(4096, 'x')));
          assertOneLineError(await runCli('backup', ['restore', garbage], env), 1, /^Cannot restore .*garbage\.tar\.gz: it is not a tar archive$/);
        }
      });

      if (target === 'pglite') {
        test('backup and restore are refused while the data folder is open in another process', async () => {
          const handle = await open(); // this test process now holds the lock, as a running app would
          try {
            const lockedFile = path.join(tmp.dir, 'while-locked.tar.gz');
            const lockedBackup = await runCli('backup', ['backup', lockedFile], env);
            assertOneLineError(lockedBackup, 1, new RegExp(`^Cannot back up: the data folder .* is in use by another process \\(pid ${process.pid}\\)`));
            assert.equal(fs.existsSync(lockedFile), false);

            const before = fs.readdirSync(env.DATA_DIR!).sort();
            const lockedRestore = await runCli('backup', ['restore', file], env);
            assertOneLineError(lockedRestore, 1, new RegExp(`^Cannot restore: the data folder .* is in use by another process \\(pid ${process.pid}\\)`));
            assert.deepEqual(fs.readdirSync(env.DATA_DIR!).sort(), before, 'pgdata not moved');
            assert.deepEqual(await teamNames(handle), ['Kept Team'], 'the open database still works');
          } finally {
            await handle.close();
          }
        });
      }
    });
  }

  // Refused before the database is touched (or even reached): no database needed.
  describe('wrong files and arguments', () => {
    const tmp = tempDir('backup-args');
    after(() => tmp.cleanup());

    test('a backup from the other back end is refused in one line', async () => {
      const fromPostgres = path.join(tmp.dir, 'from-postgres.dump');
      fs.writeFileSync(fromPostgres, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(200)]));
      const fromPglite = path.join(tmp.dir, 'from-pglite.tar.gz');
      fs.writeFileSync(fromPglite, zlib.gzipSync(Buffer.alloc(1024)));
      const dataDir = path.join(tmp.dir, 'data');
      const [toPglite, toPostgres] = await Promise.all([
        runCli('backup', ['restore', fromPostgres], { DATA_DIR: dataDir }),
        runCli('backup', ['restore', fromPglite], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/unused' }),
      ]);
      assertOneLineError(toPglite, 1, /^Cannot restore .*from-postgres\.dump: it is a PostgreSQL \(pg_dump\) backup, but DATABASE_URL is not set/);
      assertOneLineError(toPostgres, 1, /^Cannot restore .*from-pglite\.tar\.gz: it is an embedded-database \(PGlite\) backup, but DATABASE_URL points at PostgreSQL/);
      assert.equal(fs.existsSync(dataDir), false, 'nothing created');
    });

    test('a missing FILE gets a one-line usage message and exit code 2', async () => {
      const [backup, restore] = await Promise.all([runCli('backup', ['backup'], {}), runCli('backup', ['restore'], {})]);
      assertOneLineError(backup, 2, /^Missing argument\. Usage: npm run db:backup -- FILE$/);
      assertOneLineError(restore, 2, /^Missing argument\. Usage: npm run db:restore -- FILE$/);
    });
  });
});
