import { saveSetting } from '../council/settings-store.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError, type Tx } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import type { PeopleService } from '../people/people-service.js';
import type { PracticeService } from '../practice/practice-service.js';
import type { WorkingCalendar } from '../time/index.js';
import type { ConferenceAttendee, SdAttendee } from './tables.js';
import type { CaseClock, ClockQuery } from '../casework/clocks.js';
import { protectionClocks } from './clocks.js';
import {
  DEFAULT_VISIT_FREQUENCY_WORKING_DAYS, END_REASONS, icpcTargetDate, isCategory, isKey, isPreBirth, previousPlansCount, startsS47,
  validateConference, validateStrategyDiscussion, S47_OUTCOMES, type ConferenceInput, type RuleError, type SdInput,
} from './rules.js';

/** Every problem with a form at once, for the GOV.UK error summary. */
export class ProtectionRulesError extends Error {
  constructor(public readonly errors: RuleError[]) {
    super('The record is incomplete');
  }
}

export interface S47Input {
  childSeen: boolean | null;
  childSeenAlone: boolean | null;
  childSeenOn: string | null;
  findings: string;
  outcome: string;
  icpcNotRequiredReason: string;
  completedOn: string | null;
}

export interface VisitInput {
  visitedOn: string;
  seen: boolean;
  seenAlone: boolean;
  notes: string;
}

const SETTINGS_KEY = 'protection.visits';

/**
 * Child protection work on a child's episode: strategy discussions, s47 enquiries, conferences, plans, core groups and
 * statutory visits. Every write is in a transaction with its audit event (with the child's person id); every read of a
 * child's protection record is audited. Access to restricted children is checked here as well as on the routes.
 */
