import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { CSV_COLUMNS } from '../../src/frontdoor/police-rules.js';
import { todayInLondon } from '../../src/time/index.js';

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;
const csv = (rows: Row[]) => [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => `"${(r[c] ?? '').replace(/"/g, '""')}"`).join(','))].join('\r\n') + '\r\n';

/** Posts a file as multipart/form-data with the client's cookies and CSRF token (the harness posts url-encoded forms only). */
async function upload(t: TestApp, client: TestClient, body: string, filename = 'notifications.csv') {
  await client.get('/frontdoor/police/import');
  const cookies = (client as unknown as { cookies: Map<string, string> }).cookies;
  const boundary = '----police' + Math.random().toString(16).slice(2);
  const payload =
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${body}\r\n--${boundary}--\r\n`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/frontdoor/police/import',
    remoteAddress: '203.0.113.10',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    payload,
  });
  return { status: res.statusCode, body: res.body };
}

for (const target of TARGETS) {
  describe(`police notifications journey on ${target}`, () => {
    let t: TestApp;
    let child: { id: number; given: string; family: string; dob: string; postcode: string };
    const today = todayInLondon();
    const count = async () => Number((await t.handle.db.selectFrom('police_notifications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await startTestApp(target);
      // A demo child with a single record (the police give their details as the record has them).
      const r = await t.handle.db
        .selectFrom('people as p')
        .innerJoin('person_names as n', 'n.person_id', 'p.id')
        .innerJoin('person_addresses as a', 'a.person_id', 'p.id')
        .select(['p.id', 'n.given_names', 'n.family_name', 'p.date_of_birth', 'a.postcode'])
        .where('n.kind', '=', 'current')
        .where('a.to_date', 'is', null)
        .where('p.restricted', '=', false)
        .where('p.date_of_birth', '>', '2014-01-01')
        .where('n.family_name', 'not in', ['Khan', 'Patel', 'Smith', 'Smyth', 'Hussain'])
        .orderBy('p.id')
        .executeTakeFirstOrThrow();
      child = { id: Number(r.id), given: r.given_names.split(' ')[0]!, family: r.family_name, dob: String(r.date_of_birth), postcode: r.postcode ?? '' };
    });
    after(async () => t?.close());

    // One clock reading for the whole file: the rows of one notification must carry identical times.
    const now = Date.now();
    const hoursAgo = (h: number) => new Date(now - h * 3600_000).toISOString();
    const rows = (): Row[] => [
      { police_reference: 'JT-0001', received_at: hoursAgo(2), incident_at: hoursAgo(6), category: 'domestic_abuse', domestic_abuse: 'yes', risk: 'high', force: 'Test Police', officer: 'PC 1 Test', summary: 'Assault on mother; "children" present, one, woken', address: '1 Test Street', postcode: child.postcode, person_role: 'child', given_name: child.given, family_name: child.family, date_of_birth: child.dob, person_postcode: child.postcode },
      { police_reference: 'JT-0001', received_at: hoursAgo(2), incident_at: hoursAgo(6), category: 'domestic_abuse', domestic_abuse: 'yes', risk: 'high', force: 'Test Police', officer: 'PC 1 Test', summary: 'Assault on mother; "children" present, one, woken', address: '1 Test Street', postcode: child.postcode, person_role: 'child', given_name: 'Zebedee', family_name: 'Quennell-Unknown', date_of_birth: '2021-03-04' },
      { police_reference: 'JT-0002', received_at: hoursAgo(1.9), category: 'missing_person', risk: 'standard', summary: 'Missing overnight, found', person_role: 'child', given_name: 'Xanthe', family_name: 'Nobody-Known', date_of_birth: '2012-01-01' },
    ];

    test('a file with a bad row imports nothing and reports the line; the good file imports; a re-import adds nothing', async () => {
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      const before = await count();
      const bad = await upload(t, worker, csv([...rows(), { ...rows()[2]!, police_reference: 'JT-0003', risk: 'severe' }]));
      assert.equal(bad.status, 400);
      assert.match(text(bad.body), /nothing was imported/);
      assert.match(text(bad.body), /Line 5 risk must be standard, medium or high/);
      assert.equal(await count(), before, 'nothing of the bad file was written');

      const good = await upload(t, worker, csv(rows()));
      assert.equal(good.status, 200, text(good.body).slice(0, 1500));
      assert.match(text(good.body), /2 notifications imported/);
      assert.equal(await count(), before + 2);
      assert.match(text(good.body), /File notifications\.csv/);
      const batch = await t.handle.db.selectFrom('police_import_batches').select('file_name').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(batch.file_name, 'notifications.csv', 'the batch keeps the uploaded file’s name');
      const people = await t.handle.db.selectFrom('police_notification_people as p').innerJoin('police_notifications as n', 'n.id', 'p.notification_id').select(['p.given_name', 'p.person_id', 'p.matched_by']).where('n.police_reference', '=', 'JT-0001').orderBy('p.id').execute();
      assert.equal(Number(people[0]!.person_id), child.id, 'the known child is matched at import');
      assert.equal(people[0]!.matched_by, 'import');
      assert.equal(people[1]!.person_id, null, 'an unknown child stays unmatched with the police details');

      const again = await upload(t, worker, csv(rows()));
      assert.equal(again.status, 200);
      assert.match(text(again.body), /0 notifications imported/);
      assert.match(text(again.body), /Already imported \(not added again\) 2/);
      assert.equal(await count(), before + 2);
      const audits = await t.handle.db.selectFrom('audit_events').select(['action', 'person_ids', 'username']).where('action', 'in', ['police.import', 'police.import_chunk']).where('username', '=', 'mash.worker').execute();
      assert.equal(audits.filter((a) => a.action === 'police.import').length, 2);
      assert.ok(audits.some((a) => a.action === 'police.import_chunk' && a.person_ids.includes(String(child.id))), 'the matched child’s record shows the import');
    });

    test('a file over the size limit is refused on the import page with a specific error, nothing imported', async () => {
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      const before = await count();
      const huge = csv([]) + 'x'.repeat(64 * 1024 * 1024 + 10);
      const res = await upload(t, worker, huge, 'year.csv');
      assert.equal(res.status, 413);
      assert.match(text(res.body), /There is a problem/);
      assert.match(text(res.body), /The file is larger than 64 MB\. Import it in smaller files/);
      assert.match(res.body, /href="\/frontdoor\/police\/import"/);
      assert.equal(await count(), before);
    });

    test('an upload from someone not signed in is sent to sign in before the file is read', async () => {
      const anonymous = new TestClient(t.app);
      const before = await count();
      // Over the size limit: had the body been read, this would be refused as too large (413), not sent to sign in.
      const res = await upload(t, anonymous, csv([]) + 'x'.repeat(64 * 1024 * 1024 + 10));
      assert.equal(res.status, 302);
      assert.equal(await count(), before);
    });

    test('an upload from someone signed in without the police permission is refused, and audited, before the file is read', async () => {
      const partner = new TestClient(t.app);
      await partner.signIn('police.partner');
      const before = await count();
      // Over the size limit: had the body been read, this would be refused as too large (413).
      const res = await upload(t, partner, csv([]) + 'x'.repeat(64 * 1024 * 1024 + 10));
      assert.equal(res.status, 403);
      assert.equal(await count(), before);
      const denied = await t.handle.db.selectFrom('audit_events').select(['username', 'details']).where('action', '=', 'access.denied').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.equal(denied.username, 'police.partner');
    });

    test('the queue flags the domestic abuse notification; Encompass notices are recorded and clear the flag', async () => {
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      const n = await t.handle.db.selectFrom('police_notifications').select(['id', 'version']).where('police_reference', '=', 'JT-0001').executeTakeFirstOrThrow();
      const queue = text((await worker.get('/frontdoor/police')).body);
      assert.match(queue, /Operation Encompass notices to send/);
      assert.match(queue, /JT-0001/);
      const kids = await t.handle.db.selectFrom('police_notification_people').select(['id', 'date_of_birth']).where('notification_id', '=', n.id).where('role', '=', 'child').orderBy('id').execute();
      const [d, m, y] = [today.slice(8), today.slice(5, 7), today.slice(0, 4)];
      // A missing recipient is refused with the error summary; input is kept.
      const missing = await worker.post(`/frontdoor/police/${n.id}/encompass`, { personRowId: String(kids[0]!.id), [`kind-${kids[0]!.id}`]: 'school', [`recipientName-${kids[0]!.id}`]: '', [`sentOn-${kids[0]!.id}-day`]: d, [`sentOn-${kids[0]!.id}-month`]: m, [`sentOn-${kids[0]!.id}-year`]: y, [`sentBy-${kids[0]!.id}`]: 'Morgan Ashby' }, { tokenFrom: `/frontdoor/police/${n.id}` });
      assert.equal(missing.status, 400);
      assert.match(text(missing.body), /There is a problem.*Enter the school/);
      assert.match(missing.body, /value="Morgan Ashby"/);
      for (const kid of kids) {
        const dob = String(kid.date_of_birth);
        const age = Number(today.slice(0, 4)) - Number(dob.slice(0, 4));
        const kinds = age >= 5 ? ['school', 'school_nurse'] : ['school', 'health_visitor'];
        for (const kind of kinds) {
          const res = await worker.post(`/frontdoor/police/${n.id}/encompass`, { personRowId: String(kid.id), [`kind-${kid.id}`]: kind, [`recipientName-${kid.id}`]: 'Test School', [`sentOn-${kid.id}-day`]: d, [`sentOn-${kid.id}-month`]: m, [`sentOn-${kid.id}-year`]: y, [`sentBy-${kid.id}`]: 'Morgan Ashby' }, { tokenFrom: `/frontdoor/police/${n.id}` });
          assert.equal(res.status, 302, text(res.body).slice(0, 400));
        }
      }
      const page = text((await worker.get(`/frontdoor/police/${n.id}`)).body);
      assert.match(page, /Encompass sent/);
      assert.doesNotMatch(text((await worker.get('/frontdoor/police')).body), /Encompass notices to send[\s\S]*JT-0001[\s\S]*Awaiting screening/);
      const audit = await t.handle.db.selectFrom('audit_events').select(['person_ids']).where('action', '=', 'police_notification.encompass').where('record_id', '=', String(n.id)).execute();
      assert.ok(audit.length >= 4);
      assert.ok(audit.some((a) => a.person_ids.includes(String(child.id))));
    });

    test('an unmatched child is matched search-first on the notification', async () => {
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      const n = await t.handle.db.selectFrom('police_notifications').select(['id', 'version']).where('police_reference', '=', 'JT-0002').executeTakeFirstOrThrow();
      const p = await t.handle.db.selectFrom('police_notification_people').select('id').where('notification_id', '=', n.id).executeTakeFirstOrThrow();
      const search = await worker.get(`/frontdoor/police/${n.id}/people/${p.id}/search`);
      assert.equal(search.status, 200);
      // Link to the known child (as if the worker recognised them); a stale version is refused.
      const stale = await worker.post(`/frontdoor/police/${n.id}/people/${p.id}/match`, { personId: String(child.id), version: String(n.version + 5) });
      assert.equal(stale.status, 302);
      assert.equal((await t.handle.db.selectFrom('police_notification_people').select('person_id').where('id', '=', p.id).executeTakeFirstOrThrow()).person_id, null);
      const ok = await worker.post(`/frontdoor/police/${n.id}/people/${p.id}/match`, { personId: String(child.id), version: String(n.version) });
      assert.equal(ok.status, 302);
      const linked = await t.handle.db.selectFrom('police_notification_people').select(['person_id', 'matched_by']).where('id', '=', p.id).executeTakeFirstOrThrow();
      assert.equal(Number(linked.person_id), child.id);
      assert.equal(linked.matched_by, 'user');
    });

    test('the screening meeting decides: a contact to the MASH is created about the matched child; refusals keep the input', async () => {
      const manager = new TestClient(t.app);
      await manager.signIn('mash.manager');
      const form = await manager.get('/frontdoor/police/meetings/new');
      assert.equal(form.status, 200);
      const n1 = await t.handle.db.selectFrom('police_notifications').select(['id', 'version']).where('police_reference', '=', 'JT-0001').executeTakeFirstOrThrow();
      const n2 = await t.handle.db.selectFrom('police_notifications').select(['id', 'version']).where('police_reference', '=', 'JT-0002').executeTakeFirstOrThrow();
      const [d, m, y] = [today.slice(8), today.slice(5, 7), today.slice(0, 4)];
      const fields = {
        'meetingDate-day': d, 'meetingDate-month': m, 'meetingDate-year': y, chair: 'Priya Manning',
        'attendeeName-1': 'Priya Manning', 'attendeeAgency-1': 'childrens_social_care',
        'attendeeName-2': 'DC Ollerton', 'attendeeAgency-2': 'police',
        'attendeeName-3': 'Hana Ellis', 'attendeeAgency-3': 'health',
        notificationIds: [String(n1.id), String(n2.id)],
        [`version-${n1.id}`]: String(n1.version), [`version-${n2.id}`]: String(n2.version),
        [`decision-${n1.id}`]: 'contact', [`notes-${n1.id}`]: 'High risk: MASH to screen today',
        [`action-${n1.id}`]: 'Refer to MARAC', [`owner-${n1.id}`]: 'DC Ollerton', [`dueOn-${n1.id}-day`]: d, [`dueOn-${n1.id}-month`]: m, [`dueOn-${n1.id}-year`]: y,
        [`decision-${n2.id}`]: 'information_shared', [`notes-${n2.id}`]: 'School to offer a return conversation', [`sharedWith-${n2.id}`]: '',
      };
      // Education missing from the meeting and no agency named for the sharing: refused, nothing saved, input kept.
      const refused = await manager.post('/frontdoor/police/meetings/new', fields, { tokenFrom: '/frontdoor/police/meetings/new' });
      assert.equal(refused.status, 400);
      assert.match(text(refused.body), /record an attendee from Education/);
      assert.match(text(refused.body), /Enter which agency the information was shared with/);
      assert.match(refused.body, /value="Refer to MARAC"/);
      assert.equal((await t.handle.db.selectFrom('screening_meetings').select('id').where('chair', '=', 'Priya Manning').execute()).length, 0);

      const saved = await manager.post('/frontdoor/police/meetings/new', { ...fields, 'attendeeName-4': 'Ed Carter', 'attendeeAgency-4': 'education', [`sharedWith-${n2.id}`]: 'Education' }, { tokenFrom: '/frontdoor/police/meetings/new' });
      assert.equal(saved.status, 302, text(saved.body).slice(0, 1500));
      const meetingPage = text((await manager.get(saved.location!)).body);
      assert.match(meetingPage, /JT-0001.*Contact to the MASH/);
      assert.match(meetingPage, /Refer to MARAC \(DC Ollerton/);
      const after1 = await t.handle.db.selectFrom('police_notifications').selectAll().where('id', '=', n1.id).executeTakeFirstOrThrow();
      assert.equal(after1.status, 'screened');
      const contact = await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', after1.contact_id!).executeTakeFirstOrThrow();
      assert.equal(contact.method, 'police_notification');
      assert.equal(contact.origin, 'police_notification');
      assert.equal(contact.source_code, '6');
      assert.equal(contact.police_notification_id, n1.id);
      const onContact = await t.handle.db.selectFrom('contact_children').select('person_id').where('contact_id', '=', contact.id).execute();
      assert.deepEqual(onContact.map((c) => Number(c.person_id)), [child.id], 'only the matched child is on the contact');
      const audit = await t.handle.db.selectFrom('audit_events').select(['person_ids', 'username']).where('action', '=', 'police_notification.screen').where('record_id', '=', String(n1.id)).executeTakeFirstOrThrow();
      assert.ok(audit.person_ids.includes(String(child.id)));
      assert.equal(audit.username, 'mash.manager');

      // A second meeting from the same (now stale) form is refused: those notifications are already screened.
      const twice = await manager.post('/frontdoor/police/meetings/new', { ...fields, 'attendeeName-4': 'Ed Carter', 'attendeeAgency-4': 'education', [`sharedWith-${n2.id}`]: 'Education' }, { tokenFrom: '/frontdoor/police/meetings/new' });
      assert.equal(twice.status, 409);
      assert.match(text(twice.body), /Someone else changed police notification/);
    });

    test('a contact decision about a notification with no matched child is refused', async () => {
      const manager = new TestClient(t.app);
      await manager.signIn('mash.manager');
      const worker = new TestClient(t.app);
      await worker.signIn('mash.worker');
      const up = await upload(t, worker, csv([{ police_reference: 'JT-0009', received_at: hoursAgo(1), category: 'crime', risk: 'standard', summary: 'Witness', person_role: 'child', given_name: 'Ysolde', family_name: 'Unheard-Of', date_of_birth: '2015-05-05' }]));
      assert.equal(up.status, 200);
      const n = await t.handle.db.selectFrom('police_notifications').select(['id', 'version']).where('police_reference', '=', 'JT-0009').executeTakeFirstOrThrow();
      const [d, m, y] = [today.slice(8), today.slice(5, 7), today.slice(0, 4)];
      const res = await manager.post('/frontdoor/police/meetings/new', {
        'meetingDate-day': d, 'meetingDate-month': m, 'meetingDate-year': y, chair: 'Chair',
        'attendeeName-1': 'A', 'attendeeAgency-1': 'childrens_social_care', 'attendeeName-2': 'B', 'attendeeAgency-2': 'police', 'attendeeName-3': 'C', 'attendeeAgency-3': 'health', 'attendeeName-4': 'D', 'attendeeAgency-4': 'education',
        notificationIds: String(n.id), [`version-${n.id}`]: String(n.version), [`decision-${n.id}`]: 'contact', [`notes-${n.id}`]: 'Needs a contact',
      }, { tokenFrom: '/frontdoor/police/meetings/new' });
      assert.equal(res.status, 400);
      assert.match(text(res.body), /Match the child to the person index first/);
      assert.equal((await t.handle.db.selectFrom('police_notifications').select('status').where('id', '=', n.id).executeTakeFirstOrThrow()).status, 'awaiting_screening');
    });
  });
}
