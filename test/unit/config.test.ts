import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from '../../src/config.js';

test('defaults: port 3000, ./data, demo mode outside production, 30 minute idle timeout', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.match(c.dataDir, /\/data$/);
  assert.equal(c.demoMode, true);
  assert.equal(c.sessionIdleMinutes, 30);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.secureCookies, false);
});

test('overrides are read and typed', () => {
  const c = loadConfig({ PORT: '8080', DATA_DIR: '/tmp/x', SESSION_IDLE_MINUTES: '15', DATABASE_URL: 'postgres://u@h:5432/db', DEMO_MODE: 'false' });
  assert.equal(c.port, 8080);
  assert.equal(c.dataDir, '/tmp/x');
  assert.equal(c.sessionIdleMinutes, 15);
  assert.equal(c.databaseUrl, 'postgres://u@h:5432/db');
  assert.equal(c.demoMode, false);
});

test('production: secure cookies and no demo mode by default', () => {
  const c = loadConfig({ NODE_ENV: 'production' });
  assert.equal(c.demoMode, false);
  assert.equal(c.secureCookies, true);
});

const cases: Array<[Record<string, string>, RegExp]> = [
  [{ PORT: 'abc' }, /^Configuration error: PORT must be a number \(got "abc"\)$/],
  [{ PORT: '70000' }, /^Configuration error: PORT must be 1 to 65535/],
  [{ DATABASE_URL: 'mysql://x' }, /^Configuration error: DATABASE_URL must start with postgres:\/\//],
  [{ SESSION_IDLE_MINUTES: '1' }, /^Configuration error: SESSION_IDLE_MINUTES must be at least 2/],
  [{ DEMO_MODE: 'maybe' }, /^Configuration error: DEMO_MODE must be true or false/],
  [{ DEMO_PASSWORD: 'short' }, /^Configuration error: DEMO_PASSWORD must be at least 12 characters/],
  [{ NODE_ENV: 'staging' }, /^Configuration error: NODE_ENV must be development, production or test/],
  [{ NODE_ENV: 'production', DEMO_MODE: 'true' }, /DEMO_MODE cannot be true when NODE_ENV=production/],
  [{ SESSION_SECRET: 'too-short' }, /SESSION_SECRET must be at least 32 characters/],
];
for (const [env, message] of cases) {
  test(`bad value ${JSON.stringify(env)} gives one line naming the variable`, () => {
    assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && message.test(err.message) && !err.message.includes('\n'));
  });
}

test('an empty variable counts as unset', () => {
  assert.equal(loadConfig({ PORT: '' }).port, 3000);
});
