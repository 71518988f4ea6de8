import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError, type Tx } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import type { PeopleService } from '../people/people-service.js';
import { todayInLondon } from '../time/index.js';
import {
  COLUMN_KEYS, bottomLineCheck, finalisationProblems, validateMappingDraft, validateScaling,
  type MappingColumn, type MappingInput, type OwnerKind, type ScalingInput, type ScorePoint, type VoiceKind, type VoiceOwner, type MeetingKind, type RuleError,
} from './rules.js';

/** Raised when a mapping's rules refuse it: every problem at once, for the error summary. */
export class MappingRulesError extends Error {
  constructor(public readonly errors: RuleError[]) {
    super('The mapping is not complete');
  }
}

export interface ChildVoiceInput {
  kind: VoiceKind;
  recordedOn: string;
  worries: string;
  goodThings: string;
  dreams: string;
  explanation: string;
  seen: boolean;
  seenAlone: boolean;
  ownerKind: VoiceOwner | null;
  ownerId: number | null;
}

export interface MeetingInput {
  kind: MeetingKind;
  meetingDate: string;
  mappingId: number | null;
  notes: string;
  attendees: Array<{ name: string; role: string; agency: string; isFamilyMember: boolean; score: number | null; rationale: string }>;
  actions: Array<{ action: string; owner: string; dueDate: string }>;
}

export interface MappingDetail {
  id: number;
  personId: number;
  episodeId: number | null;
  ownerKind: string;
  ownerId: number | null;
  status: string;
  mappedOn: string;
  carriedFromId: number | null;
  finalisedAt: Date | null;
  version: number;
  createdAt: Date;
  items: Record<MappingColumn, string[]>;
  dangers: Array<{ id: number; whoWorried: string; worry: string; whatMightHappen: string; goal: string | null; sustainedFor: string }>;
  bottomLines: Array<{ id: number; text: string; stated: boolean; sharedOn: string | null }>;
}

const AUDIT = 'mapping';

/**
 * Signs of Safety as structured data: mappings, danger statements and safety goals, bottom lines, scaling, the child's
 * voice and mapping meetings. Every read and write checks the child's record can be opened (restricted records) and is
 * audited against the child; every write runs in one transaction with its audit event.
 */
