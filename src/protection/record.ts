import type { RecordSection, ChronologySource, ChronologyEntry } from '../casework/record-sections.js';
import { todayInLondon } from '../time/index.js';
import { CATEGORIES, SD_DECISIONS, S47_OUTCOMES, INITIAL_DECISIONS, REVIEW_DECISIONS, END_REASONS, reviewDueDate, visitDueDate } from './rules.js';

const label = (o: Record<string, string>, k: string | null | undefined) => (k ? (o[k] ?? k) : '');

/** The child protection part of the child's record: CP status, the plan, next review, the last visit (seen alone?). */
export const protectionRecordSection: RecordSection = {
  template: 'protection/views/record-section.njk',
  order: 40,
  async load(services, ctx, personId) {
    // The record page audits the view of the whole record; this section does not add a second event.
    const data = await services.protection.forChild(ctx, personId, { audit: false });
    const calendar = await services.calendar.calendar();
    const today = todayInLondon();
    const plan = data.plans.find((p) => !p.end_date) ?? null;
    const lastVisit = plan ? (data.visits.find((v) => v.plan_id === plan.id) ?? null) : null;
    const lastReview = plan ? (data.conferences.filter((c) => c.plan_id === plan.id && c.kind === 'review').map((c) => c.held_on).sort().at(-1) ?? null) : null;
    const openS47 = data.enquiries.find((s) => !s.completed_on || (s.outcome === 'icpc' && !data.conferences.some((c) => c.s47_id === s.id))) ?? null;
    const status = plan ? 'On a child protection plan' : openS47 ? 'Section 47 enquiry' : data.plans.length ? 'Child protection plan ended' : data.discussions.length ? 'Strategy discussion held' : 'No child protection involvement';
    return {
      // The top of the child's record (casework RecordStatus): a plan outranks an enquiry.
      recordStatus: plan ? { text: `Child protection plan: ${label(CATEGORIES, plan.latest_category)}`, priority: 40 } : openS47 ? { text: 'Section 47 enquiry', priority: 30 } : null,
      protection: {
        personId,
        status,
        plan: plan ? { ...plan, categoryLabel: label(CATEGORIES, plan.latest_category) } : null,
        nextReview: plan ? reviewDueDate(plan.start_date, lastReview) : null,
        nextVisit: plan ? visitDueDate(calendar, plan.start_date, lastVisit?.visited_on ?? null, plan.visit_frequency_working_days) : null,
        lastVisit,
        openS47,
        previousPlans: data.plans.filter((p) => p.end_date).length,
        today,
      },
    };
  },
};

/** Strategy discussions, s47 enquiries, conferences, plans, core groups and visits for the chronology. */
export const protectionChronology: ChronologySource = {
  async load(services, ctx, personId) {
    const d = await services.protection.forChild(ctx, personId, { audit: false });
    const out: ChronologyEntry[] = [];
    for (const sd of d.discussions) out.push({ date: sd.held_on, kind: 'Strategy discussion', summary: label(SD_DECISIONS, sd.decision), href: `/protection/strategy-discussions/${sd.id}` });
    for (const s of d.enquiries) {
      out.push({ date: s.start_date, kind: 'Section 47 enquiry', summary: `Started${s.joint_with_police ? ' (joint with police)' : ''}; initial conference due by ${s.icpc_target_date}`, href: `/protection/s47/${s.id}` });
      if (s.completed_on) out.push({ date: s.completed_on, kind: 'Section 47 outcome', summary: label(S47_OUTCOMES, s.outcome), href: `/protection/s47/${s.id}` });
    }
    for (const c of d.conferences) {
      const decision = c.kind === 'initial' ? label(INITIAL_DECISIONS, c.decision) : label(REVIEW_DECISIONS, c.decision);
      out.push({ date: c.held_on, kind: c.kind === 'initial' ? 'Initial child protection conference' : 'Review child protection conference', summary: `${decision}${c.category ? ` (${label(CATEGORIES, c.category)})` : ''}`, ...(c.plan_id ? { href: `/protection/plans/${c.plan_id}` } : {}) });
    }
    for (const p of d.plans) {
      out.push({ date: p.start_date, kind: 'Child protection plan', summary: `Started: ${label(CATEGORIES, p.initial_category)}`, href: `/protection/plans/${p.id}` });
      if (p.end_date) out.push({ date: p.end_date, kind: 'Child protection plan', summary: `Ended: ${label(END_REASONS, p.end_reason)}`, href: `/protection/plans/${p.id}` });
    }
    for (const g of d.coreGroups) out.push({ date: g.held_on, kind: 'Core group', summary: 'Core group meeting', href: `/protection/plans/${g.plan_id}` });
    for (const v of d.visits) out.push({ date: v.visited_on, kind: 'Child protection visit', summary: v.seen ? (v.seen_alone ? 'Child seen alone' : 'Child seen, not alone') : 'Child not seen', href: `/protection/plans/${v.plan_id}` });
    return out;
  },
};
