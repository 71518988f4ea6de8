import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES } from '../../src/access/roles.js';

/** Finds a demo person's id by name (current name). */
async function personId(t: TestApp, given: string, family: string): Promise<number> {
  const row = await t.handle.db.selectFrom('person_names').select('person_id').where('given_names', '=', given).where('family_name', '=', family).where('kind', '=', 'current').executeTakeFirstOrThrow();
  return row.person_id;
}

const draftIdOf = (location: string | undefined) => Number(/\/frontdoor\/drafts\/(\d+)/.exec(location ?? '')?.[1]);
const contactIdOf = (location: string | undefined) => Number(/\/frontdoor\/contacts\/(\d+)/.exec(location ?? '')?.[1]);

const SCHOOL_CONTACT = {
  method: 'phone',
  referrerAnonymous: 'no',
  sourceCode: '2A',
  referrerName: 'Jo Teacher',
  referrerOrganisation: 'Kingsholme Primary School',
  referrerRole: 'Designated safeguarding lead',
  referrerEmail: 'dsl@kingsholme-primary.example',
  whatHappened: 'Amy arrived with a bruise on her arm and said her dad grabbed her. Ava was quiet and withdrawn.',
  referrerWorries: 'Physical harm at home.',
  referrerActions: 'Spoke to Amy, recorded her words.',
  childViews: 'Amy says she does not want to go home tonight.',
  familyViews: '',
  parentsAware: 'no',
  consent: 'not_sought',
  consentOverrideReason: 'Telling the parents could place the children at risk of significant harm.',
};

