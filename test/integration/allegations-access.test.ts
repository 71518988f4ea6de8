import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES } from '../../src/access/roles.js';

for (const target of TARGETS) {
  describe(`allegations access on ${target}`, () => {
    let t: TestApp;
    let caseId: number;
    let childId: number;

    before(async () => {
      t = await startTestApp(target);
      // A demo case and its child (the demo seeds a year of allegations).
      const row = await t.handle.db.selectFrom('allegation_children').select(['case_id', 'person_id']).orderBy('id').executeTakeFirstOrThrow();
      caseId = row.case_id;
      childId = row.person_id;
    });
    after(async () => t?.close());

    const pages = () => ['/allegations', '/allegations/cases', '/allegations/new', `/allegations/${caseId}`, `/allegations/${caseId}/meetings/new`, `/allegations/${caseId}/outcome`, '/allegations/report', '/allegations/report/csv'];

    test('only the designated officer (lado) reaches allegation pages; every other role, administrators included, is refused', async () => {
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        for (const url of pages()) {
          const res = await client.get(url);
          if (role === 'lado') assert.equal(res.status, 200, `lado ${url}`);
          else assert.equal(res.status, 403, `${role} must not reach ${url}`);
        }
        const home = await client.get('/');
        const hasNav = /href="\/allegations"/.test(home.body);
        assert.equal(hasNav, role === 'lado', `${role} navigation`);
        if (role !== 'lado') {
          const post = await client.post(`/allegations/${caseId}/close`, {}, { tokenFrom: '/' });
          assert.equal(post.status, 403, `${role} cannot write`);
        }
      }
    });

    test('a social worker who can open the child’s record sees that an allegation exists and whom to contact, and nothing more', async () => {
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      const page = await sw.get(`/people/${childId}`);
      assert.equal(page.status, 200);
      const body = text(page.body);
      assert.match(body, /An allegation against a person who works with children concerns this child/);
      assert.match(body, /Lee Adeyemi/);
      const c = await t.handle.db.selectFrom('allegation_cases').select(['alleged', 'employer_name']).where('id', '=', caseId).executeTakeFirstOrThrow();
      assert.ok(!body.includes(c.alleged), 'the allegation itself is not shown');
      assert.ok(!body.includes(c.employer_name), 'the employer is not shown');
      // A child with no allegation shows no notice.
      const linked = (await t.handle.db.selectFrom('allegation_children').select('person_id').execute()).map((r) => r.person_id);
      const other = await t.handle.db.selectFrom('people').select('id').where('id', 'not in', linked).where('restricted', '=', false).orderBy('id').executeTakeFirstOrThrow();
      assert.doesNotMatch(text((await sw.get(`/people/${other.id}`)).body), /An allegation against a person/);
    });

    test('the person an allegation is about is not in the person index, so never in others’ searches or chronology', async () => {
      const subjects = await t.handle.db.selectFrom('allegation_subjects').select(['given_names', 'family_name', 'date_of_birth']).execute();
      assert.ok(subjects.length > 5);
      // Subjects are held apart from people: no person record is created for them by this module.
      const created = await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'person.create').where('request_id', 'like', '%allegation%').execute();
      assert.equal(created.length, 0);
      // Allegation views are not recorded against the child's person record, so they do not show in "who has viewed".
      const lado = new TestClient(t.app);
      await lado.signIn('lado');
      await lado.get(`/allegations/${caseId}`);
      const viewEvents = await t.handle.db.selectFrom('audit_events').select(['person_ids']).where('action', '=', 'allegation.view').execute();
      assert.ok(viewEvents.length >= 1);
      for (const e of viewEvents) assert.deepEqual(e.person_ids, []);
    });

    test('every view is audited, and administrators see allegation activity only through the audit log', async () => {
      const lado = new TestClient(t.app);
      await lado.signIn('lado');
      await lado.get(`/allegations/${caseId}`);
      const views = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'allegation.view').where('record_id', '=', String(caseId)).where('username', '=', 'lado').execute();
      assert.ok(views.length >= 1);
      const admin = new TestClient(t.app);
      await admin.signIn('admin');
      assert.equal((await admin.get(`/allegations/${caseId}`)).status, 403);
      const audit = await admin.get('/admin/audit?action=allegation.view');
      assert.equal(audit.status, 200);
      const denied = await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'access.denied').where('username', '=', 'admin').execute();
      assert.ok(denied.length >= 1, 'the refused attempt is audited');
    });

    test('merging the child’s record carries the allegation link to the kept record', async () => {
      const { SYSTEM_CONTEXT } = await import('../../src/app.js');
      const kept = await t.services.people.create(SYSTEM_CONTEXT, { givenNames: 'Kept', familyName: 'Record', dateOfBirth: '2015-01-01', sex: 'F' });
      await t.services.merges.merge(SYSTEM_CONTEXT, kept, childId);
      const links = await t.handle.db.selectFrom('allegation_children').select('person_id').where('case_id', '=', caseId).execute();
      assert.deepEqual(links.map((l) => l.person_id), [kept]);
      assert.equal((await t.services.allegations.noticeFor(kept)).exists, true);
    });

    test('a non-existent case is a 404 for the designated officer', async () => {
      const lado = new TestClient(t.app);
      await lado.signIn('lado');
      for (const url of ['/allegations/999999', '/allegations/999999/consideration', '/allegations/999999/meetings/new', '/allegations/999999/outcome', '/allegations/999999/close']) {
        assert.equal((await lado.get(url)).status, 404, url);
      }
    });
  });
}
