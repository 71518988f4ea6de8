import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { isoDateInLondon } from '../time/index.js';
import { loadBriefs } from '../people/match-data.js';
import {
  annualReport,
  subjectKey,
  validateMeeting,
  type AnnualReport,
  type MeetingInput,
  type ReportCase,
} from './rules.js';

export interface SubjectRoleInput {
  employer: string;
  sector: string;
  role: string;
  engagement: string;
}

export interface ReferralInput {
  receivedAt: Date;
  referrerName: string;
  referrerOrganisation: string;
  referrerSector: string;
  employerName: string;
  employerSector: string;
  dslName: string;
  dslContact: string;
  subjectGivenNames: string;
  subjectFamilyName: string;
  subjectDateOfBirth: string | null;
  subjectRole: string;
  subjectEngagement: string;
  otherRoles: SubjectRoleInput[];
  childIds: number[];
  alleged: string;
  category: string;
  policeInvolved: boolean;
}

export interface ConsiderationInput {
  decision: string;
  rationale: string;
  date: string;
}

export interface OutcomeInput {
  outcome: string;
  outcomeDate: string;
  regulatorReferral: string;
  regulatorReferralDate: string | null;
  lessonsLearned: string;
  retainedOnFile: string;
  referenceSummary: string;
  exceptionalReason: string;
}

/** Raised when the meeting rules refuse a record: every problem at once, for the error summary. */
export class MeetingRulesError extends Error {
  constructor(public readonly errors: Array<{ field: string; text: string }>) {
    super('The meeting record is incomplete');
  }
}

const AUDIT_TYPE = 'allegation';

/**
 * Allegations against people who work with children. Only the Allegations team reaches this service
 * (routes need allegations.manage); nothing here feeds person search, chronology or dashboards.
 * Every write is audited in its transaction; every view of a case is audited.
 */
export class AllegationsService {
  constructor(private readonly db: Kysely<Database>) {}

