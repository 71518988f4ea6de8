import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { addCalendarDays, addCalendarMonths, defaultCalendar, todayInLondon } from '../../src/time/index.js';

const cal = defaultCalendar();
const today = todayInLondon();
function wdAgo(n: number) {
  let d = today;
  for (let c = 0; c < n; ) {
    d = addCalendarDays(d, -1);
    if (cal.isWorkingDay(d)) c++;
  }
  return d;
}
const parts = (prefix: string, iso: string) => ({ [`${prefix}-day`]: String(Number(iso.slice(8, 10))), [`${prefix}-month`]: String(Number(iso.slice(5, 7))), [`${prefix}-year`]: iso.slice(0, 4) });
const idFrom = (location: string | undefined, kind: string) => Number(new RegExp(`/protection/${kind}/(\\d+)`).exec(location ?? '')?.[1]);

for (const target of TARGETS) {
  describe(`child protection journey on ${target}`, () => {
    let t: TestApp;
    let childId: number;

    before(async () => {
      t = await startTestApp(target);
      const involved = (await t.handle.db.selectFrom('cin_episodes').select('person_id').execute()).map((r) => r.person_id);
      const child = await t.handle.db.selectFrom('people').select('id').where('date_of_birth', '>', '2014-01-01').where('restricted', '=', false).where('merged_into_id', 'is', null).where('id', 'not in', involved.length ? involved : [-1]).orderBy('id').executeTakeFirstOrThrow();
      childId = child.id;
      await t.handle.db.insertInto('cin_episodes').values({ person_id: childId, contact_child_id: null, referral_date: wdAgo(90), referral_source: '2A', primary_need_code: 'N1', start_date: wdAgo(90), end_date: null, closure_reason: null, team_id: null, worker_id: null, created_by: null }).execute();
    });
    after(async () => t?.close());

    test('strategy discussion → s47 → ICPC on day 12 → plan (NEG) → core group on day 8 → visits → review conference', async () => {
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      const sdOn = wdAgo(80);
      const form = await sw.get(`/children/${childId}/protection/strategy-discussions/new`);
      assert.equal(form.status, 200);

      // Refused with every problem at once, input kept.
      const bad = await sw.post(`/children/${childId}/protection/strategy-discussions/new`, { ...parts('heldOn', sdOn), 'agency-1': 'social_care', 'name-1': 'Sam Walker', decision: 'no_s47', informationShared: 'Kept text' });
      assert.equal(bad.status, 400);
      assert.match(text(bad.body), /There is a problem.*Enter the rationale for not starting a section 47 enquiry/);
      assert.match(bad.body, /Kept text/);

      const sd = await sw.post(`/children/${childId}/protection/strategy-discussions/new`, {
        ...parts('heldOn', sdOn),
        'agency-1': 'social_care', 'name-1': 'Sam Walker', 'role-1': 'Social worker',
        'agency-2': 'police', 'name-2': 'DS Kerry Lund',
        'agency-3': 'education', 'name-3': 'Jo Head',
        informationShared: 'The child disclosed being hit.',
        decision: 's47_joint',
        'action-1': 'Police checks on the partner', 'owner-1': 'DS Kerry Lund', ...parts('due-1', cal.addWorkingDays(sdOn, 2)),
      });
      assert.equal(sd.status, 302, text(sd.body).slice(0, 500));
      const s47Id = idFrom(sd.location, 's47');
      assert.ok(s47Id > 0);
      const s47Row = await t.handle.db.selectFrom('s47_enquiries').selectAll().where('id', '=', s47Id).executeTakeFirstOrThrow();
      const sdRow = await t.handle.db.selectFrom('strategy_discussions').selectAll().where('id', '=', s47Row.strategy_discussion_id).executeTakeFirstOrThrow();
      assert.equal(s47Row.start_date, sdOn, 'S47ActualStartDate = the anchoring strategy discussion’s date');
      assert.equal(s47Row.icpc_target_date, cal.addWorkingDays(sdOn, 15));
      assert.equal(s47Row.joint_with_police, true);
      // Health did not take part: flagged.
      const sdPage = text((await sw.get(`/protection/strategy-discussions/${sdRow.id}`)).body);
      assert.match(sdPage, /Required agencies missing: Health/);

      // s47 outcome: ICPC.
      const s47Page = await sw.get(`/protection/s47/${s47Id}`);
      assert.equal(s47Page.status, 200);
      const noReason = await sw.post(`/protection/s47/${s47Id}`, { version: '0', childSeen: 'yes', childSeenAlone: 'yes', ...parts('childSeenOn', cal.addWorkingDays(sdOn, 1)), outcome: 'cin', ...parts('completedOn', cal.addWorkingDays(sdOn, 6)) });
      assert.equal(noReason.status, 400);
      assert.match(text(noReason.body), /Enter the reason an initial child protection conference is not required/);
      const outcome = await sw.post(`/protection/s47/${s47Id}`, { version: '0', childSeen: 'yes', childSeenAlone: 'yes', ...parts('childSeenOn', cal.addWorkingDays(sdOn, 1)), findings: 'Bruising consistent with the account.', outcome: 'icpc', ...parts('completedOn', cal.addWorkingDays(sdOn, 6)) });
      assert.equal(outcome.status, 302);

      // A social worker cannot record a conference; the chair can.
      assert.equal((await sw.get(`/protection/s47/${s47Id}/conference`)).status, 403);
      const iro = new TestClient(t.app);
      await iro.signIn('iro');
      const iroUser = await t.handle.db.selectFrom('users').select('id').where('username', '=', 'iro').executeTakeFirstOrThrow();
      const icpcOn = cal.addWorkingDays(sdOn, 12);
      assert.equal((await iro.get(`/protection/s47/${s47Id}/conference`)).status, 200);
      const noCategory = await iro.post(`/protection/s47/${s47Id}/conference`, { ...parts('heldOn', icpcOn), chairId: String(iroUser.id), 'agency-1': 'social_care', 'name-1': 'Sam Walker', 'scaling-1': '3', decision: 'plan' });
      assert.equal(noCategory.status, 400);
      assert.match(text(noCategory.body), /Select the category of abuse/);
      const icpc = await iro.post(`/protection/s47/${s47Id}/conference`, {
        ...parts('heldOn', icpcOn), chairId: String(iroUser.id),
        'agency-1': 'social_care', 'name-1': 'Sam Walker', 'scaling-1': '3',
        'agency-2': 'police', 'name-2': 'DS Kerry Lund', 'scaling-2': '2',
        'agency-3': 'health', 'name-3': 'Hana Ellis', 'attended-3': 'apologies',
        reportsReceived: 'Social work report', decision: 'plan', category: 'NEG',
      });
      assert.equal(icpc.status, 302, text(icpc.body).slice(0, 600));
      const planId = idFrom(icpc.location, 'plans');
      const plan = await t.handle.db.selectFrom('cp_plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
      assert.equal(plan.start_date, icpcOn, 'the plan starts on the ICPC date (rule 2885)');
      assert.equal(plan.initial_category, 'NEG');
      assert.equal(plan.previous_plans_count, 0);
      assert.equal(plan.visit_frequency_working_days, 10);
      const s47After = text((await sw.get(`/protection/s47/${s47Id}`)).body);
      assert.match(s47After, /working day 12 of 15/);
      assert.match(s47After, /Done in time/);

      // Core group on day 8, visits, plan content, actions, network.
      const coreOn = cal.addWorkingDays(icpcOn, 8);
      assert.equal((await sw.post(`/protection/plans/${planId}/core-groups/new`, { ...parts('heldOn', coreOn), 'agency-1': 'social_care', 'name-1': 'Sam Walker', notes: 'Plan agreed' })).status, 302);
      const visit1 = cal.addWorkingDays(icpcOn, 9);
      assert.equal((await sw.post(`/protection/plans/${planId}/visits/new`, { ...parts('visitedOn', visit1), seen: 'yes', seenAlone: 'yes', notes: 'Seen in bedroom' })).status, 302);
      assert.equal((await sw.post(`/protection/plans/${planId}/visits/new`, { ...parts('visitedOn', cal.addWorkingDays(visit1, 10)), seen: 'yes', seenAlone: 'no' })).status, 302);
      const noSeen = await sw.post(`/protection/plans/${planId}/visits/new`, { ...parts('visitedOn', visit1) });
      assert.equal(noSeen.status, 400);
      const v = (await t.handle.db.selectFrom('cp_plans').select('version').where('id', '=', planId).executeTakeFirstOrThrow()).version;
      assert.equal((await sw.post(`/protection/plans/${planId}`, { version: String(v), dangerStatements: 'Worried Dad will hit the children', safetyGoals: 'A safe adult always present', bottomLines: 'Court if not safe' })).status, 302);
      assert.equal((await sw.post(`/protection/plans/${planId}`, { version: String(v), dangerStatements: 'Stale' })).status, 400, 'a stale version is refused');
      assert.equal((await sw.post(`/protection/plans/${planId}/actions`, { actionWho: 'Mum', actionWhat: 'Attend the parenting course', ...parts('actionDue', addCalendarDays(today, 10)) })).status, 302);
      assert.equal((await sw.post(`/protection/plans/${planId}/network`, { networkName: 'Gran', networkRelationship: 'Grandmother', networkRole: 'Stays over' })).status, 302);
      const planHtml = (await sw.get(`/protection/plans/${planId}`)).body;
      const planPage = text(planHtml);
      assert.match(planPage, /the first was held on working day 8/);
      assert.match(planPage, /NEG: Neglect/);
      assert.match(planPage, /Attend the parenting course/);
      assert.match(planPage, /Gran/);
      assert.ok(planHtml.includes(`/children/${childId}/mappings/new?ownerKind=cp_plan&amp;ownerId=${planId}`));

      // Review conference within 3 months: the plan continues, latest category EMO.
      const reviewOn = addCalendarDays(addCalendarMonths(icpcOn, 3), -5);
      assert.ok(reviewOn <= today);
      const pv = (await t.handle.db.selectFrom('cp_plans').select('version').where('id', '=', planId).executeTakeFirstOrThrow()).version;
      assert.equal((await sw.get(`/protection/plans/${planId}/reviews/new`)).status, 403);
      const review = await iro.post(`/protection/plans/${planId}/reviews/new`, { version: String(pv), ...parts('heldOn', reviewOn), chairId: String(iroUser.id), 'agency-1': 'social_care', 'name-1': 'Sam Walker', 'scaling-1': '6', decision: 'continue', category: 'EMO' });
      assert.equal(review.status, 302, text(review.body).slice(0, 600));
      const after = await t.handle.db.selectFrom('cp_plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
      assert.equal(after.latest_category, 'EMO');
      assert.equal(after.initial_category, 'NEG');

      // Clocks: the next review is 6 months after this one; the next visit from the last.
      const clocks = await t.services.protection.clocks({ personIds: [childId] }, cal, today);
      const reviewClock = clocks.find((c) => c.label === 'Review child protection conference');
      assert.equal(reviewClock?.dueDate, addCalendarMonths(reviewOn, 6));
      assert.equal(clocks.find((c) => c.label === 'Child protection visit')?.dueDate, cal.addWorkingDays(cal.addWorkingDays(visit1, 10), 10));
      assert.ok(!clocks.some((c) => c.label === 'First core group'));
      assert.ok(!clocks.some((c) => c.label === 'Initial child protection conference'));

      // The child's protection record and the chronology.
      const record = text((await sw.get(`/children/${childId}/protection`)).body);
      assert.match(record, /Child protection plans/);
      const { CHRONOLOGY_SOURCES, RECORD_SECTIONS } = await import('../../src/casework/record-sections.js');
      const ctx = { requestId: 'test', ip: '127.0.0.1', user: (await t.services.users.currentUser(iroUser.id))! };
      const entries = (await Promise.all(CHRONOLOGY_SOURCES.map((s) => s.load(t.services, ctx, childId)))).flat();
      assert.ok(entries.some((e) => e.kind === 'Initial child protection conference'));
      assert.ok(entries.some((e) => e.kind === 'Core group' && e.date === coreOn));
      const section = await RECORD_SECTIONS.find((s) => s.template === 'protection/views/record-section.njk')!.load(t.services, ctx, childId);
      assert.equal((section.protection as { status: string }).status, 'On a child protection plan');
      const html = text(await (t.app as unknown as { view(template: string, data: object): Promise<string> }).view('protection/views/record-section.njk', section));
      assert.match(html, /Child protection Status On a child protection plan/);
      assert.match(html, /Emotional abuse/);
      assert.match(html, /Last visit .* seen, not alone/);

      // Every write and read is audited against the child.
      const events = await t.handle.db.selectFrom('audit_events').select(['action', 'person_ids']).where('action', 'in', ['strategy_discussion.create', 's47.update', 'conference.initial', 'core_group.create', 'cp_visit.create', 'conference.review', 'cp_plan.view', 's47.view', 'protection.view', 'strategy_discussion.view']).execute();
      for (const a of ['strategy_discussion.create', 's47.update', 'conference.initial', 'core_group.create', 'cp_visit.create', 'conference.review', 'cp_plan.view', 's47.view', 'protection.view', 'strategy_discussion.view']) {
        assert.ok(events.some((e) => e.action === a && e.person_ids.includes(String(childId))), a);
      }
    });

    test('plan end by a manager, and a second plan counts the first as previous', async () => {
      const plan = await t.handle.db.selectFrom('cp_plans').selectAll().where('person_id', '=', childId).executeTakeFirstOrThrow();
      const tm = new TestClient(t.app);
      await tm.signIn('team.manager');
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      assert.equal((await sw.get(`/protection/plans/${plan.id}/end`)).status, 403);
      assert.equal((await tm.get(`/protection/plans/${plan.id}/end`)).status, 200);
      const endOn = wdAgo(3);
      const ended = await tm.post(`/protection/plans/${plan.id}/end`, { version: String(plan.version), ...parts('endDate', endOn), reason: 'moved_away' });
      assert.equal(ended.status, 302, text(ended.body).slice(0, 400));
      const row = await t.handle.db.selectFrom('cp_plans').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow();
      assert.equal(row.end_date, endOn);
      assert.equal(row.end_reason, 'moved_away');
      // A second s47 → ICPC → plan: NumberOfPreviousCPP = 1.
      const sdOn = wdAgo(2);
      const sd = await sw.post(`/children/${childId}/protection/strategy-discussions/new`, { ...parts('heldOn', sdOn), 'agency-1': 'social_care', 'name-1': 'A', 'agency-2': 'police', 'name-2': 'B', 'agency-3': 'health', 'name-3': 'C', informationShared: 'x', decision: 's47_single' });
      const s47Id = idFrom(sd.location, 's47');
      await sw.post(`/protection/s47/${s47Id}`, { version: '0', childSeen: 'no', outcome: 'icpc', ...parts('completedOn', today) });
      const r = await t.services.protection.recordInitialConference({ requestId: 't', ip: '127.0.0.1', user: (await t.services.users.currentUser((await t.handle.db.selectFrom('users').select('id').where('username', '=', 'iro').executeTakeFirstOrThrow()).id))! }, s47Id, (await t.handle.db.selectFrom('users').select('id').where('username', '=', 'iro').executeTakeFirstOrThrow()).id, { kind: 'initial', heldOn: today, attendees: [{ slot: '1', agency: 'social_care', name: 'A', role: '', attended: true, scaling: 2 }], reportsReceived: '', decision: 'plan', category: 'PHY' });
      const second = await t.handle.db.selectFrom('cp_plans').selectAll().where('id', '=', r.planId!).executeTakeFirstOrThrow();
      assert.equal(second.previous_plans_count, 1);
    });

    test('the demo council has children at every stage, with an ICPC overdue, a visit overdue, a review held, a plan ended and a pre-birth plan', async () => {
      const db = t.handle.db;
      const clocks = await t.services.protection.clocks({}, cal, today);
      assert.ok(clocks.some((c) => c.label === 'Initial child protection conference' && c.status === 'overdue'), 'ICPC overdue');
      assert.ok(clocks.some((c) => c.label === 'Initial child protection conference' && c.status !== 'overdue'), 's47 in progress');
      assert.ok(clocks.some((c) => c.label === 'Child protection visit' && c.status === 'overdue'), 'a visit overdue');
      assert.ok(clocks.some((c) => c.label.startsWith('Strategy discussion action')), 'strategy discussion actions');
      assert.ok(await db.selectFrom('strategy_discussions').select('id').where('decision', '=', 'no_s47').executeTakeFirst());
      assert.ok(await db.selectFrom('conferences').select('id').where('kind', '=', 'review').executeTakeFirst());
      assert.ok(await db.selectFrom('cp_plans').select('id').where('end_date', 'is not', null).executeTakeFirst());
      const preBirth = await db.selectFrom('cp_plans').innerJoin('people', 'people.id', 'cp_plans.person_id').select(['cp_plans.id', 'people.expected_date_of_birth', 'people.date_of_birth']).where('cp_plans.pre_birth', '=', true).executeTakeFirstOrThrow();
      assert.equal(preBirth.date_of_birth, null);
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      const page = text((await sw.get(`/protection/plans/${preBirth.id}`)).body);
      assert.match(page, /pre-birth plan, expected/);
      // Every demo page renders.
      for (const p of await db.selectFrom('cp_plans').select('id').execute()) assert.equal((await sw.get(`/protection/plans/${p.id}`)).status, 200);
      for (const s of await db.selectFrom('s47_enquiries').select('id').execute()) assert.equal((await sw.get(`/protection/s47/${s.id}`)).status, 200);
      for (const s of await db.selectFrom('strategy_discussions').select(['id', 'person_id']).execute()) {
        assert.equal((await sw.get(`/protection/strategy-discussions/${s.id}`)).status, 200);
        assert.equal((await sw.get(`/children/${s.person_id}/protection`)).status, 200);
      }
    });

    test('the visit frequency is a council setting with its default and source shown', async () => {
      const admin = new TestClient(t.app);
      await admin.signIn('admin');
      const page = await admin.get('/admin/settings/protection');
      assert.equal(page.status, 200);
      assert.match(text(page.body), /default is every 10 working days.*Working Together to Safeguard Children 2023 sets no national visit frequency/);
      assert.equal((await admin.post('/admin/settings/protection', { version: '0', workingDays: '0' })).status, 400);
      assert.equal((await admin.post('/admin/settings/protection', { version: '0', workingDays: '15' })).status, 302);
      assert.equal((await t.services.protection.visitFrequency()).workingDays, 15);
      assert.equal((await admin.post('/admin/settings/protection', { version: '0', workingDays: '12' })).status, 400, 'stale version refused');
    });
  });
}
