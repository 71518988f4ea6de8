import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, NotFoundError, ValidationError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { MergedRecordError, type PeopleService } from '../people/people-service.js';
import { loadBriefs } from '../people/match-data.js';
import { assess, levelLabel, levelSeverity, SCREENING_TOOLS, type AssessmentInput, type ScreeningTool } from './screening-tools.js';

const AUDIT_TYPE = 'screening';

/** Raised when a tool is incomplete: every problem at once, for the error summary. */
export class ScreeningRulesError extends Error {
  constructor(public readonly errors: Array<{ field: string; text: string }>) {
    super('The screening tool is incomplete');
  }
}

export interface LatestLevel {
  id: number;
  tool: ScreeningTool;
  toolName: string;
  level: string;
  levelText: string;
  severity: 'high' | 'medium' | 'low';
  completedAt: Date;
}

/**
 * Screening tools completed about a person (exploitation; domestic abuse). Each assessment is stored
 * with its answers, score, level and who completed it. Restricted records are refused as the person
 * pages refuse them; every completion and every view is audited against the person.
 */
export class ScreeningService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly people: PeopleService,
  ) {}

  /** Refuses restricted (audited) and merged records; a missing person is a NotFoundError. */
  private async assertPerson(ctx: RequestContext, personId: number, executor: Kysely<Database>) {
    await this.people.assertCanOpen(ctx, personId, executor);
    const p = await executor.selectFrom('people').select(['id', 'merged_into_id']).where('id', '=', personId).executeTakeFirstOrThrow();
    if (p.merged_into_id) throw new MergedRecordError(p.merged_into_id);
  }

  /** The person's name and date of birth for page headings, after the access check. */
  async personFor(ctx: RequestContext, personId: number) {
    await this.assertPerson(ctx, personId, this.db);
    const b = (await loadBriefs(this.db, [personId])).get(personId);
    if (!b) throw new NotFoundError('person');
    return { id: personId, name: `${b.givenNames} ${b.familyName}`, dateOfBirth: b.dateOfBirth };
  }

  /** A contact the person is on (as a child or an adult), to link the screening to; anything else is refused. */
  async contactFor(personId: number, contactId: number, executor: Kysely<Database> = this.db) {
    const contact = await executor.selectFrom('contacts').select(['id', 'received_at']).where('id', '=', contactId).executeTakeFirst();
    const onIt =
      contact &&
      ((await executor.selectFrom('contact_children').select('id').where('contact_id', '=', contactId).where('person_id', '=', personId).executeTakeFirst()) ||
        (await executor.selectFrom('contact_adults').select('id').where('contact_id', '=', contactId).where('person_id', '=', personId).executeTakeFirst()));
    if (!contact || !onIt) throw new ValidationError('form', 'That contact is not about this person: start the screening again from the contact or the person’s record.');
    return contact;
  }

  async complete(ctx: RequestContext, personId: number, input: AssessmentInput & { contactId: number | null }): Promise<number> {
    const { assessment, errors } = assess(input);
    if (!assessment) throw new ScreeningRulesError(errors);
    // Checked before the transaction too, so a refusal's audit event is not rolled back with it.
    await this.assertPerson(ctx, personId, this.db);
    return inTransaction(this.db, async (tx) => {
      await this.assertPerson(ctx, personId, tx);
      if (input.contactId !== null) await this.contactFor(personId, input.contactId, tx);
      const { id } = await tx
        .insertInto('screening_assessments')
        .values({
          person_id: personId,
          tool: assessment.tool,
          answers: JSON.stringify(assessment.answers),
          score: assessment.score,
          calculated_level: assessment.calculatedLevel,
          level: assessment.level,
          judgement_reason: assessment.judgementReason,
          notes: assessment.notes,
          contact_id: input.contactId,
          completed_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, {
        action: 'screening.complete',
        recordType: AUDIT_TYPE,
        recordId: id,
        personIds: [personId],
        details: { tool: assessment.tool, score: assessment.score, level: assessment.level, judgement: assessment.level !== assessment.calculatedLevel, contactId: input.contactId },
      });
      return id;
    });
  }

  /** Every assessment about the person, newest first; the view is audited. */
  async history(ctx: RequestContext, personId: number) {
    const person = await this.personFor(ctx, personId);
    const rows = await this.db
      .selectFrom('screening_assessments')
      .leftJoin('users', 'users.id', 'screening_assessments.completed_by')
      .select(['screening_assessments.id', 'tool', 'score', 'level', 'calculated_level', 'contact_id', 'completed_at', 'users.display_name as completedBy'])
      .where('person_id', '=', personId)
      .orderBy('completed_at', 'desc')
      .orderBy('screening_assessments.id', 'desc')
      .execute();
    await writeAudit(this.db, ctx, { action: 'screening.history', recordType: AUDIT_TYPE, personIds: [personId], details: { shown: rows.length } });
    return {
      person,
      assessments: rows.map((r) => ({ ...r, tool: r.tool as ScreeningTool, toolName: SCREENING_TOOLS[r.tool as ScreeningTool] ?? r.tool, levelText: levelLabel(r.tool as ScreeningTool, r.level), severity: levelSeverity(r.level) })),
    };
  }

  /** One assessment with its answers; refused when the person is restricted from this user; audited. */
  async get(ctx: RequestContext, id: number) {
    const row = await this.db.selectFrom('screening_assessments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('screening');
    // Access is decided on the person (the record may have been merged since: follow the row's person_id).
    await this.people.assertCanOpen(ctx, row.person_id);
    const b = (await loadBriefs(this.db, [row.person_id])).get(row.person_id);
    const by = row.completed_by ? await this.db.selectFrom('users').select('display_name').where('id', '=', row.completed_by).executeTakeFirst() : undefined;
    await writeAudit(this.db, ctx, { action: 'screening.view', recordType: AUDIT_TYPE, recordId: id, personIds: [row.person_id] });
    const tool = row.tool as ScreeningTool;
    return {
      assessment: { ...row, tool, toolName: SCREENING_TOOLS[tool] ?? row.tool, levelText: levelLabel(tool, row.level), calculatedLevelText: levelLabel(tool, row.calculated_level), severity: levelSeverity(row.level) },
      person: { id: row.person_id, name: b ? `${b.givenNames} ${b.familyName}` : `Person ${row.person_id}`, dateOfBirth: b?.dateOfBirth ?? null },
      completedBy: by?.display_name ?? '',
    };
  }

  /**
   * Assessments completed for a contact, for the contact page (oldest first). Not audited here: the
   * contact page's own view is audited with every person on it, and refuses restricted children.
   */
  async forContact(contactId: number) {
    const rows = await this.db
      .selectFrom('screening_assessments')
      .leftJoin('users', 'users.id', 'screening_assessments.completed_by')
      .select(['screening_assessments.id', 'person_id', 'tool', 'score', 'level', 'calculated_level', 'completed_at', 'users.display_name as completedBy'])
      .where('contact_id', '=', contactId)
      .orderBy('completed_at')
      .orderBy('screening_assessments.id')
      .execute();
    return rows.map((r) => ({ ...r, tool: r.tool as ScreeningTool, toolName: SCREENING_TOOLS[r.tool as ScreeningTool] ?? r.tool, levelText: levelLabel(r.tool as ScreeningTool, r.level), severity: levelSeverity(r.level) }));
  }

  /**
   * The latest level of each tool for the person page. Not audited here: the caller has already
   * opened (and audited) the person's record and checked access to it.
   */
  async latestLevels(personId: number): Promise<LatestLevel[]> {
    const rows = await this.db
      .selectFrom('screening_assessments')
      .select(['id', 'tool', 'level', 'completed_at'])
      .distinctOn('tool')
      .where('person_id', '=', personId)
      .orderBy('tool')
      .orderBy('completed_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const order = Object.keys(SCREENING_TOOLS);
    return rows
      .map((r) => {
        const tool = r.tool as ScreeningTool;
        return { id: r.id, tool, toolName: SCREENING_TOOLS[tool] ?? r.tool, level: r.level, levelText: levelLabel(tool, r.level), severity: levelSeverity(r.level), completedAt: r.completed_at };
      })
      .sort((a, b) => order.indexOf(a.tool) - order.indexOf(b.tool));
  }
}