  async createReferral(ctx: RequestContext, input: ReferralInput, executor: Kysely<Database> = this.db): Promise<number> {
    if (!input.childIds.length) throw new ValidationError('children', 'Find and add the child or children the allegation concerns');
    return inTransaction(executor, async (tx) => {
      const people = await tx.selectFrom('people').select(['id', 'merged_into_id']).where('id', 'in', input.childIds).execute();
      if (people.length !== new Set(input.childIds).size || people.some((p) => p.merged_into_id)) {
        throw new ValidationError('children', 'One of the children could not be found in the person index: search again');
      }
      const key = subjectKey(input.subjectGivenNames, input.subjectFamilyName);
      // The same person referred again (same name and date of birth) keeps one subject record, so repeats show.
      let subjectId: number | undefined;
      if (input.subjectDateOfBirth) {
        subjectId = (await tx.selectFrom('allegation_subjects').select('id').where('name_key', '=', key).where('date_of_birth', '=', input.subjectDateOfBirth).orderBy('id').executeTakeFirst())?.id;
      }
      subjectId ??= (
        await tx
          .insertInto('allegation_subjects')
          .values({ given_names: input.subjectGivenNames, family_name: input.subjectFamilyName, date_of_birth: input.subjectDateOfBirth, name_key: key })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const { id } = await tx
        .insertInto('allegation_cases')
        .values({
          subject_id: subjectId,
          received_at: input.receivedAt,
          received_date: isoDateInLondon(input.receivedAt),
          referrer_name: input.referrerName,
          referrer_organisation: input.referrerOrganisation,
          referrer_sector: input.referrerSector,
          employer_name: input.employerName,
          employer_sector: input.employerSector,
          dsl_name: input.dslName,
          dsl_contact: input.dslContact,
          subject_role: input.subjectRole,
          subject_engagement: input.subjectEngagement,
          alleged: input.alleged,
          category: input.category,
          police_involved: input.policeInvolved,
          consideration_decision: null, consideration_rationale: null, consideration_date: null, considered_by: null,
          outcome: null, outcome_date: null, regulator_referral: null, regulator_referral_date: null, lessons_learned: null,
          retained_on_file: null, reference_summary: null, closed_date: null, closure_note: null, exceptional_reason: null,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('allegation_subject_roles')
        .values([
          { case_id: id, employer: input.employerName, sector: input.employerSector, role: input.subjectRole, engagement: input.subjectEngagement, is_primary: true },
          ...input.otherRoles.map((r) => ({ case_id: id, employer: r.employer, sector: r.sector, role: r.role, engagement: r.engagement, is_primary: false })),
        ])
        .execute();
      await tx.insertInto('allegation_children').values([...new Set(input.childIds)].map((person_id) => ({ case_id: id, person_id }))).execute();
      await writeAudit(tx, ctx, { action: 'allegation.create', recordType: AUDIT_TYPE, recordId: id, details: { subjectId, childIds: input.childIds, category: input.category } });
      return id;
    });
  }

  private async lockCase(tx: Kysely<Database>, id: number, version?: number) {
    const row = await tx.selectFrom('allegation_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError('allegation');
    if (version !== undefined && row.version !== version) throw new ConflictError();
    return row;
  }

  /** Corrects the referral's details (what is alleged, category, police, employer contact); versioned and audited. */
  async updateReferral(ctx: RequestContext, id: number, version: number, input: { alleged: string; category: string; policeInvolved: boolean; dslName: string; dslContact: string; subjectRole: string }): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockCase(tx, id, version);
      if (row.status === 'closed') throw new ValidationError('form', 'This case is closed.');
      const changed = (['alleged', 'category', 'police_involved', 'dsl_name', 'dsl_contact', 'subject_role'] as const).filter((k) => {
        const next = { alleged: input.alleged, category: input.category, police_involved: input.policeInvolved, dsl_name: input.dslName, dsl_contact: input.dslContact, subject_role: input.subjectRole }[k];
        return row[k] !== next;
      });
      await tx
        .updateTable('allegation_cases')
        .set({ alleged: input.alleged, category: input.category, police_involved: input.policeInvolved, dsl_name: input.dslName, dsl_contact: input.dslContact, subject_role: input.subjectRole, version: row.version + 1, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await tx.updateTable('allegation_subject_roles').set({ role: input.subjectRole }).where('case_id', '=', id).where('is_primary', '=', true).execute();
      await writeAudit(tx, ctx, { action: 'allegation.update_referral', recordType: AUDIT_TYPE, recordId: id, details: { changed } });
    });
  }

  async recordConsideration(ctx: RequestContext, id: number, version: number, input: ConsiderationInput): Promise<void> {
    if (!input.rationale.trim()) throw new ValidationError('rationale', 'Enter the rationale for the decision');
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockCase(tx, id, version);
      if (row.status === 'closed') throw new ValidationError('form', 'This case is closed.');
      if (input.date < row.received_date) throw new ValidationError('date', 'The date of the decision cannot be before the referral was received');
      await tx
        .updateTable('allegation_cases')
        .set({
          consideration_decision: input.decision,
          consideration_rationale: input.rationale,
          consideration_date: input.date,
          considered_by: ctx.user?.id ?? null,
          status: row.status === 'awaiting_consideration' ? 'open' : row.status,
          version: row.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await writeAudit(tx, ctx, { action: 'allegation.consideration', recordType: AUDIT_TYPE, recordId: id, details: { decision: input.decision, date: input.date } });
    });
  }

  async addMeeting(ctx: RequestContext, id: number, input: MeetingInput): Promise<number> {
    const errors = validateMeeting(input);
    if (errors.length) throw new MeetingRulesError(errors);
    return inTransaction(this.db, async (tx) => {
      const row = await this.lockCase(tx, id);
      if (row.status === 'closed') throw new ValidationError('form', 'This case is closed.');
      const { id: meetingId } = await tx
        .insertInto('allegation_meetings')
        .values({
          case_id: id,
          kind: input.kind,
          meeting_date: input.meetingDate!,
          chair: input.chair,
          attendees: JSON.stringify(input.attendees),
          key_issues: input.keyIssues,
          subject_support_provider: input.supportAnswer === 'provided' ? input.supportProvider : '',
          subject_support_none_reason: input.supportAnswer === 'none_needed' ? input.supportNoneReason : '',
          child_support: input.childSupport,
          employment_status: input.employmentStatus,
          employment_from: input.employmentStatus === 'none' ? null : input.employmentFrom,
          employment_to: input.employmentStatus === 'none' ? null : input.employmentTo,
          next_review_date: input.nextReviewDate,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('allegation_decisions').values(input.decisions.map((d) => ({ meeting_id: meetingId, decision: d.decision, rationale: d.rationale }))).execute();
      await tx
        .insertInto('allegation_actions')
        .values(input.actions.map((a) => ({ case_id: id, meeting_id: meetingId, description: a.description, owner: a.owner, due_date: a.dueDate!, employer_feedback: a.employerFeedback, completed_date: null })))
        .execute();
      await tx.updateTable('allegation_cases').set({ version: row.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
      await writeAudit(tx, ctx, { action: 'allegation.meeting', recordType: AUDIT_TYPE, recordId: id, details: { meetingId, kind: input.kind, decisions: input.decisions.length, actions: input.actions.length } });
      return meetingId;
    });
  }

  async completeAction(ctx: RequestContext, caseId: number, actionId: number, completedOn: string): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockCase(tx, caseId);
      const r = await tx.updateTable('allegation_actions').set({ completed_date: completedOn }).where('id', '=', actionId).where('case_id', '=', caseId).where('completed_date', 'is', null).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) throw new NotFoundError('action');
      await tx.updateTable('allegation_cases').set({ version: row.version + 1, updated_at: new Date() }).where('id', '=', caseId).execute();
      await writeAudit(tx, ctx, { action: 'allegation.action_complete', recordType: AUDIT_TYPE, recordId: caseId, details: { actionId, completedOn } });
    });
  }

  async recordOutcome(ctx: RequestContext, id: number, version: number, input: OutcomeInput): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockCase(tx, id, version);
      if (row.status === 'closed') throw new ValidationError('form', 'This case is closed.');
      if (row.status === 'awaiting_consideration') throw new ValidationError('form', 'Record the initial consideration before the outcome.');
      if (input.outcomeDate < row.received_date) throw new ValidationError('outcomeDate', 'The outcome date cannot be before the referral was received');
      await tx
        .updateTable('allegation_cases')
        .set({
          outcome: input.outcome,
          outcome_date: input.outcomeDate,
          regulator_referral: input.regulatorReferral,
          regulator_referral_date: input.regulatorReferral === 'none' ? null : input.regulatorReferralDate,
          lessons_learned: input.lessonsLearned,
          retained_on_file: input.retainedOnFile,
          reference_summary: input.referenceSummary,
          exceptional_reason: input.exceptionalReason || null,
          status: 'outcome_recorded',
          version: row.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await writeAudit(tx, ctx, { action: 'allegation.outcome', recordType: AUDIT_TYPE, recordId: id, details: { outcome: input.outcome, outcomeDate: input.outcomeDate, regulatorReferral: input.regulatorReferral } });
    });
  }

  async close(ctx: RequestContext, id: number, version: number, closedDate: string, note: string): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockCase(tx, id, version);
      if (row.status === 'closed') throw new ValidationError('form', 'This case is already closed.');
      const noThreshold = row.consideration_decision === 'not_met' || row.consideration_decision === 'advice_only';
      if (!row.outcome && !noThreshold) throw new ValidationError('form', 'Record the outcome before closing: only a consultation or a referral that did not meet the threshold closes without one.');
      const open = await tx.selectFrom('allegation_actions').select('id').where('case_id', '=', id).where('completed_date', 'is', null).execute();
      if (open.length) throw new ValidationError('form', `Complete the ${open.length} open action${open.length === 1 ? '' : 's'} before closing.`);
      if (closedDate < row.received_date) throw new ValidationError('closedDate', 'The closure date cannot be before the referral was received');
      await tx.updateTable('allegation_cases').set({ status: 'closed', closed_date: closedDate, closure_note: note, version: row.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
      await writeAudit(tx, ctx, { action: 'allegation.close', recordType: AUDIT_TYPE, recordId: id, details: { closedDate } });
    });
  }

  /** One case with everything on it; the view is audited. */
  async getCase(ctx: RequestContext, id: number, opts: { audit?: boolean } = {}) {
    const c = await this.db.selectFrom('allegation_cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c) throw new NotFoundError('allegation');
    const [subject, roles, childRows, meetings, decisions, actions, consideredBy, others] = await Promise.all([
      this.db.selectFrom('allegation_subjects').selectAll().where('id', '=', c.subject_id).executeTakeFirstOrThrow(),
      this.db.selectFrom('allegation_subject_roles').selectAll().where('case_id', '=', id).orderBy('is_primary', 'desc').orderBy('id').execute(),
      this.db.selectFrom('allegation_children').select('person_id').where('case_id', '=', id).orderBy('id').execute(),
      this.db.selectFrom('allegation_meetings').selectAll().where('case_id', '=', id).orderBy('meeting_date').orderBy('id').execute(),
      this.db.selectFrom('allegation_decisions').innerJoin('allegation_meetings', 'allegation_meetings.id', 'allegation_decisions.meeting_id').selectAll('allegation_decisions').where('allegation_meetings.case_id', '=', id).orderBy('allegation_decisions.id').execute(),
      this.db.selectFrom('allegation_actions').selectAll().where('case_id', '=', id).orderBy('due_date').orderBy('id').execute(),
      c.considered_by ? this.db.selectFrom('users').select('display_name').where('id', '=', c.considered_by).executeTakeFirst() : Promise.resolve(undefined),
      this.db.selectFrom('allegation_cases').select(['id', 'received_date', 'employer_name', 'outcome', 'status']).where('subject_id', '=', c.subject_id).where('id', '<>', id).orderBy('received_date').execute(),
    ]);
    const briefs = await loadBriefs(this.db, childRows.map((r) => r.person_id));
    const children = childRows.map((r) => {
      const b = briefs.get(r.person_id);
      return { id: r.person_id, name: b ? `${b.givenNames} ${b.familyName}` : `Person ${r.person_id}`, dateOfBirth: b?.dateOfBirth ?? null };
    });
    if (opts.audit !== false) {
      await writeAudit(this.db, ctx, { action: 'allegation.view', recordType: AUDIT_TYPE, recordId: id, details: { childIds: childRows.map((r) => r.person_id) } });
    }
    return {
      case: c,
      subject,
      roles,
      children,
      meetings: meetings.map((m) => ({ ...m, decisions: decisions.filter((d) => d.meeting_id === m.id), actions: actions.filter((a) => a.meeting_id === m.id) })),
      actions,
      consideredByName: consideredBy?.display_name ?? null,
      otherReferrals: others,
    };
  }

  /** For the child's person page: that an allegation exists and whom to contact (no details). */
  noticeFor(personId: number) {
    return allegationNoticeFor(this.db, personId);
  }

  /** Names and dates of birth of the children chosen for a new referral (people the user found in a search). */
  async childBriefs(ids: number[]) {
    const briefs = await loadBriefs(this.db, ids);
    return ids.flatMap((id) => {
      const b = briefs.get(id);
      return b && !b.restricted ? [{ id, name: `${b.givenNames} ${b.familyName}`, dateOfBirth: b.dateOfBirth }] : [];
    });
  }

  /** Everything the work tray needs, for cases not yet closed. */
  async openCases() {
    const cases = await this.db
      .selectFrom('allegation_cases')
      .innerJoin('allegation_subjects', 'allegation_subjects.id', 'allegation_cases.subject_id')
      .select(['allegation_cases.id', 'received_at', 'received_date', 'status', 'employer_name', 'subject_role', 'category', 'consideration_date', 'outcome_date', 'given_names', 'family_name'])
      .where('status', '<>', 'closed')
      .orderBy('received_at')
      .execute();
    const ids = cases.map((c) => c.id);
    const [meetings, actions] = ids.length
      ? await Promise.all([
          this.db.selectFrom('allegation_meetings').select(['case_id', 'meeting_date', 'next_review_date', 'kind']).where('case_id', 'in', ids).orderBy('meeting_date').execute(),
          this.db.selectFrom('allegation_actions').selectAll().where('case_id', 'in', ids).where('completed_date', 'is', null).orderBy('due_date').execute(),
        ])
      : [[], []];
    return { cases, meetings, actions };
  }

  async caseList(filter: { status?: string } = {}) {
    let q = this.db
      .selectFrom('allegation_cases')
      .innerJoin('allegation_subjects', 'allegation_subjects.id', 'allegation_cases.subject_id')
      .select(['allegation_cases.id', 'received_date', 'status', 'employer_name', 'subject_role', 'category', 'outcome', 'given_names', 'family_name']);
    if (filter.status) q = q.where('status', '=', filter.status);
    return q.orderBy('received_date', 'desc').orderBy('allegation_cases.id', 'desc').limit(500).execute();
  }

  async reportCases(): Promise<ReportCase[]> {
    const rows = await this.db
      .selectFrom('allegation_cases')
      .select(['id', 'received_date', 'referrer_sector', 'employer_sector', 'category', 'consideration_decision', 'outcome', 'outcome_date', 'subject_id'])
      .execute();
    return rows.map((r) => ({ id: r.id, receivedDate: r.received_date, referrerSector: r.referrer_sector, employerSector: r.employer_sector, category: r.category, considerationDecision: r.consideration_decision, outcome: r.outcome, outcomeDate: r.outcome_date, subjectId: r.subject_id }));
  }

  async report(ctx: RequestContext, from: string, to: string, opts: { export?: boolean } = {}): Promise<AnnualReport> {
    const report = annualReport(await this.reportCases(), from, to);
    await writeAudit(this.db, ctx, { action: opts.export ? 'allegation.report_export' : 'allegation.report_view', recordType: 'allegation_report', details: { from, to, format: opts.export ? 'csv' : 'html', total: report.total } });
    return report;
  }
}

/**
 * For the child's person page: whether an allegation concerns this child, and whom to contact.
 * No details of the allegation leave the Allegations team.
 */
export async function allegationNoticeFor(db: Kysely<Database>, personId: number): Promise<{ exists: boolean; ladoContact: string | null }> {
  const row = await db
    .selectFrom('allegation_children')
    .innerJoin('allegation_cases', 'allegation_cases.id', 'allegation_children.case_id')
    .leftJoin('users', 'users.id', 'allegation_cases.created_by')
    .select(['users.display_name', 'users.email'])
    .where('allegation_children.person_id', '=', personId)
    .orderBy('allegation_cases.received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { exists: false, ladoContact: null };
  const who = row.display_name ? `${row.display_name}${row.email ? ` (${row.email})` : ''}, ` : '';
  return { exists: true, ladoContact: `${who}the designated officer (LADO), Allegations team` };
}
