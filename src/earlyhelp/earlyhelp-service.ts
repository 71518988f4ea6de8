import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError, type Tx } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { canAccessRecord } from '../access/policy.js';
import { ROLE_LABELS } from '../access/roles.js';
import { loadBriefs, type PersonBrief } from '../people/match-data.js';
import { RestrictedRecordError } from '../people/people-service.js';
import { ContactRulesError, type ContactsService } from '../frontdoor/contacts-service.js';
import type { Consent } from '../frontdoor/rules.js';
import { todayInLondon } from '../time/index.js';
import { closeErrors, stepUpErrors, STEP_UP_SOURCE, type StepUpInput, type StepUpMethod } from './rules.js';

const AUDIT_TYPE = 'early_help_episode';
export const MAX_LEAD_PROFESSIONAL = 200;

/** Every problem at once, for the error summary. */
export class EarlyHelpRulesError extends Error {
  constructor(public readonly errors: Array<{ field: string; text: string }>) {
    super('The early help form is incomplete');
  }
}

export type ListScope = 'teams' | 'all';

const childOf = (ctx: RequestContext, personId: number, b: PersonBrief | undefined) => {
  const allowed = !!b && (!b.restricted || canAccessRecord(ctx.user!, { restrictedTo: b.restrictedTo }).allowed);
  return allowed ? { id: personId, name: `${b!.givenNames} ${b!.familyName}`, dateOfBirth: b!.dateOfBirth, restricted: false } : { id: personId, name: 'Restricted record', dateOfBirth: null, restricted: true };
};

/**
 * Early help episodes: opened when the front door steps a child down (the decision code does that),
 * worked by an early help team with a lead professional, then closed, or stepped back up to the front
 * door as a new contact linked to the episode. Every view and write is audited against the child;
 * a restricted child's episode opens only for those the restriction names.
 */
