import { saveSetting } from './settings-store.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { RequestContext } from '../audit/audit-log.js';

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
    await saveSetting(this.db, ctx, 'council', { councilName }, expectedVersion);
    this.cache = undefined;
  }
}
