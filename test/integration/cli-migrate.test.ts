// npm run migrate on an empty database (both back ends), and the one-line failures every CLI
// shares: a bad environment value, an unreachable PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TARGETS, createTestDatabase } from '../support/harness.js';
import { findMigrationFiles } from '../../src/db/migrate.js';
import { assertOk, assertOneLineError, runCli, tempDir, type CliScript } from './cli-support.js';

// The groups below are independent: run them side by side (this machine has two cores).
describe('npm run migrate, and failures shared by every CLI', { concurrency: true }, () => {
  describe('npm run migrate', () => {
    for (const target of TARGETS) {
      describe(target, { concurrency: 1 }, () => {
        const tmp = tempDir('migrate');
        let env: Record<string, string>;
        let dropDatabase: () => Promise<void> = async () => undefined;

        before(async () => {
          if (target === 'pglite') {
            env = { DATA_DIR: path.join(tmp.dir, 'new-council-data') }; // does not exist yet
          } else {
            const db = await createTestDatabase();
            dropDatabase = db.drop;
            env = { DATABASE_URL: db.url };
          }
        });

        after(async () => {
          await dropDatabase();
          tmp.cleanup();
        });

        test('applies every migration to an empty database, then says it is up to date', async () => {
          const names = findMigrationFiles().map((m) => m.name);
          const first = await runCli('migrate', [], env);
          assertOk(first);
          if (target === 'pglite') {
            assert.match(first.stdout, /^Created a new embedded database in .*new-council-data\n/);
            assert.ok(fs.existsSync(path.join(env.DATA_DIR!, 'pgdata', 'PG_VERSION')));
            assert.equal(fs.existsSync(path.join(env.DATA_DIR!, '.lock')), false, 'the lock is released');
          }
          assert.match(first.stdout, new RegExp(`Applied ${names.length} migrations to the (embedded|PostgreSQL) database`));
          for (const name of names) assert.match(first.stdout, new RegExp(`^  ${name}$`, 'm'));

          const second = await runCli('migrate', [], env);
          assertOk(second);
          assert.match(second.stdout, /^Database is up to date/);
          assert.equal(second.stdout.trim().split('\n').length, 1);
        });
      });
    }
  });

  describe('every CLI fails in one line, without a stack trace', () => {
    const entryPoints: Array<[CliScript, string[]]> = [
      ['migrate', []],
      ['backup', ['backup', '/tmp/never-written.tar.gz']],
      ['audit-verify', []],
      ['index', ['users', 'create-admin', 'someone', '--name', 'Some One']],
    ];

    test('a bad environment value names the variable and exits 1', async () => {
      const results = await Promise.all(entryPoints.map(([script, args]) => runCli(script, args, { PORT: 'abc', DATA_DIR: '/nonexistent-cli-test' })));
      for (const r of results) assertOneLineError(r, 1, /^Configuration error: PORT must be a number \(got "abc"\)$/);
      assert.equal(fs.existsSync('/nonexistent-cli-test'), false);
      assertOneLineError(await runCli('migrate', [], { DATABASE_URL: 'mysql://x@y/z' }), 1, /^Configuration error: DATABASE_URL must start with postgres:\/\//);
    });

    test('an unreachable PostgreSQL server is named (without its password) and exits 1', async () => {
      const r = await runCli('audit-verify', [], { DATABASE_URL: 'postgres://someone:secret-pw@127.0.0.1:1/nowhere' });
      const line = assertOneLineError(r, 1, /^Cannot connect to the database at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere: connection refused/);
      assert.doesNotMatch(line, /secret-pw/);
    });
  });
});
