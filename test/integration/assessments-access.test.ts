import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { DEMO_USERS } from '../../src/access/demo-seed.js';
import { ROLES, type Role } from '../../src/access/roles.js';
import { seedAssessments } from '../../src/assessments/demo-seed.js';
import { RECORD_SECTIONS, CHRONOLOGY_SOURCES } from '../../src/casework/record-sections.js';
import { CLOCK_SOURCES } from '../../src/casework/clock-sources.js';
import { todayInLondon, addCalendarDays, defaultCalendar } from '../../src/time/index.js';
import type { RequestContext } from '../../src/audit/audit-log.js';

const today = todayInLondon();
/** Who may do what, written out role by role. */
const VIEW: Role[] = ['mash_worker', 'mash_manager', 'social_worker', 'team_manager', 'iro', 'edt_worker', 'early_help_worker'];
const WRITE: Role[] = VIEW;
const MANAGE: Role[] = ['mash_manager', 'team_manager'];
const SETTINGS: Role[] = ['administrator'];

for (const target of TARGETS) {
  describe(`assessments access and demo on ${target}`, () => {
    let t: TestApp;
    let assessmentId: number;
    let submittedId: number;
    let planId: number;
    let personId: number;

    before(async () => {
      t = await startTestApp(target);
      // Six open episodes with referrals 0 to 50 days ago, then the demo seeder gives each an assessment.
      const people = await t.handle.db.selectFrom('people').select('id').where('restricted', '=', false).where('merged_into_id', 'is', null).where('date_of_birth', '>', '2010-01-01').orderBy('id', 'desc').limit(6).execute();
      await t.handle.db
        .insertInto('cin_episodes')
        .values(people.map((p, i) => ({ person_id: p.id, contact_child_id: null, referral_date: addCalendarDays(today, -[50, 30, 20, 10, 5, 0][i]!), referral_source: '3A', primary_need_code: 'N1', start_date: addCalendarDays(today, -[50, 30, 20, 10, 5, 0][i]!), end_date: null, closure_reason: null, team_id: null, worker_id: null, created_by: null })))
        .execute();
      const ctx: RequestContext = { requestId: 'test-seed', ip: '127.0.0.1', user: null };
      const lines: string[] = [];
      await seedAssessments({ db: t.handle.db, services: t.services, ctx, demoPassword: '', today, log: (l) => lines.push(l) });
      // Six for the episodes above, and more for any episode other demo seeders opened without one.
      assert.ok(Number(/(\d+) assessments/.exec(lines.join('\n'))?.[1]) >= 6, lines.join('\n'));
      const plan = await t.handle.db.selectFrom('cin_plans').selectAll().executeTakeFirstOrThrow();
      planId = plan.id;
      assessmentId = plan.assessment_id!;
      personId = plan.person_id;
      submittedId = (await t.handle.db.selectFrom('assessments').select('id').where('status', '=', 'submitted').executeTakeFirstOrThrow()).id;
    });
    after(async () => t?.close());

    test('the demo has an assessment in every state, one overdue, an authorised CIN plan outcome with a plan and a review', async () => {
      const rows = await t.handle.db.selectFrom('assessments').select(['status', 'due_date', 'outcome']).execute();
      assert.deepEqual(new Set(rows.map((r) => r.status)), new Set(['awaiting_guidance', 'in_progress', 'submitted', 'authorised']));
      assert.ok(rows.some((r) => r.status === 'in_progress' && r.due_date! < today), 'one overdue');
      assert.ok(rows.some((r) => r.status === 'authorised' && r.outcome === 'cin_plan'));
      assert.ok((await t.handle.db.selectFrom('cin_plan_reviews').select('id').execute()).length >= 1);
      const clocks = (await Promise.all(CLOCK_SOURCES.map((src) => src(t.handle.db, {}, defaultCalendar(), today)))).flat();
      assert.ok(clocks.some((c) => c.status === 'overdue' && c.label.startsWith('Assessment')));
      assert.ok(clocks.some((c) => c.label === 'Manager guidance for the assessment'));
      assert.ok(clocks.some((c) => c.label === 'Child in need plan review'));
    });

    test('pages role by role: view and write for practitioners, guidance and authorisation for managers, settings for administrators', async () => {
      const pages: Array<{ url: string; roles: Role[] }> = [
        { url: `/assessments/${assessmentId}`, roles: VIEW },
        { url: `/assessments/${assessmentId}/check`, roles: VIEW },
        { url: `/cin-plans/${planId}`, roles: VIEW },
        { url: `/children/${personId}/assessments/new`, roles: WRITE },
        { url: `/cin-plans/${planId}/review`, roles: WRITE },
        { url: `/assessments/${submittedId}/authorise`, roles: MANAGE },
        { url: `/assessments/${submittedId}/guidance`, roles: MANAGE },
        { url: '/admin/settings/assessments', roles: SETTINGS },
      ];
      for (const role of ROLES) {
        const demo = DEMO_USERS.find((u) => u.role === role)!;
        const client = new TestClient(t.app);
        await client.signIn(demo.username);
        for (const p of pages) {
          const res = await client.get(p.url);
          assert.equal(res.status, p.roles.includes(role) ? 200 : 403, `${role} ${p.url}`);
        }
        if (!MANAGE.includes(role)) {
          const post = await client.post(`/assessments/${submittedId}/authorise`, { decision: 'authorise', version: '0' }, { tokenFrom: '/' });
          assert.equal(post.status, 403, `${role} cannot authorise`);
        }
      }
    });

    test('views are audited with the child; a restricted child’s assessment is refused to those outside the restriction', async () => {
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      await sw.get(`/assessments/${assessmentId}`);
      await sw.get(`/cin-plans/${planId}`);
      const events = await t.handle.db.selectFrom('audit_events').select(['action', 'person_ids']).where('username', '=', 'social.worker').where('action', 'in', ['assessment.view', 'cin_plan.view']).execute();
      assert.deepEqual(new Set(events.map((e) => e.action)), new Set(['assessment.view', 'cin_plan.view']));
      for (const e of events) assert.deepEqual(e.person_ids, [String(personId)]);
      const lado = await t.handle.db.selectFrom('users').select('id').where('username', '=', 'lado').executeTakeFirstOrThrow();
      await t.handle.db.updateTable('people').set({ restricted: true }).where('id', '=', personId).execute();
      await t.handle.db.insertInto('person_restrictions').values({ person_id: personId, user_id: lado.id, team_id: null } as never).execute();
      try {
        assert.equal((await sw.get(`/assessments/${assessmentId}`)).status, 403);
        assert.equal((await sw.get(`/cin-plans/${planId}`)).status, 403);
        assert.equal((await sw.get(`/children/${personId}/assessments/new`)).status, 403);
        const denied = await t.handle.db.selectFrom('audit_events').select('outcome').where('username', '=', 'social.worker').where('outcome', '=', 'denied').execute();
        assert.ok(denied.length >= 1);
      } finally {
        await t.handle.db.deleteFrom('person_restrictions').where('person_id', '=', personId).execute();
        await t.handle.db.updateTable('people').set({ restricted: false }).where('id', '=', personId).execute();
      }
    });

    test('the record section and chronology render the child’s assessments and plan', async () => {
      const section = RECORD_SECTIONS.find((r) => r.template === 'assessments/views/record-section.njk')!;
      const ctx: RequestContext = { requestId: 'x', ip: '127.0.0.1', user: null };
      const data = await section.load(t.services, ctx, personId);
      const html = await (t.app as unknown as { view: (tpl: string, d: unknown) => Promise<string> }).view(section.template, data);
      assert.match(text(html), /Past assessments/);
      assert.match(text(html), /Child in need plan/);
      assert.match(text(html), /next review due/);
      const entries = (await Promise.all(CHRONOLOGY_SOURCES.map((src) => src.load(t.services, ctx, personId)))).flat();
      // Other modules add their own entries for the same child; the assessments' are these two kinds.
      const kinds = new Set(entries.map((e) => e.kind));
      assert.ok(kinds.has('Assessment') && kinds.has('Child in need plan'), [...kinds].join(', '));
      assert.ok(entries.some((e) => /Assessment authorised: Child in need plan/.test(e.summary)));
    });

    test('administrators change the timescales offered; the statutory default and its source are shown; over 45 is refused', async () => {
      const admin = new TestClient(t.app);
      await admin.signIn('admin');
      const page = text((await admin.get('/admin/settings/assessments')).body);
      assert.match(page, /Working Together to Safeguard Children 2023/);
      assert.match(page, /Default 10, 20, 35 and 45 working days/);
      const bad = await admin.post('/admin/settings/assessments', { timescales: '10, 50', guidanceWorkingDays: '1', cinReviewWeeks: '12', version: '0' });
      assert.equal(bad.status, 400);
      assert.match(text(bad.body), /from 1 to 45/);
      assert.equal((await admin.post('/admin/settings/assessments', { timescales: '15, 25, 45', guidanceWorkingDays: '2', cinReviewWeeks: '8', version: '0' })).status, 302);
      const tm = new TestClient(t.app);
      await tm.signIn('team.manager');
      const guidance = text((await tm.get(`/assessments/${(await t.handle.db.selectFrom('assessments').select('id').where('status', '=', 'awaiting_guidance').executeTakeFirstOrThrow()).id}/guidance`)).body);
      assert.match(guidance, /15 working days.*25 working days.*45 working days/);
      assert.doesNotMatch(guidance, /20 working days/);
    });
  });
}
