import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES, type Role } from '../../src/access/roles.js';

/** Who may do what, written out role by role. */
const VIEW: Role[] = ['mash_worker', 'mash_manager', 'social_worker', 'team_manager', 'iro', 'edt_worker', 'early_help_worker'];
const WRITE: Role[] = VIEW;
const CONFERENCE: Role[] = ['mash_manager', 'team_manager', 'iro'];
const END_PLAN: Role[] = ['mash_manager', 'team_manager'];
const SETTINGS: Role[] = ['administrator'];

for (const target of TARGETS) {
  describe(`child protection access on ${target}`, () => {
    let t: TestApp;
    let planId: number;
    let s47Id: number;
    let sdId: number;
    let childId: number;
    let icpcS47Id: number;

    before(async () => {
      t = await startTestApp(target);
      const plan = await t.handle.db.selectFrom('cp_plans').select(['id', 'person_id']).where('end_date', 'is', null).orderBy('id').executeTakeFirstOrThrow();
      planId = plan.id;
      childId = plan.person_id;
      const s47 = await t.handle.db.selectFrom('s47_enquiries').select(['id', 'strategy_discussion_id']).orderBy('id').executeTakeFirstOrThrow();
      s47Id = s47.id;
      sdId = s47.strategy_discussion_id;
      const leftJoin = await t.handle.db.selectFrom('s47_enquiries').leftJoin('conferences', 'conferences.s47_id', 's47_enquiries.id').select('s47_enquiries.id').where('s47_enquiries.outcome', '=', 'icpc').where('conferences.id', 'is', null).executeTakeFirstOrThrow();
      icpcS47Id = leftJoin.id;
    });
    after(async () => t?.close());

    test('each role reaches exactly the pages its permissions allow', async () => {
      const pages: Array<[string, Role[]]> = [
        [`/children/${childId}/protection`, VIEW],
        [`/protection/plans/${planId}`, VIEW],
        [`/protection/s47/${s47Id}`, VIEW],
        [`/protection/strategy-discussions/${sdId}`, VIEW],
        [`/children/${childId}/protection/strategy-discussions/new`, WRITE],
        [`/protection/plans/${planId}/visits/new`, WRITE],
        [`/protection/plans/${planId}/core-groups/new`, WRITE],
        [`/protection/s47/${icpcS47Id}/conference`, CONFERENCE],
        [`/protection/plans/${planId}/reviews/new`, CONFERENCE],
        [`/protection/plans/${planId}/end`, END_PLAN],
        ['/admin/settings/protection', SETTINGS],
      ];
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        for (const [url, allowed] of pages) {
          const res = await client.get(url);
          assert.equal(res.status, allowed.includes(role) ? 200 : 403, `${role} ${url}`);
        }
        if (!WRITE.includes(role)) {
          const post = await client.post(`/protection/plans/${planId}/visits/new`, { 'visitedOn-day': '1', 'visitedOn-month': '1', 'visitedOn-year': '2026', seen: 'no' }, { tokenFrom: '/' });
          assert.equal(post.status, 403, `${role} cannot record a visit`);
        }
        if (!CONFERENCE.includes(role) && WRITE.includes(role)) {
          const post = await client.post(`/protection/s47/${icpcS47Id}/conference`, { decision: 'no_plan' }, { tokenFrom: '/' });
          assert.equal(post.status, 403, `${role} cannot record a conference`);
        }
      }
      const visits = await t.handle.db.selectFrom('cp_visits').select('id').where('visited_on', '=', '2026-01-01').execute();
      assert.equal(visits.length, 0);
    });

    test('a restricted child’s protection record is refused to those not named, and the refusal is audited', async () => {
      const db = t.handle.db;
      await db.updateTable('people').set({ restricted: true }).where('id', '=', childId).execute();
      const team = await db.selectFrom('teams').select('id').where('name', '=', 'Allegations (LADO)').executeTakeFirstOrThrow();
      await db.insertInto('person_restrictions').values({ person_id: childId, team_id: team.id, user_id: null }).execute();
      try {
        const sw = new TestClient(t.app);
        await sw.signIn('social.worker');
        for (const url of [`/children/${childId}/protection`, `/protection/plans/${planId}`, `/protection/plans/${planId}/visits/new`]) {
          const res = await sw.get(url);
          assert.equal(res.status, 403, url);
          assert.match(text(res.body), /This record is restricted/);
        }
        const post = await sw.post(`/protection/plans/${planId}/visits/new`, { 'visitedOn-day': '2', 'visitedOn-month': '1', 'visitedOn-year': '2026', seen: 'no' }, { tokenFrom: '/' });
        assert.equal(post.status, 403);
        const denied = await db.selectFrom('audit_events').select('person_ids').where('action', '=', 'person.view').where('outcome', '=', 'denied').execute();
        assert.ok(denied.some((e) => e.person_ids.includes(String(childId))));
      } finally {
        await db.deleteFrom('person_restrictions').where('person_id', '=', childId).execute();
        await db.updateTable('people').set({ restricted: false }).where('id', '=', childId).execute();
      }
    });
  });
}
