import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, DEMO_PASSWORD, type TestApp } from '../support/harness.js';
import { seedPartnerRequests } from '../../src/frontdoor/partner-demo-seed.js';
import { DEMO_SEEDERS, type DemoSeedContext } from '../../src/demo/seeders.js';
import { SYSTEM_CONTEXT } from '../../src/app.js';
import { todayInLondon } from '../../src/time/index.js';
import { contextFor, createContact, demoPeople } from './frontdoor-partner-support.js';

for (const target of TARGETS) {
  describe(`partner requests demo seed on ${target}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(target);
    });
    after(async () => t?.close());

    const seedContext = (): DemoSeedContext => ({ db: t.handle.db, services: t.services, ctx: { ...SYSTEM_CONTEXT, requestId: 'demo-seed' }, demoPassword: DEMO_PASSWORD, today: todayInLondon(), log: () => undefined });

    test('runs after every other seeder, and adds nothing while there are no contacts', async () => {
      assert.equal(DEMO_SEEDERS.at(-1)!.name, 'partner requests');
      const contacts = await t.handle.db.selectFrom('contacts').select('id').execute();
      const requests = await t.handle.db.selectFrom('partner_requests').select('id').execute();
      if (!contacts.length) assert.equal(requests.length, 0);
    });

    test('with demo contacts: requests awaiting an answer (one overdue), answered, and answered and shared', async () => {
      await t.handle.db.deleteFrom('partner_request_events').execute();
      await t.handle.db.deleteFrom('partner_request_people').execute();
      await t.handle.db.deleteFrom('partner_requests').execute();
      const kids = await demoPeople(t, 'child', 3);
      for (const k of kids) await createContact(t, [k.id], [], `demo-${k.id}`);
      await seedPartnerRequests(seedContext());
      const rows = await t.handle.db.selectFrom('partner_requests').selectAll().orderBy('id').execute();
      assert.ok(rows.length >= 4);
      const now = Date.now();
      assert.ok(rows.some((r) => r.status === 'sent' && r.due_at.getTime() < now), 'one overdue');
      assert.ok(rows.some((r) => r.status === 'sent' && r.due_at.getTime() > now), 'one awaiting, not yet due');
      assert.ok(rows.some((r) => r.status === 'answered' && r.shared_with.length === 0), 'answered');
      assert.ok(rows.some((r) => r.status === 'answered' && r.shared_with.includes('police')), 'answered and shared');
      // Every request is about people on its contact; one open request per agency per contact.
      for (const r of rows) {
        const people = await t.handle.db.selectFrom('partner_request_people').select('person_id').where('request_id', '=', r.id).execute();
        const onContact = (await t.handle.db.selectFrom('contact_children').select('person_id').where('contact_id', '=', r.contact_id).execute()).map((c) => c.person_id);
        assert.ok(people.length && people.every((p) => onContact.includes(p.person_id)));
      }
      const open = rows.filter((r) => r.status === 'sent').map((r) => `${r.contact_id}/${r.agency}`);
      assert.equal(new Set(open).size, open.length);
      // Running again adds nothing.
      await seedPartnerRequests(seedContext());
      assert.equal((await t.handle.db.selectFrom('partner_requests').select('id').execute()).length, rows.length);

      // The police partner sees the shared health answer on their request's contact, and the overdue tag.
      const police = new TestClient(t.app);
      await police.signIn('police.partner');
      const inbox = text((await police.get('/partner/requests')).body);
      assert.match(inbox, /Overdue/);
      const sharedContact = rows.find((r) => r.shared_with.includes('police'))!.contact_id;
      const policeThere = rows.find((r) => r.contact_id === sharedContact && r.agency === 'police')!;
      assert.match(text((await police.get(`/partner/requests/${policeThere.id}`)).body), /Information shared with you by the MASH.*Attended A&E twice/);
      const ctx = await contextFor(t, 'mash.worker');
      const forContact = await t.services.partnerRequests.forContact(ctx, rows.find((r) => r.shared_with.includes('police'))!.contact_id);
      assert.ok(forContact.some((r) => r.sharedWithLabels.includes('Police')));
    });
  });
}
