/**
 * Child protection in the demo council, as each child's story says (src/demo/stories.ts): strategy discussions with
 * actions (the newest with one overdue; no s47 for some, with the rationale), s47 enquiries (one in progress, one
 * whose ICPC is overdue), initial conferences on day 11 or 12 with each attendee's scaling, plans in every category
 * with their danger statements, safety goals and bottom lines from the child's mapping, core groups, statutory visits
 * (one overdue), review conferences (a category changed, plans ended and stepped down), and a pre-birth plan.
 * One transaction, one audit event. All fictional.
 */
import type { DemoSeedContext } from '../demo/seeders.js';
import { demoCases, preBirthEpisode, THEMES, type DemoCase } from '../demo/stories.js';
import { writeAudit } from '../audit/audit-log.js';
import type { Tx } from '../db/transaction.js';
import { addCalendarDays } from '../time/index.js';

const ATTENDEES = [
  { agency: 'social_care', name: 'Sam Walker', role: 'Social worker' },
  { agency: 'police', name: 'DS Kerry Lund', role: 'Child abuse investigation team' },
  { agency: 'health', name: 'Hana Ellis', role: 'Named nurse for safeguarding' },
  { agency: 'education', name: 'Jo Head', role: 'Designated safeguarding lead' },
];
/** Attendees and apologies (education sends apologies), each attendee's scaling around the median on the day. */
const conferenceAttendees = (median: number) =>
  JSON.stringify(ATTENDEES.map((a, i) => ({ ...a, attended: i !== 3, scaling: i === 3 ? null : Math.max(0, Math.min(10, median + [0, 1, -1][i]!)) })));

/** The median scaling on the child's story nearest before `on` (3 if there is none). */
function medianOn(story: DemoCase, on: string): number {
  return [...(story.sos?.scaling ?? [])].reverse().find((s) => s.on <= on)?.median ?? 3;
}

