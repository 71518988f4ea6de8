/**
 * Child protection in the demo council: children at every stage, on the open episodes the front door made (or, when
 * there are none, episodes opened here for children the MASH decided needed a strategy discussion): a strategy
 * discussion held with actions (one overdue), an s47 enquiry in progress, an ICPC overdue, plans with visits (one
 * visit overdue), a review conference held, a plan ended, and a pre-birth plan. One audit event. All fictional.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DemoSeedContext } from '../demo/seeders.js';
import { writeAudit } from '../audit/audit-log.js';
import { addCalendarDays, addCalendarMonths, defaultCalendar, type WorkingCalendar } from '../time/index.js';
import { icpcTargetDate } from './rules.js';

type Tx = Kysely<Database>;
const ATTENDEES = [
  { agency: 'social_care', name: 'Sam Walker', role: 'Social worker' },
  { agency: 'police', name: 'DS Kerry Lund', role: 'Child abuse investigation team' },
  { agency: 'health', name: 'Hana Ellis', role: 'Named nurse for safeguarding' },
  { agency: 'education', name: 'Jo Head', role: 'Designated safeguarding lead' },
];
const conferenceAttendees = (scalings: number[]) =>
  JSON.stringify(ATTENDEES.map((a, i) => ({ ...a, attended: i !== 3, scaling: i === 3 ? null : (scalings[i] ?? null) })));

interface Episode {
  id: number;
  person_id: number;
  referral_date: string;
}

export async function seedProtection({ db, services, ctx, today, log }: DemoSeedContext): Promise<void> {
  const cal = defaultCalendar();
  const wdAgo = (n: number) => {
    // The working day n working days before today.
    let d = today;
    let count = 0;
    while (count < n) {
      d = addCalendarDays(d, -1);
      if (cal.isWorkingDay(d)) count++;
    }
    return d;
  };
  const team = await db.selectFrom('teams').select('id').where('name', '=', 'Child Protection').executeTakeFirst();
  const worker = await db.selectFrom('users').select('id').where('username', '=', 'social.worker').executeTakeFirst();
  const chair = await db.selectFrom('users').select('id').where('role', '=', 'iro').orderBy('id').executeTakeFirst();

  // Children: open episodes first; else children the MASH decided needed a strategy discussion.
  let episodes: Episode[] = await db
    .selectFrom('cin_episodes')
    .innerJoin('people', 'people.id', 'cin_episodes.person_id')
    .select(['cin_episodes.id', 'cin_episodes.person_id', 'cin_episodes.referral_date'])
    .where('cin_episodes.status', '=', 'open')
    .where('people.restricted', '=', false)
    .where('people.merged_into_id', 'is', null)
    .where('people.date_of_birth', 'is not', null)
    .orderBy('cin_episodes.id')
    .execute();
  const wanted = 7;
  if (episodes.length < wanted) {
    const have = new Set(episodes.map((e) => e.person_id));
    const candidates = await db
      .selectFrom('contact_children as cc')
      .innerJoin('contacts', 'contacts.id', 'cc.contact_id')
      .innerJoin('people', 'people.id', 'cc.person_id')
      .select(['cc.id', 'cc.person_id', 'contacts.received_date', 'contacts.source_code', 'cc.decision'])
      .where('people.restricted', '=', false)
      .where('people.merged_into_id', 'is', null)
      .where('people.date_of_birth', 'is not', null)
      .where('cc.decision', 'in', ['strategy_discussion', 'referral'])
      .orderBy('cc.decision', 'desc')
      .orderBy('contacts.received_date')
      .execute();
    for (const c of candidates) {
      if (episodes.length >= wanted) break;
      if (have.has(c.person_id)) continue;
      have.add(c.person_id);
      // The referral must be early enough for the stage it is given below.
      const referral = c.received_date < addCalendarMonths(today, -10) ? c.received_date : addCalendarMonths(today, -10);
      const row = await db
        .insertInto('cin_episodes')
        .values({ person_id: c.person_id, contact_child_id: c.id, referral_date: referral, referral_source: c.source_code, primary_need_code: 'N1', start_date: referral, end_date: null, closure_reason: null, team_id: team?.id ?? null, worker_id: worker?.id ?? null, created_by: ctx.user?.id ?? null })
        .returning(['id', 'person_id', 'referral_date'])
        .executeTakeFirstOrThrow();
      episodes.push(row);
    }
  }
  if (!episodes.length) return log('child protection: no children to seed');

  const counts = { discussions: 0, plans: 0 };
  await db.transaction().execute(async (tx) => {
    // The oldest stages go to the episodes with the earliest referrals; a stage with no child left is skipped.
    const byReferral = [...episodes].sort((a, b) => a.referral_date.localeCompare(b.referral_date));
    const ep = (stageNo: number) => byReferral[7 - stageNo];
    const stage = async (e: Episode, sdOn: string, decision: string, s47: null | { outcome: string | null; completedOn: string | null; reason?: string }) => {
      // The referral date must not be after the discussion.
      if (e.referral_date > sdOn) await tx.updateTable('cin_episodes').set({ referral_date: sdOn, start_date: sdOn }).where('id', '=', e.id).execute();
      const { id: sdId } = await tx
        .insertInto('strategy_discussions')
        .values({ episode_id: e.id, person_id: e.person_id, held_on: sdOn, attendees: JSON.stringify(ATTENDEES.slice(0, decision === 'no_s47' ? 2 : 3)), information_shared: 'Police checks, health records and school attendance shared. The child disclosed being hit with a belt.', decision, rationale: decision === 'no_s47' ? 'Threshold for s47 not met: injury explained and consistent; a single assessment continues.' : '', created_by: worker?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      counts.discussions++;
      await tx
        .insertInto('strategy_discussion_actions')
        .values([
          { strategy_discussion_id: sdId, description: 'Police to complete checks on the mother’s partner', owner: 'DS Kerry Lund', due_on: cal.addWorkingDays(sdOn, 2), done_on: null },
          { strategy_discussion_id: sdId, description: 'Health to share the child’s GP and A&E records', owner: 'Hana Ellis', due_on: cal.addWorkingDays(sdOn, 3), done_on: cal.addWorkingDays(sdOn, 2) <= today ? cal.addWorkingDays(sdOn, 2) : null },
        ])
        .execute();
      if (!s47) return null;
      const { id } = await tx
        .insertInto('s47_enquiries')
        .values({ strategy_discussion_id: sdId, episode_id: e.id, person_id: e.person_id, start_date: sdOn, icpc_target_date: icpcTargetDate(cal, sdOn), joint_with_police: decision === 's47_joint', child_seen: s47.completedOn ? true : null, child_seen_alone: s47.completedOn ? true : null, child_seen_on: s47.completedOn ? cal.addWorkingDays(sdOn, 1) : null, findings: s47.completedOn ? 'Bruising consistent with the account; home conditions poor; parents minimise.' : '', outcome: s47.outcome, icpc_not_required_reason: s47.reason ?? '', completed_on: s47.completedOn, created_by: worker?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    };
    const plan = async (e: Episode, sdOn: string, category: string, opts: { visitEvery: number; lastVisitWdAgo: number; reviews: Array<{ on: string; decision: 'continue' | 'end'; category?: string }>; preBirth?: boolean; network?: boolean }) => {
      const icpc = cal.addWorkingDays(sdOn, 12);
      const s47Id = await stage(e, sdOn, 's47_joint', { outcome: 'icpc', completedOn: cal.addWorkingDays(sdOn, 8) });
      const previous = await tx.selectFrom('cp_plans').select('id').where('person_id', '=', e.person_id).where('start_date', '<', icpc).execute();
      const ended = opts.reviews.find((r) => r.decision === 'end');
      const latest = [...opts.reviews].reverse().find((r) => r.category)?.category ?? category;
      const { id: planId } = await tx
        .insertInto('cp_plans')
        .values({ person_id: e.person_id, episode_id: e.id, start_date: icpc, initial_category: category, latest_category: latest, end_date: ended?.on ?? null, end_reason: ended ? 'review_conference' : null, previous_plans_count: previous.length, visit_frequency_working_days: 10, pre_birth: !!opts.preBirth, danger_statements: 'Social workers, police and the school are worried that Mum’s partner will hit the children again when he has been drinking, and they could be badly hurt.', safety_goals: 'Everyone will know the children are safe because a safe adult is always at home when Mum’s partner has been drinking, and the children can tell their safety person.', bottom_lines: 'If the children are hurt again, or the safety plan is not followed, we will ask the court to decide where the children should live.', created_by: worker?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      counts.plans++;
      await tx.insertInto('conferences').values({ kind: 'initial', person_id: e.person_id, s47_id: s47Id, plan_id: planId, held_on: icpc, chair_id: chair?.id ?? null, attendees: conferenceAttendees([3, 2, 4]), reports_received: 'Social work report; school report; health report', decision: 'plan', category, plan_start: icpc, created_by: chair?.id ?? null }).execute();
      await tx.insertInto('core_groups').values({ plan_id: planId, held_on: cal.addWorkingDays(icpc, 8), attendees: JSON.stringify(ATTENDEES.slice(0, 3)), notes: 'Plan agreed with the family; the safety network named.', created_by: worker?.id ?? null }).execute();
      for (const [i, r] of opts.reviews.entries()) {
        await tx.insertInto('conferences').values({ kind: 'review', person_id: e.person_id, s47_id: null, plan_id: planId, held_on: r.on, chair_id: chair?.id ?? null, attendees: conferenceAttendees([5 + i, 4 + i, 6 + i]), reports_received: 'Social work report; core group minutes', decision: r.decision, category: r.decision === 'continue' ? (r.category ?? category) : null, plan_start: null, created_by: chair?.id ?? null }).execute();
      }
      // Visits every `visitEvery` working days from the plan start up to `lastVisitWdAgo` working days ago (or the end).
      const lastAllowed = ended?.on ?? wdAgo(opts.lastVisitWdAgo);
      const visits: Array<{ plan_id: number; visited_on: string; seen: boolean; seen_alone: boolean; notes: string; created_by: number | null }> = [];
      for (let d = cal.addWorkingDays(icpc, opts.visitEvery), n = 0; d <= lastAllowed; d = cal.addWorkingDays(d, opts.visitEvery), n++) {
        visits.push({ plan_id: planId, visited_on: d, seen: n % 5 !== 3, seen_alone: n % 3 !== 1 && n % 5 !== 3, notes: n % 5 === 3 ? 'No one home; card left.' : 'Child seen in their bedroom; talked about school and their safety person.', created_by: worker?.id ?? null });
      }
      if (visits.length) await tx.insertInto('cp_visits').values(visits).execute();
      if (opts.network !== false) {
        await tx.insertInto('safety_network').values([
          { plan_id: planId, name: 'Grandmother', relationship: 'Maternal grandmother', role: 'Stays over when Mum’s partner has been drinking' },
          { plan_id: planId, name: 'Aunt', relationship: 'Maternal aunt', role: 'The children’s safety person: they can phone her' },
        ]).execute();
      }
      await tx.insertInto('cp_plan_actions').values([
        { plan_id: planId, who: 'Mum’s partner', what: 'Attend the alcohol service weekly', due_on: cal.addWorkingDays(icpc, 20), done_on: null },
        { plan_id: planId, who: 'Sam Walker (social worker)', what: 'Complete Words and Pictures with the children', due_on: cal.addWorkingDays(icpc, 15), done_on: cal.addWorkingDays(icpc, 14) <= today ? cal.addWorkingDays(icpc, 14) : null },
      ]).execute();
      return planId;
    };

    const e1 = ep(1), e2 = ep(2), e3 = ep(3), e4 = ep(4), e5 = ep(5), e6 = ep(6), e7 = ep(7);
    // 1. Strategy discussion held 4 working days ago, no s47 (actions open, one overdue).
    if (e1) await stage(e1, wdAgo(4), 'no_s47', null);
    // 2. s47 in progress: strategy discussion 5 working days ago.
    if (e2) await stage(e2, wdAgo(5), 's47_single', { outcome: null, completedOn: null });
    // 3. ICPC overdue: the s47 recommended a conference; 18 working days after the discussion none has been held.
    if (e3) await stage(e3, wdAgo(18), 's47_joint', { outcome: 'icpc', completedOn: wdAgo(10) });
    // 4. On a plan (NEG) since about 6 weeks ago, visits up to date.
    if (e4) await plan(e4, wdAgo(42), 'NEG', { visitEvery: 9, lastVisitWdAgo: 2, reviews: [] });
    // 5. On a plan (PHY) with a visit overdue (the last one 14 working days ago).
    if (e5) await plan(e5, wdAgo(60), 'PHY', { visitEvery: 10, lastVisitWdAgo: 14, reviews: [] });
    // 6. A review conference held: plan since ~4 months ago, reviewed within 3 months; latest category EMO.
    const sd6 = wdAgo(100);
    if (e6) await plan(e6, sd6, 'NEG', { visitEvery: 9, lastVisitWdAgo: 4, reviews: [{ on: addCalendarDays(addCalendarMonths(cal.addWorkingDays(sd6, 12), 3), -7), decision: 'continue', category: 'EMO' }] });
    // 7. A plan ended at its review conference.
    const sd7 = wdAgo(190);
    if (e7) await plan(e7, sd7, 'EMO', { visitEvery: 10, lastVisitWdAgo: 0, reviews: [{ on: addCalendarDays(addCalendarMonths(cal.addWorkingDays(sd7, 12), 3), -3), decision: 'end' }] });
    await writeAudit(tx, ctx, { action: 'demo.seed_protection', details: { ...counts } });
  });

  // 8. Pre-birth: an unborn baby of a family already known, expected in two months.
  const mother = await db.selectFrom('person_names').select('family_name').where('person_id', '=', episodes[0]!.person_id).where('kind', '=', 'current').executeTakeFirst();
  const baby = await services.people.create(ctx, { givenNames: 'Unborn', familyName: mother?.family_name ?? 'Baby', dateOfBirth: null, expectedDateOfBirth: addCalendarMonths(today, 2), sex: 'U' });
  const sdOn = wdAgo(30);
  const { id: epId } = await db.insertInto('cin_episodes').values({ person_id: baby, contact_child_id: null, referral_date: addCalendarDays(sdOn, -3), referral_source: '3F', primary_need_code: 'N1', start_date: addCalendarDays(sdOn, -3), end_date: null, closure_reason: null, team_id: team?.id ?? null, worker_id: worker?.id ?? null, created_by: ctx.user?.id ?? null }).returning('id').executeTakeFirstOrThrow();
  episodes = [{ id: epId, person_id: baby, referral_date: addCalendarDays(sdOn, -3) }];
  await seedPreBirth(db, cal, episodes[0]!, sdOn, chair?.id ?? null, worker?.id ?? null, today);
  await writeAudit(db, ctx, { action: 'demo.seed_protection', personIds: [baby], details: { preBirth: true } });
  log(`child protection: ${counts.discussions + 1} strategy discussions, ${counts.plans + 1} plans (one pre-birth)`);
}

async function seedPreBirth(db: Tx, cal: WorkingCalendar, e: Episode, sdOn: string, chairId: number | null, workerId: number | null, today: string) {
  await db.transaction().execute(async (tx) => {
    const { id: sdId } = await tx.insertInto('strategy_discussions').values({ episode_id: e.id, person_id: e.person_id, held_on: sdOn, attendees: JSON.stringify(ATTENDEES.slice(0, 3)), information_shared: 'Midwife reports Mum’s previous children were removed; Mum is using alcohol in pregnancy.', decision: 's47_single', rationale: '', created_by: workerId }).returning('id').executeTakeFirstOrThrow();
    const icpc = cal.addWorkingDays(sdOn, 14);
    const { id: s47Id } = await tx.insertInto('s47_enquiries').values({ strategy_discussion_id: sdId, episode_id: e.id, person_id: e.person_id, start_date: sdOn, icpc_target_date: icpcTargetDate(cal, sdOn), joint_with_police: false, child_seen: false, child_seen_alone: false, child_seen_on: null, findings: 'Unborn: Mum seen at the antenatal clinic.', outcome: 'icpc', icpc_not_required_reason: '', completed_on: cal.addWorkingDays(sdOn, 10), created_by: workerId }).returning('id').executeTakeFirstOrThrow();
    const { id: planId } = await tx.insertInto('cp_plans').values({ person_id: e.person_id, episode_id: e.id, start_date: icpc, initial_category: 'NEG', latest_category: 'NEG', end_date: null, end_reason: null, previous_plans_count: 0, visit_frequency_working_days: 10, pre_birth: true, danger_statements: 'Professionals are worried that Mum will drink heavily after the baby is born and be unable to care for the baby safely.', safety_goals: 'The baby will be cared for by a sober adult at all times.', bottom_lines: 'If Mum is drinking when the baby is born, the baby will not go home with her.', created_by: workerId }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('conferences').values({ kind: 'initial', person_id: e.person_id, s47_id: s47Id, plan_id: planId, held_on: icpc, chair_id: chairId, attendees: conferenceAttendees([3, 3, 2]), reports_received: 'Midwife report; social work report', decision: 'plan', category: 'NEG', plan_start: icpc, created_by: chairId }).execute();
    const core = cal.addWorkingDays(icpc, 7);
    if (core <= today) await tx.insertInto('core_groups').values({ plan_id: planId, held_on: core, attendees: JSON.stringify(ATTENDEES.slice(0, 3)), notes: 'Birth plan agreed with the hospital.', created_by: workerId }).execute();
  });
}
