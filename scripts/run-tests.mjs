// The README's test command. Runs every suite with node's test runner in one invocation,
// so CI reads one "# pass / # fail" summary. Suites run against PGlite, and against
// PostgreSQL too when TEST_DATABASE_URL is set; browser suites skip (and say so) without Chromium.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const groups = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'integration', 'browser'];
const files = [];
for (const g of groups) {
  const dir = path.join('test', g);
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.test.ts')) files.push(path.join(dir, f));
}
if (files.length === 0) {
  console.error('No test files found');
  process.exit(1);
}
console.log(`Running ${files.length} test files on PGlite${process.env.TEST_DATABASE_URL ? ' and PostgreSQL' : ' (set TEST_DATABASE_URL to run them on PostgreSQL too)'}`);
const env = { ...process.env, NODE_ENV: 'test' };
// Test apps on PGlite start from one migrated, seeded copy made here (test/support/harness.ts).
if (groups.some((g) => g !== 'unit')) {
  const template = path.join(os.tmpdir(), `csc-test-template-${process.pid}.tar`);
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-test-template.ts', template], { stdio: 'inherit', env });
  if (built.status !== 0) {
    console.error('Could not build the PGlite test template');
    process.exit(1);
  }
  env.PGLITE_TEMPLATE = template;
  process.on('exit', () => fs.rmSync(template, { force: true }));
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=2', ...files], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
