import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { createApp, type RunningApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/connect.js';

export type Target = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (each test app gets its own database). */
export const TARGETS: Target[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export const DEMO_PASSWORD = 'correct-horse-battery-staple';

export interface TestApp extends RunningApp {
  target: Target;
  config: AppConfig;
  /** The database's connection string on PostgreSQL (for tests that need a second connection). */
  databaseUrl?: string;
}

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `csc_test_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      // pg's pool.end() resolves before its sockets have closed: wait for them to go, so that
      // DROP ... WITH (FORCE) does not kill a connection that is still saying goodbye.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The settings every test app starts with, before a test's own. */
export const TEST_APP_ENV = { NODE_ENV: 'test', DEMO_MODE: 'true', DEMO_PASSWORD, DATA_DIR: '/nonexistent-test-dir' } as const;

/**
 * The migrated demo council as a PGlite dumpDataDir tarball, when the test run made one
 * (scripts/run-tests.mjs sets PGLITE_TEMPLATE; scripts/build-test-template.ts). Starting PGlite
 * from it takes about a second, against several for a fresh database, migrations and the demo
 * seed, and most test files start one or more apps. Only for apps that would seed the same demo.
 */
function pgliteTemplate(env: Record<string, string>): Blob | undefined {
  const file = process.env.PGLITE_TEMPLATE;
  if (!file || 'DEMO_MODE' in env || 'DEMO_PASSWORD' in env || !fs.existsSync(file)) return undefined;
  // Read once per test process: a file may start several apps, and the tarball is tens of megabytes.
  // (A Blob is immutable and can be read again.)
  template ??= new Blob([fs.readFileSync(file)]);
  return template;
}
let template: Blob | undefined;

export async function startTestApp(target: Target, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ ...TEST_APP_ENV, ...env });
  if (target === 'pglite') {
    const copyOf = pgliteTemplate(env);
    const handle = await openDatabase({ pgliteDir: 'memory://', ...(copyOf ? { pgliteLoadDataDir: copyOf } : {}) });
    const running = await createApp(config, { handle, backgroundJobs: false });
    return { ...running, target, config };
  }
  const db = await createTestDatabase();
  const handle = await openDatabase({ databaseUrl: db.url });
  const running = await createApp(config, { handle, backgroundJobs: false });
  return {
    ...running,
    target,
    config,
    databaseUrl: db.url,
    close: async () => {
      await running.close();
      await db.drop();
    },
  };
}

export interface Response {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  location?: string;
}

/** A browser-like client over app.inject: keeps cookies, picks up the CSRF token from the last page. */
export class TestClient {
  private cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '203.0.113.10',
  ) {}

  async request(method: string, url: string, form?: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
    const payload = form ? new URLSearchParams(Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString() : undefined;
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      remoteAddress: this.ip,
      headers: {
        ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      ...(payload ? { payload } : {}),
    });
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? /data-csrf="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    const location = res.headers.location;
    return { status: res.statusCode, body: res.body, headers: res.headers, ...(typeof location === 'string' ? { location } : {}) };
  }

  get(url: string) {
    return this.request('GET', url);
  }

  /** Posts a form with the current CSRF token (fetching one from `tokenFrom` first if needed). */
  async post(url: string, form: Record<string, string | string[]> = {}, opts: { tokenFrom?: string; withCsrf?: boolean } = {}) {
    if (opts.withCsrf !== false && (!this.csrf || opts.tokenFrom)) await this.get(opts.tokenFrom ?? '/sign-in');
    return this.request('POST', url, opts.withCsrf === false ? form : { _csrf: this.csrf ?? '', ...form });
  }

  async signIn(username: string, password = DEMO_PASSWORD): Promise<Response> {
    await this.get('/sign-in');
    return this.post('/sign-in', { username, password });
  }

  clearCookies() {
    this.cookies.clear();
    this.csrf = undefined;
  }
}

/** The text of a page without tags, for readable assertions. */
export function text(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;|’/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

/** The optimistic-lock version a form carries (input name="version"). */
export const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

/** A GOV.UK date input's three fields (prefix-day, -month, -year) for an ISO date. */
export const dateFields = (prefix: string, iso: string) => ({
  [`${prefix}-day`]: String(Number(iso.slice(8, 10))),
  [`${prefix}-month`]: String(Number(iso.slice(5, 7))),
  [`${prefix}-year`]: iso.slice(0, 4),
});
