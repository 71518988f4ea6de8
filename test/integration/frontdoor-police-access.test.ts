import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES, type Role } from '../../src/access/roles.js';

/** Who screens police notifications: the MASH (workers and managers). Nobody else, administrators included. */
const POLICE_ROLES: Role[] = ['mash_worker', 'mash_manager'];

for (const target of TARGETS) {
  describe(`police notifications and partner system pages, role by role, on ${target}`, () => {
    let t: TestApp;
    let notificationId: number;
    let meetingId: number;
    let personRowId: number;

    before(async () => {
      t = await startTestApp(target);
      // From the demo: yesterday's meeting, and a notification waiting for today's.
      meetingId = (await t.handle.db.selectFrom('screening_meetings').select('id').executeTakeFirstOrThrow()).id;
      const n = await t.handle.db.selectFrom('police_notifications').select('id').where('status', '=', 'awaiting_screening').where('domestic_abuse', '=', true).orderBy('id').executeTakeFirstOrThrow();
      notificationId = n.id;
      personRowId = (await t.handle.db.selectFrom('police_notification_people').select('id').where('notification_id', '=', n.id).where('role', '=', 'child').executeTakeFirstOrThrow()).id;
    });
    after(async () => t?.close());

    test('police pages: only the MASH; every other role is refused, reads and writes alike', async () => {
      const pages = ['/frontdoor/police', '/frontdoor/police/import', '/frontdoor/police/meetings/new', `/frontdoor/police/${notificationId}`, `/frontdoor/police/meetings/${meetingId}`, `/frontdoor/police/${notificationId}/people/${personRowId}/search`];
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        const allowed = POLICE_ROLES.includes(role);
        for (const url of pages) {
          const res = await client.get(url);
          assert.equal(res.status, allowed ? 200 : 403, `${role} ${url}`);
        }
        if (!allowed) {
          const before = await t.handle.db.selectFrom('encompass_notices').select('id').execute();
          const post = await client.post(`/frontdoor/police/${notificationId}/encompass`, { personRowId: String(personRowId), [`kind-${personRowId}`]: 'school', [`recipientName-${personRowId}`]: 'X', [`sentBy-${personRowId}`]: 'Y' }, { tokenFrom: '/' });
          assert.equal(post.status, 403, `${role} cannot record an Encompass notice`);
          const meeting = await client.post('/frontdoor/police/meetings/new', {}, { tokenFrom: '/' });
          assert.equal(meeting.status, 403, `${role} cannot record a meeting`);
          assert.equal((await t.handle.db.selectFrom('encompass_notices').select('id').execute()).length, before.length);
        }
      }
    });

    test('partner system keys: administrators only', async () => {
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        const expected = role === 'administrator' ? 200 : 403;
        assert.equal((await client.get('/admin/api-clients')).status, expected, `${role} list`);
        assert.equal((await client.get('/admin/api-clients/new')).status, expected, `${role} form`);
        if (role !== 'administrator') {
          const post = await client.post('/admin/api-clients/new', { name: 'Sneaky', agency: 'police', scopes: 'api.police' }, { tokenFrom: '/' });
          assert.equal(post.status, 403, `${role} cannot create a key`);
        }
        const home = await client.get('/');
        assert.equal(/href="\/admin\/api-clients"/.test(home.body), role === 'administrator', `${role} navigation`);
      }
      assert.equal((await t.handle.db.selectFrom('api_clients').select('id').execute()).length, 0);
    });

    test('opening a notification is audited against the matched children; administrators never read it', async () => {
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      await worker.get(`/frontdoor/police/${notificationId}`);
      const matched = (await t.handle.db.selectFrom('police_notification_people').select('person_id').where('notification_id', '=', notificationId).where('person_id', 'is not', null).execute()).map((p) => String(p.person_id));
      assert.ok(matched.length > 0);
      const view = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'police_notification.view').where('record_id', '=', String(notificationId)).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(view.username, 'mash.worker');
      assert.deepEqual([...view.person_ids].sort(), [...matched].sort());
    });
  });
}
