/**
 * Builds the PGlite template the test run starts its apps from: a fresh database, migrated and
 * seeded with the demo council exactly as a test app would be, written as a dumpDataDir tarball.
 * Run by scripts/run-tests.mjs before the tests: node --import tsx scripts/build-test-template.ts FILE
 */
import fs from 'node:fs';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { openDatabase } from '../src/db/connect.js';
import { TEST_APP_ENV } from '../test/support/harness.js';

const file = process.argv[2];
if (!file) {
  console.error('Usage: node --import tsx scripts/build-test-template.ts FILE');
  process.exit(2);
}
const handle = await openDatabase({ pgliteDir: 'memory://' });
const running = await createApp(loadConfig({ ...TEST_APP_ENV }), { handle, backgroundJobs: false });
const dump = await handle.pglite!.dumpDataDir('none');
fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
await running.close();
console.log(`PGlite test template: ${file} (${Math.round(dump.size / 2 ** 20)} MiB)`);
