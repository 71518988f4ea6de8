import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError, type Tx } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { canAccessRecord } from '../access/policy.js';
import { loadBriefs, type PersonBrief } from '../people/match-data.js';
import { RestrictedRecordError } from '../people/people-service.js';
import { childHistories } from './contact-history.js';
import { createHandoverItem } from './handover-service.js';
import { isoDateInLondon, type WorkingCalendar } from '../time/index.js';
import {
  closeBlockers, consentErrors, decisionIsLate, isReferralOutcome, responseDue,
  type Consent, type ContactMethod, type Outcome, type Rag, type RagResponseTimes, type ReferralSource,
} from './rules.js';

export interface ReferrerInput {
  anonymous: boolean;
  name: string;
  organisation: string;
  role: string;
  phone: string;
  email: string;
  address: string;
}

export interface ContactInput {
  receivedAt: Date;
  method: ContactMethod;
  origin?: 'front_door' | 'edt' | 'police_notification' | 'step_up' | 'api';
  sourceCode: ReferralSource;
  referrer: ReferrerInput;
  whatHappened: string;
  referrerWorries: string;
  referrerActions: string;
  childViews: string;
  familyViews: string;
  parentsAware: 'yes' | 'no' | 'unknown';
  consent: Consent;
  consentOverrideReason: string;
  childIds: number[];
  adults: Array<{ personId: number; involvement: string }>;
  edtActions?: string;
  earlyHelpEpisodeId?: number | null;
  policeNotificationId?: number | null;
}

export interface DecisionExtras {
  earlyHelpTeamId: number | null;
  stepDownAnalysis: string;
  transferAuthority: string;
}

const AUDIT_TYPE = 'contact';

/** Thrown with every problem at once, for the error summary. */
export class ContactRulesError extends Error {
  constructor(public readonly errors: Array<{ field: string; text: string }>) {
    super('The contact is incomplete');
  }
}

function extrasErrors(outcome: Outcome, rationale: string, extras: DecisionExtras, prefix = ''): Array<{ field: string; text: string }> {
  const errors: Array<{ field: string; text: string }> = [];
  if (!rationale.trim()) errors.push({ field: `${prefix}rationale`, text: 'Enter the rationale: why this is the right response for this child' });
  if (outcome === 'early_help') {
    if (!extras.earlyHelpTeamId) errors.push({ field: `${prefix}earlyHelpTeamId`, text: 'Select the early help team that will receive the child' });
    if (!extras.stepDownAnalysis.trim()) errors.push({ field: `${prefix}stepDownAnalysis`, text: 'Enter the analysis for stepping down to early help' });
  }
  if (outcome === 'transfer' && !extras.transferAuthority.trim()) errors.push({ field: `${prefix}transferAuthority`, text: 'Enter the local authority the child is transferred to' });
  return errors;
}

/**
 * Contacts at the front door: recording, screening (RAG), each child's recommendation and the manager's
 * decision (with challenge), feedback to the referrer and closure. Every write and every view is audited
 * with the people concerned; a contact about a restricted child opens only for those the restriction names.
 */
export class ContactsService {
  constructor(private readonly db: Kysely<Database>) {}

