import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import type { PeopleService } from '../people/people-service.js';
import type { PracticeService } from '../practice/practice-service.js';
import type { WorkingCalendar } from '../time/index.js';
import type { AssessmentSettingsService } from './assessment-settings.js';
import type { CaseClock, ClockQuery } from '../casework/clocks.js';
import { assessmentClocks } from './record.js';
import {
  assessmentDueDate, authorisationBlockers, validateFactors, validateGuidance, validatePlanEnd, validatePlanStart, validateReview,
  type AssessmentContent, type GuidanceInput, type ReviewInput, type RuleError, type Section,
} from './rules.js';

/** Every problem at once, for the error summary. */
export class AssessmentRulesError extends Error {
  constructor(public readonly errors: RuleError[]) {
    super(errors[0]?.text ?? 'The record is incomplete');
  }
}

export interface OtherInput {
  name: string;
  relationship: string;
  absentParent: boolean;
  contacted: boolean;
  view: string;
}

export type SectionInput =
  | { section: 'voice'; childSeen: string; childSeenDate: string | null; childVoice: string }
  | { section: 'others'; others: OtherInput[] }
  | { section: 'risks'; riskFactors: string; protectiveFactors: string }
  | { section: 'factors'; factors: string[] }
  | { section: 'analysis'; analysis: string }
  | { section: 'outcome'; outcome: string };

const AUDIT_TYPE = 'assessment';
const PLAN_AUDIT_TYPE = 'cin_plan';

type AssessmentRow = Awaited<ReturnType<AssessmentsService['lock']>>;

export function contentOf(a: { child_seen: string | null; child_seen_date: string | null; child_voice: string; risk_factors: string; protective_factors: string; factors: string[]; analysis: string; outcome: string | null }, others: number): AssessmentContent {
  return {
    childSeen: a.child_seen, childSeenDate: a.child_seen_date, childVoice: a.child_voice, riskFactors: a.risk_factors, protectiveFactors: a.protective_factors,
    factors: a.factors ?? [], analysis: a.analysis, outcome: a.outcome, others,
  };
}

/**
 * Single child and family assessments and child in need plans. The assessment waits for a manager's guidance and
 * timescale before it starts; it is submitted, then authorised or returned with comments. Every write is audited
 * with the child in the same transaction; every view of an assessment or plan is audited.
 */
