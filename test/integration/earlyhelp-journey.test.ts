import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp, versionOf, dateFields } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES } from '../../src/access/roles.js';
import { todayInLondon, addCalendarDays } from '../../src/time/index.js';


const stepUpForm = {
  method: 'email',
  whatChanged: 'Mum’s new partner has moved in and the school saw bruising on Friday.',
  worries: 'That the child is being hurt at home.',
  earlyHelpActions: 'Eight weeks of parenting support; school attendance plan.',
  childViews: 'Says she does not like being at home when he is there.',
  parentsAware: 'yes',
  consent: 'refused',
  consentOverrideReason: '',
};

for (const target of TARGETS) {
  describe(`early help on ${target}`, () => {
    let t: TestApp;
    let eh: TestClient;

    before(async () => {
      t = await startTestApp(target);
      eh = new TestClient(t.app);
      assert.equal((await eh.signIn('early.help')).status, 302);
    });
    after(async () => t?.close());

    const openEpisode = () => t.handle.db.selectFrom('early_help_episodes').selectAll().where('status', '=', 'open').orderBy('id').executeTakeFirstOrThrow();

    test('the demo seeds open episodes and a closed one; the list shows the team’s episodes, open first', async () => {
      const all = await t.handle.db.selectFrom('early_help_episodes').select('status').execute();
      assert.ok(all.filter((e) => e.status === 'open').length >= 4);
      const closed = all.filter((e) => e.status === 'closed').length;
      assert.ok(closed >= 1);
      const list = await eh.get('/early-help');
      assert.equal(list.status, 200);
      const body = text(list.body);
      assert.match(body, new RegExp(`${all.length - closed} open of ${all.length}, open first`));
      assert.ok(body.lastIndexOf(' Open ') < body.indexOf(' Closed '), 'open episodes come before the closed one');
      assert.match(text((await eh.get('/early-help?scope=all')).body), /Showing every early help episode/);
    });

    test('a worker with no early help team sees none of the team’s episodes unless they ask for all', async () => {
      const other = await t.handle.db.selectFrom('teams').select('id').where('name', '=', 'MASH').executeTakeFirstOrThrow();
      const ep = await openEpisode();
      await t.handle.db.updateTable('early_help_episodes').set({ team_id: other.id }).where('id', '=', ep.id).execute();
      try {
        const mine = await eh.get('/early-help');
        assert.ok(!mine.body.includes(`href="/early-help/${ep.id}"`));
        const all = await eh.get('/early-help?scope=all');
        assert.ok(all.body.includes(`href="/early-help/${ep.id}"`));
      } finally {
        await t.handle.db.updateTable('early_help_episodes').set({ team_id: ep.team_id }).where('id', '=', ep.id).execute();
      }
    });

    test('the episode page shows the child, team, start, analysis and lead professional, which can be changed (versioned)', async () => {
      const ep = await openEpisode();
      const page = await eh.get(`/early-help/${ep.id}`);
      assert.equal(page.status, 200);
      const body = text(page.body);
      assert.match(body, /Team Early Help/);
      assert.ok(body.includes(ep.analysis.slice(0, 40)));
      const version = versionOf(page.body);
      const empty = await eh.post(`/early-help/${ep.id}/lead-professional`, { version, leadProfessional: ' ' });
      assert.equal(empty.status, 400);
      assert.match(text(empty.body), /Enter the lead professional's name/);
      const ok = await eh.post(`/early-help/${ep.id}/lead-professional`, { version, leadProfessional: 'Dee Walsh, school nurse' });
      assert.equal(ok.status, 302);
      assert.match(text((await eh.get(`/early-help/${ep.id}`)).body), /Lead professional saved/);
      // The same stale form again is refused, with the input kept.
      const stale = await eh.post(`/early-help/${ep.id}/lead-professional`, { version, leadProfessional: 'Someone Else' });
      assert.equal(stale.status, 409);
      assert.match(text(stale.body), /Someone else changed this record/);
      assert.match(stale.body, /value="Someone Else"/);
      const row = await t.handle.db.selectFrom('early_help_episodes').select('lead_professional').where('id', '=', ep.id).executeTakeFirstOrThrow();
      assert.equal(row.lead_professional, 'Dee Walsh, school nurse');
    });

    test('step-up: refused without the consent reason, then creates a step_up contact (5D, the worker as referrer) linked to the episode, which shows stepped up', async () => {
      const ep = await openEpisode();
      const form = await eh.get(`/early-help/${ep.id}/step-up`);
      assert.equal(form.status, 200);
      const version = versionOf(form.body);
      const contactsBefore = (await t.handle.db.selectFrom('contacts').select('id').execute()).length;
      const bad = await eh.post(`/early-help/${ep.id}/step-up`, { ...stepUpForm, version });
      assert.equal(bad.status, 400);
      assert.match(text(bad.body), /Give the reason for proceeding without parents' consent/);
      assert.ok(bad.body.includes('school attendance plan'), 'input kept');
      assert.equal((await t.handle.db.selectFrom('contacts').select('id').execute()).length, contactsBefore, 'nothing saved');

      const ok = await eh.post(`/early-help/${ep.id}/step-up`, { ...stepUpForm, consentOverrideReason: 'Asking would put the child at risk from the partner', version });
      assert.equal(ok.status, 302, text(ok.body).slice(0, 1500));
      const episode = await t.handle.db.selectFrom('early_help_episodes').selectAll().where('id', '=', ep.id).executeTakeFirstOrThrow();
      assert.equal(episode.status, 'stepped_up');
      assert.ok(episode.step_up_contact_id);
      const contact = await t.handle.db.selectFrom('contacts').selectAll().where('id', '=', episode.step_up_contact_id!).executeTakeFirstOrThrow();
      assert.equal(contact.origin, 'step_up');
      assert.equal(contact.source_code, '5D');
      assert.equal(contact.method, 'email');
      assert.equal(contact.early_help_episode_id, ep.id);
      assert.equal(contact.referrer_name, 'Erin Hale');
      assert.equal(contact.referrer_organisation, 'Early Help');
      assert.equal(contact.what_happened, stepUpForm.whatChanged);
      assert.equal(contact.referrer_actions, stepUpForm.earlyHelpActions);
      assert.equal(contact.child_views, stepUpForm.childViews);
      assert.equal(contact.consent, 'refused');
      const children = await t.handle.db.selectFrom('contact_children').select('person_id').where('contact_id', '=', contact.id).execute();
      assert.deepEqual(children.map((c) => c.person_id), [ep.person_id]);

      const page = text((await eh.get(`/early-help/${ep.id}`)).body);
      assert.match(page, /Stepped up to the front door/);
      assert.match(page, new RegExp(`contact ${contact.id}`));
      assert.doesNotMatch(page, /Close the episode/);
      // Stepping up again (a second tab) is refused: the episode has ended.
      const again = await eh.post(`/early-help/${ep.id}/step-up`, { ...stepUpForm, consent: 'given', version: String(episode.version) });
      assert.equal(again.status, 400);
      assert.match(text(again.body), /This episode has been stepped up to the front door/);
      const events = await t.handle.db.selectFrom('audit_events').select('action').where('request_id', 'is not', null).where('action', 'in', ['contact.create', 'earlyhelp.step_up']).where('username', '=', 'early.help').execute();
      assert.deepEqual(events.map((e) => e.action).sort(), ['contact.create', 'earlyhelp.step_up']);
    });

    test('closing: a date before the start is refused; a closed episode shows its end and reason', async () => {
      const ep = await openEpisode();
      const form = await eh.get(`/early-help/${ep.id}/close`);
      assert.equal(form.status, 200);
      const version = versionOf(form.body);
      const early = await eh.post(`/early-help/${ep.id}/close`, { version, ...dateFields('endedOn', addCalendarDays(ep.started_on, -1)), reason: 'Needs met' });
      assert.equal(early.status, 400);
      assert.match(text(early.body), /must be on or after the date it started/);
      const noReason = await eh.post(`/early-help/${ep.id}/close`, { version, ...dateFields('endedOn', todayInLondon()), reason: '' });
      assert.equal(noReason.status, 400);
      assert.match(text(noReason.body), /Enter why the episode is ending/);
      const ok = await eh.post(`/early-help/${ep.id}/close`, { version, ...dateFields('endedOn', todayInLondon()), reason: 'The family’s needs have been met' });
      assert.equal(ok.status, 302);
      const page = text((await eh.get(`/early-help/${ep.id}`)).body);
      assert.match(page, /Closed/);
      assert.match(page, /The family's needs have been met/);
      assert.equal((await t.handle.db.selectFrom('early_help_episodes').select('status').where('id', '=', ep.id).executeTakeFirstOrThrow()).status, 'closed');
    });

    test('a restricted child’s episode is refused to those the restriction does not name, and not named in the list', async () => {
      const restricted = await t.handle.db.selectFrom('people').select('id').where('restricted', '=', true).orderBy('id').executeTakeFirstOrThrow();
      const team = await t.handle.db.selectFrom('teams').select('id').where('name', '=', 'Early Help').executeTakeFirstOrThrow();
      const { id } = await t.handle.db.insertInto('early_help_episodes').values({ person_id: restricted.id, team_id: team.id, started_on: todayInLondon(), contact_child_id: null, ended_on: null, step_up_contact_id: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
      for (const url of [`/early-help/${id}`, `/early-help/${id}/step-up`, `/early-help/${id}/close`]) assert.equal((await eh.get(url)).status, 403, url);
      assert.equal((await eh.post(`/early-help/${id}/step-up`, { ...stepUpForm, consent: 'given', version: '0' })).status, 403);
      assert.equal((await t.handle.db.selectFrom('early_help_episodes').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'open');
      const list = await eh.get('/early-help');
      assert.ok(!list.body.includes(`href="/early-help/${id}"`));
      assert.match(text(list.body), /Restricted record/);
      assert.equal((await eh.get('/early-help/999999')).status, 404);
    });

    test('access role by role: only early help workers reach early help', async () => {
      const ep = await openEpisode();
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        const allowed = role === 'early_help_worker';
        for (const url of ['/early-help', `/early-help/${ep.id}`, `/early-help/${ep.id}/step-up`, `/early-help/${ep.id}/close`]) {
          assert.equal((await client.get(url)).status, allowed ? 200 : 403, `${role} ${url}`);
        }
        assert.equal(/href="\/early-help"/.test((await client.get('/')).body), allowed, `${role} navigation`);
        if (!allowed) {
          assert.equal((await client.post(`/early-help/${ep.id}/step-up`, { ...stepUpForm, consent: 'given', version: String(ep.version) }, { tokenFrom: '/' })).status, 403, `${role} cannot step up`);
          assert.equal((await client.post(`/early-help/${ep.id}/close`, { version: String(ep.version) }, { tokenFrom: '/' })).status, 403, `${role} cannot close`);
        }
      }
      assert.equal((await t.handle.db.selectFrom('early_help_episodes').select('status').where('id', '=', ep.id).executeTakeFirstOrThrow()).status, 'open');
    });
  });
}
