import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CaseClock, ClockQuery, ClockSource } from '../casework/clocks.js';
import type { ClockResult, WorkingCalendar } from '../time/index.js';
import { DUE_SOON_WORKING_DAYS, coreGroupClock, reviewClock, visitClock } from './rules.js';

/** Restricts a query on a table with person_id and episode_id to the people, worker or teams asked for. */
function episodesFor(db: Kysely<Database>, q: ClockQuery) {
  let e = db.selectFrom('cin_episodes').select(['id', 'person_id', 'worker_id', 'team_id']);
  if (q.personIds) e = e.where('person_id', 'in', q.personIds.length ? q.personIds : [-1]);
  if (q.workerId !== undefined) e = e.where('worker_id', '=', q.workerId);
  if (q.teamIds) e = e.where('team_id', 'in', q.teamIds.length ? q.teamIds : [-1]);
  return e.execute();
}

const clock = (label: string, r: ClockResult, href: string, personId: number, ep: { id: number; worker_id: number | null; team_id: number | null }): CaseClock => ({
  label, dueDate: r.dueDate, status: r.status, workingDaysLeft: r.workingDaysRemaining, href, personId, episodeId: ep.id, workerId: ep.worker_id, teamId: ep.team_id,
});

/**
 * Child protection clocks: ICPC due (15 working days from the anchoring strategy discussion), first core group
 * (10 working days from the ICPC), next review conference (3 then 6 months), next statutory visit, and strategy
 * discussion actions. Open clocks only.
 */
export const protectionClocks: ClockSource = async (db, query, calendar: WorkingCalendar, today) => {
  const episodes = await episodesFor(db, query);
  if (!episodes.length) return [];
  const byId = new Map(episodes.map((e) => [e.id, e]));
  const ids = [...byId.keys()];
  const clocks: CaseClock[] = [];

  const s47s = await db
    .selectFrom('s47_enquiries')
    .leftJoin('conferences', 'conferences.s47_id', 's47_enquiries.id')
    .select(['s47_enquiries.id', 's47_enquiries.person_id', 's47_enquiries.episode_id', 's47_enquiries.start_date', 's47_enquiries.icpc_target_date', 's47_enquiries.outcome'])
    .where('s47_enquiries.episode_id', 'in', ids)
    .where('conferences.id', 'is', null)
    .where((eb) => eb.or([eb('s47_enquiries.outcome', 'is', null), eb('s47_enquiries.outcome', '=', 'icpc')]))
    .execute();
  for (const s of s47s) {
    const r = calendar.clockStatusForDueDate(s.start_date, s.icpc_target_date, today, null, { dueSoonThreshold: DUE_SOON_WORKING_DAYS });
    clocks.push(clock('Initial child protection conference', r, `/protection/s47/${s.id}`, s.person_id, byId.get(s.episode_id)!));
  }

  const plans = await db.selectFrom('cp_plans').selectAll().where('episode_id', 'in', ids).where('end_date', 'is', null).execute();
  if (plans.length) {
    const planIds = plans.map((p) => p.id);
    const [cores, reviews, visits] = await Promise.all([
      db.selectFrom('core_groups').select(['plan_id']).where('plan_id', 'in', planIds).execute(),
      db.selectFrom('conferences').select(['plan_id', 'held_on']).where('plan_id', 'in', planIds).where('kind', '=', 'review').execute(),
      db.selectFrom('cp_visits').select(['plan_id', 'visited_on']).where('plan_id', 'in', planIds).execute(),
    ]);
    const latest = (rows: Array<{ plan_id: number | null; d: string }>, id: number) => rows.filter((r) => r.plan_id === id).map((r) => r.d).sort().at(-1) ?? null;
    for (const p of plans) {
      const ep = byId.get(p.episode_id)!;
      const href = `/protection/plans/${p.id}`;
      if (!cores.some((c) => c.plan_id === p.id)) clocks.push(clock('First core group', coreGroupClock(calendar, p.start_date, today, null), href, p.person_id, ep));
      const lastReview = latest(reviews.map((r) => ({ plan_id: r.plan_id, d: r.held_on })), p.id);
      clocks.push(clock(lastReview ? 'Review child protection conference' : 'First review child protection conference', reviewClock(calendar, p.start_date, lastReview, today), href, p.person_id, ep));
      const lastVisit = latest(visits.map((v) => ({ plan_id: v.plan_id, d: v.visited_on })), p.id);
      clocks.push(clock('Child protection visit', visitClock(calendar, p.start_date, lastVisit, p.visit_frequency_working_days, today), href, p.person_id, ep));
    }
  }

  const actions = await db
    .selectFrom('strategy_discussion_actions as a')
    .innerJoin('strategy_discussions as sd', 'sd.id', 'a.strategy_discussion_id')
    .select(['a.id', 'a.description', 'a.due_on', 'sd.id as sd_id', 'sd.held_on', 'sd.person_id', 'sd.episode_id'])
    .where('sd.episode_id', 'in', ids)
    .where('a.done_on', 'is', null)
    .execute();
  for (const a of actions) {
    const due = a.due_on < a.held_on ? a.held_on : a.due_on;
    const r = calendar.clockStatusForDueDate(a.held_on, due, today, null, { dueSoonThreshold: DUE_SOON_WORKING_DAYS });
    clocks.push(clock(`Strategy discussion action: ${a.description}`, r, `/protection/strategy-discussions/${a.sd_id}`, a.person_id, byId.get(a.episode_id)!));
  }
  return clocks.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
};
