import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES, type Role } from '../../src/access/roles.js';
import { SYSTEM_CONTEXT } from '../../src/app.js';
import { DASH_QUESTIONS, fieldFor } from '../../src/frontdoor/screening-tools.js';
import type { ContactInput } from '../../src/frontdoor/contacts-service.js';

/** DASH form fields: the first `yes` questions yes, the rest no. */
const dashForm = (yes: number, extra: Record<string, string> = {}) => ({ ...Object.fromEntries(DASH_QUESTIONS.map((q, i) => [fieldFor(q.key), i < yes ? 'yes' : 'no'])), ...extra });
const idFrom = (location: string | undefined) => Number(/\/screening\/(\d+)$/.exec(location ?? '')?.[1]);

/** A contact about the given children, as the MASH would record it (origin and extras per test). */
const contactInput = (childIds: number[], extra: Partial<ContactInput> = {}): ContactInput => ({
  receivedAt: new Date(Date.now() - 60_000), method: 'phone', sourceCode: '2A',
  referrer: { anonymous: false, name: 'Jo Head', organisation: 'Riverside Primary School', role: 'Designated safeguarding lead', phone: '01632 960123', email: '', address: '' },
  whatHappened: 'Came to school with a bruise on the cheek and would not say how it happened.', referrerWorries: 'Physical harm at home', referrerActions: 'Spoke to the child',
  childViews: '', familyViews: '', parentsAware: 'yes', consent: 'given', consentOverrideReason: '', childIds, adults: [], ...extra,
});

/** Roles that use the screening tools (CASEWORK and the MASH). */
const SCREENING_ROLES: Role[] = ['mash_worker', 'mash_manager', 'social_worker', 'team_manager', 'iro', 'edt_worker', 'early_help_worker'];