for (const target of TARGETS) {
  describe(`front door contacts on ${target}`, () => {
    let t: TestApp;
    let amy: number;
    let ava: number;
    before(async () => {
      t = await startTestApp(target);
      amy = await personId(t, 'Amy', 'Patel');
      ava = await personId(t, 'Ava', 'Patel');
    });
    after(async () => t?.close());

    async function recordSchoolContact(worker: TestClient): Promise<number> {
      const start = await worker.post('/frontdoor/contacts/new', {}, { tokenFrom: '/frontdoor' });
      assert.equal(start.status, 302);
      const draft = draftIdOf(start.location);
      await worker.get(`/frontdoor/drafts/${draft}`);
      const found = await worker.post(`/frontdoor/drafts/${draft}`, { action: 'search', q: 'Amy Patel 01/06/2016' });
      assert.equal(found.status, 302);
      const page = await worker.get(`/frontdoor/drafts/${draft}`);
      assert.match(text(page.body), /Amy Patel/);
      await worker.post(`/frontdoor/drafts/${draft}`, { action: `add-child:${amy}` });
      await worker.post(`/frontdoor/drafts/${draft}`, { action: `add-child:${ava}` });
      // A failed submit keeps everything typed, and says what is missing.
      const partial = await worker.post(`/frontdoor/drafts/${draft}`, { action: 'submit', 'receivedDate-day': '', whatHappened: 'Typed but not finished', consent: 'refused' });
      assert.equal(partial.status, 400);
      const partialText = text(partial.body);
      assert.match(partialText, /There is a problem/);
      assert.match(partialText, /Enter the date the contact was received/);
      assert.match(partialText, /Give the reason for proceeding without parents’ consent|Give the reason for proceeding without parents' consent/);
      assert.match(partial.body, /Typed but not finished/);
      const again = await worker.get(`/frontdoor/drafts/${draft}`);
      assert.match(again.body, /Typed but not finished/, 'the draft kept the text after the failed submit');
      const today = new Date();
      const done = await worker.post(`/frontdoor/drafts/${draft}`, {
        action: 'submit',
        'receivedDate-day': String(today.getUTCDate()), 'receivedDate-month': String(today.getUTCMonth() + 1), 'receivedDate-year': String(today.getUTCFullYear()),
        receivedTime: '00:05',
        ...SCHOOL_CONTACT,
      });
      assert.equal(done.status, 302, text(done.body).slice(0, 600));
      return contactIdOf(done.location);
    }

    test('a school contact about two siblings: recorded search-first, screened, challenged, decided per child, feedback, closed', async () => {
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      const id = await recordSchoolContact(worker);
      assert.ok(id > 0);
      const page = text((await worker.get(`/frontdoor/contacts/${id}`)).body);
      assert.match(page, /Amy Patel/);
      assert.match(page, /Ava Patel/);
      assert.match(page, /Decision due/);
      assert.match(page, /Telling the parents could place the children at risk/);
      // The draft is gone once the contact exists.
      assert.equal((await t.handle.db.selectFrom('contact_drafts').select('id').execute()).length, 0);

      const contact = await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(contact.source_code, '2A');
      const rag = await worker.post(`/frontdoor/contacts/${id}/rag`, { rag: 'red', ragRationale: 'Disclosure of physical harm today', version: String(contact.version) }, { tokenFrom: `/frontdoor/contacts/${id}/rag` });
      assert.equal(rag.status, 302);
      const rated = await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(rated.rag, 'red');
      assert.ok(rated.response_due_at && rated.response_due_at.getTime() - (rated.rag_set_at?.getTime() ?? 0) === 4 * 3600_000, 'red: within 4 hours by default');

      const rows = await t.handle.db.selectFrom('contact_children').selectAll().where('contact_id', '=', id).orderBy('id').execute();
      const [amyRow, avaRow] = [rows.find((r) => r.person_id === amy)!, rows.find((r) => r.person_id === ava)!];
      // The worker recommends for each child.
      let r = await worker.post(`/frontdoor/contacts/${id}/children/${amyRow.id}/recommend`, { outcome: 'strategy_discussion', rationale: 'Disclosure of physical abuse by father', version: String(amyRow.version) }, { tokenFrom: `/frontdoor/contacts/${id}/children/${amyRow.id}/recommend` });
      assert.equal(r.status, 302);
      r = await worker.post(`/frontdoor/contacts/${id}/children/${avaRow.id}/recommend`, { outcome: 'nfa', rationale: 'No direct concern', version: String(avaRow.version) }, { tokenFrom: `/frontdoor/contacts/${id}/children/${avaRow.id}/recommend` });
      assert.equal(r.status, 302);

      // A worker cannot decide; the manager can, and challenges Ava's recommendation.
      const refused = await worker.post(`/frontdoor/contacts/${id}/children/${amyRow.id}/decide`, { outcome: 'strategy_discussion', rationale: 'x', version: '1' }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(refused.status, 403);
      const manager = new TestClient(t.app);
      await manager.signIn('mash.manager');
      const avaNow = await t.handle.db.selectFrom('contact_children').selectAll().where('id', '=', avaRow.id).executeTakeFirstOrThrow();
      r = await manager.post(`/frontdoor/contacts/${id}/children/${avaRow.id}/challenge`, { challenge: 'Ava lives in the same home: what about early help?', version: String(avaNow.version) }, { tokenFrom: `/frontdoor/contacts/${id}/children/${avaRow.id}/challenge` });
      assert.equal(r.status, 302);
      // The manager cannot decide while the challenge is open.
      const avaChallenged = await t.handle.db.selectFrom('contact_children').selectAll().where('id', '=', avaRow.id).executeTakeFirstOrThrow();
      const blocked = await manager.post(`/frontdoor/contacts/${id}/children/${avaRow.id}/decide`, { outcome: 'nfa', rationale: 'x', version: String(avaChallenged.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(blocked.status, 400);
      assert.match(text(blocked.body), /challenge is still open/);
      // The worker changes the recommendation in response.
      const earlyHelpTeam = await t.handle.db.selectFrom('teams').select('id').where('name', '=', 'Early Help').executeTakeFirstOrThrow();
      r = await worker.post(`/frontdoor/contacts/${id}/children/${avaRow.id}/respond`, { response: 'Agreed: the family needs support', respondWith: 'change', outcome: 'early_help', rationale: 'Family under stress', earlyHelpTeamId: String(earlyHelpTeam.id), stepDownAnalysis: 'Parenting support and school liaison', version: String(avaChallenged.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(r.status, 302, text(r.body).slice(0, 500));
      const challenge = await t.handle.db.selectFrom('decision_challenges').selectAll().where('contact_child_id', '=', avaRow.id).executeTakeFirstOrThrow();
      assert.equal(challenge.outcome, 'changed');

      // The manager decides each child.
      const amyNow = await t.handle.db.selectFrom('contact_children').selectAll().where('id', '=', amyRow.id).executeTakeFirstOrThrow();
      r = await manager.post(`/frontdoor/contacts/${id}/children/${amyRow.id}/decide`, { outcome: 'strategy_discussion', rationale: 'Reasonable cause to suspect significant harm', primaryNeedCode: 'N1', version: String(amyNow.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(r.status, 302, text(r.body).slice(0, 500));
      const avaReady = await t.handle.db.selectFrom('contact_children').selectAll().where('id', '=', avaRow.id).executeTakeFirstOrThrow();
      r = await manager.post(`/frontdoor/contacts/${id}/children/${avaRow.id}/decide`, { outcome: 'early_help', rationale: 'Support below threshold', earlyHelpTeamId: String(earlyHelpTeam.id), stepDownAnalysis: 'Parenting support', version: String(avaReady.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(r.status, 302, text(r.body).slice(0, 500));
      const decided = await t.handle.db.selectFrom('contact_children').selectAll().where('contact_id', '=', id).execute();
      assert.deepEqual(decided.map((d) => d.status), ['decided', 'decided']);
      assert.equal(decided.find((d) => d.person_id === amy)!.is_referral, true);
      assert.equal(decided.find((d) => d.person_id === ava)!.is_referral, false);
      const episode = await t.handle.db.selectFrom('early_help_episodes').selectAll().where('person_id', '=', ava).where('contact_child_id', '=', avaRow.id).executeTakeFirst();
      assert.ok(episode, 'stepping down opens an early help episode');

      // Cannot close before the referrer is told.
      let c = await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const early = await worker.post(`/frontdoor/contacts/${id}/close`, { version: String(c.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(early.status, 400);
      assert.match(text(early.body), /Send feedback to the referrer/);

      const fb = await worker.get(`/frontdoor/contacts/${id}/feedback`);
      const fbText = text(fb.body);
      assert.match(fbText, /Dear Jo Teacher/);
      assert.match(fbText, /Amy Patel: we are holding a strategy discussion/);
      assert.match(fbText, /Ava Patel: we have asked our early help service/);
      assert.match(fb.body, /dsl@kingsholme-primary.example/);
      r = await worker.post(`/frontdoor/contacts/${id}/feedback`, { action: 'sent', method: 'email', recipient: 'dsl@kingsholme-primary.example', feedbackText: 'Dear Jo, thank you (edited).', version: String(c.version) });
      assert.equal(r.status, 302);
      c = await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.ok(c.feedback_sent_at);
      assert.equal(c.feedback_text, 'Dear Jo, thank you (edited).');
      r = await worker.post(`/frontdoor/contacts/${id}/close`, { version: String(c.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(r.status, 302);
      assert.match(text((await worker.get(`/frontdoor/contacts/${id}`)).body), /Closed/);

      // Everything was audited with the children.
      const actions = (await t.handle.db.selectFrom('audit_events').select('action').where('record_type', '=', 'contact').where('record_id', '=', String(id)).execute()).map((a) => a.action);
      for (const a of ['contact.create', 'contact.view', 'contact.rag', 'contact.recommend', 'contact.challenge', 'contact.challenge_response', 'contact.decide', 'contact.feedback_sent', 'contact.close']) assert.ok(actions.includes(a), a);
    });

    test('an anonymous contact is decided NFA and closes without feedback', async () => {
      const svc = t.services.contacts;
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      const ctx = { requestId: 't', ip: '127.0.0.1', user: (await t.services.users.currentUser((await t.handle.db.selectFrom('users').select('id').where('username', '=', 'mash.worker').executeTakeFirstOrThrow()).id))! };
      const id = await svc.create(ctx, { receivedAt: new Date(Date.now() - 60000), method: 'phone', sourceCode: '9', referrer: { anonymous: true, name: '', organisation: '', role: '', phone: '', email: '', address: '' }, whatHappened: 'A caller said children are left alone at night.', referrerWorries: '', referrerActions: '', childViews: '', familyViews: '', parentsAware: 'unknown', consent: 'not_sought', consentOverrideReason: 'Anonymous caller: consent cannot be sought from the referrer; checks proportionate.', childIds: [amy], adults: [] });
      const row = await t.handle.db.selectFrom('contact_children').selectAll().where('contact_id', '=', id).executeTakeFirstOrThrow();
      await worker.post(`/frontdoor/contacts/${id}/children/${row.id}/recommend`, { outcome: 'nfa', rationale: 'Checks found nothing of concern', version: String(row.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      const manager = new TestClient(t.app);
      await manager.signIn('mash.manager');
      const ready = await t.handle.db.selectFrom('contact_children').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      const r = await manager.post(`/frontdoor/contacts/${id}/children/${row.id}/decide`, { outcome: 'nfa', rationale: 'Agreed', version: String(ready.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(r.status, 302);
      const c = await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(c.source_code, '9');
      const closed = await worker.post(`/frontdoor/contacts/${id}/close`, { version: String(c.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(closed.status, 302);
    });

    test('a decision after the one-working-day timescale needs a reason; a stale form is refused, not overwritten', async () => {
      const ctx = { requestId: 't', ip: '127.0.0.1', user: (await t.services.users.currentUser((await t.handle.db.selectFrom('users').select('id').where('username', '=', 'mash.worker').executeTakeFirstOrThrow()).id))! };
      const id = await t.services.contacts.create(ctx, { receivedAt: new Date(Date.now() - 8 * 86400000), method: 'email', sourceCode: '3A', referrer: { anonymous: false, name: 'Dr Gee', organisation: 'Surgery', role: 'GP', phone: '', email: '', address: '' }, whatHappened: 'Missed appointments.', referrerWorries: '', referrerActions: '', childViews: '', familyViews: '', parentsAware: 'yes', consent: 'given', consentOverrideReason: '', childIds: [ava], adults: [] });
      const row = await t.handle.db.selectFrom('contact_children').selectAll().where('contact_id', '=', id).executeTakeFirstOrThrow();
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      await worker.post(`/frontdoor/contacts/${id}/children/${row.id}/recommend`, { outcome: 'information_advice', rationale: 'Advice to GP', version: String(row.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      const manager = new TestClient(t.app);
      await manager.signIn('mash.manager');
      const ready = await t.handle.db.selectFrom('contact_children').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      const stale = await manager.post(`/frontdoor/contacts/${id}/children/${row.id}/decide`, { outcome: 'information_advice', rationale: 'Agreed', lateReason: 'x', version: String(ready.version - 1) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(stale.status, 400);
      assert.match(text(stale.body), /changed|someone else/i);
      const noReason = await manager.post(`/frontdoor/contacts/${id}/children/${row.id}/decide`, { outcome: 'information_advice', rationale: 'Agreed', version: String(ready.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(noReason.status, 400);
      assert.match(text(noReason.body), /after the one-working-day timescale/);
      assert.match(noReason.body, /Agreed/, 'the rationale typed is kept');
      const ok = await manager.post(`/frontdoor/contacts/${id}/children/${row.id}/decide`, { outcome: 'information_advice', rationale: 'Agreed', lateReason: 'Waiting for the GP’s records', version: String(ready.version) }, { tokenFrom: `/frontdoor/contacts/${id}` });
      assert.equal(ok.status, 302);
    });

    test('an EDT contact goes on the morning handover', async () => {
      const edt = new TestClient(t.app);
      await edt.signIn('edt.worker');
      const start = await edt.post('/frontdoor/contacts/new', {}, { tokenFrom: '/frontdoor' });
      const draft = draftIdOf(start.location);
      await edt.get(`/frontdoor/drafts/${draft}`);
      await edt.post(`/frontdoor/drafts/${draft}`, { action: `add-child:${amy}` });
      const today = new Date();
      const form = { 'receivedDate-day': String(today.getUTCDate()), 'receivedDate-month': String(today.getUTCMonth() + 1), 'receivedDate-year': String(today.getUTCFullYear()), receivedTime: '00:01', ...SCHOOL_CONTACT, sourceCode: '6', method: 'phone' };
      const missing = await edt.post(`/frontdoor/drafts/${draft}`, { action: 'submit', ...form });
      assert.equal(missing.status, 400);
      assert.match(text(missing.body), /what the emergency duty team did/i);
      const done = await edt.post(`/frontdoor/drafts/${draft}`, { action: 'submit', ...form, edtActions: 'Visited with police at 23:10; children safe with grandmother overnight.' });
      assert.equal(done.status, 302);
      const id = contactIdOf(done.location);
      const c = await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(c.origin, 'edt');
      const item = await t.handle.db.selectFrom('handover_items').selectAll().where('contact_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(item.acknowledged_at, null);
      const mash = new TestClient(t.app);
      await mash.signIn('mash.worker');
      const tray = text((await mash.get('/frontdoor?tray=handover')).body);
      assert.match(tray, new RegExp(`Contact ${id}`));
    });

    test('autosave keeps typing; a draft is its author’s alone', async () => {
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      const start = await worker.post('/frontdoor/contacts/new', {}, { tokenFrom: '/frontdoor' });
      const draft = draftIdOf(start.location);
      await worker.get(`/frontdoor/drafts/${draft}`);
      const saved = await worker.post(`/frontdoor/drafts/${draft}/autosave`, { whatHappened: 'Half a sentence' });
      assert.equal(saved.status, 204);
      assert.match((await worker.get(`/frontdoor/drafts/${draft}`)).body, /Half a sentence/);
      assert.match(text((await worker.get('/frontdoor')).body), /Your drafts/);
      const other = new TestClient(t.app);
      await other.signIn('mash.manager');
      assert.equal((await other.get(`/frontdoor/drafts/${draft}`)).status, 404);
    });

    test('access role by role: who reaches the trays, contacts and decisions', async () => {
      const anyContact = await t.handle.db.selectFrom('contacts').select('id').orderBy('id').executeTakeFirstOrThrow();
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role);
        if (!demo) continue;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        const tray = await client.get('/frontdoor');
        assert.equal(tray.status, ['mash_worker', 'mash_manager', 'edt_worker'].includes(role) ? 200 : 403, `${role} /frontdoor`);
        const contact = await client.get(`/frontdoor/contacts/${anyContact.id}`);
        const views = ['mash_worker', 'mash_manager', 'edt_worker', 'social_worker', 'team_manager', 'iro', 'early_help_worker'].includes(role);
        assert.equal(contact.status, views ? 200 : 403, `${role} contact page`);
        const rag = await client.get(`/frontdoor/contacts/${anyContact.id}/rag`);
        assert.equal(rag.status, ['mash_worker', 'mash_manager'].includes(role) ? 200 : 403, `${role} RAG`);
      }
    });
  });
}

for (const target of TARGETS) {
  describe(`front door settings and the person page on ${target}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(target);
    });
    after(async () => t?.close());

    test('an administrator sets the RAG response times; bad values are refused with the input kept; ratings use them', async () => {
      const admin = new TestClient(t.app);
      await admin.signIn('admin');
      const bad = await admin.post('/admin/settings/front-door', { redHours: '30', amberWorkingDays: '1', greenWorkingDays: '3', version: '0' }, { tokenFrom: '/admin/settings/front-door' });
      assert.equal(bad.status, 400);
      assert.match(text(bad.body), /Red response time must be a whole number of hours from 1 to 12/);
      assert.match(bad.body, /value="30"/);
      const ok = await admin.post('/admin/settings/front-door', { redHours: '2', amberWorkingDays: '1', greenWorkingDays: '5', version: '0' });
      assert.equal(ok.status, 302);
      assert.equal((await t.services.frontDoorSettings.ragTimes()).redHours, 2);
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      assert.equal((await worker.get('/admin/settings/front-door')).status, 403);
      const open = await t.handle.db.selectFrom('contacts').select(['id', 'version']).where('status', '=', 'open').orderBy('id').executeTakeFirstOrThrow();
      const r = await worker.post(`/frontdoor/contacts/${open.id}/rag`, { rag: 'red', ragRationale: 'Same-day risk', version: String(open.version) }, { tokenFrom: `/frontdoor/contacts/${open.id}/rag` });
      assert.equal(r.status, 302);
      const rated = await t.handle.db.selectFrom('contacts').select(['rag_set_at', 'response_due_at']).where('id', '=', open.id).executeTakeFirstOrThrow();
      assert.equal(rated.response_due_at!.getTime() - rated.rag_set_at!.getTime(), 2 * 3600_000);
    });

    test('the person page lists the child’s contacts and decisions for practitioners, not for analysts', async () => {
      const row = await t.handle.db.selectFrom('contact_children').select(['person_id', 'contact_id']).where('status', '=', 'decided').orderBy('id').executeTakeFirstOrThrow();
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      const page = await sw.get(`/people/${row.person_id}`);
      assert.match(text(page.body), /Contacts and referrals/);
      assert.ok(page.body.includes(`href="/frontdoor/contacts/${row.contact_id}"`));
      const lado = new TestClient(t.app);
      await lado.signIn('lado');
      assert.doesNotMatch(text((await lado.get(`/people/${row.person_id}`)).body), /Contacts and referrals/);
    });
  });
}
