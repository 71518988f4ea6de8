import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES } from '../../src/access/roles.js';
import { defaultCalendar } from '../../src/time/index.js';
import { DEFAULT_RAG_TIMES } from '../../src/frontdoor/rules.js';
import { contextFor, createContact, demoPeople, escapeRe, type DemoPerson } from './frontdoor-partner-support.js';

const PARTNERS = ['police.partner', 'health.partner', 'education.partner', 'da.partner', 'probation.partner'];
const MASH_SCREENERS = ['mash_worker', 'mash_manager'];

for (const target of TARGETS) {
  describe(`partner information requests access on ${target}`, () => {
    let t: TestApp;
    let contactId: number;
    let child: DemoPerson;
    let sibling: DemoPerson;
    const req: Record<string, number> = {};

    before(async () => {
      t = await startTestApp(target);
      [child, sibling] = (await demoPeople(t, 'child', 2)) as [DemoPerson, DemoPerson];
      contactId = await createContact(t, [child.id, sibling.id], [], 'access');
      const ctx = await contextFor(t, 'mash.worker');
      const calendar = defaultCalendar();
      // Police and health are asked about the first child; education about the second.
      const first = await t.services.partnerRequests.send(ctx, contactId, { agencies: ['police', 'health'], personIds: [child.id], question: 'What do you know about the first child?' }, calendar, DEFAULT_RAG_TIMES);
      const second = await t.services.partnerRequests.send(ctx, contactId, { agencies: ['education'], personIds: [sibling.id], question: 'School attendance of the second child?' }, calendar, DEFAULT_RAG_TIMES);
      [req.police, req.health] = first.ids as [number, number];
      req.education = second.ids[0]!;
      await t.services.partnerRequests.answer(await contextFor(t, 'police.partner'), req.police, 0, 'POLICE-ANSWER: two call-outs this year.');
    });
    after(async () => t?.close());

    test('only partners reach the inbox; every other role, administrators included, is refused', async () => {
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        const inbox = await client.get('/partner/requests');
        const page = await client.get(`/partner/requests/${req.police}`);
        if (role === 'partner') {
          assert.equal(inbox.status, 200, `${role} inbox`);
          assert.equal(page.status, 200, `${role} (police) opens the police request`);
        } else {
          const answer = await client.post(`/partner/requests/${req.police}`, { answer: 'x', version: '1' }, { tokenFrom: '/' });
          for (const [what, res] of [['inbox', inbox], ['request', page], ['answer', answer]] as const) assert.equal(res.status, 403, `${role} must not reach the partner ${what}`);
        }
        const nav = /href="\/partner\/requests"/.test((await client.get('/')).body);
        assert.equal(nav, role === 'partner', `${role} navigation`);
      }
    });

    test('only the MASH (who screen contacts) reach the send, withdraw and share routes; partners are refused them', async () => {
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        const form = await client.get(`/frontdoor/contacts/${contactId}/requests/new`);
        const list = await client.get(`/frontdoor/contacts/${contactId}/requests`);
        const send = await client.post(`/frontdoor/contacts/${contactId}/requests/new`, { agencies: 'probation', people: String(child.id), question: 'x' }, { tokenFrom: '/' });
        const withdraw = await client.post(`/frontdoor/requests/${req.health}/withdraw`, { reason: '', version: '0' }, { tokenFrom: '/' });
        const share = await client.post(`/frontdoor/requests/${req.police}/share`, { agencies: 'probation', version: '999' }, { tokenFrom: '/' });
        if (MASH_SCREENERS.includes(role)) {
          assert.equal(form.status, 200, `${role} send form`);
          assert.equal(list.status, 200, `${role} list`);
          assert.equal(withdraw.status, 400, `${role} withdraw without a reason is a form error`);
          assert.equal(share.status, 409, `${role} share with a stale version is a conflict`);
          assert.equal(send.status, role === 'mash_worker' ? 302 : 400, `${role} send (the second probation request is refused)`);
        } else {
          for (const [what, res] of [['form', form], ['list', list], ['send', send], ['withdraw', withdraw], ['share', share]] as const) assert.equal(res.status, 403, `${role} must not reach ${what}`);
        }
      }
      const probation = await t.handle.db.selectFrom('partner_requests').select('id').where('agency', '=', 'probation').execute();
      assert.equal(probation.length, 1, 'exactly one request was sent, by the MASH worker');
      const shared = await t.handle.db.selectFrom('partner_requests').select('shared_with').where('id', '=', req.police!).executeTakeFirstOrThrow();
      assert.deepEqual(shared.shared_with, [], 'nothing was shared by a refused or stale post');
    });

    test('a partner cannot open or answer another agency’s request: 404, and the attempt is audited', async () => {
      const police = new TestClient(t.app);
      await police.signIn('police.partner');
      const page = await police.get(`/partner/requests/${req.health}`);
      assert.equal(page.status, 404);
      assert.doesNotMatch(page.body, /What do you know about the first child/);
      const answer = await police.post(`/partner/requests/${req.health}`, { answer: 'Overwritten by police', version: '0' }, { tokenFrom: '/partner/requests' });
      assert.equal(answer.status, 404);
      const health = await t.handle.db.selectFrom('partner_requests').select(['status', 'answer']).where('id', '=', req.health!).executeTakeFirstOrThrow();
      assert.deepEqual(health, { status: 'sent', answer: '' });
      const denied = await t.handle.db.selectFrom('audit_events').select(['action', 'record_id']).where('username', '=', 'police.partner').where('outcome', '=', 'denied').execute();
      assert.ok(denied.some((d) => d.action === 'partner_request.view' && d.record_id === String(req.health)), 'the refused view is audited');
      assert.ok(denied.some((d) => d.action === 'partner_request.answer' && d.record_id === String(req.health)), 'the refused answer is audited');
      assert.equal((await police.get('/partner/requests/999999')).status, 404);
    });

    test('partners see no child beyond those their own requests are about, and no person pages at all', async () => {
      for (const username of PARTNERS) {
        const client = new TestClient(t.app);
        await client.signIn(username);
        for (const p of [child, sibling]) assert.equal((await client.get(`/people/${p.id}`)).status, 403, `${username} /people/${p.id}`);
        assert.equal((await client.get(`/people?q=${encodeURIComponent(child.name)}`)).status, 403, `${username} person search`);
        const inbox = text((await client.get('/partner/requests')).body);
        const sees = (p: DemoPerson) => new RegExp(escapeRe(p.name)).test(inbox);
        // Police and health were asked about the first child, and probation (by the previous test); education about the second.
        assert.equal(sees(child), ['police.partner', 'health.partner', 'probation.partner'].includes(username), `${username} sees the first child`);
        assert.equal(sees(sibling), username === 'education.partner', `${username} sees the second child`);
      }
      const education = new TestClient(t.app);
      await education.signIn('education.partner');
      const body = text((await education.get(`/partner/requests/${req.education}`)).body);
      assert.ok(body.includes(sibling.name));
      assert.ok(!body.includes(child.name), 'the other child on the contact is not shown');
    });

    test('another agency’s answer is hidden until the MASH shares it, then shown to that agency only', async () => {
      const health = new TestClient(t.app);
      await health.signIn('health.partner');
      const education = new TestClient(t.app);
      await education.signIn('education.partner');
      assert.doesNotMatch((await health.get(`/partner/requests/${req.health}`)).body, /POLICE-ANSWER/);
      assert.doesNotMatch((await education.get(`/partner/requests/${req.education}`)).body, /POLICE-ANSWER/);

      const mash = new TestClient(t.app);
      await mash.signIn('mash.worker');
      const page = await mash.get(`/frontdoor/contacts/${contactId}/requests`);
      const version = new RegExp(`action="/frontdoor/requests/${req.police}/share"[\\s\\S]*?name="version" value="(\\d+)"`).exec(page.body)?.[1];
      assert.ok(version, 'the share form is on the contact’s requests');
      const shared = await mash.post(`/frontdoor/requests/${req.police}/share`, { agencies: 'health', version });
      assert.equal(shared.status, 302);
      assert.match(text((await health.get(`/partner/requests/${req.health}`)).body), /Information shared with you by the MASH.*POLICE-ANSWER: two call-outs this year/);
      assert.doesNotMatch((await education.get(`/partner/requests/${req.education}`)).body, /POLICE-ANSWER/, 'not shared with education');
      const audit = await t.handle.db.selectFrom('audit_events').select(['details', 'person_ids']).where('action', '=', 'partner_request.share').execute();
      assert.equal(audit.length, 1);
      assert.deepEqual((audit[0]!.details as { sharedWith: string[] }).sharedWith, ['health']);

      // Unsharing takes it back.
      const after = await mash.get(`/frontdoor/contacts/${contactId}/requests`);
      const v2 = new RegExp(`action="/frontdoor/requests/${req.police}/share"[\\s\\S]*?name="version" value="(\\d+)"`).exec(after.body)?.[1];
      assert.equal((await mash.post(`/frontdoor/requests/${req.police}/share`, { version: v2! })).status, 302);
      assert.doesNotMatch((await health.get(`/partner/requests/${req.health}`)).body, /POLICE-ANSWER/);
    });

    test('a restricted child’s details are withheld from partners, and the MASH outside the restriction cannot open the contact’s requests', async () => {
      const restricted = await t.handle.db.selectFrom('people').select('id').where('restricted', '=', true).orderBy('id').executeTakeFirstOrThrow();
      const ctx = await contextFor(t, 'mash.worker');
      const other = await demoPeople(t, 'child', 1, [child.id, sibling.id]);
      const id = await createContact(t, [other[0]!.id], [], 'restricted');
      // The restricted father is added to the contact directly: the MASH worker could not have recorded him.
      await t.handle.db.insertInto('contact_adults').values({ contact_id: id, person_id: restricted.id, involvement: 'Father' }).execute();
      const mash = new TestClient(t.app);
      await mash.signIn('mash.worker');
      assert.equal((await mash.get(`/frontdoor/contacts/${id}/requests/new`)).status, 403);
      assert.equal((await mash.get(`/frontdoor/contacts/${id}/requests`)).status, 403);
      await assert.rejects(t.services.partnerRequests.send(ctx, id, { agencies: ['police'], personIds: [restricted.id], question: 'x' }, defaultCalendar(), DEFAULT_RAG_TIMES));
      // A request about them made anyway (by someone the restriction names) shows the partner nothing of them.
      const sent = await t.handle.db.insertInto('partner_requests').values({ contact_id: id, agency: 'probation', question: 'Is the father known to probation?', due_at: new Date(Date.now() + 3600_000), sent_by: ctx.user!.id, answered_by: null, answered_at: null }).returning('id').executeTakeFirstOrThrow();
      await t.handle.db.insertInto('partner_request_people').values({ request_id: sent.id, person_id: restricted.id }).execute();
      const probation = new TestClient(t.app);
      await probation.signIn('probation.partner');
      const page = await probation.get(`/partner/requests/${sent.id}`);
      assert.equal(page.status, 200);
      assert.match(text(page.body), /Details withheld: contact the MASH/);
      const names = await t.handle.db.selectFrom('person_names').select(['given_names', 'family_name']).where('person_id', '=', restricted.id).execute();
      for (const n of names) assert.ok(!text(page.body).includes(`${n.given_names} ${n.family_name}`), 'the restricted name is not shown');
    });
  });
}
