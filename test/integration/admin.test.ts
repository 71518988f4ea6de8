import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';

for (const target of TARGETS) {
  describe(`administration on ${target}`, () => {
    let t: TestApp;
    let admin: TestClient;
    let mashTeamId: number;
    let assessmentTeamId: number;
    before(async () => {
      t = await startTestApp(target);
      admin = new TestClient(t.app);
      await admin.signIn('admin');
      const teams = await t.services.teams.list();
      mashTeamId = teams.find((x) => x.name === 'MASH')!.id;
      assessmentTeamId = teams.find((x) => x.name === 'Assessment')!.id;
    });
    after(async () => t?.close());

    test('an administrator creates a user who must change their password at first sign-in; the audit log shows it all', async () => {
      const created = await admin.post('/admin/users/new', {
        displayName: 'Jo Newstarter', username: 'jo.newstarter', email: 'jo@demo-borough.example', jobTitle: 'Social worker',
        role: 'social_worker', agency: '', teamIds: [String(assessmentTeamId), String(mashTeamId)],
      }, { tokenFrom: '/admin/users/new' });
      assert.equal(created.status, 201, text(created.body).slice(0, 400));
      const temp = /app-temporary-password">([^<]+)</.exec(created.body)?.[1];
      assert.ok(temp);

      const jo = new TestClient(t.app);
      const signIn = await jo.signIn('jo.newstarter', temp);
      assert.equal(signIn.location, '/account/password');
      assert.equal((await jo.get('/')).location, '/account/password', 'nothing else until the password is changed');
      const weak = await jo.post('/account/password', { currentPassword: temp, newPassword: 'short', confirmPassword: 'short' }, { tokenFrom: '/account/password' });
      assert.equal(weak.status, 400);
      assert.match(text(weak.body), /12 characters or more/);
      const mismatch = await jo.post('/account/password', { currentPassword: temp, newPassword: 'river-lantern-orbit', confirmPassword: 'river-lantern-orbiT' });
      assert.match(text(mismatch.body), /The passwords do not match/);
      const ok = await jo.post('/account/password', { currentPassword: temp, newPassword: 'river-lantern-orbit', confirmPassword: 'river-lantern-orbit' });
      assert.equal(ok.location, '/');
      const home = text((await jo.get('/')).body);
      assert.match(home, /Jo Newstarter/);
      assert.match(home, /Assessment, MASH/);
      assert.match(home, /Your password has been changed/);

      const auditPage = text((await admin.get('/admin/audit?username=jo.newstarter')).body);
      assert.match(auditPage, /sign_in/);
      assert.match(auditPage, /user\.password_change/);
      const creation = text((await admin.get('/admin/audit?action=user.create')).body);
      assert.match(creation, /admin \(administrator\)/);
      assert.deepEqual(await verifyAuditChain(t.handle.db), { ok: true, checked: (await t.handle.db.selectFrom('audit_events').select('id').execute()).length });
    });

    test('validation: each bad field gets its own message, input is kept, nothing is saved', async () => {
      const res = await admin.post('/admin/users/new', { displayName: '', username: 'bad name!', email: 'not-an-email', role: 'partner', agency: '' }, { tokenFrom: '/admin/users/new' });
      assert.equal(res.status, 400);
      const page = text(res.body);
      assert.match(page, /Enter the person’s full name|Enter the person's full name/);
      assert.match(page, /Username must only include letters/);
      assert.match(page, /Enter an email address in the correct format/);
      assert.match(page, /Select the partner agency/);
      assert.match(page, /Select at least one team/);
      assert.match(res.body, /value="not-an-email"/);
      const dup = await admin.post('/admin/users/new', { displayName: 'Another Admin', username: 'ADMIN', role: 'analyst', teamIds: String(mashTeamId) });
      assert.match(text(dup.body), /That username is already taken/);
      assert.equal((await t.services.users.list({ text: 'Another Admin' })).length, 0);
    });

    test('a failed write leaves no audit event behind (same transaction)', async () => {
      const before = await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'user.create').execute();
      await assert.rejects(
        t.services.users.create({ requestId: 'r', ip: '127.0.0.1', user: null }, { username: 'ghost', displayName: 'Ghost', email: '', jobTitle: '', role: 'analyst', agency: null, teamIds: [999999] }),
      );
      const after = await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'user.create').execute();
      assert.equal(after.length, before.length);
    });

    test('two administrators editing the same user: the second gets a clear message and keeps their input', async () => {
      const target = (await t.services.users.list({ text: 'analyst' }))[0]!;
      const second = new TestClient(t.app);
      await second.signIn('admin');
      const formA = await admin.get(`/admin/users/${target.id}/edit`);
      const formB = await second.get(`/admin/users/${target.id}/edit`);
      const version = /name="version" value="(\d+)"/.exec(formA.body)![1]!;
      assert.equal(/name="version" value="(\d+)"/.exec(formB.body)![1], version);
      const base = { username: 'analyst', email: 'analyst@demo-borough.example', role: 'analyst', agency: '', teamIds: String(target.teams[0]!.id), version };
      const first = await admin.post(`/admin/users/${target.id}/edit`, { ...base, displayName: 'Ana Lister-Smith', jobTitle: 'Senior analyst' });
      assert.equal(first.status, 302);
      const clash = await second.post(`/admin/users/${target.id}/edit`, { ...base, displayName: 'Ana Lister', jobTitle: 'Data lead' });
      assert.equal(clash.status, 409);
      const page = text(clash.body);
      assert.match(page, /Someone else changed this record/);
      assert.match(clash.body, /value="Data lead"/, 'their input is kept');
      assert.equal((await t.services.users.get(target.id)).displayName, 'Ana Lister-Smith', 'the first save is not overwritten');
      // Saving again from the re-rendered form (which now carries the latest version) succeeds.
      const newVersion = /name="version" value="(\d+)"/.exec(clash.body)![1]!;
      const retry = await second.post(`/admin/users/${target.id}/edit`, { ...base, displayName: 'Ana Lister', jobTitle: 'Data lead', version: newVersion });
      assert.equal(retry.status, 302);
    });

    test('deactivating a user signs them out at once and stops sign-in; reactivating restores it', async () => {
      const user = new TestClient(t.app);
      await user.signIn('edt.worker');
      assert.equal((await user.get('/')).status, 200);
      const edt = (await t.services.users.list({ text: 'edt.worker' }))[0]!;
      const res = await admin.post(`/admin/users/${edt.id}/deactivate`, { version: String(edt.version) }, { tokenFrom: `/admin/users/${edt.id}` });
      assert.equal(res.status, 302);
      assert.equal((await user.get('/')).status, 302, 'signed out');
      const again = await new TestClient(t.app).signIn('edt.worker');
      assert.equal(again.status, 401);
      const listed = text((await admin.get('/admin/users?show=all')).body);
      assert.match(listed, /Eddie Thornton.*Deactivated/);
      const current = await t.services.users.get(edt.id);
      await admin.post(`/admin/users/${edt.id}/reactivate`, { version: String(current.version) }, { tokenFrom: `/admin/users/${edt.id}` });
      assert.equal((await new TestClient(t.app).signIn('edt.worker')).status, 302);
    });

    test('an administrator cannot deactivate their own account', async () => {
      const me = (await t.services.users.list({ text: 'admin' })).find((u) => u.username === 'admin')!;
      await admin.post(`/admin/users/${me.id}/deactivate`, { version: String(me.version) }, { tokenFrom: `/admin/users/${me.id}` });
      assert.equal((await t.services.users.get(me.id)).active, true);
    });

    test('teams: add and rename; the header shows the council name set in settings', async () => {
      const add = await admin.post('/admin/teams/new', { name: 'Fostering', description: 'Foster carer recruitment and support', active: 'yes' }, { tokenFrom: '/admin/teams/new' });
      assert.equal(add.status, 302);
      const team = (await t.services.teams.list()).find((x) => x.name === 'Fostering')!;
      const dupe = await admin.post('/admin/teams/new', { name: 'fostering', active: 'yes' });
      assert.match(text(dupe.body), /A team with that name already exists/);
      const edit = await admin.post(`/admin/teams/${team.id}/edit`, { name: 'Fostering and Adoption', description: '', active: 'yes', version: String(team.version) }, { tokenFrom: `/admin/teams/${team.id}/edit` });
      assert.equal(edit.status, 302);
      const stale = await admin.post(`/admin/teams/${team.id}/edit`, { name: 'Old Name', description: '', active: 'yes', version: String(team.version) });
      assert.equal(stale.status, 409);
      assert.match(text((await admin.get('/admin/teams')).body), /Fostering and Adoption/);

      const settings = await admin.get('/admin/settings');
      const version = /name="version" value="(\d+)"/.exec(settings.body)![1]!;
      const empty = await admin.post('/admin/settings', { councilName: '  ', version });
      assert.match(text(empty.body), /Enter the council’s name|Enter the council's name/);
      await admin.post('/admin/settings', { councilName: 'Northshire County Council', version });
      const anyone = new TestClient(t.app);
      await anyone.signIn('police.partner');
      assert.match(text((await anyone.get('/')).body), /Northshire County Council/);
    });

    test('local non-working days move due dates and are audited', async () => {
      const staff = new TestClient(t.app);
      await staff.signIn('mash.manager');
      // Monday 2030-12-23: day 1 is Tuesday 24th, 25th and 26th are bank holidays, so day 2 is Friday 27th.
      const before = text((await staff.get('/calendar?start=2030-12-23&days=2')).body);
      assert.match(before, /Due Friday 27 December 2030/);
      const add = await admin.post('/calendar/non-working-days', { day: '2030-12-27', description: 'Council closure day' }, { tokenFrom: '/calendar' });
      assert.equal(add.status, 302);
      const after = text((await staff.get('/calendar?start=2030-12-23&days=2')).body);
      assert.match(after, /Due Monday 30 December 2030/);
      const bad = await admin.post('/calendar/non-working-days', { day: '2030-02-30', description: 'x' });
      assert.match(text(bad.body), /must be a real date/);
      const already = await admin.post('/calendar/non-working-days', { day: '2030-12-25', description: 'x' });
      assert.match(text(already.body), /already a non-working day/);
      const calc = await staff.get('/calendar?start=2026-02-30&days=x');
      assert.equal(calc.status, 400);
      assert.match(text(calc.body), /must be a real date/);
      const rows = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'calendar.add_non_working_day').execute();
      assert.equal(rows.length, 1);
    });

    test('audit log search by user, action and date range, and by person', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const results = (html: string) => text(html).split(/\d+ events/)[1] ?? '';
      const byUser = results((await admin.get(`/admin/audit?username=admin&action=sign_in&from=${today}&to=${today}`)).body);
      assert.match(byUser, /admin \(administrator\) sign_in success/);
      assert.doesNotMatch(byUser, /user\.create|jo\.newstarter/);
      const future = text((await admin.get('/admin/audit?from=2030-01-01&to=2030-01-02')).body);
      assert.match(future, /0 events/);
      const backwards = await admin.get('/admin/audit?from=2026-02-02&to=2026-01-01');
      assert.equal(backwards.status, 400);
      assert.match(text(backwards.body), /end date must be the same as or after the start date/);
      await t.services.audit.record({ requestId: 'r', ip: '127.0.0.1', user: null }, { action: 'person.view', recordType: 'person', recordId: 'P123', personIds: ['P123'] });
      const byPerson = text((await admin.get('/admin/audit?personId=P123')).body);
      assert.match(byPerson, /1 events/);
      assert.match(byPerson, /person\.view/);
      const searches = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'audit.search').execute();
      assert.ok(searches.length >= 3, 'searching the audit log is itself audited');
    });
  });
}
