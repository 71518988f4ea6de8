import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES, type Role } from '../../src/access/roles.js';
import { inTransaction } from '../../src/db/transaction.js';
import { createHandoverItem } from '../../src/frontdoor/handover-service.js';
import type { RequestContext } from '../../src/audit/audit-log.js';
import type { ContactInput } from '../../src/frontdoor/contacts-service.js';

/** A contact about the given children, as the MASH would record it (origin and extras per test). */
const contactInput = (childIds: number[], extra: Partial<ContactInput> = {}): ContactInput => ({
  receivedAt: new Date(Date.now() - 60_000), method: 'phone', sourceCode: '2A',
  referrer: { anonymous: false, name: 'Jo Head', organisation: 'Riverside Primary School', role: 'Designated safeguarding lead', phone: '01632 960123', email: '', address: '' },
  whatHappened: 'Came to school with a bruise on the cheek and would not say how it happened.', referrerWorries: 'Physical harm at home', referrerActions: 'Spoke to the child',
  childViews: '', familyViews: '', parentsAware: 'yes', consent: 'given', consentOverrideReason: '', childIds, adults: [], ...extra,
});

/** Only the MASH acknowledges out-of-hours handovers. */
const HANDOVER_ROLES: Role[] = ['mash_worker', 'mash_manager'];

