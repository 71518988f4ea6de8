import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError, type Tx } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { canAccessRecord, hasPermission } from '../access/policy.js';
import { ROLE_PERMISSIONS, isRole } from '../access/roles.js';
import { loadBriefs, type PersonBrief } from '../people/match-data.js';
import type { PeopleService } from '../people/people-service.js';
import type { CalendarService } from '../time/calendar-service.js';
import { addCalendarDays, londonDateTime, todayInLondon } from '../time/index.js';
import { CLOCK_SOURCES } from './clock-sources.js';
import type { CaseClock, ClockQuery } from './clocks.js';
import {
  ageOn,
  allocationErrors,
  allocationKind,
  closureErrors,
  deletionErrors,
  markErrors,
  noteErrors,
  oversightErrors,
  parseTime,
  type EpisodeActivity,
  type NoteType,
} from './rules.js';

/** Every problem at once, for the error summary. */
export class CaseworkRulesError extends Error {
  constructor(public readonly errors: Array<{ field: string; text: string }>) {
    super('The casework form is incomplete');
  }
}

export interface ChildSummary {
  id: number;
  name: string;
  dateOfBirth: string | null;
  age: number | null;
  restricted: boolean;
}

export interface AllocationForm {
  teamId: number | null;
  workerId: number | null;
  fromDate: string | null;
  reason: string;
}

export interface ClosureForm {
  endDate: string | null;
  reason: string;
  confirmed: boolean;
}

export interface NoteForm {
  type: string;
  occurredDate: string | null;
  occurredTime: string;
  summary: string;
  body: string;
  childSeen: string;
  childSeenAlone: string;
  /** Other children (siblings) the same note is filed on: a group recording. */
  alsoFor: number[];
  final: boolean;
}

export interface OversightForm {
  decision: string;
  direction: string;
  timescale: string | null;
  timescaleError?: string | null;
}

const nameOf = (b: PersonBrief) => `${b.givenNames} ${b.familyName}`.trim();
const CASEWORK_ROLES = Object.entries(ROLE_PERMISSIONS).filter(([, p]) => p.has('casework.write')).map(([r]) => r);
/** Roles that may hold an allocated case (practitioners and their managers, not the out-of-hours or early help teams). */
const ALLOCATABLE_ROLES = CASEWORK_ROLES.filter((r) => isRole(r) && !['edt_worker', 'early_help_worker', 'iro'].includes(r));

/**
 * The child's case record: children in need episodes (CIN census CINdetails), allocation to a team and worker
 * with its history, case notes (drafts, group recordings, deletion with a reason), management oversight, the
 * chronology with significant entries and the work trays. Every read and write is audited against the child; a
 * restricted child opens only for those the restriction names.
 */
