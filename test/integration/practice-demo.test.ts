// The demo council's children's social care records: one consistent story per child (src/demo/stories.ts), every
// stage present, the clocks running (some overdue), and the scaling trend moving.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TARGETS, startTestApp, TestClient, text, type TestApp } from '../support/harness.js';
import { CLOCK_SOURCES } from '../../src/casework/clock-sources.js';
import { median } from '../../src/practice/rules.js';
import { todayInLondon, type WorkingCalendar } from '../../src/time/index.js';

const today = todayInLondon();

for (const target of TARGETS) {
  describe(`the demo's practice stories on ${target}`, () => {
    let t: TestApp;
    let cal: WorkingCalendar;
    before(async () => {
      t = await startTestApp(target);
      cal = await t.services.calendar.calendar();
    });
    after(async () => t?.close());
    const db = () => t.handle.db;

    test('every CP plan has, for the same child and episode, an ICPC on its start date after an s47 started by a strategy discussion', async () => {
      const plans = await db().selectFrom('cp_plans').selectAll().execute();
      assert.ok(plans.length >= 5, `${plans.length} plans`);
      for (const p of plans) {
        const icpc = await db().selectFrom('conferences').selectAll().where('plan_id', '=', p.id).where('kind', '=', 'initial').executeTakeFirstOrThrow();
        assert.equal(icpc.held_on, p.start_date, `plan ${p.id} starts at its ICPC`);
        assert.ok(cal.isWorkingDay(icpc.held_on), 'the ICPC is on a working day');
        assert.equal(icpc.person_id, p.person_id);
        const s47 = await db().selectFrom('s47_enquiries').selectAll().where('id', '=', icpc.s47_id!).executeTakeFirstOrThrow();
        assert.equal(s47.person_id, p.person_id);
        assert.equal(s47.episode_id, p.episode_id, `plan ${p.id}: the s47 is on the plan's episode`);
        assert.equal(s47.outcome, 'icpc');
        assert.ok(s47.completed_on && s47.completed_on <= icpc.held_on && s47.start_date <= s47.completed_on);
        const sd = await db().selectFrom('strategy_discussions').selectAll().where('id', '=', s47.strategy_discussion_id).executeTakeFirstOrThrow();
        assert.equal(sd.person_id, p.person_id);
        assert.equal(sd.episode_id, p.episode_id);
        assert.equal(sd.held_on, s47.start_date, 'the s47 starts on the strategy discussion’s date');
        assert.equal(s47.icpc_target_date, cal.addWorkingDays(sd.held_on, 15));
        assert.ok(icpc.held_on <= s47.icpc_target_date, `plan ${p.id}: ICPC within 15 working days`);
        const ep = await db().selectFrom('cin_episodes').selectAll().where('id', '=', p.episode_id).executeTakeFirstOrThrow();
        assert.ok(ep.referral_date <= sd.held_on, 'the referral came first');
        assert.ok(!p.end_date || (p.end_date > p.start_date && (!ep.end_date || p.end_date <= ep.end_date)));
        // Core groups, visits and reviews fall inside the plan.
        const [cores, visits, reviews] = await Promise.all([
          db().selectFrom('core_groups').select('held_on').where('plan_id', '=', p.id).orderBy('held_on').execute(),
          db().selectFrom('cp_visits').select('visited_on').where('plan_id', '=', p.id).execute(),
          db().selectFrom('conferences').select(['held_on', 'decision']).where('plan_id', '=', p.id).where('kind', '=', 'review').orderBy('held_on').execute(),
        ]);
        if (cores[0]) assert.ok(cal.workingDaysBetween(p.start_date, cores[0].held_on) <= 10, 'first core group within 10 working days');
        for (const d of [...cores.map((x) => x.held_on), ...visits.map((x) => x.visited_on), ...reviews.map((x) => x.held_on)]) {
          assert.ok(d > p.start_date && d <= (p.end_date ?? today), `plan ${p.id}: ${d} inside the plan`);
        }
        if (p.end_date) assert.equal(reviews.at(-1)?.decision, 'end', 'an ended plan ended at its review');
      }
    });

    test('every assessment and plan belongs to an episode of that child, inside it; episodes do not overlap; closures follow the census rules', async () => {
      const episodes = await db().selectFrom('cin_episodes').selectAll().orderBy('referral_date').execute();
      const byId = new Map(episodes.map((e) => [e.id, e]));
      const assessments = await db().selectFrom('assessments').selectAll().execute();
      assert.ok(assessments.length >= 10);
      for (const a of assessments) {
        const e = byId.get(a.episode_id);
        assert.ok(e, `assessment ${a.id} has an episode`);
        assert.equal(a.person_id, e.person_id, `assessment ${a.id} is on its child's episode`);
        assert.ok(a.requested_date >= e.referral_date && a.requested_date <= today);
        if (a.start_date) assert.ok(a.start_date >= e.referral_date);
        if (a.authorisation_date) assert.ok(a.start_date! <= a.authorisation_date && a.authorisation_date <= (e.end_date ?? today));
        if (e.status === 'closed') assert.equal(a.status, 'authorised', `assessment ${a.id}: a closed episode's assessments are authorised`);
      }
      const cinPlans = await db().selectFrom('cin_plans').selectAll().execute();
      const cpPlans = await db().selectFrom('cp_plans').selectAll().execute();
      for (const p of cinPlans) {
        const e = byId.get(p.episode_id)!;
        assert.equal(p.person_id, e.person_id);
        assert.ok(p.start_date >= e.referral_date && (!e.end_date || (p.end_date && p.end_date <= e.end_date)), `CIN plan ${p.id} inside its episode`);
        // A CIN plan never runs at the same time as a CP plan (it may start on the day the CP plan ends).
        for (const cp of cpPlans.filter((x) => x.person_id === p.person_id)) {
          assert.ok(p.start_date >= (cp.end_date ?? '9999') || (p.end_date ?? '9999') <= cp.start_date, `CIN plan ${p.id} and CP plan ${cp.id} overlap`);
        }
      }
      const people = new Map<number, typeof episodes>();
      for (const e of episodes) people.set(e.person_id, [...(people.get(e.person_id) ?? []), e]);
      for (const [, eps] of people) {
        assert.ok(eps.filter((e) => e.status === 'open').length <= 1, 'one open episode per child');
        for (let i = 1; i < eps.length; i++) assert.ok(eps[i - 1]!.end_date && eps[i - 1]!.end_date! <= eps[i]!.referral_date, `episodes ${eps[i - 1]!.id} and ${eps[i]!.id} do not overlap`);
        const open = eps.find((e) => e.status === 'open');
        if (open) assert.equal(open, eps.at(-1), 'the open episode is the latest referral');
      }
      for (const e of episodes.filter((x) => x.closure_reason === 'RC8' || x.closure_reason === 'RC9')) {
        assert.ok(assessments.some((a) => a.episode_id === e.id && a.outcome === (e.closure_reason === 'RC8' ? 'nfa' : 'early_help')), `episode ${e.id} closed ${e.closure_reason} after an assessment`);
        assert.ok(!cpPlans.some((p) => p.episode_id === e.id) && !cinPlans.some((p) => p.episode_id === e.id), `episode ${e.id}: no plan before ${e.closure_reason}`);
      }
      // A closed episode has nothing unfinished and nothing after its closure (census 8868, 8565; closure refuses both).
      const s47s = await db().selectFrom('s47_enquiries').selectAll().execute();
      const initial = await db().selectFrom('conferences').select(['s47_id', 'held_on']).where('kind', '=', 'initial').execute();
      for (const e of episodes.filter((x) => x.status === 'closed')) {
        for (const p of cpPlans.filter((x) => x.episode_id === e.id)) assert.ok(p.end_date && p.end_date <= e.end_date!, `CP plan ${p.id} ended by its episode's closure`);
        for (const s47 of s47s.filter((x) => x.episode_id === e.id)) {
          const icpc = initial.find((c) => c.s47_id === s47.id);
          assert.ok(icpc || s47.icpc_not_required_reason, `s47 ${s47.id} on closed episode ${e.id} has an ICPC or 'not required'`);
          assert.ok(s47.start_date <= e.end_date! && (!icpc || icpc.held_on <= e.end_date!));
        }
      }
      // Every date is on or before today.
      for (const e of episodes) assert.ok(e.referral_date <= today && (!e.end_date || (e.end_date >= e.referral_date && e.end_date <= today)));
    });

    test('children at every stage, including overdue ones', async () => {
      const episodes = await db().selectFrom('cin_episodes').selectAll().execute();
      assert.ok(episodes.some((e) => e.status === 'open' && e.worker_id === null), 'awaiting allocation');
      assert.deepEqual(new Set(episodes.filter((e) => e.status === 'closed').map((e) => e.closure_reason)), new Set(['RC7', 'RC8', 'RC9']));
      const assessments = await db().selectFrom('assessments').selectAll().execute();
      for (const s of ['awaiting_guidance', 'in_progress', 'submitted', 'authorised']) assert.ok(assessments.some((a) => a.status === s), `an assessment ${s}`);
      assert.ok(assessments.some((a) => a.status === 'in_progress' && a.due_date! < today), 'an overdue assessment');
      const cin = await db().selectFrom('cin_plans as p').innerJoin('cin_episodes as e', 'e.id', 'p.episode_id').select(['p.id', 'p.end_date', 'e.status']).execute();
      assert.ok(cin.some((p) => !p.end_date && p.status === 'open'), 'an open CIN plan');
      assert.ok((await db().selectFrom('cin_plan_reviews').select('id').execute()).length >= 1, 'CIN plan reviews');
      const sds = await db().selectFrom('strategy_discussions').selectAll().execute();
      assert.ok(sds.some((s) => s.decision === 'no_s47' && s.rationale), 'a strategy discussion with no s47, and why');
      const s47s = await db().selectFrom('s47_enquiries').selectAll().execute();
      assert.ok(s47s.some((s) => s.outcome === null), 'an s47 in progress');
      const plans = await db().selectFrom('cp_plans').selectAll().execute();
      assert.ok(plans.some((p) => !p.end_date && !p.pre_birth), 'a child on a CP plan');
      assert.ok(plans.some((p) => p.end_date), 'a CP plan ended');
      assert.ok(plans.some((p) => p.pre_birth), 'a pre-birth plan');
      assert.ok(new Set(plans.flatMap((p) => [p.initial_category, p.latest_category])).size >= 4, 'categories varied');
      assert.ok((await db().selectFrom('core_groups').select('id').execute()).length >= 3, 'core groups');
      assert.ok((await db().selectFrom('conferences').select('id').where('kind', '=', 'review').execute()).length >= 2, 'review conferences');
      const unborn = await db().selectFrom('people').select(['id', 'expected_date_of_birth']).where('date_of_birth', 'is', null).where('expected_date_of_birth', 'is not', null).execute();
      assert.ok(unborn.some((u) => plans.some((p) => p.pre_birth && p.person_id === u.id) && u.expected_date_of_birth! > today), 'the pre-birth plan is for an unborn child');

      const clocks = (await Promise.all(CLOCK_SOURCES.map((src) => src(db(), {}, cal, today)))).flat();
      const overdue = (label: RegExp) => clocks.some((c) => c.status === 'overdue' && label.test(c.label));
      assert.ok(overdue(/^Assessment/), 'an overdue assessment clock');
      assert.ok(overdue(/^Initial child protection conference$/), 'an overdue ICPC');
      assert.ok(overdue(/^Child protection visit$/), 'an overdue visit');
      assert.ok(clocks.some((c) => c.label === 'First core group' && c.status !== 'overdue'), 'a first core group due');
      // Only the stories' overdue work is overdue (one each), not work the demo forgot to record.
      for (const label of ['Initial child protection conference', 'Child protection visit', 'Assessment to be completed and authorised', 'First core group', 'Review child protection conference', 'First review child protection conference']) {
        assert.ok(clocks.filter((c) => c.status === 'overdue' && c.label === label).length <= 1, `one overdue ${label} at most`);
      }
    });

    test('Signs of Safety: mappings carried into plans; scaling by several people over several dates that moves', async () => {
      const scalings = await db().selectFrom('scalings').select(['person_id', 'scaled_on', 'score', 'scorer_name', 'mapping_id']).execute();
      const byChild = new Map<number, Map<string, number[]>>();
      for (const s of scalings) {
        const dates = byChild.get(s.person_id) ?? byChild.set(s.person_id, new Map()).get(s.person_id)!;
        dates.set(s.scaled_on, [...(dates.get(s.scaled_on) ?? []), s.score]);
      }
      const trends = [...byChild.entries()].map(([id, dates]) => {
        const medians = [...dates.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, scores]) => median(scores));
        return { id, dates: medians.length, change: medians.at(-1)! - medians[0]! };
      });
      const moving = trends.filter((x) => x.dates >= 3 && Math.abs(x.change) >= 2);
      assert.ok(moving.length >= 3, `children whose scaling moved by 2 or more over 3 or more dates: ${JSON.stringify(trends)}`);
      assert.ok(moving.some((x) => x.change > 0) && moving.some((x) => x.change < 0), 'better for some, worse for others');
      assert.ok(trends.some((x) => x.dates >= 3 && x.change === 0), 'flat for one');
      assert.ok(new Set(scalings.map((s) => s.scorer_name)).size >= 5, 'scaled by several people');
      // Scaling is on or before today and on or after the child's mapping.
      const mappings = await db().selectFrom('mappings').selectAll().execute();
      for (const s of scalings) {
        const m = mappings.find((x) => x.id === s.mapping_id)!;
        assert.ok(s.scaled_on <= today && s.scaled_on >= m.mapped_on, `scaling on ${s.scaled_on} after mapping ${m.id} on ${m.mapped_on}`);
      }
      const carried = mappings.filter((m) => m.carried_from_id);
      assert.ok(carried.some((m) => m.owner_kind === 'cp_plan') && carried.some((m) => m.owner_kind === 'cin_plan'), 'carried into CP and CIN plans');
      for (const m of carried) {
        const from = mappings.find((x) => x.id === m.carried_from_id)!;
        assert.equal(from.person_id, m.person_id);
        assert.ok(from.mapped_on <= m.mapped_on);
      }
      // The plan's danger statements are the mapping's.
      const plan = await db().selectFrom('cp_plans').selectAll().where('end_date', 'is', null).where('pre_birth', '=', false).orderBy('id').executeTakeFirstOrThrow();
      const m = mappings.find((x) => x.owner_kind === 'cp_plan' && x.owner_id === plan.id)!;
      const danger = await db().selectFrom('danger_statements').selectAll().where('mapping_id', '=', m.id).orderBy('position').executeTakeFirstOrThrow();
      assert.ok(plan.danger_statements.includes(danger.worry));

      // Ava Patel (one of the twins; the browser test opens her record) has a trend chart over several dates.
      const ava = await db().selectFrom('person_names').select('person_id').where('given_names', '=', 'Ava').where('family_name', '=', 'Patel').executeTakeFirstOrThrow();
      assert.ok((byChild.get(ava.person_id)?.size ?? 0) >= 3, 'Ava Patel is scaled on three dates or more');
      const sw = new TestClient(t.app);
      await sw.signIn('social.worker');
      const page = await sw.get(`/children/${ava.person_id}`);
      assert.equal(page.status, 200);
      assert.match(page.body, /<svg[^>]+role="img"/);
      assert.match(text(page.body), /Median scaling went from \d+ on .* to \d+ on .*, over \d+ dates/);
    });
  });
}
