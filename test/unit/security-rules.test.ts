import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideThrottle, lockAfterFailure, SIGN_IN_LIMITS } from '../../src/access/sign-in-rules.js';
import { passwordProblem, hashPassword, verifyPassword, generateTemporaryPassword } from '../../src/access/passwords.js';
import { safeReturnTo } from '../../src/access/auth-routes.js';
import { canonicalJson } from '../../src/audit/canonical-json.js';
import { hashAuditRow, GENESIS_HASH, type HashableAuditRow } from '../../src/audit/audit-log.js';

const now = new Date('2026-11-27T10:00:00Z');

test('throttle: a locked account is refused until the lock ends', () => {
  assert.deepEqual(decideThrottle({ now, lockedUntil: new Date(now.getTime() + 10 * 60000), ipFailuresInWindow: 0 }), { allowed: false, reason: 'account_locked', retryAfterMinutes: 10 });
  assert.deepEqual(decideThrottle({ now, lockedUntil: new Date(now.getTime() - 1), ipFailuresInWindow: 0 }), { allowed: true });
});

test('throttle: an IP address with too many failures is refused', () => {
  assert.equal(decideThrottle({ now, lockedUntil: null, ipFailuresInWindow: SIGN_IN_LIMITS.ipFailures - 1 }).allowed, true);
  assert.equal(decideThrottle({ now, lockedUntil: null, ipFailuresInWindow: SIGN_IN_LIMITS.ipFailures }).allowed, false);
});

test('the fifth failure locks the account for 15 minutes', () => {
  assert.equal(lockAfterFailure(now, 4), null);
  assert.deepEqual(lockAfterFailure(now, 5), new Date(now.getTime() + 15 * 60000));
});

test('password rules: length over complexity, no username, no common passwords', () => {
  assert.match(passwordProblem('short', 'jo')!, /12 characters/);
  assert.match(passwordProblem('jo.bloggs-is-great', 'jo.bloggs')!, /username/);
  assert.match(passwordProblem('aaaaaaaaaaaaaa', 'x')!, /too easy/);
  assert.match(passwordProblem('Password123', 'x') ?? passwordProblem('password1234', 'x') ?? 'ok', /12 characters|too easy|ok/);
  assert.equal(passwordProblem('river-lantern-orbit', 'jo'), null);
});

test('argon2id hashes verify, and a wrong password does not', async () => {
  const h = await hashPassword('river-lantern-orbit');
  assert.match(h, /^\$argon2id\$/);
  assert.equal(await verifyPassword(h, 'river-lantern-orbit'), true);
  assert.equal(await verifyPassword(h, 'river-lantern-orbiT'), false);
  assert.equal(await verifyPassword('not a hash', 'x'), false);
});

test('temporary passwords pass the password rules', () => {
  for (let i = 0; i < 20; i++) assert.equal(passwordProblem(generateTemporaryPassword(), 'someone'), null);
});

test('return paths: only local paths', () => {
  assert.equal(safeReturnTo('/admin/users?q=a'), '/admin/users?q=a');
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', undefined, '/sign-in?x']) assert.equal(safeReturnTo(bad), '/');
});

test('canonical JSON ignores key order at every level', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
});

test('audit row hash covers content and the previous hash', () => {
  const row: HashableAuditRow = { id: 1, occurred_at: now, user_id: 1, username: 'admin', role: 'administrator', team: 'Administration', action: 'user.create', outcome: 'success', record_type: 'user', record_id: '2', person_ids: [], request_id: 'r', ip: '127.0.0.1', details: { a: 1 } };
  const h = hashAuditRow(GENESIS_HASH, row);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(hashAuditRow(GENESIS_HASH, { ...row, details: { a: 1 } }), h);
  assert.notEqual(hashAuditRow(GENESIS_HASH, { ...row, action: 'user.update' }), h);
  assert.notEqual(hashAuditRow('f'.repeat(64), row), h);
});