for (const target of TARGETS) {
  describe(`out-of-hours handover on ${target}`, () => {
    let t: TestApp;
    let mash: TestClient;
    let edtCtx: RequestContext;
    let childIds: number[];
    let childName: string;

    /** What the lead's contact recording does for an EDT user: the contact and its handover item in one transaction. */
    const recordEdtContact = (ids: number[], summary: string, actions: string) =>
      inTransaction(t.handle.db, async (tx) => {
        // Recording an out-of-hours contact puts it on the handover queue (what happened is the summary).
        const contactId = await t.services.contacts.create(edtCtx, contactInput(ids, { origin: 'edt', edtActions: actions, whatHappened: summary }), tx);
        const itemId = (await tx.selectFrom('handover_items').select('id').where('contact_id', '=', contactId).executeTakeFirstOrThrow()).id;
        return { contactId, itemId };
      });

    before(async () => {
      t = await startTestApp(target);
      mash = new TestClient(t.app);
      assert.equal((await mash.signIn('mash.worker')).status, 302);
      const edtUser = await t.services.users.currentUser((await t.handle.db.selectFrom('users').select('id').where('username', '=', 'edt.worker').executeTakeFirstOrThrow()).id);
      edtCtx = { requestId: 'test-edt', ip: '203.0.113.9', user: edtUser! };
      const children = await t.handle.db
        .selectFrom('people')
        .innerJoin('person_names', 'person_names.person_id', 'people.id')
        .select(['people.id', 'given_names', 'family_name'])
        .where('date_of_birth', '>', '2012-01-01').where('restricted', '=', false).where('person_names.kind', '=', 'current')
        .orderBy('people.id').limit(3).execute();
      childIds = children.map((c) => c.id);
      childName = `${children[0]!.given_names} ${children[0]!.family_name}`;
      // The demo's own overnight handover would share the queue this journey counts: start from none.
      await t.handle.db.deleteFrom('handover_items').execute();
    });
    after(async () => t?.close());

    test('an EDT contact appears on the morning queue, oldest first, until acknowledged, then in the history', async () => {
      assert.equal(await t.services.handover.openCount(), 0);
      const first = await recordEdtContact([childIds[0]!], 'Police called at 02:10: child left alone overnight', 'Visited with police; child placed with grandmother for the night');
      const second = await recordEdtContact([childIds[1]!, childIds[2]!], 'Neighbour reported shouting', 'Phoned mother; no immediate risk found');
      assert.equal(await t.services.handover.openCount(), 2);
      const contact = await t.handle.db.selectFrom('contacts').select(['origin', 'edt_actions']).where('id', '=', first.contactId).executeTakeFirstOrThrow();
      assert.equal(contact.origin, 'edt');

      const queue = await mash.get('/frontdoor/handover');
      assert.equal(queue.status, 200);
      const body = text(queue.body);
      assert.match(body, new RegExp(childName));
      assert.match(body, /Police called at 02:10: child left alone overnight/);
      assert.match(body, /child placed with grandmother for the night/);
      assert.match(body, /by Eddie Thornton/);
      assert.ok(queue.body.includes(`href="/frontdoor/contacts/${first.contactId}"`));
      assert.ok(body.indexOf('Police called at 02:10') < body.indexOf('Neighbour reported shouting'), 'oldest first');

      const ack = await mash.post(`/frontdoor/handover/${first.itemId}/acknowledge`, { note: 'MASH will screen this morning' });
      assert.equal(ack.status, 302);
      assert.equal(ack.location, '/frontdoor/handover');
      const after = text((await mash.get('/frontdoor/handover')).body);
      assert.match(after, /Handover acknowledged/);
      assert.doesNotMatch(after, /Police called at 02:10/);
      assert.match(after, /Neighbour reported shouting/);
      assert.equal(await t.services.handover.openCount(), 1);

      const history = text((await mash.get('/frontdoor/handover/acknowledged')).body);
      assert.match(history, /Police called at 02:10/);
      assert.match(history, /by Morgan Ashby/);
      assert.match(history, /MASH will screen this morning/);

      const events = await t.handle.db.selectFrom('audit_events').select(['action', 'person_ids']).where('record_type', '=', 'handover').where('record_id', '=', String(first.itemId)).orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.action), ['handover.create', 'handover.acknowledge']);
      assert.deepEqual(events[1]!.person_ids, [String(childIds[0])]);
    });

    test('acknowledging twice changes nothing: the first acknowledgement stands', async () => {
      const { itemId } = await recordEdtContact([childIds[0]!], 'Second night call', '');
      const manager = new TestClient(t.app);
      await manager.signIn('mash.manager');
      assert.equal((await manager.post(`/frontdoor/handover/${itemId}/acknowledge`, {}, { tokenFrom: '/frontdoor/handover' })).status, 302);
      const again = await mash.post(`/frontdoor/handover/${itemId}/acknowledge`, { note: 'me too' }, { tokenFrom: '/frontdoor/handover' });
      assert.equal(again.status, 302);
      assert.match(text((await mash.get('/frontdoor/handover')).body), /Already acknowledged.*Priya Manning acknowledged this handover/);
      const row = await t.handle.db.selectFrom('handover_items').innerJoin('users', 'users.id', 'handover_items.acknowledged_by').select(['username', 'acknowledgement_note']).where('handover_items.id', '=', itemId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { username: 'mash.manager', acknowledgement_note: '' });
      const acks = await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'handover.acknowledge').where('record_id', '=', String(itemId)).execute();
      assert.equal(acks.length, 1);
    });

    test('a note that is too long is refused with the error summary, keeping the note and the item on the queue', async () => {
      const { itemId } = await recordEdtContact([childIds[1]!], 'Long note case', '');
      const long = 'x'.repeat(4001);
      const res = await mash.post(`/frontdoor/handover/${itemId}/acknowledge`, { note: long }, { tokenFrom: '/frontdoor/handover' });
      assert.equal(res.status, 400);
      assert.match(text(res.body), /There is a problem.*The note must be 4000 characters or fewer/);
      assert.ok(res.body.includes(long));
      const row = await t.handle.db.selectFrom('handover_items').select('acknowledged_at').where('id', '=', itemId).executeTakeFirstOrThrow();
      assert.equal(row.acknowledged_at, null);
      assert.equal((await mash.post('/frontdoor/handover/999999/acknowledge', {}, { tokenFrom: '/frontdoor/handover' })).status, 404);
    });

    test('the handover item rolls back with its contact: neither exists without the other', async () => {
      const contactsBefore = (await t.handle.db.selectFrom('contacts').select('id').execute()).length;
      await assert.rejects(
        inTransaction(t.handle.db, async (tx) => {
          const contactId = await t.services.contacts.create(edtCtx, contactInput([childIds[0]!], { origin: 'edt' }), tx);
          await createHandoverItem(tx, edtCtx, contactId, 'y'.repeat(4001));
        }),
        /4000 characters/,
      );
      assert.equal((await t.handle.db.selectFrom('contacts').select('id').execute()).length, contactsBefore);
    });

    test('a restricted child on a handed-over contact is neither named nor described to those the restriction does not name', async () => {
      const restricted = await t.handle.db.selectFrom('people').select('id').where('restricted', '=', true).orderBy('id').executeTakeFirstOrThrow();
      await recordEdtContact([restricted.id], 'About a restricted person', '');
      const queue = text((await mash.get('/frontdoor/handover')).body);
      assert.doesNotMatch(queue, /About a restricted person/, 'what happened is withheld');
      assert.match(queue, /Restricted record/);
      assert.match(queue, /only the people and teams named on the child's record can see this handover/);
      assert.doesNotMatch(queue, /Mark Brennan/);
    });

    test('access role by role: only the MASH sees and acknowledges the queue', async () => {
      const { itemId } = await recordEdtContact([childIds[2]!], 'Access check', '');
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        const allowed = HANDOVER_ROLES.includes(role);
        for (const url of ['/frontdoor/handover', '/frontdoor/handover/acknowledged']) {
          assert.equal((await client.get(url)).status, allowed ? 200 : 403, `${role} ${url}`);
        }
        if (!allowed) {
          assert.equal((await client.post(`/frontdoor/handover/${itemId}/acknowledge`, {}, { tokenFrom: '/' })).status, 403, `${role} cannot acknowledge`);
        }
      }
      const row = await t.handle.db.selectFrom('handover_items').select('acknowledged_at').where('id', '=', itemId).executeTakeFirstOrThrow();
      assert.equal(row.acknowledged_at, null, 'no refused role acknowledged it');
    });
  });
}
