import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, NotFoundError, ValidationError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { canAccessRecord } from '../access/policy.js';
import { loadBriefs } from '../people/match-data.js';

const AUDIT_TYPE = 'handover';
export const MAX_HANDOVER_SUMMARY = 4000;
export const MAX_ACKNOWLEDGEMENT_NOTE = 4000;

/**
 * Creates the handover item for an out-of-hours contact. Call it inside the transaction that creates
 * the contact (pass that transaction), so the contact never exists without its place on the queue.
 */
export async function createHandoverItem(tx: Kysely<Database>, ctx: RequestContext, contactId: number, summary: string): Promise<number> {
  const text = summary.trim() || 'Out-of-hours contact: see the contact for what was done';
  if (text.length > MAX_HANDOVER_SUMMARY) throw new ValidationError('edtActions', `The handover summary must be ${MAX_HANDOVER_SUMMARY} characters or fewer`);
  return inTransaction(tx, async (t) => {
    const contact = await t.selectFrom('contacts').select('id').where('id', '=', contactId).executeTakeFirst();
    if (!contact) throw new NotFoundError('contact');
    const children = await t.selectFrom('contact_children').select('person_id').where('contact_id', '=', contactId).execute();
    const { id } = await t
      .insertInto('handover_items')
      .values({ contact_id: contactId, summary: text, created_by: ctx.user?.id ?? null, acknowledged_by: null, acknowledged_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(t, ctx, { action: 'handover.create', recordType: AUDIT_TYPE, recordId: id, personIds: children.map((c) => c.person_id), details: { contactId } });
    return id;
  });
}

export interface HandoverEntry {
  id: number;
  contactId: number;
  summary: string;
  createdAt: Date;
  createdBy: string;
  receivedAt: Date;
  edtActions: string;
  /** Children on the contact; a child restricted from this user shows as restricted, without a name. */
  children: Array<{ id: number; name: string; dateOfBirth: string | null; restricted: boolean }>;
  acknowledgedAt: Date | null;
  acknowledgedBy: string;
  acknowledgementNote: string;
  /** A child on the contact is restricted from this user: the summary, actions and note are withheld. */
  restricted: boolean;
}

/**
 * The MASH's morning queue of out-of-hours (EDT) work: each EDT contact has a handover item that stays
 * on the queue until someone in the MASH acknowledges it. Acknowledging is idempotent: the first
 * acknowledgement stands and a second one (two managers at once, a double click) changes nothing.
 */
export class HandoverService {
  constructor(private readonly db: Kysely<Database>) {}

  /** For the lead's contact creation: the item for an EDT contact, in the caller's transaction if given. */
  createForContact(ctx: RequestContext, contactId: number, summary: string, executor: Kysely<Database> = this.db): Promise<number> {
    return createHandoverItem(executor, ctx, contactId, summary);
  }

  /** How many items are waiting, for the MASH tray. */
  async openCount(): Promise<number> {
    const r = await this.db.selectFrom('handover_items').select((eb) => eb.fn.countAll<string>().as('n')).where('acknowledged_at', 'is', null).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  private async entries(ctx: RequestContext, acknowledged: boolean, limit: number): Promise<HandoverEntry[]> {
    let q = this.db
      .selectFrom('handover_items')
      .innerJoin('contacts', 'contacts.id', 'handover_items.contact_id')
      .leftJoin('users as creator', 'creator.id', 'handover_items.created_by')
      .leftJoin('users as acker', 'acker.id', 'handover_items.acknowledged_by')
      .select([
        'handover_items.id', 'handover_items.contact_id', 'handover_items.summary', 'handover_items.created_at', 'handover_items.acknowledged_at', 'handover_items.acknowledgement_note',
        'contacts.received_at', 'contacts.edt_actions', 'creator.display_name as creator', 'acker.display_name as acker',
      ]);
    q = acknowledged
      ? q.where('handover_items.acknowledged_at', 'is not', null).orderBy('handover_items.acknowledged_at', 'desc')
      : q.where('handover_items.acknowledged_at', 'is', null).orderBy('handover_items.created_at').orderBy('handover_items.id');
    const rows = await q.limit(limit).execute();
    const contactIds = rows.map((r) => r.contact_id);
    const links = contactIds.length ? await this.db.selectFrom('contact_children').select(['contact_id', 'person_id']).where('contact_id', 'in', contactIds).orderBy('id').execute() : [];
    const briefs = await loadBriefs(this.db, links.map((l) => l.person_id));
    const shown = new Set<number>();
    const entries = rows.map((r) => {
      const children = links
        .filter((l) => l.contact_id === r.contact_id)
        .map((l) => {
          const b = briefs.get(l.person_id);
          const allowed = !b?.restricted || canAccessRecord(ctx.user!, { restrictedTo: b.restrictedTo }).allowed;
          if (allowed) shown.add(l.person_id);
          return allowed && b
            ? { id: l.person_id, name: `${b.givenNames} ${b.familyName}`, dateOfBirth: b.dateOfBirth, restricted: false }
            : { id: l.person_id, name: 'Restricted record', dateOfBirth: null, restricted: true };
        });
      // What happened to a restricted child is for those the restriction names: only that there is a handover shows.
      const restricted = children.some((c) => c.restricted);
      const hidden = 'Restricted: only the people and teams named on the child’s record can see this handover.';
      return {
        id: r.id,
        contactId: r.contact_id,
        summary: restricted ? hidden : r.summary,
        createdAt: r.created_at,
        createdBy: r.creator ?? '',
        receivedAt: r.received_at,
        edtActions: restricted ? '' : r.edt_actions,
        acknowledgedAt: r.acknowledged_at,
        acknowledgedBy: r.acker ?? '',
        acknowledgementNote: restricted ? '' : r.acknowledgement_note,
        restricted,
        children,
      };
    });
    // The queue shows children's names: the view is recorded against each child it showed.
    await writeAudit(this.db, ctx, { action: acknowledged ? 'handover.history' : 'handover.queue', recordType: AUDIT_TYPE, personIds: [...shown], details: { shown: entries.length } });
    return entries;
  }

  /** Items awaiting acknowledgement, oldest first. */
  queue(ctx: RequestContext): Promise<HandoverEntry[]> {
    return this.entries(ctx, false, 500);
  }

  /** Items already acknowledged, most recent first. */
  acknowledged(ctx: RequestContext, limit = 100): Promise<HandoverEntry[]> {
    return this.entries(ctx, true, limit);
  }

  /** Acknowledges an item; returns false (and changes nothing) when someone had already acknowledged it. */
  async acknowledge(ctx: RequestContext, id: number, note: string): Promise<{ acknowledged: boolean; by: string; at: Date | null }> {
    const text = note.trim();
    if (text.length > MAX_ACKNOWLEDGEMENT_NOTE) throw new ValidationError(`note-${id}`, `The note must be ${MAX_ACKNOWLEDGEMENT_NOTE} characters or fewer`);
    return inTransaction(this.db, async (tx) => {
      const item = await tx.selectFrom('handover_items').select(['id', 'contact_id', 'acknowledged_at', 'acknowledged_by']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!item) throw new NotFoundError('handover item');
      if (item.acknowledged_at) {
        const by = item.acknowledged_by ? await tx.selectFrom('users').select('display_name').where('id', '=', item.acknowledged_by).executeTakeFirst() : undefined;
        return { acknowledged: false, by: by?.display_name ?? '', at: item.acknowledged_at };
      }
      const now = new Date();
      await tx.updateTable('handover_items').set({ acknowledged_at: now, acknowledged_by: ctx.user?.id ?? null, acknowledgement_note: text }).where('id', '=', id).execute();
      const children = await tx.selectFrom('contact_children').select('person_id').where('contact_id', '=', item.contact_id).execute();
      await writeAudit(tx, ctx, { action: 'handover.acknowledge', recordType: AUDIT_TYPE, recordId: id, personIds: children.map((c) => c.person_id), details: { contactId: item.contact_id, note: !!text } });
      return { acknowledged: true, by: ctx.user?.displayName ?? '', at: now };
    });
  }
}
