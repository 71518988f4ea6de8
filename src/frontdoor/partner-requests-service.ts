import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError, NotFoundError, ValidationError, type Tx } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { canAccessRecord } from '../access/policy.js';
import { AGENCY_LABELS, isAgency, type Agency } from '../access/roles.js';
import { loadBriefs, type PersonBrief } from '../people/match-data.js';
import { RestrictedRecordError } from '../people/people-service.js';
import type { WorkingCalendar } from '../time/index.js';
import { isKey, RAG, type Rag, type RagResponseTimes } from './rules.js';
import {
  answerErrors, inboxOrder, shareableAgencies, inboxStatus, isOverdue, requestDue, sendErrors, shareErrors, REASON_MAX, REQUEST_STATUS,
  type InboxFilter,
} from './partner-rules.js';

const AUDIT_TYPE = 'partner_request';

/** Every problem with a request at once, for the error summary. */
export class PartnerRequestRulesError extends Error {
  constructor(public readonly errors: Array<{ field: string; text: string }>) {
    super('The request is incomplete');
  }
}

export interface SendRequestInput {
  /** One request is sent to each agency. */
  agencies: string[];
  question: string;
  /** The children and adults on the contact the request is about: the only people the partner sees. */
  personIds: number[];
}

export interface SentRequests {
  ids: number[];
  dueAt: Date;
  rag: Rag;
  /** The contact had no RAG rating yet: the due time was worked out as amber. */
  ragAssumed: boolean;
}

/** A person as a partner sees them: name, date of birth and current address only, or withheld. */
export interface PartnerPersonView {
  id: number;
  withheld: boolean;
  name: string;
  dateOfBirth: string | null;
  address: string | null;
}

const nameOf = (b: PersonBrief | undefined) => (b ? `${b.givenNames} ${b.familyName}`.trim() : 'Unknown person');
const agencyLabel = (a: string) => (isAgency(a) ? AGENCY_LABELS[a] : a);

/**
 * Requests for information from partner agencies (police, health, education, the domestic abuse service,
 * probation). The MASH sends, withdraws and shares; a partner sees only the requests addressed to their
 * agency, only the people each request is about, and other agencies' answers only when shared with them.
 * Every write is audited in its transaction, every view with the people shown.
 */
export class PartnerRequestsService {
  constructor(private readonly db: Kysely<Database>) {}

  // ---- the MASH side ------------------------------------------------------------------------

  /**
   * The contact's people, for the MASH. A contact about a restricted child opens only for those the
   * restriction names (the refusal is audited), as on the contact page.
   */
  private async contactPeople(ctx: RequestContext, contactId: number) {
    // Never inside a transaction: on PGlite (one connection) the refusal's audit would wait for it forever.
    const executor = this.db;
    const contact = await executor.selectFrom('contacts').select(['id', 'status', 'rag', 'received_at', 'version']).where('id', '=', contactId).executeTakeFirst();
    if (!contact) throw new NotFoundError('contact');
    const [children, adults] = await Promise.all([
      executor.selectFrom('contact_children').select('person_id').where('contact_id', '=', contactId).orderBy('id').execute(),
      executor.selectFrom('contact_adults').select(['person_id', 'involvement']).where('contact_id', '=', contactId).orderBy('id').execute(),
    ]);
    const briefs = await loadBriefs(executor, [...children.map((c) => c.person_id), ...adults.map((a) => a.person_id)]);
    for (const b of briefs.values()) {
      if (!b.restricted) continue;
      const d = canAccessRecord(ctx.user!, { restrictedTo: b.restrictedTo });
      if (!d.allowed) {
        await writeAudit(this.db, ctx, { action: 'partner_request.contact', outcome: 'denied', recordType: 'contact', recordId: contactId, personIds: [b.id] });
        throw new RestrictedRecordError(d.reason);
      }
    }
    const person = (id: number, role: 'child' | 'adult', involvement = '') => {
      const b = briefs.get(id);
      return { id, role, involvement, name: nameOf(b), dateOfBirth: b?.dateOfBirth ?? null };
    };
    return {
      contact,
      children: children.map((c) => person(c.person_id, 'child')),
      adults: adults.map((a) => person(a.person_id, 'adult', a.involvement)),
    };
  }