async function writeStory(tx: Tx, story: DemoCase, ep: { id: number; person_id: number }, today: string, worker: number | null, chair: number | null, counts: Record<string, number>) {
  const sd = story.strategy!;
  const personId = ep.person_id;
  const theme = THEMES[story.sos?.theme ?? 'drinking'];
  // The newest discussions (in the last fortnight, with no plan yet) still have the police's action open.
  const recent = !story.cpPlan && sd.on >= addCalendarDays(today, -14);
  const { id: sdId } = await tx
    .insertInto('strategy_discussions')
    .values({
      episode_id: ep.id, person_id: personId, held_on: sd.on,
      attendees: JSON.stringify(ATTENDEES.slice(0, sd.decision === 'no_s47' ? 2 : 3)),
      information_shared: story.preBirth ? 'Midwife reports that Mum’s older child was on a child protection plan for neglect last year; Mum is drinking in pregnancy.' : 'Police checks, health records and school or nursery attendance shared; each agency said what it knows and what it is worried about.',
      decision: sd.decision,
      rationale: sd.decision === 'no_s47' ? 'Threshold for s47 not met: the injury is explained and consistent; the single assessment continues.' : '',
      created_by: worker,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  counts.discussions = (counts.discussions ?? 0) + 1;
  // Actions: health's done two working days later; the police's still open on the newest discussions (one overdue).
  const policeDue = story.s47?.childSeenOn ?? sd.on;
  await tx.insertInto('strategy_discussion_actions').values([
    { strategy_discussion_id: sdId, description: 'Police to complete checks on the mother’s partner', owner: 'DS Kerry Lund', due_on: policeDue > sd.on ? policeDue : sd.on, done_on: recent ? null : policeDue },
    { strategy_discussion_id: sdId, description: 'Health to share the child’s GP and A&E records', owner: 'Hana Ellis', due_on: policeDue > sd.on ? policeDue : sd.on, done_on: policeDue <= today ? policeDue : null },
  ]).execute();
  const s47 = story.s47;
  if (!s47) return;
  const { id: s47Id } = await tx
    .insertInto('s47_enquiries')
    .values({
      strategy_discussion_id: sdId, episode_id: ep.id, person_id: personId, start_date: s47.start, icpc_target_date: s47.icpcTarget,
      joint_with_police: sd.decision === 's47_joint', child_seen: s47.childSeenOn ? true : story.preBirth ? false : null, child_seen_alone: s47.childSeenOn ? true : story.preBirth ? false : null, child_seen_on: s47.childSeenOn,
      findings: s47.completed ? (story.preBirth ? 'Unborn: Mum seen at the antenatal clinic; she minimises her drinking.' : 'The child’s account is consistent; the harm is substantiated; the parents minimise it.') : '',
      outcome: s47.outcome, icpc_not_required_reason: '', completed_on: s47.completed, created_by: worker,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const plan = story.cpPlan;
  if (!plan) return;
  const previous = await tx.selectFrom('cp_plans').select('id').where('person_id', '=', personId).where('start_date', '<', plan.icpc).execute();
  const { id: planId } = await tx
    .insertInto('cp_plans')
    .values({
      person_id: personId, episode_id: ep.id, start_date: plan.icpc, initial_category: plan.category, latest_category: plan.latestCategory,
      end_date: plan.end, end_reason: plan.end ? 'review_conference' : null, previous_plans_count: previous.length, visit_frequency_working_days: plan.visitEvery, pre_birth: plan.preBirth,
      danger_statements: theme.dangers.map(([who, worry, might]) => `${who} are worried about ${worry}: ${might}.`).join('\n'),
      safety_goals: theme.dangers.map(([, , , goal, sustained]) => `${goal}, ${sustained}.`).join('\n'),
      bottom_lines: theme.bottomLine,
      created_by: worker,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  counts.plans = (counts.plans ?? 0) + 1;
  await tx.insertInto('conferences').values({ kind: 'initial', person_id: personId, s47_id: s47Id, plan_id: planId, held_on: plan.icpc, chair_id: chair, attendees: conferenceAttendees(medianOn(story, plan.icpc)), reports_received: story.preBirth ? 'Midwife report; social work report' : 'Social work report; school report; health report', decision: 'plan', category: plan.category, plan_start: plan.icpc, created_by: chair }).execute();
  if (plan.coreGroups.length) {
    await tx.insertInto('core_groups').values(plan.coreGroups.map((on, i) => ({ plan_id: planId, held_on: on, attendees: JSON.stringify(ATTENDEES.slice(0, 3)), notes: i === 0 ? (plan.preBirth ? 'Birth plan agreed with the hospital.' : 'Plan agreed with the family; the safety network named.') : 'Actions reviewed; the safety network is working.', created_by: worker }))).execute();
  }
  for (const r of plan.reviews) {
    await tx.insertInto('conferences').values({ kind: 'review', person_id: personId, s47_id: null, plan_id: planId, held_on: r.on, chair_id: chair, attendees: conferenceAttendees(medianOn(story, r.on)), reports_received: 'Social work report; core group minutes', decision: r.decision, category: r.decision === 'continue' ? (r.category ?? plan.category) : null, plan_start: null, created_by: chair }).execute();
  }
  if (plan.visits.length) {
    await tx.insertInto('cp_visits').values(plan.visits.map((v) => ({ plan_id: planId, visited_on: v.on, seen: v.seen, seen_alone: v.seenAlone, notes: plan.preBirth ? 'Mum seen at home before the birth; the baby’s room is ready and her sister is staying.' : v.seen ? 'Child seen in their bedroom; talked about school and their safety person.' : 'No one home; card left and a visit booked for the next day.', created_by: worker }))).execute();
  }
  await tx.insertInto('safety_network').values([
    { plan_id: planId, name: 'Grandmother', relationship: 'Maternal grandmother', role: 'Stays over when the worries are highest' },
    { plan_id: planId, name: 'Aunt', relationship: 'Maternal aunt', role: 'The children’s safety person: they can phone her' },
  ]).execute();
  const due1 = plan.coreGroups[0] ?? plan.icpc;
  await tx.insertInto('cp_plan_actions').values([
    { plan_id: planId, who: plan.preBirth ? 'Mum' : 'Mum’s partner', what: 'Attend the alcohol service weekly', due_on: plan.end ?? due1, done_on: plan.end ? plan.end : null },
    { plan_id: planId, who: 'Sam Walker (social worker)', what: plan.preBirth ? 'Agree the birth plan with the hospital' : 'Complete Words and Pictures with the children', due_on: due1, done_on: due1 <= today && plan.coreGroups.length ? due1 : null },
  ]).execute();
}

export async function seedProtection(c: DemoSeedContext): Promise<void> {
  const { db, today, log } = c;
  const worker = (await db.selectFrom('users').select('id').where('username', '=', 'social.worker').executeTakeFirst())?.id ?? null;
  const chair = (await db.selectFrom('users').select('id').where('role', '=', 'iro').orderBy('id').executeTakeFirst())?.id ?? null;
  const cases = (await demoCases(c)).filter((x) => x.strategy);
  const byReferral = new Map((await db.selectFrom('cin_episodes').select(['id', 'person_id', 'contact_child_id']).where('contact_child_id', 'is not', null).execute()).map((e) => [e.contact_child_id!, e]));
  const preBirth = await preBirthEpisode(db);
  const done = new Set((await db.selectFrom('strategy_discussions').select('episode_id').execute()).map((s) => s.episode_id));
  const counts: Record<string, number> = {};
  const personIds: number[] = [];
  await db.transaction().execute(async (tx) => {
    for (const story of cases) {
      const ep = story.referral ? byReferral.get(story.referral.contactChildId) : story.preBirth ? preBirth : undefined;
      if (!ep || done.has(ep.id)) continue;
      done.add(ep.id);
      personIds.push(ep.person_id);
      await writeStory(tx, story, ep, today, worker, chair, counts);
    }
    if (personIds.length) await writeAudit(tx, c.ctx, { action: 'demo.seed_protection', personIds, details: { ...counts } });
  });
  log(`child protection: ${counts.discussions ?? 0} strategy discussions, ${counts.plans ?? 0} plans`);
}
