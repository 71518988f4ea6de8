import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { todayInLondon, defaultCalendar } from '../../src/time/index.js';

const today = todayInLondon();
const parts = (iso: string, prefix: string) => ({ [`${prefix}-day`]: String(Number(iso.slice(8, 10))), [`${prefix}-month`]: String(Number(iso.slice(5, 7))), [`${prefix}-year`]: iso.slice(0, 4) });

/** An open CIN episode for a demo child, referred `workingDaysAgo` working days ago. */
export async function openEpisode(t: TestApp, workingDaysAgo = 2, offset = 0): Promise<{ personId: number; episodeId: number; referralDate: string }> {
  const cal = defaultCalendar();
  let referralDate = today;
  for (let i = 0; i < workingDaysAgo; ) {
    referralDate = new Date(Date.parse(referralDate) - 86400000).toISOString().slice(0, 10);
    if (cal.isWorkingDay(referralDate)) i++;
  }
  const used = (await t.handle.db.selectFrom('cin_episodes').select('person_id').execute()).map((r) => r.person_id);
  let q = t.handle.db.selectFrom('people').select('id').where('restricted', '=', false).where('merged_into_id', 'is', null).where('date_of_birth', '>', '2010-01-01');
  if (used.length) q = q.where('id', 'not in', used);
  const person = await q.orderBy('id').offset(offset).executeTakeFirstOrThrow();
  const { id } = await t.handle.db.insertInto('cin_episodes').values({ person_id: person.id, contact_child_id: null, referral_date: referralDate, referral_source: '2A', primary_need_code: 'N1', start_date: referralDate, end_date: null, closure_reason: null, team_id: null, worker_id: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
  return { personId: person.id, episodeId: id, referralDate };
}

async function version(t: TestApp, id: number) {
  return String((await t.handle.db.selectFrom('assessments').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
}

for (const target of TARGETS) {
  describe(`assessments journey on ${target}`, () => {
    let t: TestApp;
    let sw: TestClient;
    let tm: TestClient;
    before(async () => {
      t = await startTestApp(target);
      sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      tm = new TestClient(t.app);
      await tm.signIn('team.manager');
    });
    after(async () => t?.close());

    async function requestAssessment(personId: number, episodeId: number): Promise<number> {
      await sw.get(`/children/${personId}/assessments/new`);
      const res = await sw.post(`/children/${personId}/assessments`, { episodeId: String(episodeId) });
      assert.equal(res.status, 302, text(res.body));
      return Number(/\/assessments\/(\d+)/.exec(res.location!)![1]);
    }

    async function fillAll(id: number, extra: { outcome?: string; factors?: string[] } = {}) {
      const sections: Array<[string, Record<string, string | string[]>]> = [
        ['voice', { childSeen: 'seen_alone', ...parts(today, 'childSeenDate'), childVoice: 'Amy drew her three houses: worried about shouting at night.' }],
        ['others', { 'name-1': 'Dan Smith', 'relationship-1': 'Father', 'absent-1': 'yes', 'contacted-1': 'yes', 'view-1': 'Wants more contact.', 'name-2': 'Gran', 'relationship-2': 'Grandmother', 'contacted-2': 'no' }],
        ['risks', { riskFactors: 'Domestic abuse between the adults', protectiveFactors: 'Gran visits daily' }],
        ['factors', { factors: extra.factors ?? ['3B', '16A'] }],
        ['analysis', { analysis: 'Needs support: a CIN plan will help the family.' }],
        ['outcome', { outcome: extra.outcome ?? 'cin_plan' }],
      ];
      for (const [section, form] of sections) {
        await sw.get(`/assessments/${id}/sections/${section}`);
        const res = await sw.post(`/assessments/${id}/sections/${section}`, { ...form, version: await version(t, id) });
        assert.equal(res.status, 302, `${section}: ${text(res.body).slice(0, 600)}`);
      }
    }

    test('an assessment cannot start without manager guidance; guidance with a 20-day timescale sets the due date', async () => {
      const { personId, episodeId, referralDate } = await openEpisode(t, 2);
      const id = await requestAssessment(personId, episodeId);
      const page = text((await sw.get(`/assessments/${id}`)).body);
      assert.match(page, /Awaiting manager guidance/);
      assert.match(page, /cannot start until a manager gives guidance/);
      // The worker cannot write a section yet.
      await sw.get(`/assessments/${id}/sections/analysis`);
      const refused = await sw.post(`/assessments/${id}/sections/analysis`, { analysis: 'Too early', version: await version(t, id) });
      assert.equal(refused.status, 400);
      assert.match(text(refused.body), /cannot start until a manager has given guidance/);
      // Only a manager gives guidance.
      assert.equal((await sw.get(`/assessments/${id}/guidance`)).status, 403);
      const form = await tm.get(`/assessments/${id}/guidance`);
      assert.equal(form.status, 200);
      assert.match(text(form.body), /10 working days.*20 working days.*35 working days.*45 working days/);
      const missing = await tm.post(`/assessments/${id}/guidance`, { guidance: '', ...parts(today, 'startDate'), version: await version(t, id) });
      assert.equal(missing.status, 400);
      assert.match(text(missing.body), /Enter what the assessment should focus on/);
      assert.match(text(missing.body), /Select the timescale/);
      const ok = await tm.post(`/assessments/${id}/guidance`, { guidance: 'Focus on the domestic abuse and the children’s experience of it.', timescale: '20', ...parts(today, 'startDate'), version: await version(t, id) });
      assert.equal(ok.status, 302, text(ok.body));
      const row = await t.handle.db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const cal = defaultCalendar();
      const expected = [cal.addWorkingDays(today, 20), cal.addWorkingDays(referralDate, 45)].sort()[0];
      assert.equal(row.status, 'in_progress');
      assert.equal(row.timescale_working_days, 20);
      assert.equal(row.start_date, today);
      assert.equal(row.due_date, expected);
      const audit = await t.handle.db.selectFrom('audit_events').select(['action', 'person_ids']).where('record_type', '=', 'assessment').where('record_id', '=', String(id)).execute();
      assert.ok(audit.some((e) => e.action === 'assessment.guidance' && e.person_ids.includes(String(personId))));
      // The clock shows on the assessment.
      assert.match(text((await sw.get(`/assessments/${id}`)).body), /In progress/);
    });

    test('task list → check answers → submit → return with comments → resubmit → authorise → CIN plan with a review → end', async () => {
      const { personId, episodeId } = await openEpisode(t, 3, 1);
      const id = await requestAssessment(personId, episodeId);
      await tm.get(`/assessments/${id}/guidance`);
      assert.equal((await tm.post(`/assessments/${id}/guidance`, { guidance: 'See both children alone.', timescale: '35', ...parts(today, 'startDate'), version: await version(t, id) })).status, 302);
      // Submission refused while incomplete.
      await sw.get(`/assessments/${id}/check`);
      const early = await sw.post(`/assessments/${id}/submit`, { version: await version(t, id) });
      assert.equal(early.status, 400);
      assert.match(text(early.body), /Record the outcome of the assessment/);
      await fillAll(id);
      const check = text((await sw.get(`/assessments/${id}/check`)).body);
      assert.match(check, /Dan Smith \(Father, absent parent\)/);
      assert.match(check, /3B: Domestic abuse: parent or carer is the subject/);
      assert.equal((await sw.post(`/assessments/${id}/submit`, { version: await version(t, id) })).status, 302);
      // The worker cannot authorise.
      assert.equal((await sw.get(`/assessments/${id}/authorise`)).status, 403);
      await tm.get(`/assessments/${id}/authorise`);
      const noComment = await tm.post(`/assessments/${id}/authorise`, { decision: 'return', comments: '', version: await version(t, id) });
      assert.equal(noComment.status, 400);
      assert.match(text(noComment.body), /returned with comments/);
      assert.equal((await tm.post(`/assessments/${id}/authorise`, { decision: 'return', comments: 'Speak to the school about attendance.', version: await version(t, id) })).status, 302);
      const returned = text((await sw.get(`/assessments/${id}`)).body);
      assert.match(returned, /Speak to the school about attendance/);
      assert.match(returned, /In progress/);
      await sw.get(`/assessments/${id}/sections/analysis`);
      assert.equal((await sw.post(`/assessments/${id}/sections/analysis`, { analysis: 'School confirms 80% attendance. A CIN plan will help.', version: await version(t, id) })).status, 302);
      await sw.get(`/assessments/${id}/check`);
      assert.equal((await sw.post(`/assessments/${id}/submit`, { version: await version(t, id) })).status, 302);
      await tm.get(`/assessments/${id}/authorise`);
      assert.equal((await tm.post(`/assessments/${id}/authorise`, { decision: 'authorise', comments: 'Good analysis.', version: await version(t, id) })).status, 302);
      const row = await t.handle.db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'authorised');
      assert.equal(row.authorisation_date, today);
      assert.deepEqual(row.factors, ['3B', '16A']);
      const page = text((await sw.get(`/assessments/${id}`)).body);
      assert.match(page, /Child in need plan/);
      // CIN plan.
      await sw.get(`/assessments/${id}/cin-plan`);
      const planRes = await sw.post(`/assessments/${id}/cin-plan`, parts(today, 'startDate'));
      assert.equal(planRes.status, 302, text(planRes.body));
      const planId = Number(/\/cin-plans\/(\d+)/.exec(planRes.location!)![1]);
      const planPage = text((await sw.get(`/cin-plans/${planId}`)).body);
      assert.match(planPage, /Reviewed at least every 12 weeks/);
      assert.match(planPage, /No reviews yet/);
      // A second plan for the same child is refused.
      await sw.get(`/assessments/${id}/cin-plan`);
      assert.equal((await sw.post(`/assessments/${id}/cin-plan`, parts(today, 'startDate'))).status, 400);
      await sw.get(`/cin-plans/${planId}/review`);
      const planVersion = async () => String((await t.handle.db.selectFrom('cin_plans').select('version').where('id', '=', planId).executeTakeFirstOrThrow()).version);
      const rev = await sw.post(`/cin-plans/${planId}/review`, { ...parts(today, 'reviewDate'), outcome: 'Good progress; plan continues.', 'nextReviewDate-day': '', 'nextReviewDate-month': '', 'nextReviewDate-year': '', version: await planVersion() });
      assert.equal(rev.status, 302, text(rev.body));
      assert.match(text((await sw.get(`/cin-plans/${planId}`)).body), /Good progress; plan continues/);
      // Ending needs a reason and a date after the start (the plan started today, so it cannot end today).
      await sw.get(`/cin-plans/${planId}/end`);
      const end = await sw.post(`/cin-plans/${planId}/end`, { ...parts(today, 'endDate'), endReason: '', version: await planVersion() });
      assert.equal(end.status, 400);
      assert.match(text(end.body), /must end after the day it started/);
      assert.match(text(end.body), /Enter why the plan ended/);
      const audit = await t.handle.db.selectFrom('audit_events').select('action').where('record_type', '=', 'cin_plan').where('record_id', '=', String(planId)).execute();
      assert.deepEqual(new Set(audit.map((a) => a.action)), new Set(['cin_plan.start', 'cin_plan.view', 'cin_plan.review']));
    });

    test('factors: 21 must be alone and only with no further action; an NFA outcome points to closure reason RC8', async () => {
      const { personId, episodeId } = await openEpisode(t, 1, 2);
      const id = await requestAssessment(personId, episodeId);
      await tm.get(`/assessments/${id}/guidance`);
      assert.equal((await tm.post(`/assessments/${id}/guidance`, { guidance: 'Check the concern quickly.', timescale: '10', ...parts(today, 'startDate'), version: await version(t, id) })).status, 302);
      await sw.get(`/assessments/${id}/sections/factors`);
      const mixed = await sw.post(`/assessments/${id}/sections/factors`, { factors: ['21', '3B'], version: await version(t, id) });
      assert.equal(mixed.status, 400);
      assert.match(text(mixed.body), /cannot be selected with other factors/);
      await fillAll(id, { factors: ['21'], outcome: 'nfa' });
      // Changing the outcome away from NFA while 21 is recorded is refused.
      await sw.get(`/assessments/${id}/sections/outcome`);
      const bad = await sw.post(`/assessments/${id}/sections/outcome`, { outcome: 'cin_plan', version: await version(t, id) });
      assert.equal(bad.status, 400);
      assert.match(text(bad.body), /only be used when the outcome is no further action/);
      await sw.get(`/assessments/${id}/check`);
      assert.equal((await sw.post(`/assessments/${id}/submit`, { version: await version(t, id) })).status, 302);
      await tm.get(`/assessments/${id}/authorise`);
      assert.equal((await tm.post(`/assessments/${id}/authorise`, { decision: 'authorise', comments: '', version: await version(t, id) })).status, 302);
      const page = text((await sw.get(`/assessments/${id}`)).body);
      assert.match(page, /RC8: case closed after assessment, no further action/);
      assert.ok((await sw.get(`/assessments/${id}`)).body.includes(`href="/children/${personId}"`));
    });

    test('clocks: the assessment source reports guidance due and assessment due for the child; stale versions conflict', async () => {
      const { personId, episodeId } = await openEpisode(t, 1, 3);
      const id = await requestAssessment(personId, episodeId);
      const cal = defaultCalendar();
      let clocks = await t.services.assessments.clocks({ personIds: [personId] }, cal, today);
      assert.equal(clocks.length, 1);
      assert.equal(clocks[0]!.label, 'Manager guidance for the assessment');
      assert.equal(clocks[0]!.dueDate, cal.addWorkingDays(today, 1));
      await tm.get(`/assessments/${id}/guidance`);
      const stale = await tm.post(`/assessments/${id}/guidance`, { guidance: 'x', timescale: '20', ...parts(today, 'startDate'), version: '99' });
      assert.equal(stale.status, 400);
      assert.match(text(stale.body), /Someone else changed this record/);
      await tm.post(`/assessments/${id}/guidance`, { guidance: 'x', timescale: '20', ...parts(today, 'startDate'), version: await version(t, id) });
      clocks = await t.services.assessments.clocks({ personIds: [personId] }, cal, today);
      assert.equal(clocks[0]!.label, 'Assessment to be completed and authorised');
      assert.equal(clocks[0]!.status, 'on_track');
      // A second assessment on the same episode is refused while this one is open.
      await sw.get(`/children/${personId}/assessments/new`);
      const again = await sw.post(`/children/${personId}/assessments`, { episodeId: String(episodeId) });
      assert.equal(again.status, 400);
    });
  });
}
