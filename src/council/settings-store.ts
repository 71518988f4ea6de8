import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';

/**
 * Saves one council setting (a JSON value under a key) if nobody changed it since `expectedVersion` was read
 * (0: never saved), audited in the same transaction. Every settings page uses this one optimistic write.
 */
export async function saveSetting(db: Kysely<Database>, ctx: RequestContext, key: string, value: Record<string, unknown>, expectedVersion: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const json = JSON.stringify(value);
    if (expectedVersion === 0) {
      const r = await tx.insertInto('settings').values({ key, value: json, updated_by: ctx.user?.id ?? null }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) throw new ConflictError();
    } else {
      const r = await tx
        .updateTable('settings')
        .set((eb) => ({ value: json, version: eb('version', '+', 1), updated_at: new Date(), updated_by: ctx.user?.id ?? null }))
        .where('key', '=', key)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new ConflictError();
    }
    await writeAudit(tx, ctx, { action: 'settings.update', recordType: 'settings', recordId: key, details: value });
  });
}