export class ProtectionService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly people: PeopleService,
    /** Signs of Safety: a new plan takes the assessment's mapping (danger statements, safety goals, bottom lines). */
    private readonly practice?: PracticeService,
  ) {}

  // ---- council setting: visit frequency ----------------------------------------------------------
  async visitFrequency(): Promise<{ workingDays: number; version: number }> {
    const row = await this.db.selectFrom('settings').select(['value', 'version']).where('key', '=', SETTINGS_KEY).executeTakeFirst();
    const value = (row?.value as { workingDays?: number } | undefined) ?? {};
    return { workingDays: value.workingDays ?? DEFAULT_VISIT_FREQUENCY_WORKING_DAYS, version: row?.version ?? 0 };
  }

  async setVisitFrequency(ctx: RequestContext, workingDays: number, expectedVersion: number): Promise<void> {
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 30) throw new ValidationError('workingDays', 'Enter a whole number of working days from 1 to 30');
    await saveSetting(this.db, ctx, SETTINGS_KEY, { workingDays }, expectedVersion);
  }

  // ---- reads -------------------------------------------------------------------------------------
  /** The child's name, dates of birth and open episode (for page headings and forms). */
  async child(ctx: RequestContext, personId: number) {
    await this.people.assertCanOpen(ctx, personId);
    const person = await this.db.selectFrom('people').select(['id', 'date_of_birth', 'expected_date_of_birth', 'merged_into_id']).where('id', '=', personId).executeTakeFirst();
    if (!person || person.merged_into_id) throw new NotFoundError('person');
    const name = await this.db.selectFrom('person_names').select(['given_names', 'family_name']).where('person_id', '=', personId).where('kind', '=', 'current').executeTakeFirst();
    const episode = await this.db.selectFrom('cin_episodes').selectAll().where('person_id', '=', personId).where('status', '=', 'open').orderBy('start_date', 'desc').orderBy('id', 'desc').executeTakeFirst();
    return { ...person, name: name ? `${name.given_names} ${name.family_name}` : `Person ${personId}`, preBirth: isPreBirth(person), episode: episode ?? null };
  }

  /** Everything about the child's protection work, newest first; audited unless `audit: false`. */
  async forChild(ctx: RequestContext, personId: number, opts: { audit?: boolean } = {}) {
    await this.people.assertCanOpen(ctx, personId);
    const [discussions, enquiries, conferences, plans] = await Promise.all([
      this.db.selectFrom('strategy_discussions').selectAll().where('person_id', '=', personId).orderBy('held_on', 'desc').orderBy('id', 'desc').execute(),
      this.db.selectFrom('s47_enquiries').selectAll().where('person_id', '=', personId).orderBy('start_date', 'desc').orderBy('id', 'desc').execute(),
      this.db.selectFrom('conferences').selectAll().where('person_id', '=', personId).orderBy('held_on', 'desc').orderBy('id', 'desc').execute(),
      this.db.selectFrom('cp_plans').selectAll().where('person_id', '=', personId).orderBy('start_date', 'desc').orderBy('id', 'desc').execute(),
    ]);
    const planIds = plans.map((p) => p.id);
    const [visits, coreGroups] = planIds.length
      ? await Promise.all([
          this.db.selectFrom('cp_visits').selectAll().where('plan_id', 'in', planIds).orderBy('visited_on', 'desc').orderBy('id', 'desc').execute(),
          this.db.selectFrom('core_groups').selectAll().where('plan_id', 'in', planIds).orderBy('held_on', 'desc').execute(),
        ])
      : [[], []];
    if (opts.audit !== false) await writeAudit(this.db, ctx, { action: 'protection.view', recordType: 'person', recordId: personId, personIds: [personId] });
    return { discussions, enquiries, conferences, plans, visits, coreGroups };
  }

  async getStrategyDiscussion(ctx: RequestContext, id: number) {
    const sd = await this.db.selectFrom('strategy_discussions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!sd) throw new NotFoundError('strategy discussion');
    await this.people.assertCanOpen(ctx, sd.person_id);
    const actions = await this.db.selectFrom('strategy_discussion_actions').selectAll().where('strategy_discussion_id', '=', id).orderBy('id').execute();
    const s47 = await this.db.selectFrom('s47_enquiries').select(['id']).where('strategy_discussion_id', '=', id).executeTakeFirst();
    await writeAudit(this.db, ctx, { action: 'strategy_discussion.view', recordType: 'strategy_discussion', recordId: id, personIds: [sd.person_id] });
    return { sd, actions, s47Id: s47?.id ?? null };
  }

  async getS47(ctx: RequestContext, id: number, opts: { audit?: boolean } = {}) {
    const s47 = await this.db.selectFrom('s47_enquiries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s47) throw new NotFoundError('s47');
    await this.people.assertCanOpen(ctx, s47.person_id);
    const sd = await this.db.selectFrom('strategy_discussions').selectAll().where('id', '=', s47.strategy_discussion_id).executeTakeFirstOrThrow();
    const conference = await this.db.selectFrom('conferences').selectAll().where('s47_id', '=', id).executeTakeFirst();
    if (opts.audit !== false) await writeAudit(this.db, ctx, { action: 's47.view', recordType: 's47_enquiry', recordId: id, personIds: [s47.person_id] });
    return { s47, sd, conference: conference ?? null };
  }

  async getPlan(ctx: RequestContext, id: number, opts: { audit?: boolean } = {}) {
    const plan = await this.db.selectFrom('cp_plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!plan) throw new NotFoundError('plan');
    await this.people.assertCanOpen(ctx, plan.person_id);
    const [actions, network, coreGroups, visits, conferences] = await Promise.all([
      this.db.selectFrom('cp_plan_actions').selectAll().where('plan_id', '=', id).orderBy('due_on').orderBy('id').execute(),
      this.db.selectFrom('safety_network').selectAll().where('plan_id', '=', id).orderBy('id').execute(),
      this.db.selectFrom('core_groups').selectAll().where('plan_id', '=', id).orderBy('held_on', 'desc').execute(),
      this.db.selectFrom('cp_visits').selectAll().where('plan_id', '=', id).orderBy('visited_on', 'desc').orderBy('id', 'desc').execute(),
      this.db.selectFrom('conferences').selectAll().where((eb) => eb.or([eb('plan_id', '=', id), eb.and([eb('person_id', '=', plan.person_id), eb('kind', '=', 'initial'), eb('plan_start', '=', plan.start_date)])])).orderBy('held_on').execute(),
    ]);
    if (opts.audit !== false) await writeAudit(this.db, ctx, { action: 'cp_plan.view', recordType: 'cp_plan', recordId: id, personIds: [plan.person_id] });
    return { plan, actions, network, coreGroups, visits, conferences, reviews: conferences.filter((c) => c.kind === 'review') };
  }

  /** This module's open clocks (the same as the casework clock source gives). */
  clocks(query: ClockQuery, calendar: WorkingCalendar, today: string): Promise<CaseClock[]> {
    return protectionClocks(this.db, query, calendar, today);
  }

  /** Users who may chair conferences (independent reviewing officers / CP chairs). */
  async chairs(): Promise<Array<{ id: number; display_name: string }>> {
    return this.db.selectFrom('users').select(['id', 'display_name']).where('role', '=', 'iro').where('active', '=', true).orderBy('display_name').execute();
  }

  // ---- writes ------------------------------------------------------------------------------------
  /**
   * Records a strategy discussion on the child's open episode. A decision to hold a section 47 enquiry starts it here,
   * anchored on this discussion: S47ActualStartDate = the discussion's date; the ICPC target is 15 working days later.
   */
  async recordStrategyDiscussion(ctx: RequestContext, personId: number, input: SdInput, calendar: WorkingCalendar): Promise<{ id: number; s47Id: number | null }> {
    return inTransaction(this.db, async (tx) => {
      await this.people.assertCanOpen(ctx, personId, tx);
      const episode = await tx.selectFrom('cin_episodes').selectAll().where('person_id', '=', personId).where('status', '=', 'open').orderBy('start_date', 'desc').orderBy('id', 'desc').forUpdate().executeTakeFirst();
      if (!episode) throw new ValidationError('form', 'This child has no open children in need episode: a strategy discussion follows a referral.');
      const errors = validateStrategyDiscussion(input, episode.referral_date);
      if (errors.length) throw new ProtectionRulesError(errors);
      if (startsS47(input.decision)) {
        const open = await tx.selectFrom('s47_enquiries').select('id').where('episode_id', '=', episode.id).where('completed_on', 'is', null).executeTakeFirst();
        if (open) throw new ValidationError('decision', 'A section 47 enquiry is already open in this episode: record its outcome first.');
      }
      const attendees: SdAttendee[] = input.attendees.map((a) => ({ agency: a.agency, name: a.name.trim(), role: a.role.trim() }));
      const { id } = await tx
        .insertInto('strategy_discussions')
        .values({ episode_id: episode.id, person_id: personId, held_on: input.heldOn!, attendees: JSON.stringify(attendees), information_shared: input.informationShared, decision: input.decision, rationale: input.rationale, created_by: ctx.user?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.actions.length) {
        await tx.insertInto('strategy_discussion_actions').values(input.actions.map((a) => ({ strategy_discussion_id: id, description: a.description.trim(), owner: a.owner.trim(), due_on: a.dueOn!, done_on: null }))).execute();
      }
      let s47Id: number | null = null;
      if (startsS47(input.decision)) {
        s47Id = (
          await tx
            .insertInto('s47_enquiries')
            .values({ strategy_discussion_id: id, episode_id: episode.id, person_id: personId, start_date: input.heldOn!, icpc_target_date: icpcTargetDate(calendar, input.heldOn!), joint_with_police: input.decision === 's47_joint', child_seen: null, child_seen_alone: null, child_seen_on: null, outcome: null, completed_on: null, created_by: ctx.user?.id ?? null })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      await writeAudit(tx, ctx, { action: 'strategy_discussion.create', recordType: 'strategy_discussion', recordId: id, personIds: [personId], details: { decision: input.decision, heldOn: input.heldOn, s47Id, actions: input.actions.length } });
      return { id, s47Id };
    });
  }

  async completeSdAction(ctx: RequestContext, sdId: number, actionId: number, doneOn: string): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const sd = await tx.selectFrom('strategy_discussions').select(['id', 'person_id']).where('id', '=', sdId).executeTakeFirst();
      if (!sd) throw new NotFoundError('strategy discussion');
      await this.people.assertCanOpen(ctx, sd.person_id, tx);
      const r = await tx.updateTable('strategy_discussion_actions').set({ done_on: doneOn }).where('id', '=', actionId).where('strategy_discussion_id', '=', sdId).where('done_on', 'is', null).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) throw new NotFoundError('action');
      await writeAudit(tx, ctx, { action: 'strategy_discussion.action_done', recordType: 'strategy_discussion', recordId: sdId, personIds: [sd.person_id], details: { actionId, doneOn } });
    });
  }

  /** The s47 enquiry's findings: child seen (and alone), outcome, and "ICPC not required" with a reason. */
  async recordS47(ctx: RequestContext, id: number, version: number, input: S47Input): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const s47 = await tx.selectFrom('s47_enquiries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!s47) throw new NotFoundError('s47');
      await this.people.assertCanOpen(ctx, s47.person_id, tx);
      if (s47.version !== version) throw new ConflictError();
      const conference = await tx.selectFrom('conferences').select('id').where('s47_id', '=', id).executeTakeFirst();
      if (conference) throw new ValidationError('form', 'The initial conference has been held: this enquiry is finished.');
      const errors: RuleError[] = [];
      if (input.childSeen === null) errors.push({ field: 'childSeen', text: 'Select whether the child was seen' });
      if (input.childSeen && input.childSeenAlone === null) errors.push({ field: 'childSeenAlone', text: 'Select whether the child was seen alone' });
      if (input.childSeen && !input.childSeenOn) errors.push({ field: 'childSeenOn', text: 'Enter the date the child was seen' });
      if (input.childSeenOn && input.childSeenOn < s47.start_date) errors.push({ field: 'childSeenOn', text: 'The child cannot have been seen for the enquiry before it started' });
      if (input.outcome && !isKey(S47_OUTCOMES, input.outcome)) errors.push({ field: 'outcome', text: 'Select the outcome' });
      if (input.outcome && input.outcome !== 'icpc' && !input.icpcNotRequiredReason.trim()) errors.push({ field: 'icpcNotRequiredReason', text: 'Enter the reason an initial child protection conference is not required' });
      if (input.outcome && !input.completedOn) errors.push({ field: 'completedOn', text: 'Enter the date the enquiry was completed' });
      if (input.completedOn && input.completedOn < s47.start_date) errors.push({ field: 'completedOn', text: 'The enquiry cannot be completed before it started' });
      if (errors.length) throw new ProtectionRulesError(errors);
      await tx
        .updateTable('s47_enquiries')
        .set({
          child_seen: input.childSeen,
          child_seen_alone: input.childSeen ? input.childSeenAlone : false,
          child_seen_on: input.childSeen ? input.childSeenOn : null,
          findings: input.findings,
          outcome: input.outcome || null,
          icpc_not_required_reason: input.outcome && input.outcome !== 'icpc' ? input.icpcNotRequiredReason.trim() : '',
          completed_on: input.outcome ? input.completedOn : null,
          version: s47.version + 1,
        })
        .where('id', '=', id)
        .execute();
      await writeAudit(tx, ctx, { action: 's47.update', recordType: 's47_enquiry', recordId: id, personIds: [s47.person_id], details: { outcome: input.outcome || null, childSeen: input.childSeen, childSeenAlone: input.childSeenAlone } });
    });
  }

  /**
   * The initial child protection conference after an s47 that recommended one. A plan starts on the conference's date
   * (CIN census rule 2885), with the number of the child's previous plans and the council's visit frequency.
   */
  async recordInitialConference(ctx: RequestContext, s47Id: number, chairId: number | null, input: ConferenceInput): Promise<{ conferenceId: number; planId: number | null }> {
    const frequency = (await this.visitFrequency()).workingDays;
    return inTransaction(this.db, async (tx) => {
      const s47 = await tx.selectFrom('s47_enquiries').selectAll().where('id', '=', s47Id).forUpdate().executeTakeFirst();
      if (!s47) throw new NotFoundError('s47');
      await this.people.assertCanOpen(ctx, s47.person_id, tx);
      if (s47.outcome !== 'icpc') throw new ValidationError('form', 'Record the enquiry’s outcome (an initial conference) before the conference.');
      if (await tx.selectFrom('conferences').select('id').where('s47_id', '=', s47Id).executeTakeFirst()) throw new ValidationError('form', 'The initial conference for this enquiry has already been recorded.');
      const errors = validateConference(input, s47.start_date);
      if (chairId === null) errors.unshift({ field: 'chairId', text: 'Select who chaired the conference' });
      if (errors.length) throw new ProtectionRulesError(errors);
      await this.assertChair(tx, chairId!);
      const makesPlan = input.decision === 'plan';
      const conferenceId = await this.insertConference(tx, ctx, { kind: 'initial', personId: s47.person_id, s47Id, planId: null, chairId: chairId!, input, planStart: makesPlan ? input.heldOn! : null });
      let planId: number | null = null;
      let mappingId: number | null = null;
      if (makesPlan) {
        const earlier = await tx.selectFrom('cp_plans').select(['id', 'start_date']).where('person_id', '=', s47.person_id).execute();
        const person = await tx.selectFrom('people').select(['date_of_birth', 'expected_date_of_birth']).where('id', '=', s47.person_id).executeTakeFirstOrThrow();
        if (await tx.selectFrom('cp_plans').select('id').where('person_id', '=', s47.person_id).where('end_date', 'is', null).executeTakeFirst()) {
          throw new ValidationError('decision', 'This child is already on a child protection plan.');
        }
        planId = (
          await tx
            .insertInto('cp_plans')
            .values({ person_id: s47.person_id, episode_id: s47.episode_id, start_date: input.heldOn!, initial_category: input.category, latest_category: input.category, end_date: null, end_reason: null, previous_plans_count: previousPlansCount(earlier, input.heldOn!), visit_frequency_working_days: frequency, pre_birth: isPreBirth(person), created_by: ctx.user?.id ?? null })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
        await tx.updateTable('conferences').set({ plan_id: planId }).where('id', '=', conferenceId).execute();
        // "An assessment's danger statements and safety goals become the plan's."
        mappingId = this.practice ? await this.practice.carryIntoNewPlan(ctx, s47.person_id, s47.episode_id, { ownerKind: 'cp_plan', ownerId: planId, startDate: input.heldOn! }, tx) : null;
      }
      await writeAudit(tx, ctx, { action: 'conference.initial', recordType: 'conference', recordId: conferenceId, personIds: [s47.person_id], details: { s47Id, heldOn: input.heldOn, decision: input.decision, category: input.category || null, planId, mappingId } });
      return { conferenceId, planId };
    });
  }

  /** A review conference: the plan continues (with the latest category) or ends on the conference's date. */
  async recordReviewConference(ctx: RequestContext, planId: number, version: number, chairId: number | null, input: ConferenceInput): Promise<number> {
    return inTransaction(this.db, async (tx) => {
      const plan = await this.lockPlan(tx, ctx, planId, version);
      const last = await tx.selectFrom('conferences').select('held_on').where('plan_id', '=', planId).where('kind', '=', 'review').orderBy('held_on', 'desc').executeTakeFirst();
      const errors = validateConference(input, plan.start_date);
      if (input.heldOn && (input.heldOn <= plan.start_date || (last && input.heldOn <= last.held_on))) {
        if (!errors.some((e) => e.field === 'heldOn')) errors.push({ field: 'heldOn', text: 'The review must be after the plan’s start and after the last review' });
      }
      if (chairId === null) errors.unshift({ field: 'chairId', text: 'Select who chaired the conference' });
      if (errors.length) throw new ProtectionRulesError(errors);
      await this.assertChair(tx, chairId!);
      const conferenceId = await this.insertConference(tx, ctx, { kind: 'review', personId: plan.person_id, s47Id: null, planId, chairId: chairId!, input, planStart: null });
      const ends = input.decision === 'end';
      await tx
        .updateTable('cp_plans')
        .set({ latest_category: !ends && isCategory(input.category) ? input.category : plan.latest_category, end_date: ends ? input.heldOn : null, end_reason: ends ? 'review_conference' : null, version: plan.version + 1 })
        .where('id', '=', planId)
        .execute();
      await writeAudit(tx, ctx, { action: 'conference.review', recordType: 'conference', recordId: conferenceId, personIds: [plan.person_id], details: { planId, heldOn: input.heldOn, decision: input.decision, category: input.category || null } });
      return conferenceId;
    });
  }

  async updatePlan(ctx: RequestContext, planId: number, version: number, input: { dangerStatements: string; safetyGoals: string; bottomLines: string }): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const plan = await this.lockPlan(tx, ctx, planId, version, true);
      await tx.updateTable('cp_plans').set({ danger_statements: input.dangerStatements, safety_goals: input.safetyGoals, bottom_lines: input.bottomLines, version: plan.version + 1 }).where('id', '=', planId).execute();
      await writeAudit(tx, ctx, { action: 'cp_plan.update', recordType: 'cp_plan', recordId: planId, personIds: [plan.person_id] });
    });
  }

  async addPlanAction(ctx: RequestContext, planId: number, input: { who: string; what: string; dueOn: string }): Promise<void> {
    await this.planWrite(ctx, planId, 'cp_plan.action_add', async (tx) => {
      await tx.insertInto('cp_plan_actions').values({ plan_id: planId, who: input.who, what: input.what, due_on: input.dueOn, done_on: null }).execute();
      return { who: input.who, dueOn: input.dueOn };
    });
  }

  async completePlanAction(ctx: RequestContext, planId: number, actionId: number, doneOn: string): Promise<void> {
    await this.planWrite(ctx, planId, 'cp_plan.action_done', async (tx) => {
      const r = await tx.updateTable('cp_plan_actions').set({ done_on: doneOn }).where('id', '=', actionId).where('plan_id', '=', planId).where('done_on', 'is', null).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) throw new NotFoundError('action');
      return { actionId, doneOn };
    });
  }

  async addSafetyNetworkMember(ctx: RequestContext, planId: number, input: { name: string; relationship: string; role: string }): Promise<void> {
    await this.planWrite(ctx, planId, 'cp_plan.network_add', async (tx) => {
      await tx.insertInto('safety_network').values({ plan_id: planId, name: input.name, relationship: input.relationship, role: input.role }).execute();
      return { name: input.name };
    });
  }

  async addCoreGroup(ctx: RequestContext, planId: number, input: { heldOn: string; attendees: SdAttendee[]; notes: string }): Promise<void> {
    await this.planWrite(ctx, planId, 'core_group.create', async (tx, plan) => {
      if (input.heldOn < plan.start_date) throw new ValidationError('heldOn', 'The core group cannot be before the plan started');
      await tx.insertInto('core_groups').values({ plan_id: planId, held_on: input.heldOn, attendees: JSON.stringify(input.attendees), notes: input.notes, created_by: ctx.user?.id ?? null }).execute();
      return { heldOn: input.heldOn };
    });
  }

  async addVisit(ctx: RequestContext, planId: number, input: VisitInput): Promise<void> {
    await this.planWrite(ctx, planId, 'cp_visit.create', async (tx, plan) => {
      if (input.visitedOn < plan.start_date) throw new ValidationError('visitedOn', 'The visit cannot be before the plan started');
      await tx.insertInto('cp_visits').values({ plan_id: planId, visited_on: input.visitedOn, seen: input.seen, seen_alone: input.seen && input.seenAlone, notes: input.notes, created_by: ctx.user?.id ?? null }).execute();
      return { visitedOn: input.visitedOn, seen: input.seen, seenAlone: input.seen && input.seenAlone };
    });
  }

  /** Ends a plan outside a review conference (moved away, looked after, 18...). */
  async endPlan(ctx: RequestContext, planId: number, version: number, input: { endDate: string; reason: string }): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const plan = await this.lockPlan(tx, ctx, planId, version);
      if (!isKey(END_REASONS, input.reason)) throw new ValidationError('reason', 'Select why the plan ended');
      if (input.endDate <= plan.start_date) throw new ValidationError('endDate', 'The plan must end after the day it started');
      await tx.updateTable('cp_plans').set({ end_date: input.endDate, end_reason: input.reason, version: plan.version + 1 }).where('id', '=', planId).execute();
      await writeAudit(tx, ctx, { action: 'cp_plan.end', recordType: 'cp_plan', recordId: planId, personIds: [plan.person_id], details: input });
    });
  }

  // ---- helpers -----------------------------------------------------------------------------------
  private async lockPlan(tx: Tx, ctx: RequestContext, planId: number, version?: number, allowEnded = false) {
    const plan = await tx.selectFrom('cp_plans').selectAll().where('id', '=', planId).forUpdate().executeTakeFirst();
    if (!plan) throw new NotFoundError('plan');
    await this.people.assertCanOpen(ctx, plan.person_id, tx);
    if (version !== undefined && plan.version !== version) throw new ConflictError();
    if (plan.end_date && !allowEnded) throw new ValidationError('form', 'This plan has ended.');
    return plan;
  }

  private async planWrite(ctx: RequestContext, planId: number, action: string, fn: (tx: Tx, plan: Awaited<ReturnType<ProtectionService['lockPlan']>>) => Promise<Record<string, unknown>>): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const plan = await this.lockPlan(tx, ctx, planId);
      const details = await fn(tx, plan);
      await tx.updateTable('cp_plans').set({ version: plan.version + 1 }).where('id', '=', planId).execute();
      await writeAudit(tx, ctx, { action, recordType: 'cp_plan', recordId: planId, personIds: [plan.person_id], details });
    });
  }

  private async assertChair(tx: Tx, chairId: number) {
    const chair = await tx.selectFrom('users').select('id').where('id', '=', chairId).where('role', '=', 'iro').where('active', '=', true).executeTakeFirst();
    if (!chair) throw new ValidationError('chairId', 'Select a child protection chair (independent reviewing officer)');
  }

  private async insertConference(tx: Tx, ctx: RequestContext, c: { kind: 'initial' | 'review'; personId: number; s47Id: number | null; planId: number | null; chairId: number; input: ConferenceInput; planStart: string | null }): Promise<number> {
    const attendees: ConferenceAttendee[] = c.input.attendees.map((a) => ({ agency: a.agency, name: a.name.trim(), role: a.role.trim(), attended: a.attended, scaling: a.scaling }));
    const category = isCategory(c.input.category) && (c.input.decision === 'plan' || c.input.decision === 'continue') ? c.input.category : null;
    const { id } = await tx
      .insertInto('conferences')
      .values({ kind: c.kind, person_id: c.personId, s47_id: c.s47Id, plan_id: c.planId, held_on: c.input.heldOn!, chair_id: c.chairId, attendees: JSON.stringify(attendees), reports_received: c.input.reportsReceived, decision: c.input.decision, category, plan_start: c.planStart, created_by: ctx.user?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }
}