export class EarlyHelpService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly contacts: ContactsService,
  ) {}

  /** Open episodes first, then the rest, newest first; for the user's teams or for everyone. */
  async list(ctx: RequestContext, scope: ListScope) {
    let q = this.db
      .selectFrom('early_help_episodes')
      .leftJoin('teams', 'teams.id', 'early_help_episodes.team_id')
      .select(['early_help_episodes.id', 'person_id', 'team_id', 'teams.name as teamName', 'started_on', 'lead_professional', 'status', 'ended_on', 'step_up_contact_id']);
    if (scope === 'teams') {
      const teamIds = ctx.user?.teamIds ?? [];
      if (!teamIds.length) return [];
      q = q.where('team_id', 'in', teamIds);
    }
    const rows = await q
      .orderBy(sql`case when early_help_episodes.status = 'open' then 0 else 1 end`)
      .orderBy('started_on', 'desc')
      .orderBy('early_help_episodes.id', 'desc')
      .limit(500)
      .execute();
    const briefs = await loadBriefs(this.db, rows.map((r) => r.person_id));
    const episodes = rows.map((r) => ({ ...r, child: childOf(ctx, r.person_id, briefs.get(r.person_id)) }));
    await writeAudit(this.db, ctx, { action: 'earlyhelp.list', recordType: AUDIT_TYPE, personIds: [...new Set(episodes.filter((e) => !e.child.restricted).map((e) => e.person_id))], details: { scope, shown: episodes.length } });
    return episodes;
  }

  /** Refuses (and audits the refusal) when the child is restricted from this user. */
  private async assertCanOpen(ctx: RequestContext, id: number, personId: number): Promise<PersonBrief> {
    const b = (await loadBriefs(this.db, [personId])).get(personId);
    if (!b) throw new NotFoundError('person');
    if (b.restricted) {
      const d = canAccessRecord(ctx.user!, { restrictedTo: b.restrictedTo });
      if (!d.allowed) {
        await writeAudit(this.db, ctx, { action: 'earlyhelp.view', outcome: 'denied', recordType: AUDIT_TYPE, recordId: id, personIds: [personId] });
        throw new RestrictedRecordError(d.reason);
      }
    }
    return b;
  }

  /** The episode page: the child, team, the step-down analysis and where the episode came from and went. */
  async get(ctx: RequestContext, id: number, options: { audit?: boolean } = {}) {
    const episode = await this.db.selectFrom('early_help_episodes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!episode) throw new NotFoundError('early help episode');
    const b = await this.assertCanOpen(ctx, id, episode.person_id);
    const [team, source, createdBy] = await Promise.all([
      episode.team_id ? this.db.selectFrom('teams').select('name').where('id', '=', episode.team_id).executeTakeFirst() : undefined,
      episode.contact_child_id ? this.db.selectFrom('contact_children').select(['contact_id', 'decided_at', 'decided_by']).where('id', '=', episode.contact_child_id).executeTakeFirst() : undefined,
      episode.created_by ? this.db.selectFrom('users').select('display_name').where('id', '=', episode.created_by).executeTakeFirst() : undefined,
    ]);
    if (options.audit !== false) await writeAudit(this.db, ctx, { action: 'earlyhelp.view', recordType: AUDIT_TYPE, recordId: id, personIds: [episode.person_id] });
    return {
      episode,
      child: { id: episode.person_id, name: `${b.givenNames} ${b.familyName}`, dateOfBirth: b.dateOfBirth },
      teamName: team?.name ?? 'No team recorded',
      sourceContactId: source?.contact_id ?? null,
      createdBy: createdBy?.display_name ?? '',
    };
  }

  private async lock(tx: Tx, id: number, version: number) {
    const row = await tx.selectFrom('early_help_episodes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError('early help episode');
    if (row.version !== version) throw new ConflictError();
    if (row.status !== 'open') throw new ValidationError('form', row.status === 'stepped_up' ? 'This episode has been stepped up to the front door.' : 'This episode is closed.');
    return row;
  }

  async setLeadProfessional(ctx: RequestContext, id: number, version: number, name: string): Promise<void> {
    const text = name.trim();
    if (!text) throw new ValidationError('leadProfessional', 'Enter the lead professional’s name and role, for example Erin Hale, family worker');
    if (text.length > MAX_LEAD_PROFESSIONAL) throw new ValidationError('leadProfessional', `The lead professional must be ${MAX_LEAD_PROFESSIONAL} characters or fewer`);
    await inTransaction(this.db, async (tx) => {
      const row = await this.lock(tx, id, version);
      await tx.updateTable('early_help_episodes').set({ lead_professional: text, version: row.version + 1 }).where('id', '=', id).execute();
      await writeAudit(tx, ctx, { action: 'earlyhelp.lead_professional', recordType: AUDIT_TYPE, recordId: id, personIds: [row.person_id], details: { changed: row.lead_professional !== text } });
    });
  }

  async close(ctx: RequestContext, id: number, version: number, input: { endedOn: string; reason: string }): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const row = await this.lock(tx, id, version);
      const errors = closeErrors({ startedOn: row.started_on, endedOn: input.endedOn, reason: input.reason, today: todayInLondon() });
      if (errors.length) throw new EarlyHelpRulesError(errors);
      await tx.updateTable('early_help_episodes').set({ status: 'closed', ended_on: input.endedOn, end_reason: input.reason.trim(), version: row.version + 1 }).where('id', '=', id).execute();
      await writeAudit(tx, ctx, { action: 'earlyhelp.close', recordType: AUDIT_TYPE, recordId: id, personIds: [row.person_id], details: { endedOn: input.endedOn } });
    });
  }

  /**
   * Steps the case up: a new contact at the front door (origin step_up, source 5D, the early help
   * worker as referrer, linked to this episode), and the episode marked stepped up, in one transaction.
   */
  async stepUp(ctx: RequestContext, id: number, version: number, input: StepUpInput): Promise<number> {
    const errors = stepUpErrors(input);
    if (errors.length) throw new EarlyHelpRulesError(errors);
    return inTransaction(this.db, async (tx) => {
      const row = await this.lock(tx, id, version);
      const [team, me] = await Promise.all([
        row.team_id ? tx.selectFrom('teams').select('name').where('id', '=', row.team_id).executeTakeFirst() : undefined,
        ctx.user ? tx.selectFrom('users').select(['display_name', 'email']).where('id', '=', ctx.user.id).executeTakeFirst() : undefined,
      ]);
      let contactId: number;
      try {
        contactId = await this.contacts.create(
          ctx,
          {
            receivedAt: new Date(),
            method: input.method as StepUpMethod,
            origin: 'step_up',
            sourceCode: STEP_UP_SOURCE,
            referrer: {
              anonymous: false,
              name: me?.display_name ?? ctx.user?.displayName ?? 'Early help',
              organisation: team?.name ?? 'Early help',
              role: ctx.user ? ROLE_LABELS[ctx.user.role] : '',
              phone: '',
              email: me?.email ?? '',
              address: '',
            },
            whatHappened: input.whatChanged.trim(),
            referrerWorries: input.worries.trim(),
            referrerActions: input.earlyHelpActions.trim(),
            childViews: input.childViews.trim(),
            familyViews: '',
            parentsAware: input.parentsAware as 'yes' | 'no' | 'unknown',
            consent: input.consent as Consent,
            consentOverrideReason: input.consent === 'given' ? '' : input.consentOverrideReason.trim(),
            childIds: [row.person_id],
            adults: [],
            earlyHelpEpisodeId: id,
          },
          tx,
        );
      } catch (err) {
        // The contact's own checks, in this form's terms (the child comes from the episode, so "children" is the whole form).
        if (err instanceof ContactRulesError) throw new EarlyHelpRulesError(err.errors.map((e) => (e.field === 'children' ? { ...e, field: 'form' } : e)));
        throw err;
      }
      await tx
        .updateTable('early_help_episodes')
        .set({ status: 'stepped_up', step_up_contact_id: contactId, ended_on: todayInLondon(), end_reason: 'Stepped up to the front door', version: row.version + 1 })
        .where('id', '=', id)
        .execute();
      await writeAudit(tx, ctx, { action: 'earlyhelp.step_up', recordType: AUDIT_TYPE, recordId: id, personIds: [row.person_id], details: { contactId, method: input.method, consent: input.consent } });
      return contactId;
    });
  }
}
