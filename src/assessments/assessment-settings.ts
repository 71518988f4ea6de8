import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ConflictError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { DEFAULT_SETTINGS, type AssessmentSettings } from './rules.js';

const KEY = 'assessments';

/** The settings as stored, over the defaults (also read by the clock source, which has only the database). */
export async function readAssessmentSettings(db: Kysely<Database>): Promise<AssessmentSettings & { version: number }> {
  const row = await db.selectFrom('settings').select(['value', 'version']).where('key', '=', KEY).executeTakeFirst();
  return { ...DEFAULT_SETTINGS, ...((row?.value as Partial<AssessmentSettings> | undefined) ?? {}), version: row?.version ?? 0 };
}

/** Assessment timescales offered, guidance due and CIN plan review interval: the council's own, defaults in rules.ts. */
export class AssessmentSettingsService {
  constructor(private readonly db: Kysely<Database>) {}

  async get(executor: Kysely<Database> = this.db): Promise<AssessmentSettings & { version: number }> {
    return readAssessmentSettings(executor);
  }

  async set(ctx: RequestContext, settings: AssessmentSettings, expectedVersion: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const value = JSON.stringify({ timescales: settings.timescales, guidanceWorkingDays: settings.guidanceWorkingDays, cinReviewWeeks: settings.cinReviewWeeks });
      if (expectedVersion === 0) {
        const r = await tx.insertInto('settings').values({ key: KEY, value, updated_by: ctx.user?.id ?? null }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) throw new ConflictError();
      } else {
        const r = await tx.updateTable('settings').set((eb) => ({ value, version: eb('version', '+', 1), updated_at: new Date(), updated_by: ctx.user?.id ?? null })).where('key', '=', KEY).where('version', '=', expectedVersion).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new ConflictError();
      }
      await writeAudit(tx, ctx, { action: 'settings.update', recordType: 'settings', recordId: KEY, details: { ...settings } });
    });
  }
}
