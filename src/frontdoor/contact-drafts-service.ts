import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, NotFoundError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import type { ContactInput, ContactsService } from './contacts-service.js';
import type { DraftData } from './contact-form.js';

/**
 * Contact drafts: the form is saved as the worker types (and on every button), so nothing typed is lost
 * to a session timeout, a failed submit or a closed tab. A draft belongs to the worker who started it.
 */
export class ContactDraftsService {
  constructor(private readonly db: Kysely<Database>, private readonly contacts: ContactsService) {}

  async create(ctx: RequestContext, data: DraftData): Promise<number> {
    const { id } = await this.db.insertInto('contact_drafts').values({ user_id: ctx.user!.id, data: JSON.stringify(data) }).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  /** The user's own draft; anyone else's is "not found". */
  async get(ctx: RequestContext, id: number): Promise<{ id: number; data: DraftData; updatedAt: Date }> {
    const row = await this.db.selectFrom('contact_drafts').selectAll().where('id', '=', id).where('user_id', '=', ctx.user!.id).executeTakeFirst();
    if (!row) throw new NotFoundError('draft');
    return { id: row.id, data: row.data as unknown as DraftData, updatedAt: row.updated_at };
  }

  async save(ctx: RequestContext, id: number, data: DraftData): Promise<void> {
    const r = await this.db.updateTable('contact_drafts').set({ data: JSON.stringify(data), updated_at: new Date() }).where('id', '=', id).where('user_id', '=', ctx.user!.id).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw new NotFoundError('draft');
  }

  async discard(ctx: RequestContext, id: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const r = await tx.deleteFrom('contact_drafts').where('id', '=', id).where('user_id', '=', ctx.user!.id).executeTakeFirst();
      if (!Number(r.numDeletedRows)) throw new NotFoundError('draft');
      await writeAudit(tx, ctx, { action: 'contact_draft.discard', recordType: 'contact_draft', recordId: id });
    });
  }

  /** The contact is created and its draft removed in one transaction: a failure leaves the draft as it was. */
  async submit(ctx: RequestContext, id: number, input: ContactInput): Promise<number> {
    return inTransaction(this.db, async (tx) => {
      const r = await tx.deleteFrom('contact_drafts').where('id', '=', id).where('user_id', '=', ctx.user!.id).executeTakeFirst();
      if (!Number(r.numDeletedRows)) throw new NotFoundError('draft');
      return this.contacts.create(ctx, input, tx);
    });
  }

  async mine(ctx: RequestContext) {
    const rows = await this.db.selectFrom('contact_drafts').select(['id', 'data', 'updated_at']).where('user_id', '=', ctx.user!.id).orderBy('updated_at', 'desc').execute();
    return rows.map((r) => {
      const d = r.data as unknown as DraftData;
      return { id: r.id, updatedAt: r.updated_at, children: d.childIds.length, summary: (d.fields.whatHappened ?? '').slice(0, 80) };
    });
  }
}
