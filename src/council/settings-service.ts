import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';

export interface CouncilSettings {
  councilName: string;
  version: number;
}

const DEFAULT_NAME = 'Children’s services';
// Read on every page (the header). Cached briefly per app server; a change made here clears it at once,
// a change made on another app server shows within this time.
const CACHE_MS = 5000;

export class SettingsService {
  private cache: { value: CouncilSettings; at: number } | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  async get(): Promise<CouncilSettings> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.value;
    const row = await this.db.selectFrom('settings').select(['value', 'version']).where('key', '=', 'council').executeTakeFirst();
    const value = row?.value as { councilName?: string } | undefined;
    const settings = { councilName: value?.councilName ?? DEFAULT_NAME, version: row?.version ?? 0 };
    this.cache = { value: settings, at: Date.now() };
    return settings;
  }

  async setCouncilName(ctx: RequestContext, councilName: string, expectedVersion: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const value = JSON.stringify({ councilName });
      if (expectedVersion === 0) {
        const r = await tx.insertInto('settings').values({ key: 'council', value, updated_by: ctx.user?.id ?? null }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) throw new ConflictError();
      } else {
        const r = await tx
          .updateTable('settings')
          .set((eb) => ({ value, version: eb('version', '+', 1), updated_at: new Date(), updated_by: ctx.user?.id ?? null }))
          .where('key', '=', 'council')
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new ConflictError();
      }
      await writeAudit(tx, ctx, { action: 'settings.update', recordType: 'settings', recordId: 'council', details: { councilName } });
    });
    this.cache = undefined;
  }
}
