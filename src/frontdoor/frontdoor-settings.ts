import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { DEFAULT_RAG_TIMES, type RagResponseTimes } from './rules.js';

const KEY = 'frontdoor.rag';

/** RAG response times are the council's own (red: same day); stored as a setting with the defaults in rules.ts. */
export class FrontDoorSettingsService {
  constructor(private readonly db: Kysely<Database>) {}

  async ragTimes(): Promise<RagResponseTimes & { version: number }> {
    const row = await this.db.selectFrom('settings').select(['value', 'version']).where('key', '=', KEY).executeTakeFirst();
    return { ...DEFAULT_RAG_TIMES, ...((row?.value as Partial<RagResponseTimes> | undefined) ?? {}), version: row?.version ?? 0 };
  }

  async setRagTimes(ctx: RequestContext, times: RagResponseTimes, expectedVersion: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const value = JSON.stringify(times);
      if (expectedVersion === 0) {
        const r = await tx.insertInto('settings').values({ key: KEY, value, updated_by: ctx.user?.id ?? null }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) throw new ConflictError();
      } else {
        const r = await tx.updateTable('settings').set((eb) => ({ value, version: eb('version', '+', 1), updated_at: new Date(), updated_by: ctx.user?.id ?? null })).where('key', '=', KEY).where('version', '=', expectedVersion).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new ConflictError();
      }
      await writeAudit(tx, ctx, { action: 'settings.update', recordType: 'settings', recordId: KEY, details: { ...times } });
    });
  }
}
