/**
 * Matching weights estimated from this council's own records (`npm run cli -- people estimate-weights`).
 *
 * As Splink does, the two halves of each weight come from different samples:
 *   - u (how often a level occurs between *different* people) from random pairs of records, which
 *     are almost all different people. Levels that random pairs rarely reach (the same NHS number)
 *     are smoothed towards the default with a small pseudo-count, so a lucky zero never makes a
 *     weight infinite.
 *   - m (how often it occurs for the *same* person) by expectation–maximisation (estimateWeightsEM)
 *     over the comparison vectors of candidate pairs from the duplicate finder's blocking, with u
 *     held fixed. Blocked pairs agree on names or dates by construction, so u estimated from them
 *     would be badly biased; m is what EM can learn from them.
 * The result is stored in match_weights, where PersonSearchService.currentWeights and the
 * duplicate finder read it. It is checked before it is stored: if EM does not converge nothing is
 * stored (the weights in use stay as they were), and a field whose estimate points the wrong way
 * (agreement weighing against a match, or disagreement for it) keeps its default weights; both are
 * reported.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { comparePeople, estimateWeightsEM, toFieldLevels, DEFAULT_WEIGHTS, type FieldLevels, type MatchContext, type MatchField, type MatchWeights } from './matching/index.js';
import { LEVELS, MATCH_FIELDS } from './matching/compare.js';
import { blockPairs, loadForMatching } from './pair-blocking.js';
import type { PersonSearchService } from './search-service.js';

export interface EstimateOptions {
  /** Candidate pairs from blocking to learn m from (default 50,000). */
  maxPairs?: number;
  /** Random pairs to measure u from (default 20,000). */
  randomPairs?: number;
  /** Store the result in match_weights (default true). */
  store?: boolean;
  ctx?: RequestContext;
}

export interface WeightsEstimate {
  weights: MatchWeights;
  /** Prior for one pair of records in the index being the same person. */
  prior: number;
  pairsUsed: number;
  randomPairsUsed: number;
  converged: boolean;
  iterations: number;
  /** Fields that kept their default weights, and why. */
  fallbacks: string[];
  /** Whether a new row was written to match_weights. */
  stored: boolean;
  /** Why nothing was stored, when it was not. */
  notStoredBecause: string | null;
}

/** Levels whose weight must be positive (evidence for a match) and levels whose weight must be negative. */
const MUST_FAVOUR: Partial<Record<MatchField, string[]>> = {
  givenName: ['exact', 'nickname'],
  familyName: ['exact'],
  dateOfBirth: ['exact'],
  sex: ['same'],
  postcode: ['unit'],
  nhsNumber: ['same'],
  upn: ['same'],
};
const MUST_DISFAVOUR: Partial<Record<MatchField, string[]>> = {
  givenName: ['different'],
  familyName: ['different'],
  dateOfBirth: ['different'],
  nhsNumber: ['different'],
  upn: ['different'],
};

/** Pseudo-count pulling u towards its default where random pairs say little. */
const U_PRIOR_PAIRS = 200;
const MIN_PAIRS = 500;

type MutableFields = Record<string, Record<string, { m: number; u: number }>>;