export class PracticeService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly people: PeopleService,
  ) {}

  private async child(ctx: RequestContext, personId: number, executor: Kysely<Database> = this.db): Promise<void> {
    await this.people.assertCanOpen(ctx, personId, executor);
  }

  /** The child's name and date of birth for page headings (after access is checked). */
  async childBrief(ctx: RequestContext, personId: number) {
    await this.child(ctx, personId);
    const b = await this.people.brief(personId);
    return { id: personId, name: `${b.givenNames} ${b.familyName}`.trim(), dateOfBirth: b.dateOfBirth };
  }

  private async openEpisode(tx: Kysely<Database>, personId: number): Promise<number | null> {
    return (await tx.selectFrom('cin_episodes').select('id').where('person_id', '=', personId).where('status', '=', 'open').orderBy('start_date', 'desc').orderBy('id', 'desc').executeTakeFirst())?.id ?? null;
  }

  private async writeParts(tx: Tx, mappingId: number, input: Pick<MappingInput, 'items' | 'dangers' | 'bottomLines'>): Promise<void> {
    await tx.deleteFrom('mapping_items').where('mapping_id', '=', mappingId).execute();
    await tx.deleteFrom('safety_goals').where('mapping_id', '=', mappingId).execute();
    await tx.deleteFrom('danger_statements').where('mapping_id', '=', mappingId).execute();
    await tx.deleteFrom('bottom_lines').where('mapping_id', '=', mappingId).execute();
    const items = COLUMN_KEYS.flatMap((column_key) => (input.items[column_key] ?? []).map((text, position) => ({ mapping_id: mappingId, column_key, text, position })));
    if (items.length) await tx.insertInto('mapping_items').values(items).execute();
    let position = 0;
    for (const d of input.dangers) {
      if (!d.whoWorried && !d.worry && !d.whatMightHappen) continue;
      const { id } = await tx.insertInto('danger_statements').values({ mapping_id: mappingId, who_worried: d.whoWorried, worry: d.worry, what_might_happen: d.whatMightHappen, position }).returning('id').executeTakeFirstOrThrow();
      if (d.goal) await tx.insertInto('safety_goals').values({ mapping_id: mappingId, danger_statement_id: id, goal: d.goal, sustained_for: d.sustainedFor, position }).execute();
      position++;
    }
    const lines = input.bottomLines.filter((b) => b.text).map((b, i) => ({ mapping_id: mappingId, text: b.text, stated: b.stated, shared_with_family_on: b.stated ? b.sharedOn : null, position: i }));
    if (lines.length) await tx.insertInto('bottom_lines').values(lines).execute();
  }

  /** A new draft mapping for the child, attached to their open episode unless an owner is given. */
  async createMapping(ctx: RequestContext, personId: number, input: MappingInput, owner: { ownerKind: OwnerKind; ownerId: number | null } = { ownerKind: 'episode', ownerId: null }): Promise<number> {
    const errors = validateMappingDraft(input, todayInLondon());
    if (errors.length) throw new MappingRulesError(errors);
    return inTransaction(this.db, async (tx) => {
      await this.child(ctx, personId, tx);
      const episodeId = await this.openEpisode(tx, personId);
      const { id } = await tx
        .insertInto('mappings')
        .values({ person_id: personId, episode_id: episodeId, owner_kind: owner.ownerKind, owner_id: owner.ownerKind === 'episode' ? (owner.ownerId ?? episodeId) : owner.ownerId, mapped_on: input.mappedOn, carried_from_id: null, finalised_by: null, created_by: ctx.user?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.writeParts(tx, id, input);
      await writeAudit(tx, ctx, { action: 'mapping.create', recordType: AUDIT, recordId: id, personIds: [personId], details: { ownerKind: owner.ownerKind, ownerId: owner.ownerId, dangers: input.dangers.filter((d) => d.worry).length } });
      return id;
    });
  }

  private async lockMapping(tx: Tx, ctx: RequestContext, id: number, version?: number) {
    const row = await tx.selectFrom('mappings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError('mapping');
    await this.child(ctx, row.person_id, tx);
    if (version !== undefined && row.version !== version) throw new ConflictError();
    return row;
  }

  async updateMapping(ctx: RequestContext, id: number, version: number, input: MappingInput): Promise<void> {
    const errors = validateMappingDraft(input, todayInLondon());
    if (errors.length) throw new MappingRulesError(errors);
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockMapping(tx, ctx, id, version);
      // A final mapping can still record that its bottom lines were shared; everything else is fixed.
      if (row.status === 'final') throw new ValidationError('form', 'This mapping is final. Carry it forward into a new mapping to change it.');
      await tx.updateTable('mappings').set({ mapped_on: input.mappedOn, version: row.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
      await this.writeParts(tx, id, input);
      await writeAudit(tx, ctx, { action: 'mapping.update', recordType: AUDIT, recordId: id, personIds: [row.person_id] });
    });
  }

  /** Records that the bottom lines were stated and shared with the family (also on a final mapping). */
  async recordBottomLinesShared(ctx: RequestContext, id: number, version: number, sharedOn: string): Promise<void> {
    if (sharedOn > todayInLondon()) throw new ValidationError('sharedOn', 'The date the bottom lines were shared must be today or in the past');
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockMapping(tx, ctx, id, version);
      const r = await tx.updateTable('bottom_lines').set({ stated: true, shared_with_family_on: sharedOn }).where('mapping_id', '=', id).where('shared_with_family_on', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new ValidationError('sharedOn', 'Every bottom line on this mapping has already been shared');
      await tx.updateTable('mappings').set({ version: row.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
      await writeAudit(tx, ctx, { action: 'mapping.bottom_lines_shared', recordType: AUDIT, recordId: id, personIds: [row.person_id], details: { sharedOn, lines: Number(r.numUpdatedRows) } });
    });
  }

  /** Makes the mapping final: at least one danger statement, each paired with a safety goal. */
  async finalise(ctx: RequestContext, id: number, version: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockMapping(tx, ctx, id, version);
      if (row.status === 'final') throw new ValidationError('form', 'This mapping is already final');
      const detail = await this.parts(tx, id);
      const problems = finalisationProblems({
        dangers: detail.dangers.map((d) => ({ hasGoal: !!d.goal })),
        bottomLines: detail.bottomLines,
        itemCount: COLUMN_KEYS.reduce((n, k) => n + detail.items[k].length, 0),
      });
      if (problems.length) throw new MappingRulesError(problems);
      await tx.updateTable('mappings').set({ status: 'final', finalised_at: new Date(), finalised_by: ctx.user?.id ?? null, version: row.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
      const check = bottomLineCheck('final', detail.bottomLines);
      await writeAudit(tx, ctx, { action: 'mapping.finalise', recordType: AUDIT, recordId: id, personIds: [row.person_id], details: { dangers: detail.dangers.length, bottomLinesUnshared: check.unshared } });
    });
  }

  /**
   * Carries a mapping forward into a new draft for the next piece of work (an assessment's mapping into the child
   * protection or CIN plan): its danger statements with their safety goals, its bottom lines (with whether they were
   * shared) and its columns. For the assessment and protection modules; returns the new mapping's id.
   */
  async carryForward(ctx: RequestContext, fromMappingId: number, to: { ownerKind: OwnerKind; ownerId: number | null; mappedOn?: string }, executor: Kysely<Database> = this.db): Promise<number> {
    return inTransaction(executor, async (tx) => {
      const from = await tx.selectFrom('mappings').selectAll().where('id', '=', fromMappingId).executeTakeFirst();
      if (!from) throw new NotFoundError('mapping');
      await this.child(ctx, from.person_id, tx);
      const parts = await this.parts(tx, fromMappingId);
      const { id } = await tx
        .insertInto('mappings')
        .values({ person_id: from.person_id, episode_id: from.episode_id, owner_kind: to.ownerKind, owner_id: to.ownerId, mapped_on: to.mappedOn ?? todayInLondon(), carried_from_id: from.id, finalised_by: null, created_by: ctx.user?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.writeParts(tx, id, {
        items: parts.items,
        dangers: parts.dangers.map((d) => ({ whoWorried: d.whoWorried, worry: d.worry, whatMightHappen: d.whatMightHappen, goal: d.goal ?? '', sustainedFor: d.sustainedFor })),
        bottomLines: parts.bottomLines.map((b) => ({ text: b.text, stated: b.stated, sharedOn: b.sharedOn })),
      });
      await writeAudit(tx, ctx, { action: 'mapping.carry_forward', recordType: AUDIT, recordId: id, personIds: [from.person_id], details: { from: fromMappingId, ownerKind: to.ownerKind, ownerId: to.ownerId } });
      return id;
    });
  }

  /**
   * The mapping a new plan on this episode starts from: the latest final mapping made for one of the episode's
   * assessments, else the latest final mapping of the episode itself. Null when there is none.
   */
  async mappingForNewPlan(executor: Kysely<Database>, personId: number, episodeId: number): Promise<number | null> {
    const rows = await executor
      .selectFrom('mappings')
      .select(['id', 'owner_kind'])
      .where('person_id', '=', personId)
      .where('episode_id', '=', episodeId)
      .where('status', '=', 'final')
      .where('owner_kind', 'in', ['assessment', 'episode'])
      .orderBy('mapped_on', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return (rows.find((r) => r.owner_kind === 'assessment') ?? rows[0])?.id ?? null;
  }

  /**
   * A new plan takes the assessment's danger statements, safety goals and bottom lines: the mapping chosen by
   * `mappingForNewPlan` is carried forward into a draft owned by the plan, dated the plan's start. In the caller's
   * transaction; returns the new mapping's id, or null when the episode has no final mapping to carry.
   */
  async carryIntoNewPlan(ctx: RequestContext, personId: number, episodeId: number, plan: { ownerKind: 'cp_plan' | 'cin_plan'; ownerId: number; startDate: string }, executor: Kysely<Database>): Promise<number | null> {
    const from = await this.mappingForNewPlan(executor, personId, episodeId);
    if (from === null) return null;
    return this.carryForward(ctx, from, { ownerKind: plan.ownerKind, ownerId: plan.ownerId, mappedOn: plan.startDate }, executor);
  }

  private async parts(db: Kysely<Database>, id: number): Promise<Pick<MappingDetail, 'items' | 'dangers' | 'bottomLines'>> {
    const [items, dangers, goals, lines] = await Promise.all([
      db.selectFrom('mapping_items').selectAll().where('mapping_id', '=', id).orderBy('column_key').orderBy('position').orderBy('id').execute(),
      db.selectFrom('danger_statements').selectAll().where('mapping_id', '=', id).orderBy('position').orderBy('id').execute(),
      db.selectFrom('safety_goals').selectAll().where('mapping_id', '=', id).orderBy('position').orderBy('id').execute(),
      db.selectFrom('bottom_lines').selectAll().where('mapping_id', '=', id).orderBy('position').orderBy('id').execute(),
    ]);
    const byColumn = Object.fromEntries(COLUMN_KEYS.map((k) => [k, items.filter((i) => i.column_key === k).map((i) => i.text)])) as Record<MappingColumn, string[]>;
    return {
      items: byColumn,
      dangers: dangers.map((d) => {
        const g = goals.find((x) => x.danger_statement_id === d.id);
        return { id: d.id, whoWorried: d.who_worried, worry: d.worry, whatMightHappen: d.what_might_happen, goal: g?.goal ?? null, sustainedFor: g?.sustained_for ?? '' };
      }),
      bottomLines: lines.map((b) => ({ id: b.id, text: b.text, stated: b.stated, sharedOn: b.shared_with_family_on })),
    };
  }

  /** One mapping with its parts; the view is audited against the child. */
  async getMapping(ctx: RequestContext, id: number, opts: { audit?: boolean } = {}): Promise<MappingDetail> {
    const row = await this.db.selectFrom('mappings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('mapping');
    await this.child(ctx, row.person_id);
    const parts = await this.parts(this.db, id);
    if (opts.audit !== false) await writeAudit(this.db, ctx, { action: 'mapping.view', recordType: AUDIT, recordId: id, personIds: [row.person_id] });
    return {
      id: row.id, personId: row.person_id, episodeId: row.episode_id, ownerKind: row.owner_kind, ownerId: row.owner_id, status: row.status, mappedOn: row.mapped_on,
      carriedFromId: row.carried_from_id, finalisedAt: row.finalised_at, version: row.version, createdAt: row.created_at, ...parts,
    };
  }

  /** Mappings attached to a piece of work (for the assessment and plan modules). */
  async mappingsFor(ctx: RequestContext, ownerKind: OwnerKind, ownerId: number) {
    const rows = await this.db.selectFrom('mappings').select(['id', 'person_id', 'status', 'mapped_on']).where('owner_kind', '=', ownerKind).where('owner_id', '=', ownerId).orderBy('id').execute();
    for (const personId of new Set(rows.map((r) => r.person_id))) await this.child(ctx, personId);
    return rows;
  }

  /** A plan's own mapping (the newest), in full, for the plan's page (whose view is audited by its module). */
  async planMapping(ctx: RequestContext, ownerKind: 'cp_plan' | 'cin_plan', planId: number): Promise<MappingDetail | null> {
    const newest = (await this.mappingsFor(ctx, ownerKind, planId)).at(-1);
    return newest ? this.getMapping(ctx, newest.id, { audit: false }) : null;
  }

  /** The child's mappings, newest first, for choosing one on a form (the form page itself is a write page). */
  async mappingList(ctx: RequestContext, personId: number) {
    await this.child(ctx, personId);
    return this.db.selectFrom('mappings').select(['id', 'status', 'mapped_on', 'owner_kind']).where('person_id', '=', personId).orderBy('mapped_on', 'desc').orderBy('id', 'desc').execute();
  }

  /** Scaling recorded on one mapping (shown on the mapping's page, whose view is audited). */
  async scalingsOn(ctx: RequestContext, mappingId: number) {
    const m = await this.db.selectFrom('mappings').select('person_id').where('id', '=', mappingId).executeTakeFirst();
    if (!m) throw new NotFoundError('mapping');
    await this.child(ctx, m.person_id);
    return this.db.selectFrom('scalings').selectAll().where('mapping_id', '=', mappingId).orderBy('scaled_on').orderBy('id').execute();
  }

  // ---- scaling --------------------------------------------------------------------------------

  /** Several people's scaling on one date (a mapping, a meeting or on its own). */
  async recordScalings(ctx: RequestContext, personId: number, at: { scaledOn: string; mappingId: number | null; meetingId?: number | null }, rows: ScalingInput[], executor: Kysely<Database> = this.db): Promise<number[]> {
    if (!rows.length) throw new ValidationError('scorer-1', 'Enter at least one person’s scaling');
    rows.forEach((r, i) => {
      const problem = validateScaling(r);
      if (problem) throw new ValidationError(`scorer-${i + 1}`, problem);
    });
    if (at.scaledOn > todayInLondon()) throw new ValidationError('scaledOn', 'The date of the scaling must be today or in the past');
    return inTransaction(executor, async (tx) => {
      await this.child(ctx, personId, tx);
      if (at.mappingId) {
        const m = await tx.selectFrom('mappings').select('person_id').where('id', '=', at.mappingId).executeTakeFirst();
        if (!m || m.person_id !== personId) throw new ValidationError('mappingId', 'Choose one of this child’s mappings');
      }
      const inserted = await tx
        .insertInto('scalings')
        .values(rows.map((r) => ({ person_id: personId, mapping_id: at.mappingId, meeting_id: at.meetingId ?? null, scaled_on: at.scaledOn, scorer_name: r.scorerName.trim(), scorer_role: r.scorerRole.trim(), scorer_agency: r.scorerAgency.trim(), is_family_member: r.isFamilyMember, score: r.score, rationale: r.rationale.trim(), created_by: ctx.user?.id ?? null })))
        .returning('id')
        .execute();
      await writeAudit(tx, ctx, { action: 'scaling.record', recordType: 'scaling', recordId: inserted[0]!.id, personIds: [personId], details: { scaledOn: at.scaledOn, count: rows.length, mappingId: at.mappingId } });
      return inserted.map((r) => r.id);
    });
  }

  // ---- the child's voice ------------------------------------------------------------------------

  async recordChildVoice(ctx: RequestContext, personId: number, input: ChildVoiceInput, executor: Kysely<Database> = this.db): Promise<number> {
    if (input.kind === 'three_houses' && !input.worries && !input.goodThings && !input.dreams) throw new ValidationError('worries', 'Write what the child said in at least one of the three houses');
    if (input.kind === 'words_and_pictures' && !input.explanation) throw new ValidationError('explanation', 'Write the explanation given to the child');
    if (input.seenAlone && !input.seen) throw new ValidationError('seenAlone', 'A child seen alone was seen: answer ‘Yes’ to whether the child was seen');
    if (input.recordedOn > todayInLondon()) throw new ValidationError('recordedOn', 'The date must be today or in the past');
    return inTransaction(executor, async (tx) => {
      await this.child(ctx, personId, tx);
      const { id } = await tx
        .insertInto('child_voice_records')
        .values({ person_id: personId, kind: input.kind, recorded_on: input.recordedOn, worries: input.worries, good_things: input.goodThings, dreams: input.dreams, explanation: input.explanation, seen: input.seen, seen_alone: input.seenAlone, owner_kind: input.ownerKind, owner_id: input.ownerId, created_by: ctx.user?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, { action: 'child_voice.record', recordType: 'child_voice', recordId: id, personIds: [personId], details: { kind: input.kind, seen: input.seen, seenAlone: input.seenAlone, ownerKind: input.ownerKind, ownerId: input.ownerId } });
      return id;
    });
  }

  async getChildVoice(ctx: RequestContext, id: number) {
    const row = await this.db.selectFrom('child_voice_records').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('child voice');
    await this.child(ctx, row.person_id);
    await writeAudit(this.db, ctx, { action: 'child_voice.view', recordType: 'child_voice', recordId: id, personIds: [row.person_id] });
    return row;
  }

  /** The child's voice records attached to an assessment, s47 enquiry or visit (for those modules). */
  async childVoiceFor(ctx: RequestContext, ownerKind: VoiceOwner, ownerId: number) {
    const rows = await this.db.selectFrom('child_voice_records').selectAll().where('owner_kind', '=', ownerKind).where('owner_id', '=', ownerId).orderBy('recorded_on').execute();
    for (const personId of new Set(rows.map((r) => r.person_id))) await this.child(ctx, personId);
    return rows;
  }

  // ---- group supervision / mapping meetings ---------------------------------------------------

  async recordMeeting(ctx: RequestContext, personId: number, input: MeetingInput): Promise<number> {
    if (!input.attendees.length) throw new ValidationError('attendee-1', 'Enter at least one attendee');
    if (input.meetingDate > todayInLondon()) throw new ValidationError('meetingDate', 'The date of the meeting must be today or in the past');
    return inTransaction(this.db, async (tx) => {
      await this.child(ctx, personId, tx);
      if (input.mappingId) {
        const m = await tx.selectFrom('mappings').select('person_id').where('id', '=', input.mappingId).executeTakeFirst();
        if (!m || m.person_id !== personId) throw new ValidationError('mappingId', 'Choose one of this child’s mappings');
      }
      const { id } = await tx.insertInto('mapping_meetings').values({ person_id: personId, kind: input.kind, meeting_date: input.meetingDate, mapping_id: input.mappingId, notes: input.notes, created_by: ctx.user?.id ?? null }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('mapping_meeting_attendees').values(input.attendees.map((a, position) => ({ meeting_id: id, name: a.name, role: a.role, agency: a.agency, position }))).execute();
      if (input.actions.length) await tx.insertInto('mapping_meeting_actions').values(input.actions.map((a, position) => ({ meeting_id: id, action: a.action, owner: a.owner, due_date: a.dueDate, position }))).execute();
      const scored = input.attendees.filter((a) => a.score !== null);
      if (scored.length) {
        await this.recordScalings(ctx, personId, { scaledOn: input.meetingDate, mappingId: input.mappingId, meetingId: id }, scored.map((a) => ({ scorerName: a.name, scorerRole: a.role, scorerAgency: a.agency, isFamilyMember: a.isFamilyMember, score: a.score!, rationale: a.rationale })), tx);
      }
      await writeAudit(tx, ctx, { action: 'mapping_meeting.record', recordType: 'mapping_meeting', recordId: id, personIds: [personId], details: { kind: input.kind, attendees: input.attendees.length, actions: input.actions.length } });
      return id;
    });
  }

  async getMeeting(ctx: RequestContext, id: number) {
    const meeting = await this.db.selectFrom('mapping_meetings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!meeting) throw new NotFoundError('meeting');
    await this.child(ctx, meeting.person_id);
    const [attendees, actions, scalings] = await Promise.all([
      this.db.selectFrom('mapping_meeting_attendees').selectAll().where('meeting_id', '=', id).orderBy('position').execute(),
      this.db.selectFrom('mapping_meeting_actions').selectAll().where('meeting_id', '=', id).orderBy('position').execute(),
      this.db.selectFrom('scalings').selectAll().where('meeting_id', '=', id).orderBy('id').execute(),
    ]);
    await writeAudit(this.db, ctx, { action: 'mapping_meeting.view', recordType: 'mapping_meeting', recordId: id, personIds: [meeting.person_id] });
    return { meeting, attendees, actions, scalings };
  }

  // ---- the child's Signs of Safety, for their record ------------------------------------------

  /** Everything for the child: mappings, the latest in full, scaling points, voice records, meetings. Audited. */
  async overview(ctx: RequestContext, personId: number) {
    await this.child(ctx, personId);
    const [mappings, scalings, voices, meetings] = await Promise.all([
      this.db.selectFrom('mappings').selectAll().where('person_id', '=', personId).orderBy('mapped_on', 'desc').orderBy('id', 'desc').execute(),
      this.db.selectFrom('scalings').selectAll().where('person_id', '=', personId).orderBy('scaled_on').orderBy('id').execute(),
      this.db.selectFrom('child_voice_records').selectAll().where('person_id', '=', personId).orderBy('recorded_on', 'desc').orderBy('id', 'desc').execute(),
      this.db.selectFrom('mapping_meetings').selectAll().where('person_id', '=', personId).orderBy('meeting_date', 'desc').orderBy('id', 'desc').execute(),
    ]);
    const latest = mappings.find((m) => m.status === 'final') ?? mappings[0];
    const latestDetail = latest ? { ...(await this.parts(this.db, latest.id)), row: latest } : null;
    const bottomLineCounts = mappings.length
      ? await this.db.selectFrom('bottom_lines').select(['mapping_id', 'stated', 'shared_with_family_on']).where('mapping_id', 'in', mappings.map((m) => m.id)).execute()
      : [];
    const points: ScorePoint[] = scalings.map((s) => ({ date: s.scaled_on, name: s.scorer_name, role: s.scorer_role, agency: s.scorer_agency, isFamilyMember: s.is_family_member, score: s.score }));
    await writeAudit(this.db, ctx, { action: 'practice.view', recordType: 'person', recordId: personId, personIds: [personId] });
    return {
      mappings: mappings.map((m) => ({
        ...m,
        check: bottomLineCheck(m.status, bottomLineCounts.filter((b) => b.mapping_id === m.id).map((b) => ({ stated: b.stated, sharedOn: b.shared_with_family_on }))),
      })),
      latest: latestDetail,
      scalings,
      points,
      voices,
      meetings,
    };
  }

  /** Chronology lines: mappings made final, meetings, scaling (one line per date). Not audited: the chronology page is. */
  async chronology(ctx: RequestContext, personId: number) {
    await this.child(ctx, personId);
    const [mappings, meetings, scalings, voices] = await Promise.all([
      this.db.selectFrom('mappings').select(['id', 'finalised_at', 'owner_kind']).where('person_id', '=', personId).where('status', '=', 'final').execute(),
      this.db.selectFrom('mapping_meetings').select(['id', 'kind', 'meeting_date']).where('person_id', '=', personId).execute(),
      this.db.selectFrom('scalings').select(['scaled_on', 'score', 'meeting_id']).where('person_id', '=', personId).execute(),
      this.db.selectFrom('child_voice_records').select(['id', 'kind', 'recorded_on', 'seen', 'seen_alone']).where('person_id', '=', personId).execute(),
    ]);
    return { mappings, meetings, scalings, voices };
  }
}
