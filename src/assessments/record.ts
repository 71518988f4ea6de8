import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CaseClock, ClockQuery, ClockSource } from '../casework/clocks.js';
import type { ChronologySource, RecordSection } from '../casework/record-sections.js';
import type { WorkingCalendar } from '../time/index.js';
import { todayInLondon } from '../time/index.js';
import { CLOCK_TAGS } from '../web/clock-tags.js';
import { readAssessmentSettings } from './assessment-settings.js';
import { OUTCOMES, STATUSES, STATUS_TAGS, assessmentClock, closureReasonFor, guidanceDueDate, nextReviewDue, type AssessmentStatus } from './rules.js';

const outcomeText = (o: string | null) => (o && o in OUTCOMES ? OUTCOMES[o as keyof typeof OUTCOMES] : 'not recorded');

/**
 * The statutory clocks of this module: manager guidance due (local), assessment due (timescale set, never beyond
 * 45 working days from the referral) and CIN plan review due. Only open episodes count.
 */
export const assessmentClocks: ClockSource = async (db: Kysely<Database>, query: ClockQuery, calendar: WorkingCalendar, today: string): Promise<CaseClock[]> => {
  let aq = db
    .selectFrom('assessments')
    .innerJoin('cin_episodes', 'cin_episodes.id', 'assessments.episode_id')
    .select(['assessments.id', 'assessments.person_id', 'assessments.episode_id', 'assessments.status', 'assessments.requested_date', 'assessments.start_date', 'assessments.due_date', 'cin_episodes.worker_id', 'cin_episodes.team_id'])
    .where('assessments.status', '!=', 'authorised')
    .where('cin_episodes.status', '=', 'open');
  let pq = db
    .selectFrom('cin_plans')
    .innerJoin('cin_episodes', 'cin_episodes.id', 'cin_plans.episode_id')
    .select(['cin_plans.id', 'cin_plans.person_id', 'cin_plans.episode_id', 'cin_plans.start_date', 'cin_plans.end_date', 'cin_plans.review_interval_weeks', 'cin_episodes.worker_id', 'cin_episodes.team_id'])
    .where('cin_plans.end_date', 'is', null)
    .where('cin_episodes.status', '=', 'open');
  if (query.personIds) {
    if (!query.personIds.length) return [];
    aq = aq.where('assessments.person_id', 'in', query.personIds);
    pq = pq.where('cin_plans.person_id', 'in', query.personIds);
  }
  if (query.workerId !== undefined) {
    aq = aq.where('cin_episodes.worker_id', '=', query.workerId);
    pq = pq.where('cin_episodes.worker_id', '=', query.workerId);
  }
  if (query.teamIds) {
    if (!query.teamIds.length) return [];
    aq = aq.where('cin_episodes.team_id', 'in', query.teamIds);
    pq = pq.where('cin_episodes.team_id', 'in', query.teamIds);
  }
  const [assessments, plans, settings] = await Promise.all([aq.execute(), pq.execute(), readAssessmentSettings(db)]);
  const reviews = plans.length ? await db.selectFrom('cin_plan_reviews').select(['plan_id', 'review_date', 'next_review_date']).where('plan_id', 'in', plans.map((p) => p.id)).execute() : [];
  const clocks: CaseClock[] = [];
  for (const a of assessments) {
    const common = { personId: a.person_id, episodeId: a.episode_id, workerId: a.worker_id, teamId: a.team_id, href: `/assessments/${a.id}` };
    if (a.status === 'awaiting_guidance') {
      const due = guidanceDueDate(calendar, a.requested_date, settings);
      const c = calendar.clockStatusForDueDate(a.requested_date, due, today, null);
      clocks.push({ ...common, label: 'Manager guidance for the assessment', dueDate: due, status: c.status, workingDaysLeft: c.workingDaysRemaining, href: `/assessments/${a.id}/guidance` });
    } else {
      const c = assessmentClock(calendar, { start_date: a.start_date, due_date: a.due_date, authorisation_date: null }, today);
      if (c) clocks.push({ ...common, label: a.status === 'submitted' ? 'Assessment to be authorised' : 'Assessment to be completed and authorised', dueDate: c.dueDate, status: c.status, workingDaysLeft: c.workingDaysRemaining });
    }
  }
  for (const p of plans) {
    const due = nextReviewDue(p, reviews.filter((r) => r.plan_id === p.id));
    if (!due) continue;
    const last = reviews.filter((r) => r.plan_id === p.id).map((r) => r.review_date).sort().at(-1) ?? p.start_date;
    const c = calendar.clockStatusForDueDate(last, due < last ? last : due, today, null, { dueSoonThreshold: 10 });
    clocks.push({ label: 'Child in need plan review', dueDate: due, status: c.status, workingDaysLeft: c.workingDaysRemaining, href: `/cin-plans/${p.id}`, personId: p.person_id, episodeId: p.episode_id, workerId: p.worker_id, teamId: p.team_id });
  }
  return clocks;
};

