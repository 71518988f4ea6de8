import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canAccessRecord, decideRoute, hasPermission, type CurrentUser } from '../../src/access/policy.js';
import { ROLES, ROLE_PERMISSIONS, PERMISSIONS } from '../../src/access/roles.js';

const user = (over: Partial<CurrentUser>): CurrentUser => ({
  id: 1, username: 'u', displayName: 'U', role: 'social_worker', agency: null, teamIds: [10], teamNames: ['Assessment'], mustChangePassword: false, ...over,
});

test('only administrators administer and search the audit log', () => {
  for (const role of ROLES) {
    const u = user({ role, agency: role === 'partner' ? 'police' : null });
    for (const p of ['admin.users', 'admin.teams', 'admin.settings', 'admin.calendar', 'audit.search'] as const) {
      assert.equal(hasPermission(u, p), role === 'administrator', `${role} ${p}`);
    }
  }
});

test('every role may see its home page and change its password; partners see no council tools', () => {
  for (const role of ROLES) {
    assert.ok(ROLE_PERMISSIONS[role].has('home.view'));
    assert.ok(ROLE_PERMISSIONS[role].has('account.manage'));
  }
  assert.equal(ROLE_PERMISSIONS.partner.has('calendar.view'), false);
  for (const perms of Object.values(ROLE_PERMISSIONS)) for (const p of perms) assert.ok(p in PERMISSIONS);
});

test('route decisions: public, sign-in, forbidden, allowed', () => {
  assert.equal(decideRoute(null, 'public'), 'allow');
  assert.equal(decideRoute(null, 'home.view'), 'sign-in');
  assert.equal(decideRoute(user({}), 'admin.users'), 'forbidden');
  assert.equal(decideRoute(user({ role: 'administrator' }), 'admin.users'), 'allow');
});

test('restricted records: only named users and teams (and the allocated worker), administrators included', () => {
  const restricted = { restrictedTo: { userIds: [7], teamIds: [20] } };
  assert.equal(canAccessRecord(user({ id: 7 }), restricted).allowed, true);
  assert.equal(canAccessRecord(user({ teamIds: [20] }), restricted).allowed, true);
  assert.equal(canAccessRecord(user({}), restricted).allowed, false);
  assert.equal(canAccessRecord(user({ role: 'administrator' }), restricted).allowed, false);
  assert.equal(canAccessRecord(user({ id: 9 }), { ...restricted, allocatedUserId: 9 }).allowed, true);
  const denied = canAccessRecord(user({}), restricted);
  assert.ok(!denied.allowed && /restricted/.test(denied.reason));
});

test('partners see only records shared with their own agency', () => {
  const police = user({ role: 'partner', agency: 'police' });
  assert.equal(canAccessRecord(police, {}).allowed, false);
  assert.equal(canAccessRecord(police, { sharedWithAgencies: ['health'] }).allowed, false);
  assert.equal(canAccessRecord(police, { sharedWithAgencies: ['health', 'police'] }).allowed, true);
  assert.equal(canAccessRecord(user({}), {}).allowed, true, 'council staff see unrestricted records');
});
