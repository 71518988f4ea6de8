import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES, type Role } from '../../src/access/roles.js';

/** Who may do what, written out role by role. */
const VIEW: Record<Role, boolean> = {
  administrator: false, mash_worker: true, mash_manager: true, social_worker: true, team_manager: true, lado: false,
  iro: true, edt_worker: true, analyst: false, partner: false, early_help_worker: true, partner_system: false,
};
const MANAGE: Record<Role, boolean> = {
  administrator: false, mash_worker: false, mash_manager: true, social_worker: false, team_manager: true, lado: false,
  iro: false, edt_worker: false, analyst: false, partner: false, early_help_worker: false, partner_system: false,
};

for (const target of TARGETS) {
  describe(`casework access on ${target}`, () => {
    let t: TestApp;
    let episodeId: number;
    let personId: number;

    before(async () => {
      t = await startTestApp(target);
      const ep = await t.handle.db.selectFrom('cin_episodes').select(['id', 'person_id']).where('status', '=', 'open').orderBy('id').executeTakeFirstOrThrow();
      episodeId = ep.id;
      personId = ep.person_id;
    });
    after(async () => t?.close());

    test('role by role: practitioners see records, chronology and trays; only managers allocate, close and give oversight; partners, analysts, administrators and the LADO are refused', async () => {
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        for (const url of [`/children/${personId}`, `/children/${personId}/chronology`, '/casework']) {
          assert.equal((await client.get(url)).status, VIEW[role] ? 200 : 403, `${role} ${url}`);
        }
        assert.equal((await client.get(`/children/${personId}/notes/new`)).status, VIEW[role] ? 200 : 403, `${role} note form`);
        for (const url of [`/casework/episodes/${episodeId}/allocate`, `/casework/episodes/${episodeId}/close`, `/children/${personId}/oversight/new`]) {
          assert.equal((await client.get(url)).status, MANAGE[role] ? 200 : 403, `${role} ${url}`);
        }
        if (!MANAGE[role]) {
          const post = await client.post(`/casework/episodes/${episodeId}/close`, { version: '0', reason: 'RC8' }, { tokenFrom: '/' });
          assert.equal(post.status, 403, `${role} cannot close`);
          const alloc = await client.post(`/casework/episodes/${episodeId}/allocate`, { version: '0' }, { tokenFrom: '/' });
          assert.equal(alloc.status, 403, `${role} cannot allocate`);
        }
        if (!VIEW[role]) {
          const note = await client.post(`/children/${personId}/notes`, { type: 'other', summary: 'x', body: 'x' }, { tokenFrom: '/' });
          assert.equal(note.status, 403, `${role} cannot write notes`);
        }
        const home = await client.get('/');
        assert.equal(/href="\/casework"/.test(home.body), VIEW[role], `${role} navigation`);
      }
      const status = await t.handle.db.selectFrom('cin_episodes').select('status').where('id', '=', episodeId).executeTakeFirstOrThrow();
      assert.equal(status.status, 'open', 'no refused request closed the episode');
    });

    test('a restricted child: refused (403, audited) to a practitioner the restriction does not name, on every casework page; hidden in trays', async () => {
      const sw = (await t.handle.db.selectFrom('users').select('id').where('username', '=', 'social.worker').executeTakeFirstOrThrow()).id;
      const ep = await t.handle.db.selectFrom('cin_episodes').select(['id', 'person_id']).where('status', '=', 'open').where('worker_id', '=', sw).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const mash = (await t.handle.db.selectFrom('teams').select('id').where('name', '=', 'MASH').executeTakeFirstOrThrow()).id;
      await t.handle.db.updateTable('people').set({ restricted: true }).where('id', '=', ep.person_id).execute();
      await t.handle.db.insertInto('person_restrictions').values({ person_id: ep.person_id, team_id: mash, user_id: null }).execute();
      const client = new TestClient(t.app);
      await client.signIn('social.worker');
      for (const url of [`/children/${ep.person_id}`, `/children/${ep.person_id}/chronology`, `/children/${ep.person_id}/notes/new`]) {
        const res = await client.get(url);
        assert.equal(res.status, 403, url);
        assert.doesNotMatch(res.body, /Case notes|Chronology<\/h1>/);
      }
      const denied = await t.handle.db.selectFrom('audit_events').select('person_ids').where('outcome', '=', 'denied').where('action', '=', 'person.view').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(denied.person_ids.map(String), [String(ep.person_id)]);
      const tray = await client.get('/casework');
      assert.match(text(tray.body), /Restricted record/);
      assert.ok(!tray.body.includes(`href="/children/${ep.person_id}"`));
      const mgr = new TestClient(t.app);
      await mgr.signIn('mash.manager');
      assert.equal((await mgr.get(`/children/${ep.person_id}`)).status, 200, 'the team the restriction names opens it');
      assert.equal((await mgr.get(`/casework/episodes/${ep.id}/close`)).status, 200);
      const tm = new TestClient(t.app);
      await tm.signIn('team.manager');
      assert.equal((await tm.get(`/casework/episodes/${ep.id}/allocate`)).status, 403);
    });
  });
}