/**
 * What the top of the child's record says (casework RecordStatus): a child in need plan open on an open episode
 * (priority 20), else an assessment not yet authorised on one (10, with where it has got to).
 */
export function recordStatusOf(
  current: { status: string; episode_id: number } | null,
  plans: Array<{ end_date: string | null; episode_id: number }>,
  openEpisodeIds: number[],
): { text: string; priority: number } | null {
  if (plans.some((p) => !p.end_date && openEpisodeIds.includes(p.episode_id))) return { text: 'Child in need plan', priority: 20 };
  if (current && openEpisodeIds.includes(current.episode_id)) {
    const where = STATUSES[current.status as AssessmentStatus];
    return { text: `Open assessment${where ? `: ${where.toLowerCase()}` : ''}`, priority: 10 };
  }
  return null;
}

/** The child's record: the current assessment with its clock, past assessments, CIN plans. */
export const assessmentsRecordSection: RecordSection = {
  template: 'assessments/views/record-section.njk',
  order: 20,
  async load(services, _ctx, personId) {
    const today = todayInLondon();
    const calendar = await services.calendar.calendar();
    const { assessments, plans } = await services.assessments.forPerson(personId);
    const episodes = await services.assessments.openEpisodes(personId);
    const clocks = await services.assessments.clocks({ personIds: [personId] }, calendar, today);
    const rows = assessments.map((a) => {
      const clock = clocks.find((c) => c.href.startsWith(`/assessments/${a.id}`)) ?? null;
      return {
        ...a,
        statusText: STATUSES[a.status as AssessmentStatus] ?? a.status,
        statusTag: STATUS_TAGS[a.status as AssessmentStatus] ?? '',
        outcomeText: a.outcome ? outcomeText(a.outcome) : null,
        clock,
        clockTag: clock ? CLOCK_TAGS[clock.status] : null,
        closure: a.status === 'authorised' ? closureReasonFor(a.outcome) : null,
      };
    });
    const current = rows.find((a) => a.status !== 'authorised') ?? null;
    return {
      personId,
      current,
      recordStatus: recordStatusOf(current, plans, episodes.map((e) => e.id)),
      past: rows.filter((a) => a !== current),
      plans: plans.map((p) => ({ ...p, nextReview: nextReviewDue(p, p.reviews) })),
      canStart: episodes.length > 0 && !current,
    };
  },
};

export const assessmentsChronology: ChronologySource = {
  async load(services, _ctx, personId) {
    const { assessments, plans } = await services.assessments.forPerson(personId);
    const entries = [];
    for (const a of assessments) {
      if (a.start_date) entries.push({ date: a.start_date, kind: 'Assessment', summary: `Assessment started (timescale ${a.timescale_working_days} working days, due ${a.due_date})`, href: `/assessments/${a.id}` });
      if (a.authorisation_date) entries.push({ date: a.authorisation_date, kind: 'Assessment', summary: `Assessment authorised: ${outcomeText(a.outcome)}`, href: `/assessments/${a.id}` });
    }
    for (const p of plans) {
      entries.push({ date: p.start_date, kind: 'Child in need plan', summary: 'Child in need plan started', href: `/cin-plans/${p.id}` });
      for (const r of p.reviews) entries.push({ date: r.review_date, kind: 'Child in need plan', summary: `Child in need plan reviewed: ${r.outcome}`, href: `/cin-plans/${p.id}` });
      if (p.end_date) entries.push({ date: p.end_date, kind: 'Child in need plan', summary: `Child in need plan ended: ${p.end_reason ?? ''}`, href: `/cin-plans/${p.id}` });
    }
    return entries;
  },
};
