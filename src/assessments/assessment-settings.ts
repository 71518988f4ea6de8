import { saveSetting } from '../council/settings-store.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { RequestContext } from '../audit/audit-log.js';
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
    await saveSetting(this.db, ctx, KEY, { timescales: settings.timescales, guidanceWorkingDays: settings.guidanceWorkingDays, cinReviewWeeks: settings.cinReviewWeeks }, expectedVersion);
  }
}
