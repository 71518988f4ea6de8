import { saveSetting } from '../council/settings-store.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { RequestContext } from '../audit/audit-log.js';
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
    await saveSetting(this.db, ctx, KEY, { ...times }, expectedVersion);
  }
}
