import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { CONTACT_EXAMPLE, POLICE_EXAMPLE } from '../../src/api/openapi.js';

for (const target of TARGETS) {
  describe(`partner JSON API on ${target}`, () => {
    let t: TestApp;
    let admin: TestClient;
    const keys: Record<string, string> = {};

    const call = (method: 'POST' | 'GET', url: string, body: unknown, key?: string) =>
      t.app.inject({ method, url, headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, payload: JSON.stringify(body) });

    /** Adds a partner system through the admin page and reads the key from the page it is shown on, once. */
    async function addClient(name: string, scopes: string[]) {
      const res = await admin.post('/admin/api-clients/new', { name, agency: 'police', scopes }, { tokenFrom: '/admin/api-clients/new' });
      assert.equal(res.status, 201, text(res.body).slice(0, 800));
      const key = /id="api-key">([^<]+)</.exec(res.body)?.[1];
      assert.ok(key && key.startsWith('csc_') && key.length >= 40, 'the key is shown');
      return key;
    }

    before(async () => {
      t = await startTestApp(target);
      admin = new TestClient(t.app);
      await admin.signIn('admin');
      keys.police = await addClient('Test Constabulary case system', ['api.police']);
      keys.contacts = await addClient('Test school portal', ['api.contacts']);
    });
    after(async () => t?.close());

    test('keys are stored hashed, shown once, listed by prefix, and their creation is audited', async () => {
      const rows = await t.handle.db.selectFrom('api_clients').selectAll().execute();
      assert.equal(rows.length, 2);
      for (const r of rows) {
        assert.ok(!Object.values(keys).includes(r.key_hash), 'the key itself is not stored');
        assert.equal(r.key_hash.length, 64);
      }
      const list = await admin.get('/admin/api-clients');
      assert.equal(list.status, 200);
      assert.ok(list.body.includes(keys.police!.slice(0, 12)), 'the prefix identifies the key');
      assert.ok(!list.body.includes(keys.police!), 'the list never shows the whole key');
      const audit = await t.handle.db.selectFrom('audit_events').select(['details', 'username']).where('action', '=', 'api_client.create').execute();
      assert.equal(audit.length, 2);
      assert.ok(!JSON.stringify(audit).includes(keys.police!), 'the audit never holds the key');
      // Refused input keeps what was typed.
      const bad = await admin.post('/admin/api-clients/new', { name: 'No scopes', agency: 'health' }, { tokenFrom: '/admin/api-clients/new' });
      assert.equal(bad.status, 400);
      assert.match(text(bad.body), /Select what the system may do/);
      assert.match(bad.body, /value="No scopes"/);
    });

    test('the service account can never sign in or be managed as a person’s account', async () => {
      const svc = await t.handle.db.selectFrom('users').selectAll().where('role', '=', 'partner_system').execute();
      assert.equal(svc.length, 2);
      const c = new TestClient(t.app);
      const res = await c.signIn(svc[0]!.username, '!service-account');
      assert.notEqual(res.location, '/');
      assert.equal((await c.get('/')).status, 302, 'not signed in');
      assert.doesNotMatch(text((await admin.get('/admin/users')).body), /partner system\)/);
      assert.equal((await admin.get(`/admin/users/${svc[0]!.id}`)).status, 404);
      assert.equal((await admin.get(`/admin/users/${svc[0]!.id}/edit`)).status, 404);
      assert.doesNotMatch((await admin.get('/admin/users/new')).body, /partner_system/, 'the user form does not offer the role');
    });

    test('no key or a wrong key: 401 problem JSON; a key without the scope: 403; a signed-in person: 403', async () => {
      const none = await call('POST', '/api/v1/police-notifications', POLICE_EXAMPLE);
      assert.equal(none.statusCode, 401);
      assert.match(String(none.headers['content-type']), /application\/problem\+json/);
      assert.equal(none.json().status, 401);
      const wrong = await call('POST', '/api/v1/police-notifications', POLICE_EXAMPLE, 'csc_' + 'A'.repeat(43));
      assert.equal(wrong.statusCode, 401);
      const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/police-notifications', headers: { 'content-type': 'application/json', authorization: 'Basic abc' }, payload: '[]' });
      assert.equal(malformed.statusCode, 401);
      const scope = await call('POST', '/api/v1/contacts', CONTACT_EXAMPLE, keys.police);
      assert.equal(scope.statusCode, 403);
      assert.match(scope.json().title, /api\.contacts/);
      const scope2 = await call('POST', '/api/v1/police-notifications', POLICE_EXAMPLE, keys.contacts);
      assert.equal(scope2.statusCode, 403);
      // A person signed in to pages has no API permission, whatever their role.
      const manager = new TestClient(t.app);
      await manager.signIn('mash.manager');
      const cookie = [...(manager as unknown as { cookies: Map<string, string> }).cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const session = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { 'content-type': 'application/json', cookie }, payload: JSON.stringify(CONTACT_EXAMPLE) });
      assert.equal(session.statusCode, 403);
      assert.match(String(session.headers['content-type']), /application\/problem\+json/);
      assert.equal(await t.handle.db.selectFrom('contacts').select('id').where('origin', '=', 'api').executeTakeFirst(), undefined);
      const failures = await t.handle.db.selectFrom('audit_events').select(['details', 'outcome']).where('action', '=', 'api.auth_failed').execute();
      assert.ok(failures.length >= 3);
      assert.ok(failures.every((f) => f.outcome === 'denied'));
      const denied = await t.handle.db.selectFrom('audit_events').select(['username', 'role']).where('action', '=', 'access.denied').where('role', '=', 'partner_system').execute();
      assert.ok(denied.length >= 2, 'scope refusals are audited under the system’s name');
    });

    test('police notifications: a bad batch imports nothing and names each item; a good one imports; resending adds nothing', async () => {
      const good = (ref: string) => ({ ...POLICE_EXAMPLE[0]!, policeReference: ref, receivedAt: new Date(Date.now() - 3600_000).toISOString(), incidentAt: new Date(Date.now() - 5 * 3600_000).toISOString() });
      const before = await t.handle.db.selectFrom('police_notifications').select('id').execute();
      const bad = await call('POST', '/api/v1/police-notifications', [good('API-1'), { ...good('API-2'), risk: 'severe' }, { ...good('API-3'), children: [] }], keys.police);
      assert.equal(bad.statusCode, 422);
      const problems = bad.json().errors as Array<{ index: number; pointer: string }>;
      assert.deepEqual(problems.map((p) => [p.index, p.pointer]), [[1, '/1/risk'], [2, '/2/children']]);
      assert.equal((await t.handle.db.selectFrom('police_notifications').select('id').execute()).length, before.length, 'nothing imported');

      const ok = await call('POST', '/api/v1/police-notifications', [good('API-1'), good('API-2')], keys.police);
      assert.equal(ok.statusCode, 201);
      assert.deepEqual({ ...(ok.json() as Record<string, unknown>), batchId: 0 }, { batchId: 0, received: 2, added: 2, alreadyImported: [], matchedPeople: 0, unmatchedPeople: 4 });
      const again = await call('POST', '/api/v1/police-notifications', [good('API-1'), good('API-2'), good('API-4')], keys.police);
      assert.equal(again.statusCode, 201);
      assert.equal(again.json().added, 1);
      assert.deepEqual(again.json().alreadyImported, ['API-1', 'API-2']);
      const same = await call('POST', '/api/v1/police-notifications', [good('API-4')], keys.police);
      assert.equal(same.statusCode, 200);
      assert.equal(same.json().added, 0);
      assert.equal((await t.handle.db.selectFrom('police_notifications').select('id').where('police_reference', 'like', 'API-%').execute()).length, 3);
      const audit = await t.handle.db.selectFrom('audit_events').select(['username', 'role', 'details']).where('action', '=', 'police.import').where('role', '=', 'partner_system').execute();
      assert.equal(audit.length, 3, 'each call’s effect is audited under the system’s service account');
      const tooMany = await call('POST', '/api/v1/police-notifications', Array.from({ length: 5001 }, (_, i) => good(`BIG-${i}`)), keys.police);
      assert.equal(tooMany.statusCode, 413);
    });

    test('contacts: a known child is matched, an unknown one created and flagged as from a partner system; 201 and audited', async () => {
      const known = await t.handle.db
        .selectFrom('people as p')
        .innerJoin('person_names as n', 'n.person_id', 'p.id')
        .innerJoin('person_addresses as a', 'a.person_id', 'p.id')
        .select(['p.id', 'n.given_names', 'n.family_name', 'p.date_of_birth', 'a.postcode', 'p.nhs_number'])
        .where('n.kind', '=', 'current')
        .where('a.to_date', 'is', null)
        .where('p.date_of_birth', '>', '2012-01-01')
        .where('n.family_name', 'not in', ['Khan', 'Patel', 'Smith', 'Smyth', 'Hussain'])
        .orderBy('p.id', 'desc')
        .executeTakeFirstOrThrow();
      const body = {
        ...CONTACT_EXAMPLE,
        receivedAt: new Date(Date.now() - 600_000).toISOString(),
        children: [
          { givenName: known.given_names.split(' ')[0]!, familyName: known.family_name, dateOfBirth: String(known.date_of_birth), postcode: known.postcode ?? '', nhsNumber: '', sex: 'U' },
          { givenName: 'Ottoline', familyName: 'Vandersteen-Quill', dateOfBirth: '2017-07-07', postcode: 'DB1 1AA', nhsNumber: '', sex: 'F' },
        ],
      };
      const invalid = await call('POST', '/api/v1/contacts', { ...body, consentOverrideReason: '', children: [{ ...body.children[0]!, dateOfBirth: '07/07/2017' }] }, keys.contacts);
      assert.equal(invalid.statusCode, 422);
      assert.deepEqual((invalid.json().errors as Array<{ pointer: string }>).map((e) => e.pointer), ['/children/0/dateOfBirth']);
      const rule = await call('POST', '/api/v1/contacts', { ...body, consentOverrideReason: '' }, keys.contacts);
      assert.equal(rule.statusCode, 422);
      assert.deepEqual(rule.json().errors.map((e: { pointer: string }) => e.pointer), ['/consentOverrideReason']);
      const unknownField = await call('POST', '/api/v1/contacts', { ...body, urgent: true }, keys.contacts);
      assert.equal(unknownField.statusCode, 422, 'an unknown field is refused rather than silently dropped');

      const res = await call('POST', '/api/v1/contacts', body, keys.contacts);
      assert.equal(res.statusCode, 201, res.body);
      const out = res.json() as { contactId: number; people: Array<{ role: string; index: number; outcome: string; personId: number }> };
      assert.equal(res.headers.location, `/frontdoor/contacts/${out.contactId}`);
      const child0 = out.people.find((p) => p.role === 'child' && p.index === 0)!;
      const child1 = out.people.find((p) => p.role === 'child' && p.index === 1)!;
      assert.deepEqual([child0.outcome, child0.personId], ['matched', Number(known.id)]);
      assert.equal(child1.outcome, 'created');
      assert.equal(out.people.find((p) => p.role === 'adult')!.outcome, 'created');
      const contact = await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', out.contactId).executeTakeFirstOrThrow();
      assert.deepEqual([contact.method, contact.origin, contact.source_code], ['api', 'api', '2A']);
      const created = await t.handle.db.selectFrom('people').select(['source_system']).where('id', '=', child1.personId).executeTakeFirstOrThrow();
      assert.equal(created.source_system, 'partner_system');
      const audit = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'contact.partner_api').where('record_id', '=', String(out.contactId)).executeTakeFirstOrThrow();
      assert.equal(audit.role, 'partner_system');
      assert.ok(audit.person_ids.includes(String(known.id)));
      assert.deepEqual((audit.details as { createdFromPartnerSystem: number[] }).createdFromPartnerSystem.sort(), out.people.filter((p) => p.outcome === 'created').map((p) => p.personId).sort());
      const lastUsed = await t.handle.db.selectFrom('api_clients').select('last_used_at').where('name', '=', 'Test school portal').executeTakeFirstOrThrow();
      assert.ok(lastUsed.last_used_at);
    });

    test('a revoked key is refused at once', async () => {
      const c = await t.handle.db.selectFrom('api_clients').select(['id', 'version']).where('name', '=', 'Test school portal').executeTakeFirstOrThrow();
      const stale = await admin.post(`/admin/api-clients/${c.id}/revoke`, { version: String(c.version + 1) }, { tokenFrom: '/admin/api-clients' });
      assert.equal(stale.status, 302);
      assert.equal((await t.handle.db.selectFrom('api_clients').select('active').where('id', '=', c.id).executeTakeFirstOrThrow()).active, true, 'a stale revoke is refused');
      const res = await admin.post(`/admin/api-clients/${c.id}/revoke`, { version: String(c.version) }, { tokenFrom: '/admin/api-clients' });
      assert.equal(res.status, 302);
      const after = await call('POST', '/api/v1/contacts', CONTACT_EXAMPLE, keys.contacts);
      assert.equal(after.statusCode, 401);
      assert.equal((await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'api_client.revoke').execute()).length, 1);
    });
  });
}
