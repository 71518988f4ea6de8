import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp, versionOf } from '../support/harness.js';
import { defaultCalendar } from '../../src/time/index.js';
import { DEFAULT_RAG_TIMES } from '../../src/frontdoor/rules.js';
import { requestDue } from '../../src/frontdoor/partner-rules.js';
import { contextFor, createContact, demoPeople, escapeRe, type DemoPerson } from './frontdoor-partner-support.js';


for (const target of TARGETS) {
  describe(`partner information requests journey on ${target}`, () => {
    let t: TestApp;
    let mash: TestClient;
    let police: TestClient;
    let health: TestClient;
    let contactId: number;
    let child: DemoPerson;
    let sibling: DemoPerson;
    let parent: DemoPerson;
    let policeRequest: number;
    let healthRequest: number;

    before(async () => {
      t = await startTestApp(target);
      // The demo's own requests would share the inboxes this journey counts: start from none.
      await t.handle.db.deleteFrom('partner_request_events').execute();
      await t.handle.db.deleteFrom('partner_request_people').execute();
      await t.handle.db.deleteFrom('partner_requests').execute();
      [child, sibling] = (await demoPeople(t, 'child', 2)) as [DemoPerson, DemoPerson];
      [parent] = (await demoPeople(t, 'adult', 1, [child.id, sibling.id])) as [DemoPerson];
      contactId = await createContact(t, [child.id, sibling.id], [parent.id], 'journey');
      mash = new TestClient(t.app);
      police = new TestClient(t.app);
      health = new TestClient(t.app);
      assert.equal((await mash.signIn('mash.worker')).status, 302);
      assert.equal((await police.signIn('police.partner')).status, 302);
      assert.equal((await health.signIn('health.partner')).status, 302);
    });
    after(async () => t?.close());

    test('the send form offers the agencies and the contact’s people (children ticked), and says an unrated contact is treated as amber', async () => {
      const page = await mash.get(`/frontdoor/contacts/${contactId}/requests/new`);
      assert.equal(page.status, 200);
      const body = text(page.body);
      for (const agency of ['Police', 'Health', 'Education', 'Domestic abuse service', 'Probation']) assert.match(body, new RegExp(agency));
      assert.match(body, new RegExp(escapeRe(child.name)));
      assert.match(body, new RegExp(escapeRe(parent.name)));
      assert.match(page.body, new RegExp(`value="${child.id}" checked`));
      assert.match(page.body, new RegExp(`value="${sibling.id}" checked`));
      assert.doesNotMatch(page.body, new RegExp(`value="${parent.id}" checked`), 'adults are not chosen by default');
      assert.match(body, /no RAG rating yet, so the answer will be due as for amber/);
      assert.match(body, /only these people’s names, dates of birth and current addresses|only these people's names, dates of birth and current addresses/);
    });

    test('bad input re-renders with the error summary and keeps what was typed', async () => {
      const res = await mash.post(`/frontdoor/contacts/${contactId}/requests/new`, { agencies: [], people: [], question: '' });
      assert.equal(res.status, 400);
      const body = text(res.body);
      assert.match(body, /There is a problem/);
      assert.match(body, /Select the agency or agencies to ask/);
      assert.match(body, /Select who the request is about/);
      assert.match(body, /Enter what you need to know/);
      const kept = await mash.post(`/frontdoor/contacts/${contactId}/requests/new`, { agencies: ['police'], people: [String(child.id)], question: '   ' });
      assert.equal(kept.status, 400);
      assert.match(kept.body, /value="police" checked/);
      assert.equal(await t.handle.db.selectFrom('partner_requests').select('id').where('contact_id', '=', contactId).execute().then((r) => r.length), 0, 'nothing was sent');
    });

    test('the MASH sends one request each to police and health, about the first child only, due as for amber', async () => {
      const before = new Date();
      const res = await mash.post(`/frontdoor/contacts/${contactId}/requests/new`, { agencies: ['police', 'health'], people: [String(child.id)], question: 'Any incidents at the family home in the last 12 months?' });
      assert.equal(res.status, 302, text(res.body).slice(0, 400));
      assert.equal(res.location, `/frontdoor/contacts/${contactId}/requests`);
      const rows = await t.handle.db.selectFrom('partner_requests').selectAll().where('contact_id', '=', contactId).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.agency), ['police', 'health']);
      policeRequest = rows[0]!.id;
      healthRequest = rows[1]!.id;
      const amber = requestDue(defaultCalendar(), 'amber', before, DEFAULT_RAG_TIMES).due;
      assert.ok(Math.abs(rows[0]!.due_at.getTime() - amber.getTime()) < 60_000, 'due as for amber');
      const people = await t.handle.db.selectFrom('partner_request_people').select(['request_id', 'person_id']).where('request_id', 'in', [policeRequest, healthRequest]).execute();
      assert.deepEqual(people.map((p) => p.person_id), [child.id, child.id]);
      const audit = await t.handle.db.selectFrom('audit_events').select(['person_ids', 'record_id']).where('action', '=', 'partner_request.send').execute();
      assert.equal(audit.length, 2);
      assert.deepEqual(audit[0]!.person_ids, [String(child.id)]);
      const page = text((await mash.get(res.location!)).body);
      assert.match(page, /2 requests sent/);
      assert.match(page, /amber assumed: no RAG rating when sent/);
    });

    test('a second request to an agency still waiting to answer is refused', async () => {
      const res = await mash.post(`/frontdoor/contacts/${contactId}/requests/new`, { agencies: ['police', 'education'], people: [String(child.id)], question: 'Another question' });
      assert.equal(res.status, 400);
      assert.match(text(res.body), /Police already has a request awaiting an answer on this contact/);
      assert.equal((await t.handle.db.selectFrom('partner_requests').select('id').where('contact_id', '=', contactId).execute()).length, 2, 'education was not sent either: all or none');
    });

    test('the police partner sees the request in their inbox and only the details needed', async () => {
      const inbox = await police.get('/partner/requests');
      assert.equal(inbox.status, 200);
      const list = text(inbox.body);
      assert.match(list, new RegExp(`Request ${policeRequest}`));
      assert.doesNotMatch(list, new RegExp(`Request ${healthRequest}\\b`));
      assert.match(list, new RegExp(escapeRe(child.name)));
      assert.doesNotMatch(list, new RegExp(escapeRe(sibling.name)));
      const page = await police.get(`/partner/requests/${policeRequest}`);
      assert.equal(page.status, 200);
      const body = text(page.body);
      assert.match(body, /Any incidents at the family home in the last 12 months\?/);
      assert.match(body, new RegExp(escapeRe(child.name)));
      if (child.address) assert.ok(body.includes(child.address.split(',')[0]!), 'current address shown');
      for (const hidden of [sibling.name, parent.name, 'Referrer journey', 'Story journey', 'Riverside Primary School']) assert.ok(!body.includes(hidden), `${hidden} is not shown to the partner`);
      const view = await t.handle.db.selectFrom('audit_events').select(['person_ids', 'username']).where('action', '=', 'partner_request.view').where('record_id', '=', String(policeRequest)).execute();
      assert.deepEqual(view.map((v) => [v.username, v.person_ids]), [['police.partner', [String(child.id)]]]);
    });

    test('police and health answer; the MASH sees both with who answered', async () => {
      const p = await police.get(`/partner/requests/${policeRequest}`);
      const r1 = await police.post(`/partner/requests/${policeRequest}`, { answer: 'Two domestic incidents attended in March; no arrests.', version: versionOf(p.body) });
      assert.equal(r1.status, 302);
      assert.match(text((await police.get(r1.location!)).body), /Answer sent/);
      const h = await health.get(`/partner/requests/${healthRequest}`);
      assert.equal((await health.post(`/partner/requests/${healthRequest}`, { answer: 'Known to the health visitor; missed two appointments.', version: versionOf(h.body) })).status, 302);

      const ctx = await contextFor(t, 'mash.worker');
      const requests = await t.services.partnerRequests.forContact(ctx, contactId);
      assert.deepEqual(requests.map((r) => [r.agency, r.status, r.answeredBy]), [
        ['police', 'answered', 'DC Pat Ollerton (Police)'],
        ['health', 'answered', 'Hana Ellis (Health)'],
      ]);
      assert.equal(requests[0]!.answer, 'Two domestic incidents attended in March; no arrests.');
      assert.equal(requests[0]!.overdue, false);
      const page = text((await mash.get(`/frontdoor/contacts/${contactId}/requests`)).body);
      assert.match(page, /Two domestic incidents attended in March/);
      assert.match(page, /missed two appointments/);
      assert.match(page, /Not shared with other agencies/);
    });

    test('an answer changed by someone else meanwhile is refused with the typed answer kept; a correction keeps the earlier answer', async () => {
      const stale = await police.post(`/partner/requests/${policeRequest}`, { answer: 'My stale edit', version: '0' });
      assert.equal(stale.status, 409);
      assert.match(text(stale.body), /Someone else changed this record/);
      assert.match(stale.body, /My stale edit/);
      const page = await police.get(`/partner/requests/${policeRequest}`);
      const res = await police.post(`/partner/requests/${policeRequest}`, { answer: 'Three domestic incidents attended in March; one arrest.', version: versionOf(page.body) });
      assert.equal(res.status, 302);
      assert.match(text((await police.get(res.location!)).body), /Answer corrected/);
      const events = await t.handle.db.selectFrom('partner_request_events').select(['kind', 'note']).where('request_id', '=', policeRequest).orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.kind), ['sent', 'answered', 'corrected']);
      assert.equal(events[2]!.note, 'Two domestic incidents attended in March; no arrests.');
      assert.equal((await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'partner_request.correct').execute()).length, 1);
    });

    test('the MASH withdraws a request (a reason is needed); the partner sees no answer is needed', async () => {
      await mash.post(`/frontdoor/contacts/${contactId}/requests/new`, { agencies: ['education'], people: [String(child.id), String(sibling.id)], question: 'Attendance this term?' });
      const ctx = await contextFor(t, 'mash.worker');
      const edu = (await t.services.partnerRequests.forContact(ctx, contactId)).find((r) => r.agency === 'education')!;
      const noReason = await mash.post(`/frontdoor/requests/${edu.id}/withdraw`, { reason: '', version: String(edu.version) });
      assert.equal(noReason.status, 400);
      assert.match(text(noReason.body), /Enter why the request is being withdrawn/);
      const ok = await mash.post(`/frontdoor/requests/${edu.id}/withdraw`, { reason: 'Asked the school directly', version: String(edu.version) });
      assert.equal(ok.status, 302);
      const education = new TestClient(t.app);
      await education.signIn('education.partner');
      const body = text((await education.get(`/partner/requests/${edu.id}`)).body);
      assert.match(body, /withdrawn this request: no answer is needed/);
      assert.doesNotMatch(body, /Asked the school directly/, 'the reason is for the MASH');
      assert.doesNotMatch((await education.get(`/partner/requests/${edu.id}`)).body, /name="answer"/);
      const late = await education.post(`/partner/requests/${edu.id}`, { answer: 'Attendance 80%', version: String(edu.version + 1) });
      assert.equal(late.status, 400);
      assert.match(text(late.body), /withdrawn this request/);
    });

    test('a red contact’s requests are due within hours; overdue requests come first and are flagged for partner and MASH', async () => {
      const other = await demoPeople(t, 'child', 1, [child.id, sibling.id]);
      const red = await createContact(t, [other[0]!.id], [], 'red');
      const ctx = await contextFor(t, 'mash.worker');
      const calendar = defaultCalendar();
      const c = await t.handle.db.selectFrom('contacts').select('version').where('id', '=', red).executeTakeFirstOrThrow();
      await t.services.contacts.setRag(ctx, red, c.version, 'red', 'Bruising on a non-mobile baby', calendar, DEFAULT_RAG_TIMES);
      const sent = await t.services.partnerRequests.send(ctx, red, { agencies: ['police'], personIds: [other[0]!.id], question: 'Any history?' }, calendar, DEFAULT_RAG_TIMES);
      assert.equal(sent.rag, 'red');
      assert.equal(sent.ragAssumed, false);
      assert.ok(Math.abs(sent.dueAt.getTime() - (Date.now() + 4 * 3600_000)) < 60_000);
      // Time passes: the request is now past its due time.
      await t.handle.db.updateTable('partner_requests').set({ due_at: new Date(Date.now() - 3600_000) }).where('id', '=', sent.ids[0]!).execute();
      const inbox = await police.get('/partner/requests');
      const rows = [...inbox.body.matchAll(/href="\/partner\/requests\/(\d+)"/g)].map((m) => Number(m[1]));
      assert.equal(rows[0], sent.ids[0], 'the overdue request is first');
      assert.match(text(inbox.body), /Overdue/);
      const open = await police.get('/partner/requests?status=open');
      assert.deepEqual([...open.body.matchAll(/href="\/partner\/requests\/(\d+)"/g)].map((m) => Number(m[1])), [sent.ids[0]]);
      const answered = await police.get('/partner/requests?status=answered');
      assert.deepEqual([...answered.body.matchAll(/href="\/partner\/requests\/(\d+)"/g)].map((m) => Number(m[1])), [policeRequest]);
      const home = text((await police.get('/')).body);
      assert.match(home, /1 awaiting your agency's answer, 1 overdue/);
      const mashView = await t.services.partnerRequests.forContact(ctx, red);
      assert.equal(mashView[0]!.overdue, true);
      assert.match(text((await mash.get(`/frontdoor/contacts/${red}/requests`)).body), /Overdue/);
    });

    test('a closed contact takes no new requests and no more answers; its unanswered requests are no longer needed', async () => {
      const other = await demoPeople(t, 'child', 1, [child.id, sibling.id]);
      const closing = await createContact(t, [other[0]!.id], [], 'closing');
      const ctx = await contextFor(t, 'mash.worker');
      const sent = await t.services.partnerRequests.send(ctx, closing, { agencies: ['health'], personIds: [other[0]!.id], question: 'Registered with a GP?' }, defaultCalendar(), DEFAULT_RAG_TIMES);
      // Closing needs decisions and feedback (the lead's journey); the state is what matters here.
      await t.handle.db.updateTable('contacts').set({ status: 'closed', closed_at: new Date() }).where('id', '=', closing).execute();
      const res = await mash.post(`/frontdoor/contacts/${closing}/requests/new`, { agencies: ['police'], people: [String(other[0]!.id)], question: 'Any history?' });
      assert.ok(res.status === 400 || res.status === 200);
      assert.match(text(res.body), /This contact is closed/);
      const page = await health.get(`/partner/requests/${sent.ids[0]}`);
      assert.match(text(page.body), /closed this contact: no answer is needed/);
      const late = await health.post(`/partner/requests/${sent.ids[0]}`, { answer: 'Yes', version: '0' });
      assert.equal(late.status, 400);
      assert.equal((await t.handle.db.selectFrom('partner_requests').select('status').where('id', '=', sent.ids[0]!).executeTakeFirstOrThrow()).status, 'sent');
    });
  });
}
