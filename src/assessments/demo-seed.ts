/**
 * Demo assessments and CIN plans, as each child's story says (src/demo/stories.ts): awaiting guidance, in progress,
 * overdue against the timescale set, submitted, authorised (NFA and early help before a closure, a CIN plan with its
 * reviews, a strategy discussion before child protection), with absent parents and others' views. An open episode
 * with no story and no assessment (one opened outside the demo's front door) gets one in the next state of the cycle
 * below, so every state is there. Fictional, as all demo data. One transaction, one audit event.
 */
import type { DemoSeedContext } from '../demo/seeders.js';
import { demoCases, preBirthEpisode, type AssessmentStory, type CinPlanStory, type DemoCase } from '../demo/stories.js';
import { writeAudit } from '../audit/audit-log.js';
import { addCalendarDays } from '../time/index.js';
import { assessmentDueDate, DEFAULT_SETTINGS } from './rules.js';
import type { Tx } from '../db/transaction.js';

type Kind = 'overdue' | 'cin_plan' | 'nfa' | 'submitted' | 'in_progress' | 'awaiting_guidance';
/** Oldest referrals first: the overdue one needs a referral more than 10 working days ago. */
const ORDER: Kind[] = ['overdue', 'cin_plan', 'nfa', 'submitted', 'in_progress', 'awaiting_guidance'];

const VOICE = 'Drew her three houses: worried about shouting at home; good things are her gran and her dog; dreams of being a vet.';
const YOUNG_VOICE = 'Too young to talk about home: observed playing on the floor, babbling to mum and going to her for comfort when I came in.';
const ANALYSIS: Record<string, string> = {
  nfa: 'The concern was a one-off argument; no ongoing worries; family supported by gran.',
  early_help: 'Needs are real but can be met by family support with the school: no need for a social worker.',
  cin_plan: 'Needs are met only with a plan: domestic abuse support and mum’s mental health.',
  strategy_discussion: 'The child has been harmed and may be at risk of significant harm: a strategy discussion is needed today.',
};

/** The child's story: a baby or toddler is observed with their parent, not asked to draw. */
function writeStory(tx: Tx, story: DemoCase, episodeId: number, personId: number, worker: number | null, manager: number | null): Promise<boolean> {
  const a = story.assessment!;
  const dob = story.referral?.dateOfBirth ?? null;
  const young = !!dob && dob > addCalendarDays(a.requested, -4 * 365);
  return writeAssessment(tx, a, story.cinPlan, { young, preBirth: !!story.preBirth, writtenUp: a.status === 'submitted' || a.status === 'authorised' }, episodeId, personId, worker, manager);
}

