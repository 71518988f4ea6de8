import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import type { PersonSearchService, SearchOutcome } from '../people/search-service.js';
import { isValidIsoDate, isoDateInLondon, type WorkingCalendar } from '../time/index.js';
import { ContactRulesError, type ContactsService } from './contacts-service.js';
import { importNotifications, type ImportResult, type ImportSource } from './police-import.js';
import {
  attendeeErrors, decisionErrors, encompassDueAt, londonDate, encompassState, outstandingEncompass, ENCOMPASS_RECIPIENTS,
  type EncompassRecipient, type EncompassState, type MeetingDecisionInput, type NotificationInput, type PoliceCategory,
} from './police-rules.js';

const AUDIT_TYPE = 'police_notification';

/** How many notifications the queue page and the meeting form show at once (oldest first): a day's queue
 * is a few dozen; a backlog is paged, and the meeting takes the oldest first. */
export const QUEUE_PAGE_SIZE = 25;
export const QUEUE_COUNT_CAP = 1000;
/** Domestic abuse notifications this recent are checked for Encompass notices still to send. */
const ENCOMPASS_LOOKBACK_DAYS = 14;

export interface QueueFilter {
  category?: PoliceCategory | undefined;
  /** Received on or after / on or before these dates (London). */
  from?: string | undefined;
  to?: string | undefined;
}

export interface MeetingInput {
  meetingDate: string;
  chair: string;
  attendees: Array<{ name: string; agency: string }>;
  notes: string;
  decisions: Array<Omit<MeetingDecisionInput, 'matchedChildren'> & { version: number }>;
}

export type NotificationRow = Awaited<ReturnType<PoliceNotificationsService['queue']>>['rows'][number];

/**
 * Police notifications at the front door: import (see police-import.ts), the daily screening queue and
 * meeting, matching people the import could not, and Operation Encompass notices. Every write is audited
 * in its own transaction with the people concerned.
 */
