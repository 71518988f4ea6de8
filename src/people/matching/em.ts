/**
 * Unsupervised estimation of Fellegi–Sunter m and u probabilities by expectation–maximisation
 * over comparison vectors, as Splink does. Nobody has to label pairs: EM finds the mixture of
 * "matches" and "non-matches" that best explains how often each combination of levels occurs,
 * assuming fields are independent within each class.
 *
 * Feed it the comparison vectors of candidate pairs from blocking. λ comes back as the share of
 * matches among *those* pairs, which is far higher than among all possible pairs: adjust it before
 * using the result as a scoring prior. 'missing' levels are skipped (no evidence), and a field
 * never observed keeps its starting values. Guards (guards.ts) are not part of the model.
 */
import { LEVELS, MATCH_FIELDS, type FieldLevels, type MatchField } from './compare.js';
import { DEFAULT_WEIGHTS, type LevelProbabilities, type MatchWeights } from './weights.js';

export interface EmOptions {
  /** Starting point; its orientation (m high on agreeing levels) tells EM which class is "match". */
  readonly start?: MatchWeights;
  /** Stop when no probability moves by more than this in an iteration. */
  readonly tolerance?: number;
  /** Keep u from `start` and estimate only m and λ (u measured from random pairs is more reliable). */
  readonly fixU?: boolean;
}

export interface EmResult {
  /** Estimated m and u per field level, with lambda = estimated share of matches among the pairs. */
  readonly weights: MatchWeights;
  readonly lambda: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Log-likelihood of the data at the start of each iteration: never decreases. */
  readonly logLikelihood: readonly number[];
}

/** Keeps every probability strictly positive so that a weight is never ±∞. */
const FLOOR = 1e-12;

type Table = number[][]; // [field][level]

function fromWeights(weights: MatchWeights, which: 'm' | 'u'): Table {
  return MATCH_FIELDS.map((field) => {
    const levels = weights.fields[field] as Readonly<Record<string, LevelProbabilities>>;
    return LEVELS[field].map((level) => levels[level]![which]);
  });
}

function normalised(counts: readonly number[]): number[] {
  const floored = counts.map((c) => Math.max(c, FLOOR));
  const total = floored.reduce((s, c) => s + c, 0);
  return floored.map((c) => c / total);
}

/** Group identical comparison vectors: a few hundred patterns stand for millions of pairs. */
function patterns(pairs: readonly (readonly FieldLevels[])[]): { levels: number[]; count: number }[] {
  const byKey = new Map<string, { levels: number[]; count: number }>();
  for (const pair of pairs) {
    const levels = MATCH_FIELDS.map(() => -1);
    for (const { field, level } of pair) {
      if (level === 'missing') continue;
      const index = (LEVELS[field] as readonly string[]).indexOf(level);
      if (index < 0) throw new RangeError(`Unknown level ${level} for ${field}`);
      levels[MATCH_FIELDS.indexOf(field)] = index;
    }
    const key = levels.join(',');
    const found = byKey.get(key);
    if (found) found.count++;
    else byKey.set(key, { levels, count: 1 });
  }
  return [...byKey.values()];
}

export function estimateWeightsEM(pairs: readonly (readonly FieldLevels[])[], iterations = 100, options: EmOptions = {}): EmResult {
  const start = options.start ?? DEFAULT_WEIGHTS;
  const tolerance = options.tolerance ?? 1e-7;
  let m = fromWeights(start, 'm');
  let u = fromWeights(start, 'u');
  let lambda = start.lambda;
  const data = patterns(pairs);
  const total = data.reduce((s, p) => s + p.count, 0);
  const logLikelihood: number[] = [];
  let converged = false;
  let done = 0;

  while (total > 0 && done < iterations && !converged) {
    done++;
    const mCounts: Table = m.map((row) => row.map(() => 0));
    const uCounts: Table = u.map((row) => row.map(() => 0));
    let matches = 0;
    let ll = 0;
    // E step: the probability that each pattern is a match, given the current parameters.
    for (const { levels, count } of data) {
      let logMatch = Math.log(lambda);
      let logNon = Math.log(1 - lambda);
      levels.forEach((level, f) => {
        if (level < 0) return;
        logMatch += Math.log(m[f]![level]!);
        logNon += Math.log(u[f]![level]!);
      });
      const top = Math.max(logMatch, logNon);
      const logTotal = top + Math.log(Math.exp(logMatch - top) + Math.exp(logNon - top));
      ll += count * logTotal;
      const g = Math.exp(logMatch - logTotal);
      matches += count * g;
      levels.forEach((level, f) => {
        if (level < 0) return;
        mCounts[f]![level]! += count * g;
        uCounts[f]![level]! += count * (1 - g);
      });
    }
    logLikelihood.push(ll);
    // M step: re-estimate from expected counts; fields never observed keep their values.
    const observed = (f: number) => mCounts[f]!.some((c) => c > 0) || uCounts[f]!.some((c) => c > 0);
    const nextM = m.map((row, f) => (observed(f) ? normalised(mCounts[f]!) : row));
    const nextU = options.fixU ? u : u.map((row, f) => (observed(f) ? normalised(uCounts[f]!) : row));
    const nextLambda = Math.min(1 - FLOOR, Math.max(FLOOR, matches / total));
    const change = Math.max(
      Math.abs(nextLambda - lambda),
      ...nextM.flatMap((row, f) => row.map((p, l) => Math.abs(p - m[f]![l]!))),
      ...nextU.flatMap((row, f) => row.map((p, l) => Math.abs(p - u[f]![l]!))),
    );
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    converged = change < tolerance;
  }

  const fields = Object.fromEntries(
    MATCH_FIELDS.map((field: MatchField, f) => [
      field,
      Object.fromEntries(LEVELS[field].map((level, l) => [level, { m: m[f]![l]!, u: u[f]![l]! }])),
    ]),
  ) as unknown as MatchWeights['fields'];
  return { weights: { lambda, fields }, lambda, iterations: done, converged, logLikelihood };
}
