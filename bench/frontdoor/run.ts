/**
 * Front door benchmark: npm run bench:frontdoor -- [--notifications N] [--people N] [--contacts N] [--seconds S] [--connections C]
 *
 * On PostgreSQL (a scratch database, dropped afterwards; or DATABASE_URL, an empty database):
 *   1. the demo council (users to sign in as), then a synthetic year in bulk SQL: 200,000 people,
 *      40,000 contacts, 15,000 referrals (synthetic.ts);
 *   2. 100,000 police notifications generated as the police's CSV (about half naming children already
 *      in the person index), imported with the code the import page and CLI use: target <= 20 s;
 *   3. the same file imported again: must add nothing;
 *   4. the real server started as its own process (npm start's entry point), 50 signed-in users (one
 *      session each) on the MASH queue (/frontdoor), a contact page (/frontdoor/contacts/:id, random
 *      contacts) and the police queue (/frontdoor/police), each user opening a page about once a second
 *      at random moments (users.ts): p95 <= 50 ms. Then the same 50 connections back to back
 *      (autocannon, closed loop) for the server's capacity in requests a second.
 * Figures are printed with their ratio to the target (>= 1 passes) and written to
 * bench/results/frontdoor-postgres-<notifications>.json and .md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import autocannon from 'autocannon';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/connect.js';
import { PersonSearchService } from '../../src/people/search-service.js';
import { csvLine } from '../../src/people/csv.js';
import { readPoliceCsv } from '../../src/frontdoor/police-csv.js';
import { importNotifications } from '../../src/frontdoor/police-import.js';
import { CSV_COLUMNS } from '../../src/frontdoor/police-rules.js';
import { todayInLondon } from '../../src/time/index.js';
import { FAMILY, GIVEN, seedSyntheticYear } from './synthetic.js';
import { runUsers } from './users.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const CTX = { requestId: 'bench-frontdoor', ip: 'local', user: null };
const PASSWORD = 'bench-password-' + crypto.randomBytes(6).toString('hex');

interface Figure {
  name: string;
  value: number;
  unit: string;
  target: string | null;
  ratio: number | null;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void>; where: string }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, drop: async () => undefined, where: 'DATABASE_URL' };
  const name = `csc_bench_frontdoor_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DEFAULT_PG });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(DEFAULT_PG);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    where: `scratch database ${name}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: DEFAULT_PG });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The police's file: one row per person, about half the notifications about children already known. */
async function writePoliceCsv(file: string, n: number, known: Array<{ given: string; family: string; dob: string; postcode: string }>): Promise<number> {
  const out = fs.createWriteStream(file);
  let rows = 0;
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(csvLine([...CSV_COLUMNS]));
  const categories = ['domestic_abuse', 'domestic_abuse', 'missing_person', 'child_concern', 'crime', 'other'];
  const risks = ['standard', 'standard', 'medium', 'high'];
  const start = Date.now() - 365 * 86400_000;
  let rng = 12345;
  const rand = () => ((rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const at = new Date(start + Math.floor((i / n) * 364 * 86400_000));
    const category = categories[i % categories.length]!;
    const base = {
      police_reference: `BENCH-${String(i).padStart(7, '0')}`, received_at: at.toISOString(), incident_at: new Date(at.getTime() - 6 * 3600_000).toISOString(),
      category, domestic_abuse: category === 'domestic_abuse' ? 'yes' : 'no', risk: risks[i % risks.length]!, force: 'Bench Constabulary', officer: `PC ${1000 + (i % 900)}`,
      summary: `Synthetic notification ${i}: officers attended and had concerns for the children at the address.`, address: `${1 + (i % 200)} Bench Street, Benchtown`, postcode: `DB${1 + (i % 8)} ${i % 9}AB`,
    };
    const people: Array<Record<string, string>> = [];
    const children = 1 + (i % 3 === 0 ? 1 : 0);
    for (let c = 0; c < children; c++) {
      if (i % 2 === 0 && known.length) {
        const k = known[Math.floor(rand() * known.length)]!;
        people.push({ person_role: 'child', given_name: k.given, family_name: k.family, date_of_birth: k.dob, person_postcode: k.postcode });
      } else {
        people.push({ person_role: 'child', given_name: GIVEN[Math.floor(rand() * GIVEN.length)]!, family_name: FAMILY[Math.floor(rand() * FAMILY.length)]! + '-Unmatched', date_of_birth: new Date(Date.now() - (365 + rand() * 16 * 365) * 86400_000).toISOString().slice(0, 10), person_postcode: '' });
      }
    }
    if (i % 2 === 1) people.push({ person_role: 'adult', given_name: GIVEN[i % GIVEN.length]!, family_name: FAMILY[i % FAMILY.length]!, date_of_birth: '', person_postcode: '' });
    for (const p of people) {
      const row: Record<string, string> = { ...base, ...p };
      await write(csvLine(CSV_COLUMNS.map((col) => row[col] ?? '')));
      rows++;
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
  return rows;
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not start');
}

/** Signs in through the sign-in form, as a browser would: returns the session cookie. */
async function signIn(base: string, username: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams({ _csrf: token, username, password: PASSWORD }) });
  if (res.status !== 302) throw new Error(`sign-in as ${username} failed (${res.status})`);
  const session = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c?.startsWith('csc.sid='));
  if (!session) throw new Error('no session cookie');
  return session;
}