export class PoliceNotificationsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly personSearch: PersonSearchService,
    private readonly contacts: ContactsService,
    /** On PostgreSQL an import matches children on other connections while it writes. */
    private readonly databaseKind: 'pglite' | 'postgres' = 'pglite',
  ) {}

  async import(ctx: RequestContext, notifications: NotificationInput[], source: { kind: ImportSource; fileName?: string }): Promise<ImportResult> {
    // Read the weights before the transaction: on PGlite a query on `db` inside one would wait for ever.
    const weights = await this.personSearch.currentWeights();
    return importNotifications(this.db, weights, ctx, notifications, source, { overlap: this.databaseKind === 'postgres' });
  }

  /** Notifications awaiting screening, oldest first, with their people and Encompass state. */
  async queue(filter: QueueFilter, calendar: WorkingCalendar, now = new Date(), page = 1) {
    let q = this.db.selectFrom('police_notifications').where('status', '=', 'awaiting_screening');
    if (filter.category) q = q.where('category', '=', filter.category);
    if (filter.from) q = q.where('received_at', '>=', startOfLondonDay(filter.from));
    if (filter.to) q = q.where('received_at', '<', startOfLondonDay(nextDay(filter.to)));
    // Counting stops past QUEUE_COUNT_CAP (a queue that long is "more than 1,000"): after a bulk import of a
    // year's notifications an exact count would cost every page view a scan of the whole backlog.
    const cap = Math.max(QUEUE_COUNT_CAP, page * QUEUE_PAGE_SIZE);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('received_at').orderBy('id').limit(QUEUE_PAGE_SIZE).offset((page - 1) * QUEUE_PAGE_SIZE).execute(),
      this.db.selectFrom(q.select('id').limit(cap + 1).as('capped')).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const more = Number(count.n) > cap;
    const total = Math.min(Number(count.n), cap);
    const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE) + (more ? 1 : 0));
    return { rows: await this.withPeople(rows, calendar, now), total, more, totalText: more ? `More than ${cap.toLocaleString('en-GB')}` : total.toLocaleString('en-GB'), page, pages };
  }

  /** Domestic abuse notifications of the last fortnight whose Encompass notices are not all recorded. */
  async encompassOutstanding(calendar: WorkingCalendar, now = new Date()) {
    const since = new Date(now.getTime() - ENCOMPASS_LOOKBACK_DAYS * 86400_000);
    // Candidates: recent DA notifications with a child who has fewer notices than the most any child needs (2).
    const rows = await this.db
      .selectFrom('police_notifications as n')
      .selectAll('n')
      .where('n.domestic_abuse', '=', true)
      .where('n.received_at', '>=', since)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('police_notification_people as p')
            .select('p.id')
            .whereRef('p.notification_id', '=', 'n.id')
            .where('p.role', '=', 'child')
            .where((eb) => eb(eb.selectFrom('encompass_notices as e').select((x) => x.fn.countAll<number>().as('c')).whereRef('e.notification_person_id', '=', 'p.id'), '<', 2)),
        ),
      )
      .orderBy('n.received_at')
      .limit(QUEUE_PAGE_SIZE)
      .execute();
    return (await this.withPeople(rows, calendar, now)).filter((r) => r.encompass.state === 'due' || r.encompass.state === 'overdue');
  }

  private async withPeople<T extends { id: number; domestic_abuse: boolean; received_at: Date; incident_at: Date | null }>(rows: T[], calendar: WorkingCalendar, now: Date) {
    const ids = rows.map((r) => r.id);
    const people = ids.length ? await this.db.selectFrom('police_notification_people').selectAll().where('notification_id', 'in', ids).orderBy('id').execute() : [];
    const personRowIds = people.map((p) => p.id);
    const notices = personRowIds.length ? await this.db.selectFrom('encompass_notices').selectAll().where('notification_person_id', 'in', personRowIds).orderBy('id').execute() : [];
    return rows.map((r) => {
      const mine = people.filter((p) => p.notification_id === r.id);
      const on = londonDate(r.incident_at ?? r.received_at);
      const children = mine.filter((p) => p.role === 'child').map((p) => {
        const sent = notices.filter((x) => x.notification_person_id === p.id);
        const outstanding = r.domestic_abuse ? outstandingEncompass(p.date_of_birth, on, sent.map((x) => x.recipient_kind as EncompassRecipient)) : [];
        return { ...p, notices: sent, outstanding };
      });
      const dueAt = encompassDueAt(calendar, { incidentAt: r.incident_at, receivedAt: r.received_at });
      const outstanding = children.reduce((n, c) => n + c.outstanding.length, 0);
      const state: EncompassState = encompassState(r.domestic_abuse, outstanding, dueAt, now);
      return { ...r, children, adults: mine.filter((p) => p.role === 'adult'), encompass: { state, dueAt, outstanding } };
    });
  }

  /** One notification with everything recorded about it; the view is audited against the matched people. */
  async get(ctx: RequestContext, id: number, calendar: WorkingCalendar, options: { audit?: boolean } = {}) {
    const row = await this.db.selectFrom('police_notifications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('police notification');
    const [full] = await this.withPeople([row], calendar, new Date());
    const [actions, meeting, userRows] = await Promise.all([
      this.db.selectFrom('screening_actions').selectAll().where('notification_id', '=', id).orderBy('id').execute(),
      row.screening_meeting_id ? this.db.selectFrom('screening_meetings').selectAll().where('id', '=', row.screening_meeting_id).executeTakeFirst() : Promise.resolve(undefined),
      this.db.selectFrom('users').select(['id', 'display_name']).execute(),
    ]);
    const personIds = [...full!.children, ...full!.adults].map((p) => p.person_id).filter((p): p is number => p !== null);
    if (options.audit !== false) await writeAudit(this.db, ctx, { action: 'police_notification.view', recordType: AUDIT_TYPE, recordId: id, personIds });
    const names = new Map(userRows.map((u) => [u.id, u.display_name]));
    return { ...full!, actions, meeting: meeting ?? null, userName: (uid: number | null) => (uid ? names.get(uid) ?? 'Unknown user' : '') };
  }

  /** Search-first matching for a person the import could not match (the search is audited by the search service). */
  async searchFor(ctx: RequestContext, notificationId: number, personRowId: number): Promise<SearchOutcome> {
    const p = await this.personRow(notificationId, personRowId);
    return this.personSearch.search(ctx, {
      givenName: p.given_name || undefined,
      familyName: p.family_name || undefined,
      dateOfBirth: p.date_of_birth ?? undefined,
      postcode: p.postcode || undefined,
      nhsNumber: p.nhs_number || undefined,
    });
  }

  private async personRow(notificationId: number, personRowId: number) {
    const p = await this.db.selectFrom('police_notification_people').selectAll().where('id', '=', personRowId).where('notification_id', '=', notificationId).executeTakeFirst();
    if (!p) throw new NotFoundError('person on the notification');
    return p;
  }

  /** Links a person the police named to a person record (or clears the link, with personId null). */
  async matchPerson(ctx: RequestContext, notificationId: number, personRowId: number, version: number, personId: number | null): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const n = await tx.selectFrom('police_notifications').select(['id', 'version', 'status']).where('id', '=', notificationId).forUpdate().executeTakeFirst();
      if (!n) throw new NotFoundError('police notification');
      if (n.version !== version) throw new ConflictError();
      const p = await tx.selectFrom('police_notification_people').selectAll().where('id', '=', personRowId).where('notification_id', '=', notificationId).executeTakeFirst();
      if (!p) throw new NotFoundError('person on the notification');
      if (personId !== null) {
        const person = await tx.selectFrom('people').select(['id', 'merged_into_id']).where('id', '=', personId).executeTakeFirst();
        if (!person || person.merged_into_id) throw new ValidationError('personId', 'That record could not be found: search again');
      }
      await tx.updateTable('police_notification_people').set({ person_id: personId, matched_by: personId === null ? null : 'user', matched_at: personId === null ? null : new Date() }).where('id', '=', personRowId).execute();
      await tx.updateTable('police_notifications').set({ version: n.version + 1 }).where('id', '=', notificationId).execute();
      await writeAudit(tx, ctx, {
        action: personId === null ? 'police_notification.unmatch' : 'police_notification.match',
        recordType: AUDIT_TYPE,
        recordId: notificationId,
        personIds: [personId, p.person_id].filter((x): x is number => x !== null),
        details: { notificationPersonId: personRowId, previous: p.person_id },
      });
    });
  }

  /** Records an Operation Encompass notice sent for a child on a domestic abuse notification. */
  async recordEncompass(ctx: RequestContext, notificationId: number, personRowId: number, input: { kind: string; recipientName: string; sentOn: string; sentBy: string }): Promise<void> {
    const errors: Array<{ field: string; text: string }> = [];
    if (!Object.prototype.hasOwnProperty.call(ENCOMPASS_RECIPIENTS, input.kind)) errors.push({ field: `kind-${personRowId}`, text: 'Select who was notified' });
    if (!input.recipientName.trim()) errors.push({ field: `recipientName-${personRowId}`, text: 'Enter the school, health visiting team or school nurse notified' });
    if (!isValidIsoDate(input.sentOn)) errors.push({ field: `sentOn-${personRowId}`, text: 'Enter the date the notice was sent' });
    else if (input.sentOn > isoDateInLondon(new Date())) errors.push({ field: `sentOn-${personRowId}`, text: 'The date sent must not be in the future' });
    if (!input.sentBy.trim()) errors.push({ field: `sentBy-${personRowId}`, text: 'Enter who sent the notice' });
    if (errors.length) throw new ContactRulesError(errors);
    await inTransaction(this.db, async (tx) => {
      const n = await tx.selectFrom('police_notifications').select(['id', 'domestic_abuse', 'version']).where('id', '=', notificationId).forUpdate().executeTakeFirst();
      if (!n) throw new NotFoundError('police notification');
      const p = await tx.selectFrom('police_notification_people').selectAll().where('id', '=', personRowId).where('notification_id', '=', notificationId).executeTakeFirst();
      if (!p || p.role !== 'child') throw new NotFoundError('child on the notification');
      if (!n.domestic_abuse) throw new ValidationError('form', 'Operation Encompass notices are for domestic abuse notifications.');
      await tx.insertInto('encompass_notices').values({ notification_person_id: personRowId, recipient_kind: input.kind, recipient_name: input.recipientName.trim(), sent_on: input.sentOn, sent_by: input.sentBy.trim(), recorded_by: ctx.user?.id ?? null }).execute();
      await tx.updateTable('police_notifications').set({ version: n.version + 1 }).where('id', '=', notificationId).execute();
      await writeAudit(tx, ctx, { action: 'police_notification.encompass', recordType: AUDIT_TYPE, recordId: notificationId, personIds: p.person_id ? [p.person_id] : [], details: { notificationPersonId: personRowId, kind: input.kind, sentOn: input.sentOn } });
    });
  }

  async meetings(limit = 20) {
    return this.db
      .selectFrom('screening_meetings as m')
      .selectAll('m')
      .select((eb) => eb.selectFrom('police_notifications as n').select((x) => x.fn.countAll<string>().as('c')).whereRef('n.screening_meeting_id', '=', 'm.id').as('decided'))
      .orderBy('m.meeting_date', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit)
      .execute();
  }

  async meeting(ctx: RequestContext, id: number) {
    const meeting = await this.db.selectFrom('screening_meetings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!meeting) throw new NotFoundError('screening meeting');
    const notifications = await this.db.selectFrom('police_notifications').selectAll().where('screening_meeting_id', '=', id).orderBy('received_at').execute();
    const ids = notifications.map((n) => n.id);
    const [people, actions] = ids.length
      ? await Promise.all([
          this.db.selectFrom('police_notification_people').selectAll().where('notification_id', 'in', ids).orderBy('id').execute(),
          this.db.selectFrom('screening_actions').selectAll().where('meeting_id', '=', id).orderBy('id').execute(),
        ])
      : [[], []];
    const personIds = people.map((p) => p.person_id).filter((p): p is number => p !== null);
    await writeAudit(this.db, ctx, { action: 'screening_meeting.view', recordType: 'screening_meeting', recordId: id, personIds });
    return {
      meeting,
      notifications: notifications.map((n) => ({ ...n, people: people.filter((p) => p.notification_id === n.id), actions: actions.filter((a) => a.notification_id === n.id) })),
    };
  }

  /**
   * Records the daily screening meeting and its decisions, all or nothing. A decision of "contact" creates
   * a contact to the MASH about the matched children; "already known" attaches the notification to the
   * children's open contact. Notifications left without a decision stay on the queue for the next meeting.
   */
  async recordMeeting(ctx: RequestContext, input: MeetingInput): Promise<number> {
    const errors: Array<{ field: string; text: string }> = [];
    if (!isValidIsoDate(input.meetingDate)) errors.push({ field: 'meetingDate', text: 'Enter the date of the meeting' });
    else if (input.meetingDate > isoDateInLondon(new Date())) errors.push({ field: 'meetingDate', text: 'The meeting date must not be in the future' });
    if (!input.chair.trim()) errors.push({ field: 'chair', text: 'Enter who chaired the meeting' });
    errors.push(...attendeeErrors(input.attendees));
    if (!input.decisions.length) throw new ContactRulesError([...errors, { field: 'form', text: 'Record a decision for at least one notification' }]);
    // The meeting's own problems are reported together with each decision's, so the chair fixes them in one go.
    return inTransaction(this.db, async (tx) => {
      const ids = input.decisions.map((d) => d.notificationId);
      const rows = await tx.selectFrom('police_notifications').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
      const people = await tx.selectFrom('police_notification_people').selectAll().where('notification_id', 'in', ids).orderBy('id').execute();
      const openContacts = new Map<number, number>();
      for (const d of input.decisions) {
        const row = rows.find((r) => r.id === d.notificationId);
        if (!row) throw new NotFoundError('police notification');
        if (row.version !== d.version || row.status !== 'awaiting_screening') throw new ConflictError(`Someone else changed police notification ${row.police_reference} (or screened it) while you were recording the meeting.`);
        const children = people.filter((p) => p.notification_id === row.id && p.role === 'child' && p.person_id !== null).map((p) => p.person_id!);
        errors.push(...decisionErrors({ ...d, matchedChildren: children.length }, input.meetingDate));
        if (d.decision === 'already_known' && children.length) {
          const open = await tx
            .selectFrom('contacts as c')
            .innerJoin('contact_children as cc', 'cc.contact_id', 'c.id')
            .select('c.id')
            .where('c.status', '=', 'open')
            .where('cc.person_id', 'in', children)
            .orderBy('c.received_at', 'desc')
            .executeTakeFirst();
          if (open) openContacts.set(row.id, open.id);
          else errors.push({ field: `decision-${row.id}`, text: 'None of the children has an open contact: choose “Contact to the MASH” instead' });
        }
      }
      if (errors.length) throw new ContactRulesError(errors);
      const { id: meetingId } = await tx
        .insertInto('screening_meetings')
        .values({ meeting_date: input.meetingDate, chair: input.chair.trim(), attendees: JSON.stringify(input.attendees), notes: input.notes.trim(), created_by: ctx.user?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const now = new Date();
      for (const d of input.decisions) {
        const row = rows.find((r) => r.id === d.notificationId)!;
        const mine = people.filter((p) => p.notification_id === row.id && p.person_id !== null);
        const childIds = mine.filter((p) => p.role === 'child').map((p) => p.person_id!);
        let contactId: number | null = openContacts.get(row.id) ?? null;
        if (d.decision === 'contact') {
          contactId = await this.contacts.create(
            ctx,
            {
              receivedAt: row.received_at,
              method: 'police_notification',
              origin: 'police_notification',
              sourceCode: '6',
              referrer: { anonymous: false, name: row.officer || row.force_name || 'Police', organisation: row.force_name || 'Police', role: 'Police officer', phone: '', email: '', address: '' },
              whatHappened: `Police notification ${row.police_reference}: ${row.summary}`,
              referrerWorries: `Police risk assessment (DASH): ${row.risk}.${row.domestic_abuse ? ' Domestic abuse.' : ''}`,
              referrerActions: '',
              childViews: '',
              familyViews: '',
              parentsAware: 'unknown',
              consent: 'not_sought',
              consentOverrideReason: `Police notification shared under the police's safeguarding duty; the screening meeting of ${input.meetingDate} decided it needs a MASH contact. ${d.notes.trim()}`,
              childIds,
              adults: mine.filter((p) => p.role === 'adult').map((p) => ({ personId: p.person_id!, involvement: 'Named in the police notification' })),
              policeNotificationId: row.id,
            },
            tx,
          );
        }
        await tx
          .updateTable('police_notifications')
          .set({ status: 'screened', decision: d.decision, decision_notes: d.notes.trim(), shared_with: d.sharedWith.trim(), screening_meeting_id: meetingId, contact_id: contactId, decided_by: ctx.user?.id ?? null, decided_at: now, version: row.version + 1 })
          .where('id', '=', row.id)
          .execute();
        if (d.action) await tx.insertInto('screening_actions').values({ notification_id: row.id, meeting_id: meetingId, action: d.action.text.trim(), owner: d.action.owner.trim(), due_on: d.action.dueOn }).execute();
        await writeAudit(tx, ctx, { action: 'police_notification.screen', recordType: AUDIT_TYPE, recordId: row.id, personIds: mine.map((p) => p.person_id!), details: { meetingId, decision: d.decision, contactId } });
      }
      await writeAudit(tx, ctx, { action: 'screening_meeting.create', recordType: 'screening_meeting', recordId: meetingId, details: { meetingDate: input.meetingDate, decisions: input.decisions.length, agencies: [...new Set(input.attendees.map((a) => a.agency))] } });
      return meetingId;
    });
  }
}

/** Midnight in London at the start of a date, as an instant. */
function startOfLondonDay(date: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // In summer London is an hour ahead, so its midnight is 23:00 UTC the day before.
  return isoDateInLondon(new Date(utcMidnight.getTime() - 3600_000)) === date ? new Date(utcMidnight.getTime() - 3600_000) : utcMidnight;
}
function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