for (const target of TARGETS) {
  describe(`screening tools on ${target}`, () => {
    let t: TestApp;
    let mash: TestClient;
    let childId: number;
    let otherChildId: number;
    let restrictedId: number;
    /** Someone anyone with people.view may open, left alone by the other tests. */
    let openId: number;

    before(async () => {
      t = await startTestApp(target);
      mash = new TestClient(t.app);
      assert.equal((await mash.signIn('mash.worker')).status, 302);
      const children = await t.handle.db.selectFrom('people').select('id').where('date_of_birth', '>', '2012-01-01').where('restricted', '=', false).where('merged_into_id', 'is', null).orderBy('id').limit(2).execute();
      [childId, otherChildId] = children.map((c) => c.id) as [number, number];
      restrictedId = (await t.handle.db.selectFrom('people').select('id').where('restricted', '=', true).orderBy('id').executeTakeFirstOrThrow()).id;
      openId = (await t.handle.db.selectFrom('people').select('id').where('restricted', '=', false).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    });
    after(async () => t?.close());

    test('exploitation: one "on its own" indicator gives high, shown on the assessment and as the latest level on the person page', async () => {
      const form = await mash.get(`/people/${childId}/screening/exploitation/new`);
      assert.equal(form.status, 200);
      assert.match(text(form.body), /Signs of criminal exploitation/);
      const res = await mash.post(`/people/${childId}/screening/exploitation/new`, { [fieldFor('weapon')]: 'yes', notes: 'Seen with a knife by a youth worker' });
      assert.equal(res.status, 302, text(res.body).slice(0, 1500));
      const id = idFrom(res.location);
      const page = text((await mash.get(`/screening/${id}`)).body);
      assert.match(page, /Level High/);
      assert.match(page, /Carries, or has access to, a knife/);
      assert.match(page, /Morgan Ashby/, 'who completed it');
      const row = await t.handle.db.selectFrom('screening_assessments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.level, 'high');
      assert.equal(row.score, 3);
      assert.equal(row.answers.weapon, 'yes');
      assert.equal(row.answers.missing_home, 'no');
      const person = text((await mash.get(`/people/${childId}`)).body);
      assert.match(person, /Child exploitation screening: High/);
      const audit = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'screening.complete').where('record_id', '=', String(id)).executeTakeFirstOrThrow();
      assert.deepEqual(audit.person_ids, [String(childId)]);
    });

    test('DASH: an incomplete checklist is refused with each missing question named, keeping the answers given', async () => {
      const partial = Object.fromEntries(DASH_QUESTIONS.slice(0, 20).map((q) => [fieldFor(q.key), 'yes']));
      const before = await t.handle.db.selectFrom('screening_assessments').select('id').execute();
      const res = await mash.post(`/people/${childId}/screening/domestic-abuse/new`, { ...partial, notes: 'Told at the school gate' });
      assert.equal(res.status, 400);
      const body = text(res.body);
      assert.match(body, /There is a problem/);
      assert.match(body, /Answer question 21: yes, no or not known/);
      assert.match(body, /Answer question 27/);
      assert.match(res.body, new RegExp(`name="${fieldFor(DASH_QUESTIONS[0]!.key)}" type="radio" value="yes" checked`));
      assert.match(res.body, /Told at the school gate/);
      assert.equal((await t.handle.db.selectFrom('screening_assessments').select('id').execute()).length, before.length, 'nothing saved');
    });

    test('DASH: 14 yes is high, 13 yes is medium; the person page shows the latest', async () => {
      const high = await mash.post(`/people/${childId}/screening/domestic-abuse/new`, dashForm(14));
      assert.equal(high.status, 302, text(high.body).slice(0, 1500));
      assert.match(text((await mash.get(high.location!)).body), /Level High/);
      assert.match(text((await mash.get(`/people/${childId}`)).body), /Domestic abuse risk checklist: High/);
      const medium = await mash.post(`/people/${childId}/screening/domestic-abuse/new`, dashForm(13));
      assert.equal(medium.status, 302);
      const person = text((await mash.get(`/people/${childId}`)).body);
      assert.match(person, /Domestic abuse risk checklist: Medium/);
      assert.match(person, /Child exploitation screening: High/, 'the other tool keeps its own latest level');
      const history = text((await mash.get(`/people/${childId}/screening`)).body);
      assert.match(history, /3 completed, newest first/);
    });

    test('DASH: professional judgement makes it high only with a reason', async () => {
      const noReason = await mash.post(`/people/${childId}/screening/domestic-abuse/new`, dashForm(2, { judgementHigh: 'yes' }));
      assert.equal(noReason.status, 400);
      assert.match(text(noReason.body), /Give the reason for making the risk high on professional judgement/);
      const ok = await mash.post(`/people/${childId}/screening/domestic-abuse/new`, dashForm(2, { judgementHigh: 'yes', judgementReason: 'Police report a recent threat to kill' }));
      assert.equal(ok.status, 302);
      const page = text((await mash.get(ok.location!)).body);
      assert.match(page, /Level High/);
      assert.match(page, /Level from the answers Standard/);
      assert.match(page, /Police report a recent threat to kill/);
    });

    test('a screening can be linked to a contact the person is on, and only to one', async () => {
      const contactId = await t.services.contacts.create(SYSTEM_CONTEXT, contactInput([childId]));
      const form = await mash.get(`/people/${childId}/screening/exploitation/new?contact=${contactId}`);
      assert.match(text(form.body), new RegExp(`For contact ${contactId}`));
      const res = await mash.post(`/people/${childId}/screening/exploitation/new`, { contactId: String(contactId), [fieldFor('missing_home')]: 'yes', [fieldFor('gifts_money')]: 'yes' });
      assert.equal(res.status, 302);
      const row = await t.handle.db.selectFrom('screening_assessments').select(['contact_id', 'level', 'score']).where('id', '=', idFrom(res.location)).executeTakeFirstOrThrow();
      assert.deepEqual(row, { contact_id: contactId, level: 'medium', score: 5 });
      // For the contact page: the assessments done for it.
      assert.deepEqual((await t.services.screening.forContact(contactId)).map((a) => [a.person_id, a.tool, a.levelText]), [[childId, 'exploitation', 'Medium']]);
      // Another child's contact is refused, on the form and on saving.
      assert.equal((await mash.get(`/people/${otherChildId}/screening/exploitation/new?contact=${contactId}`)).status, 400);
      const wrong = await mash.post(`/people/${otherChildId}/screening/exploitation/new`, { contactId: String(contactId) });
      assert.equal(wrong.status, 400);
      assert.match(text(wrong.body), /That contact is not about this person/);
    });

    test('a restricted person is refused, as on the person pages, and the refusal is audited', async () => {
      for (const url of [`/people/${restrictedId}/screening/exploitation/new`, `/people/${restrictedId}/screening/domestic-abuse/new`, `/people/${restrictedId}/screening`]) {
        const res = await mash.get(url);
        assert.equal(res.status, 403, url);
        assert.match(text(res.body), /This record is restricted/);
      }
      const post = await mash.post(`/people/${restrictedId}/screening/domestic-abuse/new`, dashForm(20));
      assert.equal(post.status, 403);
      assert.equal((await t.handle.db.selectFrom('screening_assessments').select('id').where('person_id', '=', restrictedId).execute()).length, 0);
      // An assessment made by someone the restriction names is refused to others too.
      const { id } = await t.handle.db.insertInto('screening_assessments').values({ person_id: restrictedId, tool: 'exploitation', answers: JSON.stringify({}), score: 0, calculated_level: 'low', level: 'low', contact_id: null, completed_by: null }).returning('id').executeTakeFirstOrThrow();
      assert.equal((await mash.get(`/screening/${id}`)).status, 403);
      const denied = await t.handle.db.selectFrom('audit_events').select('person_ids').where('action', '=', 'person.view').where('outcome', '=', 'denied').where('username', '=', 'mash.worker').execute();
      assert.ok(denied.length >= 5);
      assert.ok(denied.every((d) => d.person_ids.includes(String(restrictedId))));
    });

    test('unknown people and assessments are 404s; merged people are sent to the kept record', async () => {
      assert.equal((await mash.get('/people/999999/screening/exploitation/new')).status, 404);
      assert.equal((await mash.get('/screening/999999')).status, 404);
      const kept = await t.services.people.create(SYSTEM_CONTEXT, { givenNames: 'Kept', familyName: 'Screening', dateOfBirth: '2014-01-01', sex: 'F' });
      await t.services.merges.merge(SYSTEM_CONTEXT, kept, otherChildId);
      const res = await mash.get(`/people/${otherChildId}/screening/domestic-abuse/new`);
      assert.equal(res.status, 302);
      assert.equal(res.location, `/people/${kept}/screening/domestic-abuse/new`);
      // Merging moves a person's assessments to the kept record.
      const kept2 = await t.services.people.create(SYSTEM_CONTEXT, { givenNames: 'Kept', familyName: 'Again', dateOfBirth: '2014-01-01', sex: 'F' });
      await t.services.merges.merge(SYSTEM_CONTEXT, kept2, childId);
      const left = await t.handle.db.selectFrom('screening_assessments').select('person_id').where('person_id', '=', childId).execute();
      assert.equal(left.length, 0);
      assert.deepEqual((await t.services.screening.latestLevels(kept2)).map((l) => [l.tool, l.level]), [['exploitation', 'medium'], ['domestic_abuse', 'high']]);
    });

    test('access role by role: the tools are for casework and MASH roles only', async () => {
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        const allowed = SCREENING_ROLES.includes(role);
        for (const url of [`/people/${openId}/screening/exploitation/new`, `/people/${openId}/screening/domestic-abuse/new`, `/people/${openId}/screening`]) {
          const res = await client.get(url);
          assert.equal(res.status, allowed ? 200 : 403, `${role} ${url}`);
        }
        if (!allowed) {
          const post = await client.post(`/people/${openId}/screening/exploitation/new`, { [fieldFor('weapon')]: 'yes' }, { tokenFrom: '/' });
          assert.equal(post.status, 403, `${role} cannot complete a tool`);
        }
        // The person page shows the screening section only to those who use the tools.
        const person = await client.get(`/people/${openId}`);
        if (person.status === 200) assert.equal(/id="screening"/.test(person.body), allowed, `${role} person page`);
      }
    });
  });
}