/** One assessment (with the absent father's and gran's views once it is written up) and its CIN plan, if any. */
async function writeAssessment(
  tx: Tx, a: AssessmentStory, plan: CinPlanStory | null, child: { young: boolean; preBirth: boolean; writtenUp: boolean },
  episodeId: number, personId: number, worker: number | null, manager: number | null,
): Promise<boolean> {
  const { young } = child;
  const guided = a.status !== 'awaiting_guidance';
  // Risks, factors, analysis and the others' views written up.
  const filled = child.writtenUp;
  const done = a.status === 'authorised';
  const { id } = await tx
    .insertInto('assessments')
    .values({
      episode_id: episodeId, person_id: personId, requested_date: a.requested, status: a.status,
      start_date: a.start,
      guidance: guided ? 'See the children alone at school and at home; speak to the father; check with health about missed appointments.' : '',
      guidance_by: guided ? manager : null, guidance_at: guided ? new Date(`${a.start}T10:00:00Z`) : null,
      timescale_working_days: a.timescale, due_date: a.due,
      child_seen: a.childSeenOn ? (a.seenWithParent || young ? 'seen' : 'seen_alone') : child.preBirth && filled ? 'not_seen' : null, child_seen_date: a.childSeenOn,
      child_voice: a.childSeenOn ? (young ? YOUNG_VOICE : VOICE) : '',
      risk_factors: filled ? 'Arguments between the adults late at night; mum’s low mood; missed health appointments.' : '',
      protective_factors: filled ? 'Gran lives nearby and visits daily; the children attend school every day; mum asked for help.' : '',
      factors: JSON.stringify(filled ? a.factors : []),
      analysis: filled && a.outcome ? ANALYSIS[a.outcome]! : '',
      outcome: filled ? a.outcome : null,
      submitted_by: filled ? worker : null, submitted_at: filled ? new Date(`${a.submitted}T09:00:00Z`) : null,
      authorised_by: done ? manager : null, authorised_at: done ? new Date(`${a.authorised}T15:00:00Z`) : null, authorisation_date: a.authorised,
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
  if (!plan) return false;
  const { id: planId } = await tx.insertInto('cin_plans').values({ episode_id: episodeId, person_id: personId, assessment_id: id, start_date: plan.start, end_date: plan.end, end_reason: plan.endReason, review_interval_weeks: DEFAULT_SETTINGS.cinReviewWeeks, created_by: worker }).returning('id').executeTakeFirstOrThrow();
  if (plan.reviews.length) await tx.insertInto('cin_plan_reviews').values(plan.reviews.map((r) => ({ plan_id: planId, review_date: r.on, outcome: r.outcome, next_review_date: r.next, created_by: worker }))).execute();
  return true;
}

export async function seedAssessments(c: DemoSeedContext): Promise<void> {
  const users = new Map((await c.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const worker = users.get('social.worker') ?? null;
  const manager = users.get('team.manager') ?? null;
  const cases = await demoCases(c);
  const byReferral = new Map((await c.db.selectFrom('cin_episodes').select(['id', 'person_id', 'contact_child_id']).where('contact_child_id', 'is not', null).execute()).map((e) => [e.contact_child_id!, e]));
  const preBirth = await preBirthEpisode(c.db);
  const assessed = new Set((await c.db.selectFrom('assessments').select('episode_id').execute()).map((a) => a.episode_id));
  const storied = new Set<number>();
  let plans = 0;
  let created = 0;
  const personIds: number[] = [];
  const counts: Record<string, number> = {};
  await c.db.transaction().execute(async (tx) => {
    for (const story of cases) {
      const ep = story.referral ? byReferral.get(story.referral.contactChildId) : story.preBirth ? preBirth : undefined;
      // A child whose story has no assessment yet (waiting to be allocated) gets none below either.
      if (ep && !story.assessment) storied.add(ep.id);
      if (!ep || !story.assessment || assessed.has(ep.id)) continue;
      assessed.add(ep.id);
      if (await writeStory(tx, story, ep.id, ep.person_id, worker, manager)) plans++;
      created++;
      personIds.push(ep.person_id);
      counts[story.assessment.status] = (counts[story.assessment.status] ?? 0) + 1;
    }
  });
  const more = await seedOtherEpisodes(c, new Set([...assessed, ...storied]), worker, manager);
  plans += more.plans;
  created += more.created;
  for (const [k, n] of Object.entries(more.counts)) counts[k] = (counts[k] ?? 0) + n;
  if (!created) return;
  await writeAudit(c.db, c.ctx, { action: 'assessments.demo_seed', recordType: 'assessment', personIds: [...personIds, ...more.personIds], details: { assessments: created, plans } });
  c.log(`  ${created} assessments (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}), ${plans} CIN plans`);
}

/** Open episodes with no story and no assessment: one assessment each, cycling through the states. */
async function seedOtherEpisodes(c: DemoSeedContext, assessed: Set<number>, worker: number | null, manager: number | null) {
  const all = await c.db.selectFrom('cin_episodes').select(['id', 'person_id', 'referral_date']).where('status', '=', 'open').orderBy('referral_date').orderBy('id').execute();
  const episodes = all.filter((e) => !assessed.has(e.id));
  const counts: Record<string, number> = {};
  let plans = 0;
  if (!episodes.length) return { created: 0, plans, counts, personIds: [] as number[] };
  const calendar = await c.services.calendar.calendar();
  const cap = (d: string) => (d > c.today ? c.today : d);
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
      const seen = filled || kind === 'overdue';
      const assessment: AssessmentStory = {
        requested: start,
        status: kind === 'awaiting_guidance' ? 'awaiting_guidance' : done ? 'authorised' : kind === 'submitted' ? 'submitted' : 'in_progress',
        start: guided ? start : null,
        timescale: guided ? timescale : null,
        due: guided ? due : null,
        childSeenOn: seen ? start : null,
        seenWithParent: false,
        submitted: filled ? (authorised ?? c.today) : null,
        authorised,
        outcome: kind === 'nfa' ? 'nfa' : filled ? 'cin_plan' : null,
        factors: kind === 'nfa' ? ['21'] : filled ? ['3B', '4B'] : [],
      };
      let plan: CinPlanStory | null = null;
      if (kind === 'cin_plan') {
        const reviewDate = cap(addCalendarDays(authorised!, 28));
        plan = { start: authorised!, end: null, endReason: null, reviews: [{ on: reviewDate, outcome: 'Mum engaging with her GP; domestic abuse service has made contact. Plan continues.', next: addCalendarDays(reviewDate, 42) }] };
      }
      if (await writeAssessment(tx, assessment, plan, { young: false, preBirth: false, writtenUp: filled }, e.id, e.person_id, worker, manager)) plans++;
    }
  });
  return { created: episodes.length, plans, counts, personIds: episodes.map((e) => e.person_id) };
}