  async create(ctx: RequestContext, input: ContactInput, executor: Kysely<Database> = this.db): Promise<number> {
    const errors = [...consentErrors(input.consent, input.consentOverrideReason)];
    if (!input.childIds.length) errors.push({ field: 'children', text: 'Find and add the child or children the contact is about' });
    if (!input.whatHappened.trim()) errors.push({ field: 'whatHappened', text: 'Enter what happened and what the referrer is worried about' });
    if (!input.referrer.anonymous && !input.referrer.name.trim()) errors.push({ field: 'referrerName', text: 'Enter the referrer’s name, or say that they are anonymous' });
    if (input.receivedAt.getTime() > Date.now() + 5 * 60000) errors.push({ field: 'receivedAt', text: 'The date and time received must not be in the future' });
    if (errors.length) throw new ContactRulesError(errors);
    const childIds = [...new Set(input.childIds)];
    const adults = input.adults.filter((a, i, all) => !childIds.includes(a.personId) && all.findIndex((b) => b.personId === a.personId) === i);
    return inTransaction(executor, async (tx) => {
      const everyone = [...childIds, ...adults.map((a) => a.personId)];
      const found = await tx.selectFrom('people').select(['id', 'merged_into_id']).where('id', 'in', everyone).execute();
      if (found.length !== everyone.length || found.some((p) => p.merged_into_id)) {
        throw new ContactRulesError([{ field: 'children', text: 'One of the people could not be found in the person index: search again' }]);
      }
      const r = input.referrer;
      const { id } = await tx
        .insertInto('contacts')
        .values({
          received_at: input.receivedAt,
          received_date: isoDateInLondon(input.receivedAt),
          method: input.method,
          origin: input.origin ?? 'front_door',
          source_code: r.anonymous ? '9' : input.sourceCode,
          referrer_anonymous: r.anonymous,
          referrer_name: r.anonymous ? '' : r.name,
          referrer_organisation: r.organisation,
          referrer_role: r.role,
          referrer_phone: r.anonymous ? '' : r.phone,
          referrer_email: r.anonymous ? '' : r.email,
          referrer_address: r.anonymous ? '' : r.address,
          what_happened: input.whatHappened,
          referrer_worries: input.referrerWorries,
          referrer_actions: input.referrerActions,
          child_views: input.childViews,
          family_views: input.familyViews,
          parents_aware: input.parentsAware,
          consent: input.consent,
          consent_override_reason: input.consent === 'given' ? '' : input.consentOverrideReason,
          rag: null,
          rag_set_at: null,
          rag_set_by: null,
          response_due_at: null,
          feedback_method: null,
          feedback_sent_at: null,
          feedback_sent_by: null,
          closed_at: null,
          closed_by: null,
          edt_actions: input.edtActions ?? '',
          early_help_episode_id: input.earlyHelpEpisodeId ?? null,
          police_notification_id: input.policeNotificationId ?? null,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('contact_children').values(childIds.map((person_id) => ({ contact_id: id, person_id, recommendation: null, recommended_by: null, recommended_at: null, decision: null, decided_by: null, decided_at: null, decision_date: null, early_help_team_id: null, primary_need_code: null }))).execute();
      // Out-of-hours work goes on the MASH's morning queue until someone there acknowledges it.
      if ((input.origin ?? 'front_door') === 'edt') await createHandoverItem(tx, ctx, id, input.whatHappened.slice(0, 1000));
      if (adults.length) await tx.insertInto('contact_adults').values(adults.map((a) => ({ contact_id: id, person_id: a.personId, involvement: a.involvement }))).execute();
      await writeAudit(tx, ctx, { action: 'contact.create', recordType: AUDIT_TYPE, recordId: id, personIds: everyone, details: { origin: input.origin ?? 'front_door', method: input.method, source: input.sourceCode, children: childIds.length } });
      return id;
    });
  }

  /** Refuses when any child or adult on the contact is restricted from this user (the refusal is audited). */
  private async assertCanOpen(ctx: RequestContext, contactId: number, briefs: Map<number, PersonBrief>): Promise<void> {
    for (const b of briefs.values()) {
      if (!b.restricted) continue;
      const d = canAccessRecord(ctx.user!, { restrictedTo: b.restrictedTo });
      if (!d.allowed) {
        await writeAudit(this.db, ctx, { action: 'contact.view', outcome: 'denied', recordType: AUDIT_TYPE, recordId: contactId, personIds: [b.id] });
        throw new RestrictedRecordError(d.reason);
      }
    }
  }

  /** The contact with its children (each with their own decision), adults and challenges; the view is audited. */
  async get(ctx: RequestContext, id: number, options: { audit?: boolean } = {}) {
    const contact = await this.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!contact) throw new NotFoundError('contact');
    const [children, adults] = await Promise.all([
      this.db.selectFrom('contact_children').selectAll().where('contact_id', '=', id).orderBy('id').execute(),
      this.db.selectFrom('contact_adults').selectAll().where('contact_id', '=', id).orderBy('id').execute(),
    ]);
    const personIds = [...children.map((c) => c.person_id), ...adults.map((a) => a.person_id)];
    const briefs = await loadBriefs(this.db, personIds);
    await this.assertCanOpen(ctx, id, briefs);
    const childRowIds = children.map((c) => c.id);
    const userIds = new Set<number>();
    const [challenges, teams, episodes] = await Promise.all([
      childRowIds.length ? this.db.selectFrom('decision_challenges').selectAll().where('contact_child_id', 'in', childRowIds).orderBy('id').execute() : Promise.resolve([]),
      this.db.selectFrom('teams').select(['id', 'name']).execute(),
      childRowIds.length ? this.db.selectFrom('cin_episodes').select(['id', 'contact_child_id']).where('contact_child_id', 'in', childRowIds).execute() : Promise.resolve([]),
    ]);
    for (const id of [contact.created_by, contact.rag_set_by, contact.feedback_sent_by, contact.closed_by, ...children.flatMap((c) => [c.recommended_by, c.decided_by]), ...challenges.flatMap((c) => [c.raised_by, c.resolved_by])]) if (id) userIds.add(id);
    const users = userIds.size ? await this.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...userIds]).execute() : [];
    const userName = new Map(users.map((u) => [u.id, u.display_name]));
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    if (options.audit !== false) await writeAudit(this.db, ctx, { action: 'contact.view', recordType: AUDIT_TYPE, recordId: id, personIds });
    return {
      contact,
      children: children.map((c) => ({ ...c, person: briefs.get(c.person_id) ?? null, challenges: challenges.filter((x) => x.contact_child_id === c.id), earlyHelpTeam: c.early_help_team_id ? teamName.get(c.early_help_team_id) ?? null : null, episodeId: episodes.find((e) => e.contact_child_id === c.id)?.id ?? null })),
      adults: adults.map((a) => ({ ...a, person: briefs.get(a.person_id) ?? null })),
      userName: (uid: number | null) => (uid ? userName.get(uid) ?? 'Unknown user' : ''),
    };
  }

  /** What is already known about each child (earlier contacts, re-referrals, early help, professionals): call after get(). */
  histories(personIds: number[], excludeContactId: number, today: string) {
    return childHistories(this.db, personIds, excludeContactId, today);
  }

  private async lockContact(tx: Tx, id: number, version?: number) {
    const row = await tx.selectFrom('contacts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError('contact');
    if (version !== undefined && row.version !== version) throw new ConflictError();
    if (row.status === 'closed') throw new ValidationError('form', 'This contact is closed.');
    return row;
  }

  /** Every change to a child's decision also moves the contact's version, so a stale contact page is refused. */
  private async lockChild(tx: Tx, contactId: number, childRowId: number, version: number) {
    const contact = await this.lockContact(tx, contactId);
    const child = await tx.selectFrom('contact_children').selectAll().where('id', '=', childRowId).where('contact_id', '=', contactId).forUpdate().executeTakeFirst();
    if (!child) throw new NotFoundError('contact child');
    if (child.version !== version) throw new ConflictError();
    return { contact, child };
  }

  private touch(tx: Tx, contact: { id: number; version: number }) {
    return tx.updateTable('contacts').set({ version: contact.version + 1, updated_at: new Date() }).where('id', '=', contact.id).execute();
  }

  async setRag(ctx: RequestContext, id: number, version: number, rag: Rag, rationale: string, calendar: WorkingCalendar, times: RagResponseTimes): Promise<void> {
    if (!rationale.trim()) throw new ValidationError('ragRationale', 'Enter why you have given this RAG rating');
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockContact(tx, id, version);
      const now = new Date();
      const due = responseDue(calendar, rag, now, times);
      await tx.updateTable('contacts').set({ rag, rag_rationale: rationale, rag_set_at: now, rag_set_by: ctx.user?.id ?? null, response_due_at: due, version: row.version + 1, updated_at: now }).where('id', '=', id).execute();
      await writeAudit(tx, ctx, { action: 'contact.rag', recordType: AUDIT_TYPE, recordId: id, details: { rag, previous: row.rag, due: due.toISOString() } });
    });
  }

  /** The worker's recommendation for one child; a recommendation made while challenged answers the challenge. */
  async recommend(ctx: RequestContext, contactId: number, childRowId: number, version: number, outcome: Outcome, rationale: string, extras: DecisionExtras): Promise<void> {
    const errors = extrasErrors(outcome, rationale, extras);
    if (errors.length) throw new ContactRulesError(errors);
    await inTransaction(this.db, async (tx) => {
      const { contact, child } = await this.lockChild(tx, contactId, childRowId, version);
      if (child.status === 'decided') throw new ValidationError('form', 'This child has already been decided.');
      if (child.status === 'challenged') throw new ValidationError('form', 'The manager has challenged the recommendation: respond to the challenge.');
      await tx
        .updateTable('contact_children')
        .set({ recommendation: outcome, recommendation_rationale: rationale, recommended_by: ctx.user?.id ?? null, recommended_at: new Date(), early_help_team_id: extras.earlyHelpTeamId, step_down_analysis: extras.stepDownAnalysis, transfer_authority: extras.transferAuthority, status: 'awaiting_decision', version: child.version + 1 })
        .where('id', '=', childRowId)
        .execute();
      await this.touch(tx, contact);
      await writeAudit(tx, ctx, { action: 'contact.recommend', recordType: AUDIT_TYPE, recordId: contactId, personIds: [child.person_id], details: { outcome } });
    });
  }

  /** The manager challenges a recommendation; the worker responds (upholds it with reasons, or changes it). */
  async challenge(ctx: RequestContext, contactId: number, childRowId: number, version: number, challenge: string): Promise<void> {
    if (!challenge.trim()) throw new ValidationError('challenge', 'Enter your challenge: what the worker should reconsider and why');
    await inTransaction(this.db, async (tx) => {
      const { contact, child } = await this.lockChild(tx, contactId, childRowId, version);
      if (child.status !== 'awaiting_decision' || !child.recommendation) throw new ValidationError('form', 'Only a recommendation awaiting decision can be challenged.');
      await tx.insertInto('decision_challenges').values({ contact_child_id: childRowId, challenged_recommendation: child.recommendation, challenge, raised_by: ctx.user!.id, outcome: null, resolved_by: null, resolved_at: null }).execute();
      await tx.updateTable('contact_children').set({ status: 'challenged', version: child.version + 1 }).where('id', '=', childRowId).execute();
      await this.touch(tx, contact);
      await writeAudit(tx, ctx, { action: 'contact.challenge', recordType: AUDIT_TYPE, recordId: contactId, personIds: [child.person_id], details: { recommendation: child.recommendation } });
    });
  }

  async respondToChallenge(ctx: RequestContext, contactId: number, childRowId: number, version: number, response: string, change: { outcome: Outcome; rationale: string; extras: DecisionExtras } | null): Promise<void> {
    const errors: Array<{ field: string; text: string }> = [];
    if (!response.trim()) errors.push({ field: 'response', text: 'Enter your response to the challenge' });
    if (change) errors.push(...extrasErrors(change.outcome, change.rationale, change.extras));
    if (errors.length) throw new ContactRulesError(errors);
    await inTransaction(this.db, async (tx) => {
      const { contact, child } = await this.lockChild(tx, contactId, childRowId, version);
      if (child.status !== 'challenged') throw new ValidationError('form', 'There is no open challenge on this recommendation.');
      const open = await tx.selectFrom('decision_challenges').select('id').where('contact_child_id', '=', childRowId).where('resolved_at', 'is', null).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const changed = !!change && change.outcome !== child.recommendation;
      await tx.updateTable('decision_challenges').set({ response, outcome: changed ? 'changed' : 'upheld', resolved_by: ctx.user?.id ?? null, resolved_at: new Date() }).where('id', '=', open.id).execute();
      await tx
        .updateTable('contact_children')
        .set({
          status: 'awaiting_decision',
          version: child.version + 1,
          ...(change ? { recommendation: change.outcome, recommendation_rationale: change.rationale, recommended_by: ctx.user?.id ?? null, recommended_at: new Date(), early_help_team_id: change.extras.earlyHelpTeamId, step_down_analysis: change.extras.stepDownAnalysis, transfer_authority: change.extras.transferAuthority } : {}),
        })
        .where('id', '=', childRowId)
        .execute();
      await this.touch(tx, contact);
      await writeAudit(tx, ctx, { action: 'contact.challenge_response', recordType: AUDIT_TYPE, recordId: contactId, personIds: [child.person_id], details: { outcome: changed ? 'changed' : 'upheld', recommendation: change?.outcome ?? child.recommendation } });
    });
  }

  /** The manager's decision for one child. Late decisions need a reason; a step-down opens an early help episode. */
  async decide(ctx: RequestContext, contactId: number, childRowId: number, version: number, input: { outcome: Outcome; rationale: string; lateReason: string; primaryNeedCode: string | null; extras: DecisionExtras }, calendar: WorkingCalendar): Promise<void> {
    const errors = extrasErrors(input.outcome, input.rationale, input.extras);
    const today = isoDateInLondon(new Date());
    await inTransaction(this.db, async (tx) => {
      const { contact, child } = await this.lockChild(tx, contactId, childRowId, version);
      if (child.status === 'decided') throw new ValidationError('form', 'This child has already been decided.');
      if (child.status === 'challenged') throw new ValidationError('form', 'Your challenge is still open: the worker must respond before you decide.');
      if (!child.recommendation) throw new ValidationError('form', 'The MASH worker has not yet made a recommendation for this child.');
      if (decisionIsLate(calendar, contact.received_date, today) && !input.lateReason.trim()) {
        errors.push({ field: 'lateReason', text: 'The decision is after the one-working-day timescale: give the reason (for example, information was still being gathered appropriately)' });
      }
      if (errors.length) throw new ContactRulesError(errors);
      const referral = isReferralOutcome(input.outcome);
      await tx
        .updateTable('contact_children')
        .set({
          decision: input.outcome, decision_rationale: input.rationale, decided_by: ctx.user?.id ?? null, decided_at: new Date(), decision_date: today,
          late_reason: input.lateReason, early_help_team_id: input.extras.earlyHelpTeamId, step_down_analysis: input.extras.stepDownAnalysis,
          transfer_authority: input.extras.transferAuthority, is_referral: referral, primary_need_code: referral ? input.primaryNeedCode : null,
          status: 'decided', version: child.version + 1,
        })
        .where('id', '=', childRowId)
        .execute();
      // A referral opens a children in need episode for the child (CIN census: referral date and source from the contact).
      if (referral) {
        await tx.insertInto('cin_episodes').values({ person_id: child.person_id, contact_child_id: childRowId, referral_date: contact.received_date, referral_source: contact.source_code, primary_need_code: input.primaryNeedCode, start_date: contact.received_date, end_date: null, closure_reason: null, team_id: null, worker_id: null, created_by: ctx.user?.id ?? null }).execute();
      }
      if (input.outcome === 'early_help') {
        await tx.insertInto('early_help_episodes').values({ person_id: child.person_id, team_id: input.extras.earlyHelpTeamId, started_on: today, contact_child_id: childRowId, analysis: input.extras.stepDownAnalysis, ended_on: null, step_up_contact_id: null, created_by: ctx.user?.id ?? null }).execute();
      }
      await this.touch(tx, contact);
      await writeAudit(tx, ctx, { action: 'contact.decide', recordType: AUDIT_TYPE, recordId: contactId, personIds: [child.person_id], details: { outcome: input.outcome, recommendation: child.recommendation, late: !!input.lateReason.trim() } });
    });
  }

  /** Saves the feedback text (and, when `sent`, records it as sent now). */
  async saveFeedback(ctx: RequestContext, id: number, version: number, input: { method: string; recipient: string; text: string; sent: boolean }): Promise<void> {
    const errors: Array<{ field: string; text: string }> = [];
    if (!input.text.trim()) errors.push({ field: 'feedbackText', text: 'Enter the feedback to the referrer' });
    if (input.sent && !input.recipient.trim()) errors.push({ field: 'recipient', text: 'Enter who the feedback was sent to (email address, postal address or phone number)' });
    if (errors.length) throw new ContactRulesError(errors);
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockContact(tx, id, version);
      if (row.feedback_sent_at) throw new ValidationError('form', 'Feedback has already been sent.');
      const now = new Date();
      await tx
        .updateTable('contacts')
        .set({ feedback_method: input.method, feedback_recipient: input.recipient, feedback_text: input.text, feedback_sent_at: input.sent ? now : null, feedback_sent_by: input.sent ? ctx.user?.id ?? null : null, version: row.version + 1, updated_at: now })
        .where('id', '=', id)
        .execute();
      await writeAudit(tx, ctx, { action: input.sent ? 'contact.feedback_sent' : 'contact.feedback_draft', recordType: AUDIT_TYPE, recordId: id, details: { method: input.method } });
    });
  }

  async feedbackNotSent(ctx: RequestContext, id: number, version: number, reason: string): Promise<void> {
    if (!reason.trim()) throw new ValidationError('notSentReason', 'Enter why feedback cannot be sent to the referrer');
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockContact(tx, id, version);
      await tx.updateTable('contacts').set({ feedback_not_sent_reason: reason, version: row.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
      await writeAudit(tx, ctx, { action: 'contact.feedback_not_sent', recordType: AUDIT_TYPE, recordId: id });
    });
  }

  async close(ctx: RequestContext, id: number, version: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockContact(tx, id, version);
      const children = await tx.selectFrom('contact_children').select(['status', 'person_id']).where('contact_id', '=', id).execute();
      const reasons = closeBlockers({ feedbackSentAt: row.feedback_sent_at, feedbackNotSentReason: row.feedback_not_sent_reason, anonymous: row.referrer_anonymous }, children);
      if (reasons.length) throw new ContactRulesError(reasons.map((text) => ({ field: 'form', text })));
      const now = new Date();
      await tx.updateTable('contacts').set({ status: 'closed', closed_at: now, closed_by: ctx.user?.id ?? null, version: row.version + 1, updated_at: now }).where('id', '=', id).execute();
      await writeAudit(tx, ctx, { action: 'contact.close', recordType: AUDIT_TYPE, recordId: id, personIds: children.map((c) => c.person_id) });
    });
  }
}