let nextCookie = 0;
/** Closed loop: each connection sends the next request as soon as the last is answered. */
async function load(base: string, cookies: string[], paths: () => string, seconds: number, connections: number) {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    // Long enough that a slow page is measured rather than counted as a failure.
    timeout: 30,
    requests: [
      {
        // One signed-in user per connection, as 50 people each with their own session.
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
          if (!context.cookie) context.cookie = cookies[nextCookie++ % cookies.length];
          return { ...req, path: paths(), headers: { ...(req.headers as object), cookie: context.cookie as string } };
        },
      },
    ],
  });
  return result;
}

async function main() {
  const { values } = parseArgs({
    options: {
      notifications: { type: 'string', default: '100000' },
      people: { type: 'string', default: '200000' },
      contacts: { type: 'string', default: '40000' },
      referrals: { type: 'string', default: '15000' },
      seconds: { type: 'string', default: '15' },
      connections: { type: 'string', default: '50' },
      'keep-db': { type: 'boolean', default: false },
      'skip-pages': { type: 'boolean', default: false },
    },
  });
  const n = Number(values.notifications);
  const sizes = { people: Number(values.people), contacts: Number(values.contacts), referrals: Number(values.referrals), open: 400 };
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const figures: Figure[] = [];
  const notes: string[] = [];
  const loadAtStart = os.loadavg().map((x) => round(x, 2));
  const timings: Record<string, number> = {};
  const scratch = await scratchDatabase();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-frontdoor-'));
  let server: ChildProcess | undefined;
  console.log(`Front door benchmark on PostgreSQL (${scratch.where})`);
  try {
    // 1. The demo council (for its users), then the synthetic year.
    let t0 = performance.now();
    const config = loadConfig({ NODE_ENV: 'development', DEMO_MODE: 'true', DEMO_PASSWORD: PASSWORD, DATABASE_URL: scratch.url });
    const seeded = await createApp(config, { backgroundJobs: false });
    await seeded.close();
    const handle = await openDatabase({ databaseUrl: scratch.url });
    const db = handle.db;
    const user = await db.selectFrom('users').select('id').where('username', '=', 'mash.manager').executeTakeFirstOrThrow();
    await seedSyntheticYear(db, sizes, todayInLondon(), user.id);
    timings.seedSeconds = round((performance.now() - t0) / 1000);
    const counts = await sql<{ people: string; contacts: string; referrals: string }>`select (select count(*) from people) as people, (select count(*) from contacts) as contacts,
      (select count(distinct contact_id) from contact_children where is_referral) as referrals`.execute(db);
    console.log(`Seeded in ${timings.seedSeconds} s: ${JSON.stringify(counts.rows[0])}`);

    // 2. The police's file, and its import.
    const known = (await sql<{ given: string; family: string; dob: string; postcode: string }>`
      select n.given_names as given, n.family_name as family, to_char(p.date_of_birth, 'YYYY-MM-DD') as dob, a.postcode
      from people p join person_names n on n.person_id = p.id join person_addresses a on a.person_id = p.id
      where p.source_system = 'bench' and p.date_of_birth > now() - interval '17 years' order by p.id limit 50000`.execute(db)).rows;
    const file = path.join(tmp, 'police.csv');
    const rows = await writePoliceCsv(file, n, known);
    console.log(`Wrote ${rows} rows (${n} notifications, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
    const weights = await new PersonSearchService(db).currentWeights();
    const runImport = async () => {
      const s = performance.now();
      const read = await readPoliceCsv(fs.createReadStream(file));
      if (read.problems.length) throw new Error(`the generated file has problems: ${JSON.stringify(read.problems.slice(0, 3))}`);
      const parsed = performance.now();
      const r = await importNotifications(db, weights, CTX, read.notifications, { kind: 'bench', fileName: 'police.csv' }, { overlap: true });
      return { r, parseSeconds: (parsed - s) / 1000, seconds: (performance.now() - s) / 1000 };
    };
    const first = await runImport();
    console.log(`Import: ${first.r.added} added in ${first.seconds.toFixed(1)} s (parse ${first.parseSeconds.toFixed(1)} s, match ${first.r.seconds.match.toFixed(1)} s, write ${first.r.seconds.write.toFixed(1)} s); people matched ${first.r.matchedPeople}, not matched ${first.r.unmatchedPeople}`);
    timings.importParseSeconds = round(first.parseSeconds, 2);
    timings.importMatchSeconds = round(first.r.seconds.match, 2);
    timings.importWriteSeconds = round(first.r.seconds.write, 2);
    figures.push({ name: `import ${n} police notifications`, value: round(first.seconds, 2), unit: 's', target: '<= 20 s', ratio: 20 / first.seconds });
    figures.push({ name: 'notifications added', value: first.r.added, unit: '', target: `= ${n}`, ratio: first.r.added === n ? 1 : 0 });
    figures.push({ name: 'people matched to the person index at import', value: first.r.matchedPeople, unit: 'people', target: null, ratio: null });
    const second = await runImport();
    console.log(`Re-import: ${second.r.added} added, ${second.r.alreadyImported.length} already imported, in ${second.seconds.toFixed(1)} s`);
    figures.push({ name: 're-import of the same file: added', value: second.r.added, unit: '', target: '= 0', ratio: second.r.added === 0 ? 1 : 0 });
    figures.push({ name: 're-import of the same file: time', value: round(second.seconds, 2), unit: 's', target: null, ratio: null });
    const contactIds = (await db.selectFrom('contacts').select('id').orderBy('id').execute()).map((c) => c.id);
    await sql`analyze`.execute(db);
    await handle.close();

    // 3. The real server as its own process, and 50 signed-in users.
    if (values['skip-pages']) notes.push('Pages were not measured (--skip-pages).');
    const port = 4100 + Math.floor(Math.random() * 800);
    const base = `http://127.0.0.1:${port}`;
    if (!values['skip-pages']) server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, NODE_ENV: 'production', DEMO_MODE: 'false', SECURE_COOKIES: 'false', DATABASE_URL: scratch.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SESSION_SECRET: crypto.randomBytes(32).toString('hex') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (server) await waitForServer(base, server);
    const cookies: string[] = [];
    for (let i = 0; i < (values['skip-pages'] ? 0 : connections); i++) cookies.push(await signIn(base, i % 2 ? 'mash.worker' : 'mash.manager'));
    const pages: Array<{ name: string; path: (random: () => number) => string; check: string }> = [
      // The lightest signed-in page: what every page pays (session, user, layout) before its own work.
      { name: 'baseline: home page /', path: () => '/', check: '/' },
      { name: 'MASH queue /frontdoor', path: () => '/frontdoor', check: '/frontdoor' },
      { name: 'contact page /frontdoor/contacts/:id', path: (random) => `/frontdoor/contacts/${contactIds[Math.floor(random() * contactIds.length)]}`, check: `/frontdoor/contacts/${contactIds[0]}` },
      { name: 'police queue /frontdoor/police', path: () => '/frontdoor/police', check: '/frontdoor/police' },
    ];
    for (const page of values['skip-pages'] ? [] : pages) {
      const probe = await fetch(`${base}${page.check}`, { headers: { cookie: cookies[0]! }, redirect: 'manual' });
      if (probe.status !== 200) {
        notes.push(`${page.name}: the page answered ${probe.status} (not built on this branch yet?), so it was not measured.`);
        console.log(`Skipping ${page.name}: ${probe.status}`);
        continue;
      }
      // Warm up (templates compiled, connections open), then measure two ways.
      await load(base, cookies, () => page.path(Math.random), 2, connections);
      // 1. The target: 50 signed-in users, each opening a page about once a second at random moments
      //    (see users.ts for why not autocannon's paced mode).
      const u = await runUsers({ base, cookies, path: page.path, seconds, thinkMs: 1000 });
      const label = `${connections} users, a page a second each`;
      console.log(`${page.name}, ${label}: ${u.requests} requests, p50 ${u.p50} ms, p95 ${u.p95} ms, p99 ${u.p99} ms, max ${u.max} ms, ${u.throughput} req/s, ${u.errors + u.non2xx} non-2xx/errors`);
      if (!u.latencies.length) {
        figures.push({ name: `${page.name}, ${label}: p95`, value: NaN, unit: 'ms', target: '<= 50 ms', ratio: 0 });
        notes.push(`${page.name}, ${label}: no request completed.`);
      } else {
        figures.push({ name: `${page.name}, ${label}: p50`, value: u.p50, unit: 'ms', target: null, ratio: null });
        figures.push({ name: `${page.name}, ${label}: p95`, value: u.p95, unit: 'ms', target: '<= 50 ms', ratio: round(50 / u.p95, 2) });
        figures.push({ name: `${page.name}, ${label}: p99`, value: u.p99, unit: 'ms', target: null, ratio: null });
      }
      if (u.errors + u.non2xx) notes.push(`${page.name}, ${label}: ${u.errors + u.non2xx} responses were not 2xx or failed.`);
      // 2. Capacity: the same 50 users sending requests back to back (closed loop), where latency is
      //    connections / throughput: how much the server can take, not how a user's page feels.
      const r = await load(base, cookies, () => page.path(Math.random), seconds, connections);
      const bad = r.non2xx + r.errors + r.timeouts;
      const capacity = `${connections} connections back to back (capacity)`;
      const p95 = percentileOf(r, 95);
      console.log(`${page.name}, ${capacity}: ${r.requests.total} requests, p50 ${r.latency.p50} ms, p95 ~${p95} ms, ${r.requests.average} req/s, ${bad} non-2xx/errors`);
      figures.push({ name: `${page.name}, ${capacity}: throughput`, value: r.requests.average, unit: 'req/s', target: null, ratio: null });
      figures.push({ name: `${page.name}, ${capacity}: p95`, value: p95, unit: 'ms', target: null, ratio: null });
      if (bad) notes.push(`${page.name}, ${capacity}: ${bad} responses were not 2xx or failed.`);
    }

    const result = {
      benchmark: 'frontdoor',
      db: 'postgres',
      notifications: n,
      sizes,
      csvRows: rows,
      connections,
      secondsPerPage: seconds,
      when: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1e9)} GB, Node ${process.version}`,
      // The machine is shared: other work running at the same time slows every figure here.
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((x) => round(x, 2)) },
      timings,
      figures,
      notes,
    };
    const dir = path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(dir, { recursive: true });
    const out = path.join(dir, `frontdoor-postgres-${n}${values['skip-pages'] ? '-import-only' : ''}`);
    fs.writeFileSync(`${out}.json`, JSON.stringify(result, null, 2) + '\n');
    fs.writeFileSync(`${out}.md`, markdown(result));
    console.log('\n' + markdown(result));
    console.log(`Written to ${path.relative(ROOT, out)}.json and .md`);
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!values['keep-db']) await scratch.drop();
  }
}

/** autocannon reports p90, p97.5 and p99 but not p95: interpolate it from its histogram's percentiles. */
function percentileOf(r: autocannon.Result, p: number): number {
  const l = r.latency as unknown as Record<string, number>;
  if (l[`p${p}`] !== undefined) return l[`p${p}`]!;
  // Between p90 and p97.5, linearly.
  return round(l.p90! + ((p - 90) / (97.5 - 90)) * (l.p97_5! - l.p90!), 1);
}

function markdown(r: { notifications: number; sizes: Record<string, number>; csvRows: number; connections: number; secondsPerPage: number; when: string; machine: string; loadAverage: { atStart: number[]; atEnd: number[] }; timings: Record<string, number>; figures: Figure[]; notes: string[] }): string {
  const lines = [
    `# Front door benchmark: PostgreSQL, ${r.notifications.toLocaleString('en-GB')} police notifications`,
    '',
    `Run ${r.when} on ${r.machine}. A synthetic year: ${r.sizes.people!.toLocaleString('en-GB')} people, ${r.sizes.contacts!.toLocaleString('en-GB')} contacts (${r.sizes.referrals!.toLocaleString('en-GB')} referrals); ` +
      `the police file has ${r.csvRows.toLocaleString('en-GB')} rows. Pages: ${r.connections} signed-in users (one session each), each opening a page about once a second at random moments (exponential think time, mean 1 s), ${r.secondsPerPage} s a page after a 2 s warm-up, against the server started as its own process (the p95 target applies here); then the same ${r.connections} connections back to back for capacity. Seeding took ${r.timings.seedSeconds} s; ` +
      `the import spent ${r.timings.importParseSeconds} s reading and checking the file, ${r.timings.importMatchSeconds} s matching children and ${r.timings.importWriteSeconds} s writing (matching runs beside the writing, on other connections). ` +
      `Load average (1, 5, 15 min) ${r.loadAverage.atStart.join(', ')} at the start and ${r.loadAverage.atEnd.join(', ')} at the end, on ${r.machine.split(',')[0]}: other work on the machine slows these figures.`,
    '',
    '| figure | value | target | ratio (>= 1 passes) |',
    '|---|---|---|---|',
    ...r.figures.map((f) => `| ${f.name} | ${f.value}${f.unit ? ' ' + f.unit : ''} | ${f.target ?? ''} | ${f.ratio === null ? '' : round(f.ratio, 2)} |`),
  ];
  if (r.notes.length) lines.push('', ...r.notes.map((x) => `- ${x}`));
  return lines.join('\n') + '\n';
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
