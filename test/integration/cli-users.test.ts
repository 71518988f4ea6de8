// npm run cli -- users create-admin: how a council with no demo data gets its first administrator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, TestClient } from '../support/harness.js';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { verifyPassword } from '../../src/access/passwords.js';
import { assertOk, assertOneLineError, runCli, tempDir, cliDatabase } from './cli-support.js';

// The groups below are independent: run them side by side (this machine has two cores).
describe('npm run cli', { concurrency: true }, () => {
  describe('npm run cli -- users create-admin', () => {
    for (const target of TARGETS) {
      describe(target, { concurrency: 1 }, () => {
        const tmp = tempDir('users');
        let env: Record<string, string>;
        let open: () => Promise<DatabaseHandle>;
        let dropDatabase: () => Promise<void> = async () => undefined;
        let password = '';

        before(async () => {
          // A production council after `npm run migrate` on PGlite; on PostgreSQL an empty database, so that
          // create-admin setting up the tables is covered too.
          ({ env, open, drop: dropDatabase } = await cliDatabase(target, tmp.dir, { NODE_ENV: 'production' }));
        });

        after(async () => {
          await dropDatabase();
          tmp.cleanup();
        });

        test('creates the first administrator in a new Administration team, with a temporary password shown once', async () => {
          const r = await runCli('index', ['users', 'create-admin', 'jo.admin', '--name', 'Jo Admin', '--email', 'jo.admin@council.example'], env);
          assertOk(r);
          if (target === 'postgres') assert.match(r.stdout, /^Set up the PostgreSQL database .*\(applied \d+ migrations\)$/m, 'an empty database is set up first');
          else assert.doesNotMatch(r.stdout, /Set up/);
          assert.match(r.stdout, /^Created administrator jo\.admin \(Jo Admin\) in the Administration team \(team created\)$/m);
          password = /^Temporary password \(shown only this once\): (\S+)$/m.exec(r.stdout)?.[1] ?? '';
          assert.ok(password.length >= 12, r.stdout);

          const handle = await open();
          try {
            const user = await handle.db.selectFrom('users').selectAll().where('username', '=', 'jo.admin').executeTakeFirstOrThrow();
            assert.equal(user.role, 'administrator');
            assert.equal(user.display_name, 'Jo Admin');
            assert.equal(user.email, 'jo.admin@council.example');
            assert.equal(user.must_change_password, true);
            assert.equal(user.active, true);
            assert.ok(await verifyPassword(user.password_hash, password));
            assert.notEqual(user.password_hash, password);
            const teams = await handle.db.selectFrom('user_teams').innerJoin('teams', 'teams.id', 'user_teams.team_id').select('teams.name').where('user_teams.user_id', '=', user.id).execute();
            assert.deepEqual(teams.map((t) => t.name), ['Administration']);

            const events = await handle.db.selectFrom('audit_events').select(['action', 'user_id', 'ip', 'request_id', 'details']).orderBy('id').execute();
            assert.deepEqual(events.map((e) => e.action), ['team.create', 'user.create']);
            for (const e of events) {
              assert.equal(e.user_id, null, 'a system context: no signed-in user');
              assert.equal(e.ip, 'local');
              assert.match(e.request_id ?? '', /^cli users create-admin \(/);
            }
            assert.doesNotMatch(JSON.stringify(events), new RegExp(password), 'the password is not in the audit trail');
            assert.ok((await verifyAuditChain(handle.db)).ok);
          } finally {
            await handle.close();
          }
        });

        test('the temporary password signs in, and must be changed first', async () => {
          const config = loadConfig({ NODE_ENV: 'test', DEMO_MODE: 'false', DATA_DIR: env.DATA_DIR ?? tmp.dir });
          const running = await createApp(config, { handle: await open() });
          try {
            const res = await new TestClient(running.app).signIn('jo.admin', password);
            assert.equal(res.status, 302);
            assert.equal(res.location, '/account/password');
          } finally {
            await running.close();
          }
        });

        test('a second administrator joins the existing team; a taken username is refused in one line', async () => {
          const second = await runCli('index', ['users', 'create-admin', 'sam.admin', '--name', 'Sam Admin'], env);
          assertOk(second);
          assert.match(second.stdout, /^Created administrator sam\.admin \(Sam Admin\) in the Administration team$/m);
          assert.doesNotMatch(second.stdout, /Set up/);

          const again = await runCli('index', ['users', 'create-admin', 'JO.ADMIN', '--name', 'Jo Again'], env);
          assertOneLineError(again, 1, /^Cannot create the administrator: That username is already taken \(JO\.ADMIN\)$/);

          const handle = await open();
          try {
            const admins = await handle.db.selectFrom('teams').select('id').where('name', '=', 'Administration').execute();
            assert.equal(admins.length, 1);
            const users = await handle.db.selectFrom('users').select('username').orderBy('username').execute();
            assert.deepEqual(users.map((u) => u.username), ['jo.admin', 'sam.admin'], 'the refused attempt left nothing behind');
          } finally {
            await handle.close();
          }
        });
      });
    }
  });

  describe('npm run cli -- (the dispatcher)', () => {
    test('help lists the commands; wrong arguments get one usage line and exit 2', async () => {
      const [help, none, unknown, noName, badUser, badOption] = await Promise.all([
        runCli('index', ['help'], {}),
        runCli('index', [], {}),
        runCli('index', ['frobnicate', 'everything'], {}),
        runCli('index', ['users', 'create-admin', 'kim'], {}),
        runCli('index', ['users', 'create-admin', 'kim smith', '--name', 'Kim Smith'], {}),
        runCli('index', ['users', 'create-admin', 'kim', '--nmae', 'Kim'], {}),
      ]);
      assertOk(help);
      for (const line of ['users create-admin USERNAME --name "Full Name"', 'audit verify', 'db migrate', 'db backup FILE', 'db restore FILE']) {
        assert.ok(help.stdout.includes(line), `help lists ${line}`);
      }
      assert.equal(none.code, 2);
      assert.match(none.stderr, /^Usage: npm run cli -- COMMAND/);
      assertOneLineError(unknown, 2, /^Unknown command "frobnicate" \(npm run cli -- help lists them\)$/);
      assertOneLineError(noName, 2, /^Give the administrator's full name with --name\. Usage: npm run cli -- users create-admin USERNAME --name "Full Name"/);
      assertOneLineError(badUser, 2, /^The username must be 1 to 60 letters, numbers, full stops, hyphens and underscores \(got "kim smith"\)/);
      assertOneLineError(badOption, 2, /^Unknown option '--nmae'\. Usage: /);
    });
  });
});