export class AssessmentsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly people: PeopleService,
    private readonly settings: AssessmentSettingsService,
    /** Signs of Safety: a new CIN plan takes the assessment's mapping (danger statements, safety goals, bottom lines). */
    private readonly practice?: PracticeService,
  ) {}

  /** This module's statutory clocks (the same source the casework registry uses). */
  async clocks(query: ClockQuery, calendar: WorkingCalendar, today: string): Promise<CaseClock[]> {
    return assessmentClocks(this.db, query, calendar, today);
  }

  private async lock(tx: Kysely<Database>, id: number, version?: number) {
    const row = await tx.selectFrom('assessments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError('assessment');
    if (version !== undefined && row.version !== version) throw new ConflictError();
    return row;
  }

  private async episode(tx: Kysely<Database>, episodeId: number) {
    const e = await tx.selectFrom('cin_episodes').selectAll().where('id', '=', episodeId).executeTakeFirst();
    if (!e) throw new NotFoundError('episode');
    return e;
  }

  /** Open episodes of a child (for starting an assessment). */
  async openEpisodes(personId: number) {
    return this.db.selectFrom('cin_episodes').selectAll().where('person_id', '=', personId).where('status', '=', 'open').orderBy('referral_date', 'desc').execute();
  }

  /** A worker asks for an assessment on an open episode: it waits for the manager's guidance. */
  async request(ctx: RequestContext, personId: number, episodeId: number, requestedDate: string): Promise<number> {
    return inTransaction(this.db, async (tx) => {
      await this.people.assertCanOpen(ctx, personId, tx);
      const e = await this.episode(tx, episodeId);
      if (e.person_id !== personId) throw new NotFoundError('episode');
      if (e.status !== 'open') throw new ValidationError('episodeId', 'Assessments can only be started on an open episode');
      const open = await tx.selectFrom('assessments').select('id').where('episode_id', '=', episodeId).where('status', '!=', 'authorised').executeTakeFirst();
      if (open) throw new ValidationError('episodeId', 'This episode already has an assessment that is not yet authorised');
      if (requestedDate < e.referral_date) throw new ValidationError('episodeId', 'The assessment cannot be requested before the referral');
      const { id } = await tx
        .insertInto('assessments')
        .values({ episode_id: episodeId, person_id: personId, requested_date: requestedDate, start_date: null, guidance_by: null, guidance_at: null, timescale_working_days: null, due_date: null, child_seen: null, child_seen_date: null, outcome: null, submitted_by: null, submitted_at: null, authorised_by: null, authorised_at: null, authorisation_date: null, created_by: ctx.user?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, { action: 'assessment.request', recordType: AUDIT_TYPE, recordId: id, personIds: [personId], details: { episodeId } });
      return id;
    });
  }

  /** The manager's guidance and timescale: the assessment starts (or, already started, its timescale changes). */
  async giveGuidance(ctx: RequestContext, id: number, version: number, input: GuidanceInput, calendar: WorkingCalendar, today: string): Promise<{ dueDate: string; capped: boolean }> {
    return inTransaction(this.db, async (tx) => {
      const a = await this.lock(tx, id, version);
      await this.people.assertCanOpen(ctx, a.person_id, tx);
      if (a.status !== 'awaiting_guidance' && a.status !== 'in_progress') throw new ValidationError('form', 'Guidance can only be given before the assessment is submitted');
      const e = await this.episode(tx, a.episode_id);
      const settings = await this.settings.get(tx);
      // A timescale already set stays acceptable even if the council has since stopped offering it.
      const offered = a.timescale_working_days ? [...settings.timescales, a.timescale_working_days] : settings.timescales;
      const errors = validateGuidance(input, offered, e.referral_date, today);
      if (errors.length) throw new AssessmentRulesError(errors);
      const due = assessmentDueDate(calendar, e.referral_date, input.startDate!, input.timescale);
      await tx
        .updateTable('assessments')
        .set({ guidance: input.guidance.trim(), timescale_working_days: input.timescale, start_date: input.startDate, due_date: due.dueDate, guidance_by: ctx.user?.id ?? null, guidance_at: new Date(), status: 'in_progress', version: a.version + 1 })
        .where('id', '=', id)
        .execute();
      await writeAudit(tx, ctx, { action: 'assessment.guidance', recordType: AUDIT_TYPE, recordId: id, personIds: [a.person_id], details: { timescale: input.timescale, startDate: input.startDate, dueDate: due.dueDate, capped: due.capped, revised: a.status === 'in_progress' } });
      return { dueDate: due.dueDate, capped: due.capped };
    });
  }

  /** Saves one section of the task list. Only while the assessment is in progress (after guidance, before submission). */
  async saveSection(ctx: RequestContext, id: number, version: number, input: SectionInput): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const a = await this.lock(tx, id, version);
      await this.people.assertCanOpen(ctx, a.person_id, tx);
      if (a.status === 'awaiting_guidance') throw new ValidationError('form', 'The assessment cannot start until a manager has given guidance and set a timescale');
      if (a.status !== 'in_progress') throw new ValidationError('form', 'The assessment has been submitted: it can only be changed if the manager returns it');
      const errors: RuleError[] = [];
      const next = { version: a.version + 1 };
      switch (input.section) {
        case 'voice':
          if (!['seen_alone', 'seen', 'not_seen'].includes(input.childSeen)) errors.push({ field: 'childSeen', text: 'Select whether the child was seen' });
          if (input.childSeen !== 'not_seen' && input.childSeen && !input.childSeenDate) errors.push({ field: 'childSeenDate', text: 'Enter the date the child was seen' });
          if (input.childSeenDate && a.start_date && input.childSeenDate < a.start_date) errors.push({ field: 'childSeenDate', text: 'The date the child was seen cannot be before the assessment started' });
          if (!input.childVoice.trim()) errors.push({ field: 'childVoice', text: 'Record the child’s voice: their wishes, feelings and experiences, or why they could not be heard' });
          if (errors.length) throw new AssessmentRulesError(errors);
          await tx.updateTable('assessments').set({ ...next, child_seen: input.childSeen, child_seen_date: input.childSeen === 'not_seen' ? null : input.childSeenDate, child_voice: input.childVoice.trim() }).where('id', '=', id).execute();
          break;
        case 'others':
          input.others.forEach((o, i) => {
            if (!o.name.trim()) errors.push({ field: `name-${i + 1}`, text: `Enter the name of person ${i + 1}` });
            if (!o.relationship.trim()) errors.push({ field: `relationship-${i + 1}`, text: `Enter how person ${i + 1} is related to the child` });
            if (o.contacted && !o.view.trim()) errors.push({ field: `view-${i + 1}`, text: `Record the view of person ${i + 1}, who was contacted` });
          });
          if (!input.others.length) errors.push({ field: 'name-1', text: 'Record at least one absent parent or significant other' });
          if (errors.length) throw new AssessmentRulesError(errors);
          await tx.deleteFrom('assessment_others').where('assessment_id', '=', id).execute();
          await tx.insertInto('assessment_others').values(input.others.map((o) => ({ assessment_id: id, name: o.name.trim(), relationship: o.relationship.trim(), absent_parent: o.absentParent, contacted: o.contacted, view: o.view.trim() }))).execute();
          await tx.updateTable('assessments').set(next).where('id', '=', id).execute();
          break;
        case 'risks':
          if (!input.riskFactors.trim()) errors.push({ field: 'riskFactors', text: 'Record the risk factors (worries)' });
          if (!input.protectiveFactors.trim()) errors.push({ field: 'protectiveFactors', text: 'Record the protective factors (what is working well)' });
          if (errors.length) throw new AssessmentRulesError(errors);
          await tx.updateTable('assessments').set({ ...next, risk_factors: input.riskFactors.trim(), protective_factors: input.protectiveFactors.trim() }).where('id', '=', id).execute();
          break;
        case 'factors':
          if (!input.factors.length) errors.push({ field: 'factors', text: 'Select the factors identified, or “No factors identified”' });
          errors.push(...validateFactors(input.factors, a.outcome));
          if (errors.length) throw new AssessmentRulesError(errors);
          await tx.updateTable('assessments').set({ ...next, factors: JSON.stringify(input.factors) }).where('id', '=', id).execute();
          break;
        case 'analysis':
          if (!input.analysis.trim()) throw new AssessmentRulesError([{ field: 'analysis', text: 'Enter the analysis' }]);
          await tx.updateTable('assessments').set({ ...next, analysis: input.analysis.trim() }).where('id', '=', id).execute();
          break;
        case 'outcome':
          if (!['nfa', 'early_help', 'cin_plan', 'strategy_discussion', 'looked_after'].includes(input.outcome)) throw new AssessmentRulesError([{ field: 'outcome', text: 'Select the outcome of the assessment' }]);
          errors.push(...validateFactors(a.factors ?? [], input.outcome).map((e) => ({ field: 'outcome', text: `${e.text}: change the assessment factors first` })));
          if (errors.length) throw new AssessmentRulesError(errors);
          await tx.updateTable('assessments').set({ ...next, outcome: input.outcome }).where('id', '=', id).execute();
          break;
      }
      await writeAudit(tx, ctx, { action: 'assessment.update', recordType: AUDIT_TYPE, recordId: id, personIds: [a.person_id], details: { section: input.section } });
    });
  }

  private async content(tx: Kysely<Database>, a: AssessmentRow): Promise<AssessmentContent> {
    const others = await tx.selectFrom('assessment_others').select('id').where('assessment_id', '=', a.id).execute();
    return contentOf(a, others.length);
  }

  async submit(ctx: RequestContext, id: number, version: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const a = await this.lock(tx, id, version);
      await this.people.assertCanOpen(ctx, a.person_id, tx);
      if (a.status !== 'in_progress') throw new ValidationError('form', a.status === 'awaiting_guidance' ? 'The assessment cannot start until a manager has given guidance' : 'The assessment has already been submitted');
      const errors = authorisationBlockers(await this.content(tx, a));
      if (errors.length) throw new AssessmentRulesError(errors);
      await tx.updateTable('assessments').set({ status: 'submitted', submitted_by: ctx.user?.id ?? null, submitted_at: new Date(), version: a.version + 1 }).where('id', '=', id).execute();
      await writeAudit(tx, ctx, { action: 'assessment.submit', recordType: AUDIT_TYPE, recordId: id, personIds: [a.person_id], details: { outcome: a.outcome } });
    });
  }

  /** The manager signs the assessment off (authorisation date = census AssessmentAuthorisationDate), or returns it. */
  async authorise(ctx: RequestContext, id: number, version: number, input: { decision: 'authorise' | 'return'; comments: string; date: string }): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const a = await this.lock(tx, id, version);
      await this.people.assertCanOpen(ctx, a.person_id, tx);
      if (a.status !== 'submitted') throw new ValidationError('form', 'Only a submitted assessment can be authorised or returned');
      if (input.decision === 'return') {
        if (!input.comments.trim()) throw new AssessmentRulesError([{ field: 'comments', text: 'Enter what the worker needs to do: an assessment is returned with comments' }]);
        await tx.insertInto('assessment_returns').values({ assessment_id: id, comments: input.comments.trim(), returned_by: ctx.user?.id ?? null }).execute();
        await tx.updateTable('assessments').set({ status: 'in_progress', submitted_at: null, submitted_by: null, version: a.version + 1 }).where('id', '=', id).execute();
        await writeAudit(tx, ctx, { action: 'assessment.return', recordType: AUDIT_TYPE, recordId: id, personIds: [a.person_id] });
        return;
      }
      const errors = authorisationBlockers(await this.content(tx, a));
      if (a.start_date && input.date < a.start_date) errors.push({ field: 'form', text: 'The authorisation date cannot be before the assessment started' });
      if (errors.length) throw new AssessmentRulesError(errors);
      await tx
        .updateTable('assessments')
        .set({ status: 'authorised', authorised_by: ctx.user?.id ?? null, authorised_at: new Date(), authorisation_date: input.date, authorisation_comments: input.comments.trim(), version: a.version + 1 })
        .where('id', '=', id)
        .execute();
      await writeAudit(tx, ctx, { action: 'assessment.authorise', recordType: AUDIT_TYPE, recordId: id, personIds: [a.person_id], details: { outcome: a.outcome, date: input.date, factors: a.factors } });
    });
  }

  /** One assessment with everything on it; the view is audited (a restricted child is refused first). */
  async get(ctx: RequestContext, id: number, opts: { audit?: boolean } = {}) {
    const a = await this.db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw new NotFoundError('assessment');
    await this.people.assertCanOpen(ctx, a.person_id);
    const [episode, others, returns, users, name, plan] = await Promise.all([
      this.episode(this.db, a.episode_id),
      this.db.selectFrom('assessment_others').selectAll().where('assessment_id', '=', id).orderBy('id').execute(),
      this.db.selectFrom('assessment_returns').leftJoin('users', 'users.id', 'assessment_returns.returned_by').select(['assessment_returns.id', 'comments', 'returned_at', 'users.display_name']).where('assessment_id', '=', id).orderBy('assessment_returns.id').execute(),
      this.userNames([a.guidance_by, a.submitted_by, a.authorised_by, a.created_by]),
      this.personName(a.person_id),
      this.db.selectFrom('cin_plans').select(['id', 'start_date', 'end_date']).where('assessment_id', '=', id).orderBy('id', 'desc').executeTakeFirst(),
    ]);
    if (opts.audit !== false) await writeAudit(this.db, ctx, { action: 'assessment.view', recordType: AUDIT_TYPE, recordId: id, personIds: [a.person_id] });
    return { assessment: { ...a, factors: a.factors ?? [] }, episode, others, returns, users, name, plan: plan ?? null, content: contentOf(a, others.length) };
  }

  async personName(personId: number): Promise<string> {
    const n = await this.db.selectFrom('person_names').select(['given_names', 'family_name', 'kind']).where('person_id', '=', personId).orderBy('id').execute();
    const cur = n.find((x) => x.kind === 'current') ?? n[0];
    return cur ? `${cur.given_names} ${cur.family_name}` : `Person ${personId}`;
  }

  private async userNames(ids: Array<number | null>): Promise<Record<number, string>> {
    const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
    if (!wanted.length) return {};
    const rows = await this.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
    return Object.fromEntries(rows.map((r) => [r.id, r.display_name]));
  }

  /** A child's assessments and CIN plans, for the record section and the chronology (caller has checked access). */
  async forPerson(personId: number) {
    const [assessments, plans] = await Promise.all([
      this.db.selectFrom('assessments').selectAll().where('person_id', '=', personId).orderBy('requested_date', 'desc').orderBy('id', 'desc').execute(),
      this.db.selectFrom('cin_plans').selectAll().where('person_id', '=', personId).orderBy('start_date', 'desc').orderBy('id', 'desc').execute(),
    ]);
    const reviews = plans.length ? await this.db.selectFrom('cin_plan_reviews').selectAll().where('plan_id', 'in', plans.map((p) => p.id)).orderBy('review_date').orderBy('id').execute() : [];
    return { assessments, plans: plans.map((p) => ({ ...p, reviews: reviews.filter((r) => r.plan_id === p.id) })) };
  }

  // ---- CIN plans -----------------------------------------------------------------------------

  /** Starts a child in need plan on the assessment's episode (the assessment authorised with outcome CIN plan). */
  async startPlan(ctx: RequestContext, assessmentId: number, input: { startDate: string | null }, today: string): Promise<number> {
    return inTransaction(this.db, async (tx) => {
      const a = await this.lock(tx, assessmentId);
      await this.people.assertCanOpen(ctx, a.person_id, tx);
      if (a.status !== 'authorised' || a.outcome !== 'cin_plan') throw new ValidationError('form', 'A child in need plan starts from an authorised assessment whose outcome is a child in need plan');
      const e = await this.episode(tx, a.episode_id);
      if (e.status !== 'open') throw new ValidationError('form', 'The episode is closed');
      const open = await tx.selectFrom('cin_plans').select('id').where('person_id', '=', a.person_id).where('end_date', 'is', null).executeTakeFirst();
      const errors = validatePlanStart(input.startDate, e.referral_date, today, !!open);
      if (errors.length) throw new AssessmentRulesError(errors);
      const settings = await this.settings.get(tx);
      const { id } = await tx
        .insertInto('cin_plans')
        .values({ episode_id: e.id, person_id: a.person_id, assessment_id: a.id, start_date: input.startDate!, end_date: null, end_reason: null, review_interval_weeks: settings.cinReviewWeeks, created_by: ctx.user?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      // "An assessment's danger statements and safety goals become the plan's."
      const mappingId = this.practice ? await this.practice.carryIntoNewPlan(ctx, a.person_id, e.id, { ownerKind: 'cin_plan', ownerId: id, startDate: input.startDate! }, tx) : null;
      await writeAudit(tx, ctx, { action: 'cin_plan.start', recordType: PLAN_AUDIT_TYPE, recordId: id, personIds: [a.person_id], details: { assessmentId, startDate: input.startDate, mappingId } });
      return id;
    });
  }

  private async lockPlan(tx: Kysely<Database>, id: number, version?: number) {
    const row = await tx.selectFrom('cin_plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError('cin plan');
    if (version !== undefined && row.version !== version) throw new ConflictError();
    return row;
  }

  async getPlan(ctx: RequestContext, id: number, opts: { audit?: boolean } = {}) {
    const plan = await this.db.selectFrom('cin_plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!plan) throw new NotFoundError('cin plan');
    await this.people.assertCanOpen(ctx, plan.person_id);
    const [reviews, name, episode] = await Promise.all([
      this.db.selectFrom('cin_plan_reviews').leftJoin('users', 'users.id', 'cin_plan_reviews.created_by').select(['cin_plan_reviews.id', 'review_date', 'outcome', 'next_review_date', 'users.display_name']).where('plan_id', '=', id).orderBy('review_date').orderBy('cin_plan_reviews.id').execute(),
      this.personName(plan.person_id),
      this.episode(this.db, plan.episode_id),
    ]);
    if (opts.audit !== false) await writeAudit(this.db, ctx, { action: 'cin_plan.view', recordType: PLAN_AUDIT_TYPE, recordId: id, personIds: [plan.person_id] });
    return { plan, reviews, name, episode };
  }

  async addReview(ctx: RequestContext, planId: number, version: number, input: ReviewInput, today: string): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const plan = await this.lockPlan(tx, planId, version);
      await this.people.assertCanOpen(ctx, plan.person_id, tx);
      if (plan.end_date) throw new ValidationError('form', 'This plan has ended');
      const last = await tx.selectFrom('cin_plan_reviews').select('review_date').where('plan_id', '=', planId).orderBy('review_date', 'desc').executeTakeFirst();
      const errors = validateReview(input, plan, last?.review_date ?? null, today);
      if (errors.length) throw new AssessmentRulesError(errors);
      await tx.insertInto('cin_plan_reviews').values({ plan_id: planId, review_date: input.reviewDate!, outcome: input.outcome.trim(), next_review_date: input.nextReviewDate, created_by: ctx.user?.id ?? null }).execute();
      await tx.updateTable('cin_plans').set({ version: plan.version + 1 }).where('id', '=', planId).execute();
      await writeAudit(tx, ctx, { action: 'cin_plan.review', recordType: PLAN_AUDIT_TYPE, recordId: planId, personIds: [plan.person_id], details: { reviewDate: input.reviewDate, nextReviewDate: input.nextReviewDate } });
    });
  }

  async endPlan(ctx: RequestContext, planId: number, version: number, input: { endDate: string | null; endReason: string }, today: string): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const plan = await this.lockPlan(tx, planId, version);
      await this.people.assertCanOpen(ctx, plan.person_id, tx);
      if (plan.end_date) throw new ValidationError('form', 'This plan has already ended');
      const errors = validatePlanEnd(input.endDate, input.endReason, plan.start_date, today);
      if (errors.length) throw new AssessmentRulesError(errors);
      await tx.updateTable('cin_plans').set({ end_date: input.endDate, end_reason: input.endReason.trim(), version: plan.version + 1 }).where('id', '=', planId).execute();
      await writeAudit(tx, ctx, { action: 'cin_plan.end', recordType: PLAN_AUDIT_TYPE, recordId: planId, personIds: [plan.person_id], details: { endDate: input.endDate } });
    });
  }
}
