import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { SYSTEM_CONTEXT } from '../../src/app.js';
import type { CurrentUser } from '../../src/access/policy.js';

for (const target of TARGETS) {
  describe(`person index pages on ${target}`, () => {
    let t: TestApp;
    let worker: TestClient;
    let williamId: number;
    before(async () => {
      t = await startTestApp(target);
      williamId = await t.services.people.create(SYSTEM_CONTEXT, {
        givenNames: 'William', familyName: 'Smith', dateOfBirth: '2015-03-02', sex: 'M',
        address: { line1: '4 Mill Lane', town: 'Demo Town', postcode: 'DE1 3AB' },
      });
      await t.services.people.addWarning(SYSTEM_CONTEXT, williamId, 'risk_to_staff', 'Father has threatened staff: visit in pairs', '2030-01-01');
      worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
    });
    after(async () => t?.close());

    test('"Bill Smyth, 03/02/2015" finds William Smith born 2 March 2015, with the reasons and the warning', async () => {
      const res = await worker.get('/people?q=' + encodeURIComponent('Bill Smyth, 03/02/2015'));
      assert.equal(res.status, 200);
      const page = text(res.body);
      assert.match(page, /William Smith/);
      assert.match(page, /Likely match/);
      assert.match(page, /nickname of William/i);
      assert.match(page, /day and month swapped/);
      assert.match(page, /Father has threatened staff/);
      const audit = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.search').where('username', '=', 'mash.worker').execute();
      assert.equal(audit.length, 1);
      assert.deepEqual(audit[0]!.person_ids.includes(String(williamId)), true);
    });

    test('bad search input gets a field error', async () => {
      const res = await worker.get('/people?dateOfBirth=31/02/2015');
      assert.equal(res.status, 400);
      assert.match(text(res.body), /Date of birth must be a real date/);
      const nhs = await worker.get('/people?nhsNumber=1234567890');
      assert.match(text(nhs.body), /NHS number/);
    });

    test('adding a person goes through search first and is pre-filled from it', async () => {
      const fresh = new TestClient(t.app);
      await fresh.signIn('edt.worker');
      const direct = await fresh.get('/people/new');
      assert.equal(direct.location, '/people');
      await fresh.get('/people?q=' + encodeURIComponent('Zara Okonkwo 14/6/2019'));
      const form = await fresh.get('/people/new');
      assert.equal(form.status, 200);
      assert.match(form.body, /value="Zara"/);
      assert.match(form.body, /value="Okonkwo"/);
      assert.match(form.body, /name="dateOfBirth-year"[^>]*value="2019"|value="2019"[^>]*name="dateOfBirth-year"/);
      const bad = await fresh.post('/people/new', { givenNames: 'Zara', familyName: 'Okonkwo', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2019', sex: 'F', nhsNumber: '1234567890', line1: '1 High St', town: '', postcode: 'NOTAPC' }, { tokenFrom: '/people/new' });
      assert.equal(bad.status, 400);
      const page = text(bad.body);
      assert.match(page, /Date of birth must be a real date/);
      assert.match(page, /Enter the town or city/);
      assert.match(bad.body, /value="Okonkwo"/, 'input kept');
      const ok = await fresh.post('/people/new', { givenNames: 'Zara', familyName: 'Okonkwo', 'dateOfBirth-day': '14', 'dateOfBirth-month': '6', 'dateOfBirth-year': '2019', sex: 'F', ethnicity: 'BAFR', line1: '9 Station Road', town: 'Demo Town', postcode: 'de1 4ab' });
      assert.equal(ok.status, 302, text(ok.body).slice(0, 1500));
      const id = Number(/\/people\/(\d+)/.exec(ok.location ?? '')![1]);
      const view = text((await fresh.get(`/people/${id}`)).body);
      assert.match(view, /Zara Okonkwo/);
      assert.match(view, /14 June 2019/);
      assert.match(view, /Black African/);
      assert.match(view, /9 Station Road, Demo Town, DE1 4AB/);
      // Now the same child is found, not added twice.
      const again = text((await fresh.get('/people?q=' + encodeURIComponent('Zara Okonkwo'))).body);
      assert.match(again, /Zara Okonkwo/);
    });

    test('a move keeps the old address; the old postcode still finds the child', async () => {
      const form = await worker.get(`/people/${williamId}/address`);
      assert.equal(form.status, 200);
      const res = await worker.post(`/people/${williamId}/address`, { line1: '22 Canal Street', town: 'Demo Town', postcode: 'DE2 7XY', 'fromDate-day': '1', 'fromDate-month': '9', 'fromDate-year': '2026' });
      assert.equal(res.status, 302);
      const page = text((await worker.get(`/people/${williamId}`)).body);
      assert.match(page, /22 Canal Street.*Current/);
      assert.match(page, /4 Mill Lane.*Previous/);
      const byOld = text((await worker.get('/people?q=' + encodeURIComponent('William Smith DE1 3AB'))).body);
      assert.match(byOld, /same postcode as a previous address|William Smith/);
    });

    test('relationships read both ways and draw a family diagram', async () => {
      const mum = await t.services.people.create(SYSTEM_CONTEXT, { givenNames: 'Grace', familyName: 'Smith', dateOfBirth: '1988-07-11', sex: 'F' });
      await worker.get(`/people?q=Grace+Smith`);
      const form = await worker.get(`/people/${williamId}/relationships/new?q=Grace+Smith`);
      assert.match(form.body, new RegExp(`value="${mum}"`));
      const res = await worker.post(`/people/${williamId}/relationships`, { relatedPersonId: String(mum), type: 'mother' });
      assert.equal(res.status, 302);
      const child = await worker.get(`/people/${williamId}`);
      assert.match(text(child.body), /Grace Smith Mother/);
      assert.match(child.body, /<svg[^>]*role="img"/);
      const mother = text((await worker.get(`/people/${mum}`)).body);
      assert.match(mother, /William Smith Son/);
    });

    test('two people editing the same person: the second is told and keeps their input', async () => {
      const a = new TestClient(t.app);
      const b = new TestClient(t.app);
      await a.signIn('social.worker');
      await b.signIn('team.manager');
      const formA = await a.get(`/people/${williamId}/edit`);
      await b.get(`/people/${williamId}/edit`);
      const version = /name="version" value="(\d+)"/.exec(formA.body)![1]!;
      const base = { givenNames: 'William', familyName: 'Smith', 'dateOfBirth-day': '2', 'dateOfBirth-month': '3', 'dateOfBirth-year': '2015', sex: 'M', version };
      assert.equal((await a.post(`/people/${williamId}/edit`, { ...base, firstLanguage: 'English' })).status, 302);
      const clash = await b.post(`/people/${williamId}/edit`, { ...base, firstLanguage: 'Welsh' });
      assert.equal(clash.status, 409);
      assert.match(text(clash.body), /Someone else changed this record/);
      assert.match(clash.body, /value="Welsh"/);
    });

    test('a name change keeps the old name, which still finds the child', async () => {
      const c = new TestClient(t.app);
      await c.signIn('social.worker');
      const form = await c.get(`/people/${williamId}/edit`);
      const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
      await c.post(`/people/${williamId}/edit`, { givenNames: 'William', familyName: 'Jones', 'dateOfBirth-day': '2', 'dateOfBirth-month': '3', 'dateOfBirth-year': '2015', sex: 'M', version });
      const page = text((await c.get(`/people/${williamId}`)).body);
      assert.match(page, /William Jones/);
      assert.match(page, /William Smith Previous name/);
      const found = text((await c.get('/people?q=' + encodeURIComponent('William Smith 02/03/2015'))).body);
      assert.match(found, /William Jones/);
    });

    test('restricted records: a restricted match with no details for others; the named team sees it; attempts are audited', async () => {
      const lado = (await t.services.users.list({ text: 'lado' }))[0]!;
      const ladoUser = (await t.services.users.currentUser(lado.id)) as CurrentUser;
      const ladoTeam = ladoUser.teamIds[0]!;
      const id = await t.services.people.create(SYSTEM_CONTEXT, { givenNames: 'Kieran', familyName: 'Blackwood', dateOfBirth: '2011-05-09', sex: 'M' });
      await t.services.people.setRestriction({ ...SYSTEM_CONTEXT, user: ladoUser }, id, [], [ladoTeam]);
      const other = text((await worker.get('/people?q=' + encodeURIComponent('Kieran Blackwood'))).body).split('Searched for:')[1]!.split('Blackwood')[1]!;
      assert.match(other, /Restricted record/);
      assert.doesNotMatch(other, /Kieran|2011/);
      const open = await worker.get(`/people/${id}`);
      assert.equal(open.status, 403);
      const denied = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.view').where('outcome', '=', 'denied').execute();
      assert.ok(denied.some((d) => d.record_id === String(id)));
      const ladoClient = new TestClient(t.app);
      await ladoClient.signIn('lado');
      assert.match(text((await ladoClient.get('/people?q=' + encodeURIComponent('Kieran Blackwood'))).body), /Kieran Blackwood/);
      assert.equal((await ladoClient.get(`/people/${id}`)).status, 200);
    });

    test('who has viewed this record: managers see it; practitioners do not', async () => {
      const manager = new TestClient(t.app);
      await manager.signIn('mash.manager');
      await worker.get(`/people/${williamId}`);
      const res = await manager.get(`/people/${williamId}/viewers`);
      assert.equal(res.status, 200);
      assert.match(text(res.body), /mash\.worker.*Opened the record/);
      assert.equal((await worker.get(`/people/${williamId}/viewers`)).status, 403);
    });

    test('analysts and partners cannot search or open people', async () => {
      for (const username of ['analyst', 'police.partner', 'admin']) {
        const c = new TestClient(t.app);
        await c.signIn(username);
        assert.equal((await c.get('/people?q=Smith')).status, 403, username);
        assert.equal((await c.get(`/people/${williamId}`)).status, 403, username);
      }
    });
  });
}
