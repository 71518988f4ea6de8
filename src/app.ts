import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { createServices, type Services } from './container.js';
import { buildServer } from './web/server.js';
import { DEMO_SEEDERS } from './demo/seeders.js';
import type { RequestContext } from './audit/audit-log.js';
import { todayInLondon } from './time/index.js';
import path from 'node:path';
import { resumeUnfinishedScans } from './people/duplicates-service.js';

export interface RunningApp {
  app: FastifyInstance;
  services: Services;
  handle: DatabaseHandle;
  appliedMigrations: string[];
  /** Set when this start seeded the demo council; the password is printed once. */
  seeded: { password: string; generated: boolean } | null;
  close(): Promise<void>;
}

export const SYSTEM_CONTEXT: RequestContext = { requestId: 'system', ip: 'local', user: null };

export function openConfiguredDatabase(config: AppConfig): Promise<DatabaseHandle> {
  return openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir) });
}

/** Opens the database, applies migrations, seeds the demo council on first start, builds the server. */
export async function createApp(config: AppConfig, opts: { handle?: DatabaseHandle; logger?: boolean; backgroundJobs?: boolean } = {}): Promise<RunningApp> {
  const handle = opts.handle ?? (await openConfiguredDatabase(config));
  try {
    const appliedMigrations = await migrateToLatest(handle.db);
    const services = createServices(config, handle);
    const seeded = config.demoMode ? await seedDemoIfEmpty(config, handle, services) : null;
    const sessionSecret = config.sessionSecret ?? (await loadOrCreateSecret(handle, 'session'));
    const app = await buildServer({ services, sessionSecret, logger: opts.logger ? { level: config.logLevel } : false });
    await app.ready();
    if (opts.backgroundJobs !== false) {
      // A duplicate scan interrupted by a restart carries on from where it stopped; a new demo council
      // is checked at once, so its possible duplicates are waiting for review.
      if (seeded) await services.duplicates.startBackgroundScan();
      else await resumeUnfinishedScans(services);
    }
    return {
      app,
      services,
      handle,
      appliedMigrations,
      seeded,
      close: async () => {
        await app.close();
        await services.duplicates.stopBackgroundScan();
        await handle.close();
      },
    };
  } catch (err) {
    if (!opts.handle) await handle.close();
    throw err;
  }
}

async function seedDemoIfEmpty(config: AppConfig, handle: DatabaseHandle, services: Services) {
  if (config.nodeEnv === 'production') throw new Error('Demo seeding refuses to run when NODE_ENV=production');
  const existing = await handle.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const generated = !config.demoPassword;
  const password = config.demoPassword ?? `demo-${crypto.randomBytes(6).toString('base64url')}-${crypto.randomInt(1000, 10000)}`;
  const seedContext = {
    db: handle.db,
    services,
    ctx: { ...SYSTEM_CONTEXT, requestId: 'demo-seed' },
    demoPassword: password,
    today: todayInLondon(),
    log: () => undefined,
  };
  for (const seeder of DEMO_SEEDERS) await seeder.seed(seedContext);
  return { password, generated };
}

/** A secret made at first start and kept in the database, shared by every app server. */
async function loadOrCreateSecret(handle: DatabaseHandle, name: string): Promise<string> {
  await handle.db
    .insertInto('app_secrets')
    .values({ name, value: crypto.randomBytes(48).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await handle.db.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
