// npm run cli -- frontdoor import-police FILE.csv, run as an operator would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TARGETS } from '../support/harness.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { assertOk, runCli, tempDir, cliDatabase } from './cli-support.js';

const received = new Date(Date.now() - 3600_000).toISOString();
const HEADER = 'police_reference,received_at,category,domestic_abuse,risk,summary,person_role,given_name,family_name,date_of_birth';
const GOOD = [HEADER, `CLI-1,${received},domestic_abuse,yes,high,"Assault, children present",child,Mia,Example,01/02/2019`, `CLI-1,${received},domestic_abuse,yes,high,"Assault, children present",adult,Lee,Example,`, `CLI-2,${received},crime,no,standard,Witness,child,Noah,Example,2014-03-03`, ''].join('\n');
const BAD = GOOD.replace('Witness,child', 'Witness,grandchild');

describe('npm run cli -- frontdoor import-police', () => {
  for (const target of TARGETS) {
    describe(target, { concurrency: 1 }, () => {
      const tmp = tempDir('police');
      let env: Record<string, string>;
      let open: () => Promise<DatabaseHandle>;
      let drop: () => Promise<void> = async () => undefined;
      const count = async () => {
        const h = await open();
        try {
          return (await h.db.selectFrom('police_notifications').select('id').execute()).length;
        } finally {
          await h.close();
        }
      };
      before(async () => {
        fs.writeFileSync(path.join(tmp.dir, 'good.csv'), GOOD);
        fs.writeFileSync(path.join(tmp.dir, 'bad.csv'), BAD);
        ({ env, open, drop } = await cliDatabase(target, tmp.dir, { NODE_ENV: 'production' }));
        // A council's database already has its tables (the scratch PostgreSQL database starts empty).
        const h = await open();
        await migrateToLatest(h.db);
        await h.close();
      });
      after(async () => {
        await drop();
        tmp.cleanup();
      });

      test('a bad row: exit 1, the line listed, nothing imported', async () => {
        const r = await runCli('index', ['frontdoor', 'import-police', path.join(tmp.dir, 'bad.csv')], env);
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stderr, /^Line 4: person_role must be child or adult$/m);
        assert.match(r.stderr, /Nothing was imported: 1 error in bad\.csv/);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
        assert.equal(await count(), 0);
      });

      test('the good file imports; importing it again adds nothing', async () => {
        const r = await runCli('index', ['frontdoor', 'import-police', path.join(tmp.dir, 'good.csv')], env);
        assertOk(r);
        assert.match(r.stdout, /^Imported 2 police notifications from good\.csv/m);
        const again = await runCli('index', ['frontdoor', 'import-police', path.join(tmp.dir, 'good.csv')], env);
        assertOk(again);
        assert.match(again.stdout, /Imported 0 police notifications .*; 2 already imported/);
        assert.equal(await count(), 2);
      });
    });
  }
});