export class CaseworkService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly people: PeopleService,
    private readonly calendars: CalendarService,
  ) {}

  // ---- children ---------------------------------------------------------------------------------

  /** Refuses (audited by the people service) a restricted child; 404 for no such person or a merged record. */
  async child(ctx: RequestContext, personId: number, executor: Kysely<Database> = this.db): Promise<PersonBrief> {
    await this.people.assertCanOpen(ctx, personId, executor);
    const b = (await loadBriefs(executor, [personId])).get(personId);
    if (!b) throw new NotFoundError('person');
    return b;
  }

  /** How a child appears in lists: restricted children the user may not open show no name. */
  private summaries(ctx: RequestContext, briefs: Map<number, PersonBrief>, ids: number[], today: string): Map<number, ChildSummary> {
    const out = new Map<number, ChildSummary>();
    for (const id of ids) {
      const b = briefs.get(id);
      const allowed = !!b && (!b.restricted || canAccessRecord(ctx.user!, { restrictedTo: b.restrictedTo }).allowed);
      out.set(id, allowed ? { id, name: nameOf(b!), dateOfBirth: b!.dateOfBirth, age: b!.dateOfBirth ? ageOn(b!.dateOfBirth, today) : null, restricted: false } : { id, name: 'Restricted record', dateOfBirth: null, age: null, restricted: true });
    }
    return out;
  }

  // ---- clocks -----------------------------------------------------------------------------------

  /** Every module's statutory clocks for these people / worker / teams, most urgent first. */
  async clocks(query: ClockQuery): Promise<CaseClock[]> {
    if (!CLOCK_SOURCES.length) return [];
    const calendar = await this.calendars.calendar();
    const today = todayInLondon();
    const all = (await Promise.all(CLOCK_SOURCES.map((source) => source(this.db, query, calendar, today)))).flat();
    return all.sort((a, b) => a.workingDaysLeft - b.workingDaysLeft || a.dueDate.localeCompare(b.dueDate));
  }

  // ---- episodes ---------------------------------------------------------------------------------

  private episodeQuery(executor: Kysely<Database> = this.db) {
    return executor
      .selectFrom('cin_episodes as e')
      .leftJoin('teams as t', 't.id', 'e.team_id')
      .leftJoin('users as w', 'w.id', 'e.worker_id')
      .selectAll('e')
      .select(['t.name as team_name', 'w.display_name as worker_name']);
  }

  async episodesOf(personId: number) {
    const episodes = await this.episodeQuery().where('e.person_id', '=', personId).orderBy('e.start_date', 'desc').orderBy('e.id', 'desc').execute();
    const ids = episodes.map((e) => e.id);
    const history = ids.length
      ? await this.db
          .selectFrom('episode_allocations as a')
          .leftJoin('teams as t', 't.id', 'a.team_id')
          .leftJoin('users as w', 'w.id', 'a.worker_id')
          .leftJoin('users as by', 'by.id', 'a.allocated_by')
          .select(['a.id', 'a.episode_id', 'a.from_date', 'a.to_date', 'a.reason', 'a.allocated_at', 't.name as team_name', 'w.display_name as worker_name', 'by.display_name as allocated_by_name'])
          .where('a.episode_id', 'in', ids)
          .orderBy('a.from_date', 'desc')
          .orderBy('a.id', 'desc')
          .execute()
      : [];
    return episodes.map((e) => ({ ...e, allocations: history.filter((h) => h.episode_id === e.id) }));
  }

  /** One episode with its child, for the allocation and closure pages (audited when the page shows it: `audit`). */
  async episode(ctx: RequestContext, id: number, options: { audit?: string } = {}) {
    const episode = await this.episodeQuery().where('e.id', '=', id).executeTakeFirst();
    if (!episode) throw new NotFoundError('episode');
    const b = await this.child(ctx, episode.person_id);
    if (options.audit) await writeAudit(this.db, ctx, { action: options.audit, recordType: 'cin_episode', recordId: id, personIds: [episode.person_id] });
    return { episode, child: { id: b.id, name: nameOf(b), dateOfBirth: b.dateOfBirth, dateOfDeath: b.dateOfDeath } };
  }

  /** Active teams with their active members who can hold cases, for the allocation form. */
  async allocationOptions() {
    const rows = await this.db
      .selectFrom('user_teams as ut')
      .innerJoin('users as u', 'u.id', 'ut.user_id')
      .innerJoin('teams as t', 't.id', 'ut.team_id')
      .select(['t.id as team_id', 't.name as team_name', 'u.id as user_id', 'u.display_name', 'u.role'])
      .where('t.active', '=', true)
      .where('u.active', '=', true)
      .where('u.role', 'in', ALLOCATABLE_ROLES)
      .orderBy('t.name')
      .orderBy('u.display_name')
      .execute();
    const teams = new Map<number, { id: number; name: string; members: Array<{ id: number; name: string }> }>();
    for (const r of rows) {
      const t = teams.get(r.team_id) ?? { id: r.team_id, name: r.team_name, members: [] };
      t.members.push({ id: r.user_id, name: r.display_name });
      teams.set(r.team_id, t);
    }
    return [...teams.values()];
  }

  private async lockEpisode(tx: Tx, id: number, version: number) {
    const row = await tx.selectFrom('cin_episodes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError('episode');
    if (row.version !== version) throw new ConflictError();
    return row;
  }

  /** Allocates (or transfers) an episode to a team and one of its active members; the history keeps every change. */
  async allocate(ctx: RequestContext, id: number, version: number, input: AllocationForm): Promise<'allocation' | 'transfer' | 'reallocation'> {
    return inTransaction(this.db, async (tx) => {
      const row = await this.lockEpisode(tx, id, version);
      await this.child(ctx, row.person_id, tx);
      const [team, members, last] = await Promise.all([
        input.teamId ? tx.selectFrom('teams').select(['id', 'active']).where('id', '=', input.teamId).executeTakeFirst() : undefined,
        input.teamId
          ? tx.selectFrom('user_teams as ut').innerJoin('users as u', 'u.id', 'ut.user_id').select('u.id').where('ut.team_id', '=', input.teamId).where('u.active', '=', true).where('u.role', 'in', ALLOCATABLE_ROLES).execute()
          : [],
        tx.selectFrom('episode_allocations').select(['id', 'from_date']).where('episode_id', '=', id).where('to_date', 'is', null).orderBy('id', 'desc').executeTakeFirst(),
      ]);
      const today = todayInLondon();
      const errors = allocationErrors({
        teamId: input.teamId,
        workerId: input.workerId,
        reason: input.reason,
        fromDate: input.fromDate,
        current: { teamId: row.team_id, workerId: row.worker_id, startDate: row.start_date, status: row.status, lastFromDate: last?.from_date ?? null },
        teamMembers: members.map((m) => m.id),
        teamActive: !!team?.active,
        today,
      });
      if (errors.length) throw new CaseworkRulesError(errors);
      const kind = allocationKind({ teamId: row.team_id, workerId: row.worker_id }, input.teamId!);
      if (last) await tx.updateTable('episode_allocations').set({ to_date: input.fromDate! }).where('id', '=', last.id).execute();
      await tx.insertInto('episode_allocations').values({ episode_id: id, team_id: input.teamId, worker_id: input.workerId, from_date: input.fromDate!, to_date: null, reason: input.reason.trim(), allocated_by: ctx.user?.id ?? null }).execute();
      await tx.updateTable('cin_episodes').set({ team_id: input.teamId, worker_id: input.workerId, version: row.version + 1 }).where('id', '=', id).execute();
      await writeAudit(tx, ctx, { action: `casework.${kind}`, recordType: 'cin_episode', recordId: id, personIds: [row.person_id], details: { teamId: input.teamId, workerId: input.workerId, fromTeamId: row.team_id, fromWorkerId: row.worker_id } });
      return kind;
    });
  }

  /** Open clocks on the child's record that concern this episode (or no episode in particular). */
  async openClocksFor(personId: number, episodeId: number): Promise<CaseClock[]> {
    const clocks = await this.clocks({ personIds: [personId] });
    return clocks.filter((c) => c.personId === personId && (c.episodeId === null || c.episodeId === episodeId) && c.status !== 'completed_on_time' && c.status !== 'completed_late');
  }

  /** Closes an episode with a DfE reason; open clocks need the manager's confirmation. The open allocation ends too. */
  async close(ctx: RequestContext, id: number, version: number, input: ClosureForm): Promise<void> {
    const pre = await this.db.selectFrom('cin_episodes').select('person_id').where('id', '=', id).executeTakeFirst();
    if (!pre) throw new NotFoundError('episode');
    const openClocks = await this.openClocksFor(pre.person_id, id);
    await inTransaction(this.db, async (tx) => {
      const row = await this.lockEpisode(tx, id, version);
      const b = await this.child(ctx, row.person_id, tx);
      if (row.status !== 'open') throw new ValidationError('form', 'This episode is already closed.');
      const activity = await this.episodeActivity(tx, id);
      const errors = closureErrors({ endDate: input.endDate, reason: input.reason, startDate: row.start_date, today: todayInLondon(), openClocks: openClocks.length, confirmed: input.confirmed, hasDeathDate: !!b.dateOfDeath, activity });
      if (errors.length) throw new CaseworkRulesError(errors);
      await tx.updateTable('cin_episodes').set({ status: 'closed', end_date: input.endDate!, closure_reason: input.reason, version: row.version + 1 }).where('id', '=', id).execute();
      await tx.updateTable('episode_allocations').set({ to_date: input.endDate! }).where('episode_id', '=', id).where('to_date', 'is', null).execute();
      await writeAudit(tx, ctx, { action: 'casework.close', recordType: 'cin_episode', recordId: id, personIds: [row.person_id], details: { reason: input.reason, endDate: input.endDate, openClocks: openClocks.length } });
    });
  }

  /** What happened on an episode, for the closure rules (RC8 / RC9, and the census's unfinished-work rules; read from the practice modules' tables). */
  private async episodeActivity(executor: Kysely<Database>, episodeId: number): Promise<EpisodeActivity> {
    const r = await sql<{
      authorised: number; unauthorised: number; cin_plans: number; open_cin_plans: number; cp_plans: number; open_cp_plans: number; initial_conferences: number; unfinished_s47s: number;
      assessment_start: string | null; assessment_authorised: string | null; s47_start: string | null; icpc: string | null; plan_start: string | null; plan_end: string | null;
    }>`
      select
        (select count(*)::int from assessments a where a.episode_id = ${episodeId} and a.status = 'authorised') as authorised,
        (select count(*)::int from assessments a where a.episode_id = ${episodeId} and a.status <> 'authorised') as unauthorised,
        (select count(*)::int from cin_plans p where p.episode_id = ${episodeId}) as cin_plans,
        (select count(*)::int from cin_plans p where p.episode_id = ${episodeId} and p.end_date is null) as open_cin_plans,
        (select count(*)::int from cp_plans p where p.episode_id = ${episodeId}) as cp_plans,
        (select count(*)::int from cp_plans p where p.episode_id = ${episodeId} and p.end_date is null) as open_cp_plans,
        (select count(*)::int from conferences c join s47_enquiries s on s.id = c.s47_id where s.episode_id = ${episodeId} and c.kind = 'initial') as initial_conferences,
        (select count(*)::int from s47_enquiries s where s.episode_id = ${episodeId} and s.icpc_not_required_reason = ''
           and not exists (select 1 from conferences c where c.s47_id = s.id and c.kind = 'initial')) as unfinished_s47s,
        (select max(a.start_date)::text from assessments a where a.episode_id = ${episodeId}) as assessment_start,
        (select max(a.authorisation_date)::text from assessments a where a.episode_id = ${episodeId}) as assessment_authorised,
        (select max(s.start_date)::text from s47_enquiries s where s.episode_id = ${episodeId}) as s47_start,
        (select max(c.held_on)::text from conferences c join s47_enquiries s on s.id = c.s47_id where s.episode_id = ${episodeId} and c.kind = 'initial') as icpc,
        (select max(d)::text from (select start_date as d from cin_plans where episode_id = ${episodeId} union all select start_date from cp_plans where episode_id = ${episodeId}) x) as plan_start,
        (select max(d)::text from (select end_date as d from cin_plans where episode_id = ${episodeId} union all select end_date from cp_plans where episode_id = ${episodeId}) x) as plan_end
    `.execute(executor);
    const a = r.rows[0]!;
    const dated: Array<[string | null, string]> = [
      [a.assessment_start, 'the start of an assessment'],
      [a.assessment_authorised, 'an assessment’s authorisation'],
      [a.s47_start, 'the start of a section 47 enquiry'],
      [a.icpc, 'an initial child protection conference'],
      [a.plan_start, 'the start of a plan'],
      [a.plan_end, 'the end of a plan'],
    ];
    const latest = dated.filter((d): d is [string, string] => !!d[0]).sort((x, y) => (x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : 0))[0];
    return {
      authorisedAssessments: a.authorised,
      unauthorisedAssessments: a.unauthorised,
      cinPlans: a.cin_plans,
      openCinPlans: a.open_cin_plans,
      cpPlans: a.cp_plans,
      openCpPlans: a.open_cp_plans,
      initialConferences: a.initial_conferences,
      unfinishedS47s: a.unfinished_s47s,
      latest: latest ? { date: latest[0], what: latest[1] } : null,
    };
  }

  /** A form about a child (and the siblings it offers) was shown: audited like any other read of the record. */
  async auditForm(ctx: RequestContext, action: string, personIds: number[]): Promise<void> {
    await writeAudit(this.db, ctx, { action, recordType: 'person', recordId: personIds[0], personIds });
  }

  // ---- the record -------------------------------------------------------------------------------

  /** The child's case record (the casework part): the child, episodes, open clocks, notes and oversight. Audited. */
  async record(ctx: RequestContext, personId: number) {
    const b = await this.child(ctx, personId);
    const today = todayInLondon();
    const [episodes, clocks, notes, oversight] = await Promise.all([this.episodesOf(personId), this.clocks({ personIds: [personId] }), this.notesOf(ctx, personId), this.oversightOf(personId)]);
    await writeAudit(this.db, ctx, { action: 'casework.record.view', recordType: 'person', recordId: personId, personIds: [personId] });
    return {
      child: { id: personId, name: nameOf(b), dateOfBirth: b.dateOfBirth, expectedDateOfBirth: b.expectedDateOfBirth, dateOfDeath: b.dateOfDeath, age: b.dateOfBirth ? ageOn(b.dateOfBirth, today) : null, warnings: b.warnings, restricted: b.restricted },
      episodes,
      clocks: clocks.filter((c) => c.personId === personId && c.status !== 'completed_on_time' && c.status !== 'completed_late'),
      notes,
      oversight,
    };
  }

  // ---- case notes -------------------------------------------------------------------------------

  private noteQuery(executor: Kysely<Database> = this.db) {
    return executor
      .selectFrom('case_notes as n')
      .leftJoin('users as a', 'a.id', 'n.author_id')
      .leftJoin('users as d', 'd.id', 'n.deleted_by')
      .selectAll('n')
      .select(['a.display_name as author_name', 'd.display_name as deleted_by_name']);
  }

  /**
   * The notes a user sees on a child: final notes; their own drafts; deleted notes only for managers, as
   * "deleted: reason" without the text. Group recordings list the other children they were filed on.
   */
  async notesOf(ctx: RequestContext, personId: number) {
    const manager = hasPermission(ctx.user!, 'casework.manage');
    const rows = await this.noteQuery()
      .where('n.person_id', '=', personId)
      .where((eb) => eb.or([eb('n.status', '=', 'final'), eb('n.author_id', '=', ctx.user?.id ?? -1)]))
      .orderBy('n.occurred_at', 'desc')
      .orderBy('n.id', 'desc')
      .execute();
    const visible = rows.filter((n) => !n.deleted_at || manager);
    const groups = [...new Set(visible.flatMap((n) => (n.group_id ? [n.group_id] : [])))];
    const groupRows = groups.length ? await this.db.selectFrom('case_notes').select(['group_id', 'person_id']).where('group_id', 'in', groups).where('person_id', '<>', personId).execute() : [];
    const briefs = await loadBriefs(this.db, [...new Set(groupRows.map((g) => g.person_id))]);
    const others = this.summaries(ctx, briefs, [...briefs.keys()], todayInLondon());
    return visible.map((n) => ({
      ...n,
      body: n.deleted_at ? '' : n.body,
      summary: n.deleted_at ? '' : n.summary,
      alsoFiledOn: groupRows.filter((g) => g.group_id === n.group_id).map((g) => others.get(g.person_id) ?? { id: g.person_id, name: 'Another child', restricted: true }),
    }));
  }

  /**
   * Children a group recording can be filed on with this child: siblings and half-siblings, children who share a
   * parent or carer, and children on the same front-door contact. Children only (under 18 or unborn), not merged.
   */
  async siblingsOf(ctx: RequestContext, personId: number): Promise<ChildSummary[]> {
    const { rows } = await sql<{ id: number }>`
      select related_person_id as id from relationships where person_id = ${personId} and type in ('sibling', 'half_sibling')
      union select person_id from relationships where related_person_id = ${personId} and type in ('sibling', 'half_sibling')
      union select r2.related_person_id from relationships r1 join relationships r2 on r2.person_id = r1.person_id and r2.type = r1.type
        where r1.related_person_id = ${personId} and r1.type in ('mother', 'father', 'step_parent', 'carer') and r2.related_person_id <> ${personId}
      union select c2.person_id from contact_children c1 join contact_children c2 on c2.contact_id = c1.contact_id
        where c1.person_id = ${personId} and c2.person_id <> ${personId}`.execute(this.db);
    const ids = [...new Set(rows.map((r) => Number(r.id)))];
    const briefs = await loadBriefs(this.db, ids);
    const today = todayInLondon();
    const adultBorn = addCalendarDays(today, -18 * 365 - 4);
    const children = ids.filter((id) => {
      const b = briefs.get(id);
      return !!b && !b.dateOfDeath && (b.dateOfBirth ? b.dateOfBirth > adultBorn : !!b.expectedDateOfBirth);
    });
    return [...this.summaries(ctx, briefs, children, today).values()].filter((c) => !c.restricted).sort((a, b) => a.name.localeCompare(b.name));
  }

  private async openEpisodeId(executor: Kysely<Database>, personId: number): Promise<number | null> {
    const e = await executor.selectFrom('cin_episodes').select('id').where('person_id', '=', personId).where('status', '=', 'open').orderBy('start_date', 'desc').orderBy('id', 'desc').executeTakeFirst();
    return e?.id ?? null;
  }

  private checkNote(input: NoteForm) {
    const errors = noteErrors({ ...input, today: todayInLondon() });
    if (errors.length) throw new CaseworkRulesError(errors);
    const time = parseTime(input.occurredTime) ?? '00:00';
    const date = input.occurredDate ?? todayInLondon();
    return {
      note_type: input.type as NoteType,
      occurred_at: londonDateTime(date, time),
      summary: input.summary.trim(),
      body: input.body.trim(),
      child_seen: input.type === 'visit' && input.childSeen ? input.childSeen === 'yes' : null,
      child_seen_alone: input.type === 'visit' && input.childSeen === 'yes' && input.childSeenAlone ? input.childSeenAlone === 'yes' : null,
    };
  }

  /** Records a note (draft or final) on the child, and on each sibling chosen for a group recording. Returns the child's note id. */
  async createNote(ctx: RequestContext, personId: number, input: NoteForm): Promise<number> {
    const values = this.checkNote(input);
    const siblings = input.alsoFor.length ? new Set((await this.siblingsOf(ctx, personId)).map((s) => s.id)) : new Set<number>();
    const bad = input.alsoFor.filter((id) => !siblings.has(id));
    if (bad.length) throw new CaseworkRulesError([{ field: 'alsoFor', text: 'A group recording can be filed only on this child’s brothers and sisters shown here' }]);
    const childIds = [personId, ...new Set(input.alsoFor.filter((id) => id !== personId))];
    const groupId = childIds.length > 1 ? crypto.randomUUID() : null;
    return inTransaction(this.db, async (tx) => {
      let first = 0;
      for (const id of childIds) {
        await this.child(ctx, id, tx);
        const episodeId = await this.openEpisodeId(tx, id);
        const row = await tx
          .insertInto('case_notes')
          .values({ ...values, person_id: id, episode_id: episodeId, group_id: groupId, status: input.final ? 'final' : 'draft', author_id: ctx.user?.id ?? null, finalised_at: input.final ? new Date() : null })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (!first) first = row.id;
      }
      await writeAudit(tx, ctx, { action: input.final ? 'casework.note.create' : 'casework.note.draft', recordType: 'case_note', recordId: first, personIds: childIds, details: { type: input.type, groupId, children: childIds.length } });
      return first;
    });
  }

  /** One note, for its page: drafts only for their author; deleted notes only for managers, without the text. Audited. */
  async note(ctx: RequestContext, personId: number, noteId: number, options: { audit?: boolean } = {}) {
    await this.child(ctx, personId);
    const n = await this.noteQuery().where('n.id', '=', noteId).where('n.person_id', '=', personId).executeTakeFirst();
    if (!n) throw new NotFoundError('note');
    if (n.status === 'draft' && n.author_id !== ctx.user?.id) throw new NotFoundError('note');
    const manager = hasPermission(ctx.user!, 'casework.manage');
    if (n.deleted_at && !manager) throw new NotFoundError('note');
    const group = n.group_id ? await this.db.selectFrom('case_notes').select('person_id').where('group_id', '=', n.group_id).where('person_id', '<>', personId).execute() : [];
    const briefs = await loadBriefs(this.db, group.map((g) => g.person_id));
    const alsoFiledOn = [...this.summaries(ctx, briefs, group.map((g) => g.person_id), todayInLondon()).values()];
    if (options.audit !== false) await writeAudit(this.db, ctx, { action: 'casework.note.view', recordType: 'case_note', recordId: noteId, personIds: [personId] });
    return {
      note: { ...n, body: n.deleted_at ? '' : n.body, summary: n.deleted_at ? '' : n.summary },
      alsoFiledOn,
      canEdit: n.status === 'draft' && n.author_id === ctx.user?.id && !n.deleted_at,
      canDelete: !n.deleted_at && (n.author_id === ctx.user?.id || manager) && hasPermission(ctx.user!, 'casework.write'),
    };
  }

  /** The author changes their draft (on every child of a group recording), or finishes it. */
  async updateDraft(ctx: RequestContext, personId: number, noteId: number, version: number, input: NoteForm): Promise<void> {
    const values = this.checkNote(input);
    await inTransaction(this.db, async (tx) => {
      await this.child(ctx, personId, tx);
      const row = await tx.selectFrom('case_notes').selectAll().where('id', '=', noteId).where('person_id', '=', personId).forUpdate().executeTakeFirst();
      if (!row || row.author_id !== ctx.user?.id || row.deleted_at) throw new NotFoundError('note');
      if (row.status !== 'draft') throw new ValidationError('form', 'This note has been finished: it can no longer be changed.');
      if (row.version !== version) throw new ConflictError();
      const ids = row.group_id
        ? (await tx.selectFrom('case_notes').select(['id', 'person_id']).where('group_id', '=', row.group_id).where('status', '=', 'draft').where('deleted_at', 'is', null).execute())
        : [{ id: row.id, person_id: row.person_id }];
      await tx
        .updateTable('case_notes')
        .set({ ...values, status: input.final ? 'final' : 'draft', finalised_at: input.final ? new Date() : null, updated_at: new Date(), version: sql`version + 1` })
        .where('id', 'in', ids.map((i) => i.id))
        .execute();
      await writeAudit(tx, ctx, { action: input.final ? 'casework.note.finalise' : 'casework.note.draft_update', recordType: 'case_note', recordId: noteId, personIds: [...new Set(ids.map((i) => i.person_id))], details: { groupId: row.group_id } });
    });
  }

  /** Deletes a note (this child's copy of a group recording): it stays on the record, marked deleted with the reason. */
  async deleteNote(ctx: RequestContext, personId: number, noteId: number, version: number, reason: string): Promise<void> {
    const errors = deletionErrors(reason);
    if (errors.length) throw new CaseworkRulesError(errors);
    await inTransaction(this.db, async (tx) => {
      await this.child(ctx, personId, tx);
      const row = await tx.selectFrom('case_notes').selectAll().where('id', '=', noteId).where('person_id', '=', personId).forUpdate().executeTakeFirst();
      if (!row || row.deleted_at) throw new NotFoundError('note');
      const manager = hasPermission(ctx.user!, 'casework.manage');
      if (row.status === 'draft' && row.author_id !== ctx.user?.id) throw new NotFoundError('note');
      if (row.author_id !== ctx.user?.id && !manager) throw new ValidationError('form', 'Only the note’s author or a manager can delete it.');
      if (row.version !== version) throw new ConflictError();
      await tx.updateTable('case_notes').set({ deleted_at: new Date(), deleted_by: ctx.user?.id ?? null, deleted_reason: reason.trim(), version: row.version + 1 }).where('id', '=', noteId).execute();
      await writeAudit(tx, ctx, { action: 'casework.note.delete', recordType: 'case_note', recordId: noteId, personIds: [personId], details: { reason: reason.trim(), status: row.status } });
    });
  }

  // ---- management oversight ---------------------------------------------------------------------

  async oversightOf(personId: number) {
    return this.db
      .selectFrom('management_oversight as o')
      .leftJoin('users as u', 'u.id', 'o.recorded_by')
      .selectAll('o')
      .select('u.display_name as recorded_by_name')
      .where('o.person_id', '=', personId)
      .orderBy('o.recorded_at', 'desc')
      .orderBy('o.id', 'desc')
      .execute();
  }

  async addOversight(ctx: RequestContext, personId: number, input: OversightForm): Promise<number> {
    const errors = oversightErrors({ ...input, today: todayInLondon() });
    if (errors.length) throw new CaseworkRulesError(errors);
    return inTransaction(this.db, async (tx) => {
      await this.child(ctx, personId, tx);
      const episodeId = await this.openEpisodeId(tx, personId);
      const row = await tx
        .insertInto('management_oversight')
        .values({ person_id: personId, episode_id: episodeId, decision: input.decision.trim(), direction: input.direction.trim(), timescale: input.timescale, recorded_by: ctx.user?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, { action: 'casework.oversight.create', recordType: 'management_oversight', recordId: row.id, personIds: [personId], details: { episodeId, timescale: input.timescale } });
      return row.id;
    });
  }

  // ---- chronology -------------------------------------------------------------------------------

  /** Marks (or re-marks) a chronology entry significant with the worker's analysis; an empty analysis is refused. */
  async markSignificant(ctx: RequestContext, personId: number, entryKey: string, analysis: string): Promise<void> {
    const errors = markErrors(analysis);
    if (!/^[a-z0-9_-]{1,40}:[\w:.-]{1,200}$/i.test(entryKey)) errors.unshift({ field: 'form', text: 'The form was incomplete: reload the page and try again' });
    if (errors.length) throw new CaseworkRulesError(errors);
    await inTransaction(this.db, async (tx) => {
      await this.child(ctx, personId, tx);
      await tx.deleteFrom('chronology_marks').where('person_id', '=', personId).where('entry_key', '=', entryKey).execute();
      await tx.insertInto('chronology_marks').values({ person_id: personId, entry_key: entryKey, analysis: analysis.trim(), marked_by: ctx.user?.id ?? null }).execute();
      await writeAudit(tx, ctx, { action: 'casework.chronology.mark', recordType: 'person', recordId: personId, personIds: [personId], details: { entryKey } });
    });
  }

  async unmarkSignificant(ctx: RequestContext, personId: number, entryKey: string): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      await this.child(ctx, personId, tx);
      await tx.deleteFrom('chronology_marks').where('person_id', '=', personId).where('entry_key', '=', entryKey).execute();
      await writeAudit(tx, ctx, { action: 'casework.chronology.unmark', recordType: 'person', recordId: personId, personIds: [personId], details: { entryKey } });
    });
  }

  async marksOf(personId: number) {
    const rows = await this.db
      .selectFrom('chronology_marks as m')
      .leftJoin('users as u', 'u.id', 'm.marked_by')
      .select(['m.entry_key', 'm.analysis', 'm.marked_at', 'u.display_name as marked_by_name'])
      .where('m.person_id', '=', personId)
      .orderBy('m.id')
      .execute();
    return new Map(rows.map((r) => [r.entry_key, r]));
  }

  /** The raw material of the chronology that this module and the front door hold (see chronology.ts). */
  async chronologyRows(personId: number) {
    const [contacts, episodes, notes, oversight, earlyHelp, moves] = await Promise.all([
      this.db
        .selectFrom('contact_children as cc')
        .innerJoin('contacts as c', 'c.id', 'cc.contact_id')
        .select(['cc.id', 'cc.contact_id', 'c.received_date', 'c.source_code', 'c.referrer_organisation', 'c.what_happened', 'cc.decision', 'cc.decision_date', 'cc.decision_rationale'])
        .where('cc.person_id', '=', personId)
        .orderBy('c.received_date')
        .execute(),
      this.episodesOf(personId),
      this.db
        .selectFrom('case_notes as n')
        .leftJoin('users as a', 'a.id', 'n.author_id')
        .select(['n.id', 'n.note_type', 'n.occurred_at', 'n.summary', 'n.child_seen', 'n.child_seen_alone', 'n.group_id', 'a.display_name as author_name'])
        .where('n.person_id', '=', personId)
        .where('n.status', '=', 'final')
        .where('n.deleted_at', 'is', null)
        .execute(),
      this.oversightOf(personId),
      this.db.selectFrom('early_help_episodes').select(['id', 'started_on', 'ended_on', 'status', 'end_reason']).where('person_id', '=', personId).execute(),
      this.db.selectFrom('person_addresses').select(['id', 'line1', 'town', 'postcode', 'from_date']).where('person_id', '=', personId).where('from_date', 'is not', null).execute(),
    ]);
    return { contacts, episodes, notes, oversight, earlyHelp, moves };
  }

  async auditChronology(ctx: RequestContext, personId: number, details: Record<string, unknown>) {
    await writeAudit(this.db, ctx, { action: 'casework.chronology.view', recordType: 'person', recordId: personId, personIds: [personId], details });
  }

  // ---- work trays -------------------------------------------------------------------------------

  /**
   * The work trays: my open episodes (each child's open clocks, overdue and due soon first); for managers, their
   * teams' open episodes by worker with caseloads, and unallocated episodes (no worker; no team or one of theirs).
   */
  async trays(ctx: RequestContext) {
    const user = ctx.user!;
    const manager = hasPermission(user, 'casework.manage');
    const today = todayInLondon();
    const open = this.episodeQuery().where('e.status', '=', 'open');
    const [mine, team, unallocated] = await Promise.all([
      open.where('e.worker_id', '=', user.id).orderBy('e.start_date').execute(),
      manager && user.teamIds.length ? open.where('e.team_id', 'in', user.teamIds).where('e.worker_id', 'is not', null).orderBy('w.display_name').orderBy('e.start_date').execute() : [],
      manager
        ? open
            .where('e.worker_id', 'is', null)
            .where((eb) => (user.teamIds.length ? eb.or([eb('e.team_id', 'is', null), eb('e.team_id', 'in', user.teamIds)]) : eb('e.team_id', 'is', null)))
            .orderBy('e.referral_date')
            .execute()
        : [],
    ]);
    const personIds = [...new Set([...mine, ...team, ...unallocated].map((e) => e.person_id))];
    const [briefs, clocks] = await Promise.all([loadBriefs(this.db, personIds), personIds.length ? this.clocks({ personIds }) : Promise.resolve([])]);
    const children = this.summaries(ctx, briefs, personIds, today);
    const openClocks = clocks.filter((c) => c.status !== 'completed_on_time' && c.status !== 'completed_late');
    const withClocks = (e: (typeof mine)[number]) => {
      const child = children.get(e.person_id)!;
      const cs = child.restricted ? [] : openClocks.filter((c) => c.personId === e.person_id && (c.episodeId === null || c.episodeId === e.id));
      return { ...e, child, clocks: cs, urgency: cs.length ? Math.min(...cs.map((c) => c.workingDaysLeft)) : Number.POSITIVE_INFINITY };
    };
    const myCases = mine.map(withClocks).sort((a, b) => a.urgency - b.urgency || a.start_date.localeCompare(b.start_date));
    const teamCases = team.map(withClocks);
    const byWorker = new Map<string, { workerId: number | null; workerName: string; count: number; overdue: number; episodes: typeof teamCases }>();
    for (const e of teamCases) {
      const k = String(e.worker_id);
      const w = byWorker.get(k) ?? { workerId: e.worker_id, workerName: e.worker_name ?? 'Unknown', count: 0, overdue: 0, episodes: [] };
      w.count += 1;
      if (e.clocks.some((c) => c.status === 'overdue')) w.overdue += 1;
      w.episodes.push(e);
      byWorker.set(k, w);
    }
    for (const w of byWorker.values()) w.episodes.sort((a, b) => a.urgency - b.urgency);
    const shown = [...new Set([...mine, ...team, ...unallocated].map((e) => e.person_id))].filter((id) => !children.get(id)!.restricted);
    await writeAudit(this.db, ctx, { action: 'casework.trays', recordType: 'cin_episode', personIds: shown, details: { mine: mine.length, team: team.length, unallocated: unallocated.length } });
    return { manager, myCases, team: [...byWorker.values()].sort((a, b) => a.workerName.localeCompare(b.workerName)), unallocated: unallocated.map(withClocks) };
  }
}