export class WeightsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly search: PersonSearchService,
  ) {}

  async estimate(opts: EstimateOptions = {}): Promise<WeightsEstimate> {
    const maxPairs = opts.maxPairs ?? 50_000;
    const randomCount = opts.randomPairs ?? 20_000;
    const { n, minId, maxId } = await this.indexSize();
    const fail = (why: string): WeightsEstimate => ({
      weights: DEFAULT_WEIGHTS, prior: DEFAULT_WEIGHTS.lambda, pairsUsed: 0, randomPairsUsed: 0, converged: false, iterations: 0, fallbacks: [], stored: false, notStoredBecause: why,
    });
    if (n < 50) return fail(`only ${n} people in the index: too few to learn from`);

    const context = await this.search.matchContext();
    // u from random pairs.
    const random = await this.randomPairLevels(randomCount, context);
    const u = this.uFromRandomPairs(random);

    // m by EM over blocked pairs, from batches spread across the index in a fixed shuffled order.
    const { vectors, peopleCovered } = await this.blockedVectors(minId, maxId, maxPairs, n, context);
    if (vectors.length < MIN_PAIRS) return { ...fail(`only ${vectors.length} candidate pairs found: too few to learn from`), randomPairsUsed: random.length };
    const start: MatchWeights = { lambda: 0.05, fields: mergeFields(DEFAULT_WEIGHTS, u) };
    const em = estimateWeightsEM(vectors, 1000, { start, fixU: true, tolerance: 1e-6 });

    const fields = JSON.parse(JSON.stringify(em.weights.fields)) as MutableFields;
    const fallbacks: string[] = [];
    for (const field of MATCH_FIELDS) {
      const levels = fields[field]!;
      const wrong = [
        ...(MUST_FAVOUR[field] ?? []).filter((l) => levels[l]!.m <= levels[l]!.u).map((l) => `${l} weighs against a match`),
        ...(MUST_DISFAVOUR[field] ?? []).filter((l) => levels[l]!.m >= levels[l]!.u).map((l) => `${l} weighs for a match`),
        ...Object.entries(levels).filter(([, p]) => !(p.m > 0 && p.u > 0 && Number.isFinite(p.m / p.u))).map(([l]) => `${l} has no usable estimate`),
      ];
      if (wrong.length) {
        fields[field] = JSON.parse(JSON.stringify(DEFAULT_WEIGHTS.fields[field])) as MutableFields[string];
        fallbacks.push(`${field}: ${wrong.join(', ')}; default weights kept`);
      }
    }
    // λ from EM is the share of matches among blocked pairs; as a prior for any pair of records in
    // the index it is that many matches spread over all N(N-1)/2 pairs.
    const blockedTotal = vectors.length * (n / Math.max(1, peopleCovered));
    const prior = clamp((em.lambda * blockedTotal) / ((n * (n - 1)) / 2), 1e-9, 0.01);
    const weights: MatchWeights = { lambda: prior, fields: fields as unknown as MatchWeights['fields'] };
    const result: WeightsEstimate = {
      weights, prior, pairsUsed: vectors.length, randomPairsUsed: random.length, converged: em.converged, iterations: em.iterations, fallbacks, stored: false, notStoredBecause: null,
    };
    if (!em.converged) return { ...result, weights: DEFAULT_WEIGHTS, prior: DEFAULT_WEIGHTS.lambda, notStoredBecause: `EM did not converge in ${em.iterations} iterations` };
    if (opts.store === false) return { ...result, notStoredBecause: 'not asked to store' };
    await this.db.transaction().execute(async (tx) => {
      const { id } = await tx.insertInto('match_weights').values({ weights: JSON.stringify(weights), prior, pairs_used: vectors.length }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(tx, opts.ctx ?? { requestId: 'estimate-weights', ip: 'local', user: null }, {
        action: 'person.match_weights.estimate',
        recordType: 'match_weights',
        recordId: id,
        details: { pairsUsed: vectors.length, randomPairs: random.length, prior, iterations: em.iterations, fallbacks },
      });
    });
    this.search.forgetWeights();
    return { ...result, stored: true };
  }

  private async indexSize() {
    const r = await sql<{ n: number; min_id: number | null; max_id: number | null }>`
      select count(*)::int as n, min(id) as min_id, max(id) as max_id from people where merged_into_id is null`.execute(this.db);
    const row = r.rows[0]!;
    return { n: Number(row.n), minId: Number(row.min_id ?? 0), maxId: Number(row.max_id ?? 0) };
  }

  private async randomPairLevels(count: number, context: MatchContext): Promise<FieldLevels[][]> {
    const r = await sql<{ id: number }>`select id from people where merged_into_id is null order by random() limit ${count * 2}`.execute(this.db);
    const ids = r.rows.map((x) => Number(x.id));
    const people = await loadForMatching(this.db, ids);
    const out: FieldLevels[][] = [];
    for (let i = 0; i + 1 < ids.length; i += 2) {
      const a = people.get(ids[i]!);
      const b = people.get(ids[i + 1]!);
      if (a && b) out.push(toFieldLevels(comparePeople(a, b, context)));
    }
    return out;
  }

  /** u per level: its share among random pairs that recorded the field, smoothed towards the default. */
  private uFromRandomPairs(pairs: readonly FieldLevels[][]): MutableFields {
    const counts = new Map<string, number>();
    const totals = new Map<string, number>();
    for (const pair of pairs) {
      for (const { field, level } of pair) {
        if (level === 'missing') continue;
        counts.set(`${field}.${level}`, (counts.get(`${field}.${level}`) ?? 0) + 1);
        totals.set(field, (totals.get(field) ?? 0) + 1);
      }
    }
    const fields: MutableFields = {};
    for (const field of MATCH_FIELDS) {
      const total = totals.get(field) ?? 0;
      const defaults = DEFAULT_WEIGHTS.fields[field] as Record<string, { m: number; u: number }>;
      const raw = LEVELS[field].map((level) => ((counts.get(`${field}.${level}`) ?? 0) + U_PRIOR_PAIRS * defaults[level]!.u) / (total + U_PRIOR_PAIRS));
      const sum = raw.reduce((s, x) => s + x, 0);
      fields[field] = Object.fromEntries(LEVELS[field].map((level, i) => [level, { m: defaults[level]!.m, u: raw[i]! / sum }]));
    }
    return fields;
  }

  private async blockedVectors(minId: number, maxId: number, maxPairs: number, n: number, context: MatchContext) {
    const width = Math.max(200, Math.ceil(((maxId - minId + 1) / Math.max(1, n)) * 1000));
    const starts: number[] = [];
    for (let lo = minId - 1; lo < maxId; lo += width) starts.push(lo);
    // A fixed shuffle (seeded), so the same data gives the same estimate.
    let seed = 0x9e3779b9;
    const next = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
    for (let i = starts.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [starts[i], starts[j]] = [starts[j]!, starts[i]!];
    }
    const vectors: FieldLevels[][] = [];
    let peopleCovered = 0;
    for (const lo of starts) {
      if (vectors.length >= maxPairs) break;
      const pairs = await blockPairs(this.db, lo, lo + width);
      const people = await loadForMatching(this.db, pairs.flat());
      for (const [a, b] of pairs) {
        const pa = people.get(a);
        const pb = people.get(b);
        if (pa && pb) vectors.push(toFieldLevels(comparePeople(pa, pb, context)));
      }
      const covered = await sql<{ n: number }>`select count(*)::int as n from people where id > ${lo} and id <= ${lo + width} and merged_into_id is null`.execute(this.db);
      peopleCovered += Number(covered.rows[0]?.n ?? 0);
    }
    return { vectors, peopleCovered };
  }
}

function mergeFields(base: MatchWeights, u: MutableFields): MatchWeights['fields'] {
  return Object.fromEntries(
    MATCH_FIELDS.map((field) => {
      const levels = base.fields[field] as Record<string, { m: number; u: number }>;
      return [field, Object.fromEntries(Object.entries(levels).map(([level, p]) => [level, { m: p.m, u: u[field]?.[level]?.u ?? p.u }]))];
    }),
  ) as unknown as MatchWeights['fields'];
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
