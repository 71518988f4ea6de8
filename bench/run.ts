/**
 * Benchmarks: speed and memory targets live here, never in unit tests.
 * Each prints its figures and the ratio it is judged by (target / measured: >= 1 passes).
 *   npm run bench            all benchmarks on PGlite
 *   DATABASE_URL=... npm run bench   against a PostgreSQL server (uses a scratch schema-less database: give an empty one)
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { openDatabase } from '../src/db/connect.js';
import { defaultCalendar } from '../src/time/index.js';

interface Result { name: string; figures: string; target: string; ratio: number }
const results: Result[] = [];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  const handle = await openDatabase(databaseUrl ? { databaseUrl } : { pgliteDir: 'memory://' });
  const config = loadConfig({ NODE_ENV: 'test', DEMO_PASSWORD: 'bench-password-123', DATA_DIR: '/nonexistent' });
  const app = await createApp(config, { handle });

  // 1. Working-day arithmetic: every statutory clock on every dashboard row calls it.
  {
    const cal = defaultCalendar();
    const n = 200_000;
    const t0 = performance.now();
    let d = '2016-01-04';
    for (let i = 0; i < n; i++) d = cal.addWorkingDays(i % 2 ? '2020-03-02' : '2024-06-03', (i % 60) + 1);
    const ms = performance.now() - t0;
    const perSecond = Math.round(n / (ms / 1000));
    results.push({ name: 'working days: addWorkingDays', figures: `${perSecond.toLocaleString()} calls/s (${d})`, target: '>= 1,000,000 calls/s', ratio: perSecond / 1_000_000 });
  }

  // 2. Signed-in page: home page latency through the whole stack (guard, session, audit-free read).
  {
    const signIn = await app.app.inject({ method: 'GET', url: '/sign-in' });
    const cookie = signIn.cookies.find((c) => c.name === 'csc.sid')!;
    const token = /name="_csrf" value="([^"]+)"/.exec(signIn.body)![1]!;
    const res = await app.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: `csc.sid=${cookie.value}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, username: 'social.worker', password: 'bench-password-123' }).toString() });
    const session = res.cookies.find((c) => c.name === 'csc.sid')!;
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      const r = await app.app.inject({ method: 'GET', url: '/', headers: { cookie: `csc.sid=${session.value}` } });
      if (r.statusCode !== 200) throw new Error(`home page gave ${r.statusCode}`);
      times.push(performance.now() - t0);
    }
    const p95 = percentile(times, 0.95);
    results.push({ name: 'home page (signed in)', figures: `p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over 300 requests`, target: 'p95 <= 50 ms', ratio: 50 / p95 });
  }

  // 3. Audit writes: hash-chained, serialised; every write and person view pays for one.
  {
    const n = 1000;
    const ctx = { requestId: 'bench', ip: '127.0.0.1', user: null };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: n }, (_, i) => app.services.audit.record(ctx, { action: 'bench.event', details: { i } })));
    const perSecond = n / ((performance.now() - t0) / 1000);
    results.push({ name: 'audit events (concurrent writers)', figures: `${Math.round(perSecond)} events/s`, target: '>= 200 events/s', ratio: perSecond / 200 });
    const t1 = performance.now();
    const v = await app.services.audit.verify();
    const verifyMs = performance.now() - t1;
    results.push({ name: 'audit:verify', figures: `${v.checked} events in ${verifyMs.toFixed(0)} ms (${v.ok ? 'intact' : 'BROKEN'})`, target: '>= 10,000 events/s', ratio: v.checked / (verifyMs / 1000) / 10_000 });
  }

  const rss = process.memoryUsage().rss / 1024 / 1024;
  results.push({ name: 'memory (resident, whole process)', figures: `${rss.toFixed(0)} MiB`, target: '<= 1024 MiB', ratio: 1024 / rss });
  await app.close();

  console.log(`\nBenchmarks on ${databaseUrl ? 'PostgreSQL' : 'PGlite'} (ratio = target / measured; >= 1.00 meets the target)\n`);
  for (const r of results) console.log(`${r.ratio >= 1 ? 'ok  ' : 'SLOW'} ${r.ratio.toFixed(2).padStart(6)}  ${r.name}: ${r.figures} (target ${r.target})`);
  process.exitCode = results.every((r) => r.ratio >= 1) ? 0 : 1;
}

void main();