  /** What the send form shows: the contact's RAG, its people and the agencies already waiting to answer. The view is audited. */
  async sendForm(ctx: RequestContext, contactId: number) {
    const data = await this.contactPeople(ctx, contactId);
    const open = await this.db.selectFrom('partner_requests').select('agency').where('contact_id', '=', contactId).where('status', '=', 'sent').execute();
    await writeAudit(this.db, ctx, { action: 'partner_request.compose', recordType: 'contact', recordId: contactId, personIds: [...data.children, ...data.adults].map((p) => p.id) });
    return { ...data, openAgencies: open.map((o) => o.agency) };
  }

  /** Sends one request to each agency, all or none; the due time follows the contact's RAG rating (amber if it has none yet). */
  async send(ctx: RequestContext, contactId: number, input: SendRequestInput, calendar: WorkingCalendar, ragTimes: RagResponseTimes): Promise<SentRequests> {
    const agencies = [...new Set(input.agencies)];
    const personIds = [...new Set(input.personIds)];
    await this.contactPeople(ctx, contactId);
    return inTransaction(this.db, async (tx) => {
      // Locked so two MASH workers sending to the same agency at once cannot both pass the one-open-request check.
      const contact = await tx.selectFrom('contacts').select(['id', 'status', 'rag']).where('id', '=', contactId).forUpdate().executeTakeFirst();
      if (!contact) throw new NotFoundError('contact');
      if (contact.status === 'closed') throw new ValidationError('form', 'This contact is closed: no more requests can be sent.');
      const [children, adults, openRows] = await Promise.all([
        tx.selectFrom('contact_children').select('person_id').where('contact_id', '=', contactId).execute(),
        tx.selectFrom('contact_adults').select('person_id').where('contact_id', '=', contactId).execute(),
        tx.selectFrom('partner_requests').select('agency').where('contact_id', '=', contactId).where('status', '=', 'sent').execute(),
      ]);
      const onContact = [...children, ...adults].map((p) => p.person_id);
      const errors = sendErrors({ agencies, question: input.question, personIds }, onContact, openRows.map((o) => o.agency));
      if (errors.length) throw new PartnerRequestRulesError(errors);
      const now = new Date();
      const rag = isKey(RAG, contact.rag) ? contact.rag : null;
      const due = requestDue(calendar, rag, now, ragTimes);
      const ids: number[] = [];
      for (const agency of agencies) {
        const { id } = await tx
          .insertInto('partner_requests')
          .values({ contact_id: contactId, agency, question: input.question.trim(), due_at: due.due, sent_by: ctx.user!.id, sent_at: now, answered_by: null, answered_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.insertInto('partner_request_people').values(personIds.map((person_id) => ({ request_id: id, person_id }))).execute();
        await tx.insertInto('partner_request_events').values({ request_id: id, kind: 'sent', details: JSON.stringify({ rag: due.rag, assumed: due.assumed }), user_id: ctx.user!.id }).execute();
        await writeAudit(tx, ctx, { action: 'partner_request.send', recordType: AUDIT_TYPE, recordId: id, personIds, details: { contactId, agency, due: due.due.toISOString(), rag: due.rag, ragAssumed: due.assumed } });
        ids.push(id);
      }
      return { ids, dueAt: due.due, rag: due.rag, ragAssumed: due.assumed };
    });
  }

  /**
   * Every request on a contact, for the MASH: status, due time, overdue flag, answer and who gave it,
   * sharing, and the history. Audited with the people the requests are about, unless the caller's own
   * view of the contact is already audited (`audit: false`).
   */
  async forContact(ctx: RequestContext, contactId: number, options: { audit?: boolean } = {}) {
    const { contact } = await this.contactPeople(ctx, contactId);
    const rows = await this.db.selectFrom('partner_requests').selectAll().where('contact_id', '=', contactId).orderBy('id').execute();
    const ids = rows.map((r) => r.id);
    const [people, events] = ids.length
      ? await Promise.all([
          this.db.selectFrom('partner_request_people').select(['request_id', 'person_id']).where('request_id', 'in', ids).orderBy('id').execute(),
          this.db.selectFrom('partner_request_events').selectAll().where('request_id', 'in', ids).orderBy('id').execute(),
        ])
      : [[], []];
    const personIds = [...new Set(people.map((p) => p.person_id))];
    const briefs = await loadBriefs(this.db, personIds);
    const userIds = [...new Set([...rows.flatMap((r) => [r.sent_by, r.answered_by]), ...events.map((e) => e.user_id)].filter((x): x is number => !!x))];
    const users = userIds.length ? await this.db.selectFrom('users').select(['id', 'display_name', 'agency']).where('id', 'in', userIds).execute() : [];
    const userName = new Map(users.map((u) => [u.id, u.agency ? `${u.display_name} (${agencyLabel(u.agency)})` : u.display_name]));
    const now = new Date();
    const closed = contact.status === 'closed';
    if (options.audit !== false) await writeAudit(this.db, ctx, { action: 'partner_request.list', recordType: 'contact', recordId: contactId, personIds, details: { requests: rows.length } });
    return rows.map((r) => {
      const mine = events.filter((e) => e.request_id === r.id);
      const sent = mine.find((e) => e.kind === 'sent')?.details as { rag?: string; assumed?: boolean } | undefined;
      const withdrawal = mine.find((e) => e.kind === 'withdrawn');
      return {
        id: r.id,
        contactId,
        agency: r.agency,
        agencyLabel: agencyLabel(r.agency),
        question: r.question,
        sentAt: r.sent_at,
        sentBy: userName.get(r.sent_by) ?? 'Unknown user',
        dueAt: r.due_at,
        ragUsed: sent?.rag ?? null,
        ragAssumed: sent?.assumed ?? false,
        status: r.status,
        statusLabel: REQUEST_STATUS[r.status as keyof typeof REQUEST_STATUS] ?? r.status,
        overdue: isOverdue({ status: r.status, dueAt: r.due_at, contactClosed: closed }, now),
        answer: r.answer,
        answeredAt: r.answered_at,
        answeredBy: r.answered_by ? userName.get(r.answered_by) ?? 'Unknown user' : '',
        corrected: mine.some((e) => e.kind === 'corrected'),
        sharedWith: r.shared_with,
        sharedWithLabels: r.shared_with.map(agencyLabel),
        /** For the share form's checkboxes: every other partner agency, ticked when already shared with. */
        shareOptions: shareableAgencies(r.agency).map((a) => ({ value: a, text: AGENCY_LABELS[a], checked: r.shared_with.includes(a) })),
        withdrawnReason: withdrawal?.note ?? '',
        withdrawnBy: withdrawal?.user_id ? userName.get(withdrawal.user_id) ?? '' : '',
        people: people.filter((p) => p.request_id === r.id).map((p) => ({ id: p.person_id, name: nameOf(briefs.get(p.person_id)) })),
        history: mine.map((e) => ({ kind: e.kind, note: e.note, details: e.details, at: e.occurred_at, by: e.user_id ? userName.get(e.user_id) ?? '' : '' })),
        version: r.version,
        contactClosed: closed,
      };
    });
  }

  /** One request as the MASH sees it (as in forContact). */
  async forMash(ctx: RequestContext, requestId: number, options: { audit?: boolean } = {}) {
    const row = await this.db.selectFrom('partner_requests').select('contact_id').where('id', '=', requestId).executeTakeFirst();
    if (!row) throw new NotFoundError('partner request');
    const found = (await this.forContact(ctx, row.contact_id, options)).find((r) => r.id === requestId);
    if (!found) throw new NotFoundError('partner request');
    return found;
  }

  /** Before a MASH write, outside its transaction: the request exists and this user may open its contact. */
  private async assertMashMayOpen(ctx: RequestContext, requestId: number): Promise<void> {
    const row = await this.db.selectFrom('partner_requests').select('contact_id').where('id', '=', requestId).executeTakeFirst();
    if (!row) throw new NotFoundError('partner request');
    await this.contactPeople(ctx, row.contact_id);
  }

  /** Locks a request for a MASH write: it must be current and its contact open. */
  private async lockForMash(tx: Tx, requestId: number, version: number | undefined) {
    const row = await tx.selectFrom('partner_requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError('partner request');
    if (version !== undefined && row.version !== version) throw new ConflictError();
    const contact = await tx.selectFrom('contacts').select('status').where('id', '=', row.contact_id).executeTakeFirstOrThrow();
    if (contact.status === 'closed') throw new ValidationError('form', 'This contact is closed.');
    const people = (await tx.selectFrom('partner_request_people').select('person_id').where('request_id', '=', requestId).execute()).map((p) => p.person_id);
    return { row, people };
  }

  /** The MASH withdraws a request that has not been answered (the question is no longer needed, or was wrong). */
  async withdraw(ctx: RequestContext, requestId: number, reason: string, version?: number): Promise<{ contactId: number }> {
    if (!reason.trim()) throw new ValidationError('reason', 'Enter why the request is being withdrawn');
    if (reason.length > REASON_MAX) throw new ValidationError('reason', `The reason must be ${REASON_MAX} characters or fewer`);
    await this.assertMashMayOpen(ctx, requestId);
    return inTransaction(this.db, async (tx) => {
      const { row, people } = await this.lockForMash(tx, requestId, version);
      if (row.status !== 'sent') throw new ValidationError('form', row.status === 'answered' ? 'This request has been answered: it can no longer be withdrawn.' : 'This request has already been withdrawn.');
      await tx.updateTable('partner_requests').set({ status: 'withdrawn', version: row.version + 1 }).where('id', '=', requestId).execute();
      await tx.insertInto('partner_request_events').values({ request_id: requestId, kind: 'withdrawn', note: reason.trim(), user_id: ctx.user!.id }).execute();
      await writeAudit(tx, ctx, { action: 'partner_request.withdraw', recordType: AUDIT_TYPE, recordId: requestId, personIds: people, details: { contactId: row.contact_id, agency: row.agency } });
      return { contactId: row.contact_id };
    });
  }

  /**
   * The MASH shares an answer with other agencies: `agencies` is the whole list it is shared with from now
   * (so a share can also be taken back). Only answers can be shared.
   */
  async share(ctx: RequestContext, requestId: number, agencies: string[], version?: number): Promise<{ contactId: number }> {
    const wanted = [...new Set(agencies)];
    await this.assertMashMayOpen(ctx, requestId);
    return inTransaction(this.db, async (tx) => {
      const { row, people } = await this.lockForMash(tx, requestId, version);
      if (row.status !== 'answered') throw new ValidationError('form', 'Only an answer can be shared: this request has not been answered.');
      const errors = shareErrors(row.agency, wanted);
      if (errors.length) throw new PartnerRequestRulesError(errors);
      const sorted = wanted.filter(isAgency).sort();
      await tx.updateTable('partner_requests').set({ shared_with: sorted, version: row.version + 1 }).where('id', '=', requestId).execute();
      await tx.insertInto('partner_request_events').values({ request_id: requestId, kind: 'shared', details: JSON.stringify({ agencies: sorted, previous: row.shared_with }), user_id: ctx.user!.id }).execute();
      await writeAudit(tx, ctx, { action: 'partner_request.share', recordType: AUDIT_TYPE, recordId: requestId, personIds: people, details: { contactId: row.contact_id, agency: row.agency, sharedWith: sorted, previous: row.shared_with } });
      return { contactId: row.contact_id };
    });
  }

  // ---- the partner side ---------------------------------------------------------------------

  /** A person as this partner may see them on a request addressed to `agency`: restricted records are withheld unless the restriction names the partner. */
  private partnerPerson(ctx: RequestContext, agency: string, id: number, b: PersonBrief | undefined): PartnerPersonView {
    const d = b ? canAccessRecord(ctx.user!, { restrictedTo: b.restricted ? b.restrictedTo : null, sharedWithAgencies: isAgency(agency) ? [agency] : [] }) : { allowed: false as const, reason: '' };
    if (!b || !d.allowed) return { id, withheld: true, name: 'Details withheld: contact the MASH', dateOfBirth: null, address: null };
    return { id, withheld: false, name: nameOf(b), dateOfBirth: b.dateOfBirth, address: b.address };
  }

  /** The requests addressed to the partner's agency, open first (overdue first, then soonest due), answered below. Audited with the people listed. */
  async inbox(ctx: RequestContext, filter: { status?: InboxFilter } = {}) {
    const agency = ctx.user?.agency;
    if (!agency) return [];
    const rows = await this.db
      .selectFrom('partner_requests')
      .innerJoin('contacts', 'contacts.id', 'partner_requests.contact_id')
      .select(['partner_requests.id', 'partner_requests.agency', 'partner_requests.status', 'partner_requests.due_at', 'partner_requests.sent_at', 'partner_requests.answered_at', 'partner_requests.shared_with', 'contacts.status as contact_status'])
      .where('partner_requests.agency', '=', agency)
      .execute();
    const now = new Date();
    const all = rows.map((r) => ({ id: r.id, agency: r.agency, status: r.status, dueAt: r.due_at, sentAt: r.sent_at, answeredAt: r.answered_at, contactClosed: r.contact_status === 'closed', sharedWith: r.shared_with }));
    // Each row is checked with the one policy too, so the query's filter is not the only guard.
    const visible = all.filter((r) => canAccessRecord(ctx.user!, { sharedWithAgencies: isAgency(r.agency) ? [r.agency] : [] }).allowed);
    const shown = inboxOrder(visible, now).filter((r) => !filter.status || inboxStatus(r) === filter.status);
    const ids = shown.map((r) => r.id);
    const people = ids.length ? await this.db.selectFrom('partner_request_people').select(['request_id', 'person_id']).where('request_id', 'in', ids).orderBy('id').execute() : [];
    const briefs = await loadBriefs(this.db, [...new Set(people.map((p) => p.person_id))]);
    const result = shown.map((r) => {
      const status = inboxStatus(r);
      return {
        ...r,
        inboxStatus: status,
        overdue: isOverdue(r, now),
        people: people.filter((p) => p.request_id === r.id).map((p) => this.partnerPerson(ctx, r.agency, p.person_id, briefs.get(p.person_id))),
      };
    });
    const personIds = [...new Set(result.flatMap((r) => r.people.filter((p) => !p.withheld).map((p) => p.id)))];
    await writeAudit(this.db, ctx, { action: 'partner_request.inbox', recordType: AUDIT_TYPE, personIds, details: { agency, status: filter.status ?? 'all', shown: result.length } });
    return result;
  }

  /** Counts for the partner's home page: no names, so not a view of anyone's record. */
  async inboxCounts(ctx: RequestContext): Promise<{ open: number; overdue: number }> {
    const agency = ctx.user?.agency;
    if (!agency) return { open: 0, overdue: 0 };
    const rows = await this.db
      .selectFrom('partner_requests')
      .innerJoin('contacts', 'contacts.id', 'partner_requests.contact_id')
      .select(['partner_requests.due_at'])
      .where('partner_requests.agency', '=', agency)
      .where('partner_requests.status', '=', 'sent')
      .where('contacts.status', '<>', 'closed')
      .execute();
    const now = Date.now();
    return { open: rows.length, overdue: rows.filter((r) => r.due_at.getTime() < now).length };
  }

  /** A request must be addressed to the partner's agency; otherwise the refusal is audited and the request does not exist for them. */
  private async partnerRequestRow(ctx: RequestContext, requestId: number, action: string) {
    const row = await this.db.selectFrom('partner_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
    if (!row) throw new NotFoundError('partner request');
    const d = canAccessRecord(ctx.user!, { sharedWithAgencies: isAgency(row.agency) ? [row.agency] : [] });
    if (!d.allowed) {
      await writeAudit(this.db, ctx, { action, outcome: 'denied', recordType: AUDIT_TYPE, recordId: requestId, details: { reason: d.reason } });
      throw new NotFoundError('partner request');
    }
    return row;
  }

  /**
   * One request as the partner sees it: the question, the due time, the name, date of birth and current
   * address of the people it is about, their own answer, and other agencies' answers on the same contact
   * only where the MASH has shared them with this agency. Nothing else about the contact.
   */
  async getForPartner(ctx: RequestContext, requestId: number) {
    const row = await this.partnerRequestRow(ctx, requestId, 'partner_request.view');
    const contact = await this.db.selectFrom('contacts').select(['status']).where('id', '=', row.contact_id).executeTakeFirstOrThrow();
    const people = await this.db.selectFrom('partner_request_people').select('person_id').where('request_id', '=', requestId).orderBy('id').execute();
    const briefs = await loadBriefs(this.db, people.map((p) => p.person_id));
    const shown = people.map((p) => this.partnerPerson(ctx, row.agency, p.person_id, briefs.get(p.person_id)));
    const others = await this.db
      .selectFrom('partner_requests')
      .select(['id', 'agency', 'answer', 'answered_at', 'shared_with'])
      .where('contact_id', '=', row.contact_id)
      .where('id', '<>', requestId)
      .where('status', '=', 'answered')
      .orderBy('answered_at')
      .execute();
    const sharedAnswers = others
      .filter((o) => canAccessRecord(ctx.user!, { sharedWithAgencies: [o.agency, ...o.shared_with].filter(isAgency) }).allowed)
      .map((o) => ({ agency: o.agency, agencyLabel: agencyLabel(o.agency), answer: o.answer, answeredAt: o.answered_at, ownAgency: o.agency === row.agency }));
    const contactClosed = contact.status === 'closed';
    const status = inboxStatus({ status: row.status, contactClosed });
    await writeAudit(this.db, ctx, { action: 'partner_request.view', recordType: AUDIT_TYPE, recordId: requestId, personIds: shown.filter((p) => !p.withheld).map((p) => p.id), details: { sharedAnswers: sharedAnswers.length } });
    return {
      request: {
        id: row.id,
        agency: row.agency,
        agencyLabel: agencyLabel(row.agency),
        question: row.question,
        sentAt: row.sent_at,
        dueAt: row.due_at,
        status,
        overdue: isOverdue({ status: row.status, dueAt: row.due_at, contactClosed }, new Date()),
        answer: row.answer,
        answeredAt: row.answered_at,
        version: row.version,
      },
      people: shown,
      sharedAnswers,
      /** Answering (or correcting the answer) is open until the request is withdrawn or the contact closes. */
      canAnswer: status === 'open' || status === 'answered',
    };
  }

  /** The partner answers, or corrects their agency's answer until the contact closes (the earlier answer is kept in the history). */
  async answer(ctx: RequestContext, requestId: number, version: number, answer: string): Promise<{ corrected: boolean }> {
    const errors = answerErrors(answer);
    if (errors.length) throw new PartnerRequestRulesError(errors);
    await this.partnerRequestRow(ctx, requestId, 'partner_request.answer');
    return inTransaction(this.db, async (tx) => {
      const row = await tx.selectFrom('partner_requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
      if (row.version !== version) throw new ConflictError();
      const contact = await tx.selectFrom('contacts').select('status').where('id', '=', row.contact_id).executeTakeFirstOrThrow();
      if (row.status === 'withdrawn') throw new ValidationError('form', 'The MASH has withdrawn this request: no answer is needed.');
      if (contact.status === 'closed') throw new ValidationError('form', 'The MASH has closed this contact: answers can no longer be given or changed here. If you hold information that matters, phone the MASH.');
      const corrected = row.status === 'answered';
      const now = new Date();
      await tx.updateTable('partner_requests').set({ status: 'answered', answer: answer.trim(), answered_by: ctx.user!.id, answered_at: now, version: row.version + 1 }).where('id', '=', requestId).execute();
      await tx.insertInto('partner_request_events').values({ request_id: requestId, kind: corrected ? 'corrected' : 'answered', note: corrected ? row.answer : '', user_id: ctx.user!.id }).execute();
      const people = (await tx.selectFrom('partner_request_people').select('person_id').where('request_id', '=', requestId).execute()).map((p) => p.person_id);
      await writeAudit(tx, ctx, { action: corrected ? 'partner_request.correct' : 'partner_request.answer', recordType: AUDIT_TYPE, recordId: requestId, personIds: people, details: { contactId: row.contact_id, agency: row.agency, late: row.due_at.getTime() < now.getTime() } });
      return { corrected };
    });
  }
}
