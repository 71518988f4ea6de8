/**
 * Demo assessments for the children in need episodes open at seed time (none: nothing is created), one in each state:
 * awaiting guidance, in progress, overdue, submitted, authorised with a CIN plan (and a review) and authorised with
 * no further action. Fictional, as all demo data. One transaction, one audit event.
 */
import type { DemoSeedContext } from '../demo/seeders.js';
import { writeAudit } from '../audit/audit-log.js';
import { addCalendarDays } from '../time/index.js';
import { assessmentDueDate, DEFAULT_SETTINGS } from './rules.js';

type Kind = 'overdue' | 'cin_plan' | 'nfa' | 'submitted' | 'in_progress' | 'awaiting_guidance';
/** Oldest referrals first: the overdue one needs a referral more than 10 working days ago. */
const ORDER: Kind[] = ['overdue', 'cin_plan', 'nfa', 'submitted', 'in_progress', 'awaiting_guidance'];

export async function seedAssessments(c: DemoSeedContext): Promise<void> {
  const episodes = await c.db.selectFrom('cin_episodes').select(['id', 'person_id', 'referral_date']).where('status', '=', 'open').orderBy('referral_date').orderBy('id').execute();
  if (!episodes.length) return;
  const calendar = await c.services.calendar.calendar();
  const users = new Map((await c.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const worker = users.get('social.worker') ?? null;
  const manager = users.get('team.manager') ?? null;
  const cap = (d: string) => (d > c.today ? c.today : d);
  let plans = 0;
  const counts: Record<string, number> = {};
  await c.db.transaction().execute(async (tx) => {
    for (const [i, e] of episodes.entries()) {
      let kind = ORDER[i % ORDER.length]!;
      const start = cap(calendar.isWorkingDay(e.referral_date) ? e.referral_date : calendar.addWorkingDays(e.referral_date, 1));
      // Overdue needs the 10-day timescale to have passed; otherwise the episode is simply in progress.
      if (kind === 'overdue' && calendar.addWorkingDays(start, 10) >= c.today) kind = 'in_progress';
      counts[kind] = (counts[kind] ?? 0) + 1;
      const timescale = kind === 'overdue' ? 10 : kind === 'in_progress' ? 35 : 20;
      const due = assessmentDueDate(calendar, e.referral_date, start, timescale).dueDate;
      const done = kind === 'cin_plan' || kind === 'nfa';
      const authorised = done ? cap(calendar.addWorkingDays(start, 8)) : null;
      const guided = kind !== 'awaiting_guidance';
      const filled = kind !== 'awaiting_guidance' && kind !== 'in_progress';
      const { id } = await tx
        .insertInto('assessments')
        .values({
          episode_id: e.id, person_id: e.person_id, requested_date: start,
          status: kind === 'awaiting_guidance' ? 'awaiting_guidance' : done ? 'authorised' : kind === 'submitted' ? 'submitted' : 'in_progress',
          start_date: guided ? start : null,
          guidance: guided ? 'See the children alone at school and at home; speak to the father; check with health about missed appointments.' : '',
          guidance_by: guided ? manager : null, guidance_at: guided ? new Date(`${start}T10:00:00Z`) : null,
          timescale_working_days: guided ? timescale : null, due_date: guided ? due : null,
          child_seen: filled || kind === 'overdue' ? 'seen_alone' : null, child_seen_date: filled || kind === 'overdue' ? start : null,
          child_voice: filled || kind === 'overdue' ? 'Drew her three houses: worried about shouting at home; good things are her gran and her dog; dreams of being a vet.' : '',
          risk_factors: filled ? 'Arguments between the adults late at night; mum’s low mood; missed health appointments.' : '',
          protective_factors: filled ? 'Gran lives nearby and visits daily; the children attend school every day; mum asked for help.' : '',
          factors: JSON.stringify(kind === 'nfa' ? ['21'] : filled ? ['3B', '4B'] : []),
          analysis: filled ? (kind === 'nfa' ? 'The concern was a one-off argument; no ongoing worries; family supported by gran.' : 'Needs are met only with a plan: domestic abuse support and mum’s mental health.') : '',
          outcome: kind === 'nfa' ? 'nfa' : filled ? 'cin_plan' : null,
          submitted_by: filled ? worker : null, submitted_at: filled ? new Date(`${authorised ?? c.today}T09:00:00Z`) : null,
          authorised_by: done ? manager : null, authorised_at: done ? new Date(`${authorised}T15:00:00Z`) : null, authorisation_date: authorised,
          authorisation_comments: done ? 'Clear analysis; agree the outcome.' : '',
          created_by: worker,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (filled) {
        await tx.insertInto('assessment_others').values([
          { assessment_id: id, name: 'Dan (father)', relationship: 'Father, lives apart', absent_parent: true, contacted: true, view: 'Wants to see the children more and would support a plan.' },
          { assessment_id: id, name: 'Gran', relationship: 'Maternal grandmother', absent_parent: false, contacted: true, view: 'Worried about her daughter; visits every day.' },
        ]).execute();
      }
      if (kind === 'cin_plan') {
        const planStart = authorised!;
        const { id: planId } = await tx.insertInto('cin_plans').values({ episode_id: e.id, person_id: e.person_id, assessment_id: id, start_date: planStart, end_date: null, end_reason: null, review_interval_weeks: DEFAULT_SETTINGS.cinReviewWeeks, created_by: worker }).returning('id').executeTakeFirstOrThrow();
        const reviewDate = cap(addCalendarDays(planStart, 28));
        await tx.insertInto('cin_plan_reviews').values({ plan_id: planId, review_date: reviewDate, outcome: 'Mum engaging with her GP; domestic abuse service has made contact. Plan continues.', next_review_date: addCalendarDays(reviewDate, 42), created_by: worker }).execute();
        plans++;
      }
    }
    await writeAudit(tx, c.ctx, { action: 'assessments.demo_seed', recordType: 'assessment', personIds: episodes.map((e) => e.person_id), details: { assessments: episodes.length, plans } });
  });
  c.log(`  ${episodes.length} assessments (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}), ${plans} CIN plans`);
}
