/**
 * Simulated users for the page benchmark: each user, signed in with their own session, opens a page,
 * reads it for a random time (exponentially distributed, mean `thinkMs`) and opens the next, so
 * requests arrive at random moments as a busy office's do (a Poisson stream of about users × 1000 /
 * thinkMs a second).
 *
 * Why not autocannon's paced mode: it starts every connection on the same tick and re-arms them all
 * on one-second intervals, so 50 "users at one page a second" send 50 requests in the same
 * millisecond every second, and the slowest of each burst waits for the other 49. That measures a
 * synchronised burst, which 50 people do not produce. autocannon stays for the closed-loop capacity
 * figure (every user sending the next request the moment the last is answered).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface UsersResult {
  requests: number;
  errors: number;
  non2xx: number;
  seconds: number;
  latencies: number[];
  p50: number;
  p95: number;
  p99: number;
  max: number;
  throughput: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** A seeded generator, so two runs ask for the same pages at the same moments. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runUsers(options: {
  base: string;
  cookies: string[];
  path: (random: () => number) => string;
  seconds: number;
  thinkMs: number;
  seed?: number;
}): Promise<UsersResult> {
  const url = new URL(options.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.cookies.length });
  const random = mulberry32(options.seed ?? 20261127);
  const think = () => -Math.log(1 - random()) * options.thinkMs;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const start = performance.now();
  const end = start + options.seconds * 1000;
  const get = (path: string, cookie: string) =>
    new Promise<number>((resolve) => {
      const t0 = performance.now();
      const req = http.get({ host: url.hostname, port: url.port, path, agent, headers: { cookie } }, (res) => {
        res.resume();
        res.on('end', () => {
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx++;
          resolve(performance.now() - t0);
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve(NaN);
      });
    });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await Promise.all(
    options.cookies.map(async (cookie) => {
      // Users arrive spread over the first think time, not all at once.
      await sleep(random() * options.thinkMs);
      while (performance.now() < end) {
        const ms = await get(options.path(random), cookie);
        if (!Number.isNaN(ms)) latencies.push(ms);
        await sleep(think());
      }
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - start) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    requests: latencies.length + errors,
    errors,
    non2xx,
    seconds,
    latencies: sorted,
    p50: r1(percentile(sorted, 50)),
    p95: r1(percentile(sorted, 95)),
    p99: r1(percentile(sorted, 99)),
    max: r1(sorted.at(-1) ?? NaN),
    // Over the measured window (the last think time runs past it).
    throughput: r1(latencies.length / options.seconds),
  };
}
