/**
 * Fellegi–Sunter scoring of a candidate pair, explained field by field.
 *
 * The person index blocks candidates in SQL (trigrams, double metaphone, date of birth) and calls
 * scorePair on each; the score orders the candidates and the thresholds decide what is shown.
 */
import { MATCH_FIELDS, comparePeople, type ComparisonVector, type Level, type MatchField, type PersonForMatching } from './compare.js';
import { guardsFor, type Guard } from './guards.js';
import { DEFAULT_WEIGHTS, matchProbability, thresholds, weightFor, type MatchThresholds, type MatchWeights } from './weights.js';

export { DEFAULT_WEIGHTS, thresholds, weightFor, matchProbability, type MatchWeights, type MatchThresholds, type LevelProbabilities } from './weights.js';
export { estimateWeightsEM, type EmResult } from './em.js';
export type { PersonForMatching, FieldLevels, MatchField } from './compare.js';
export type { Guard, GuardRule } from './guards.js';

export interface FieldScore {
  readonly field: MatchField;
  readonly level: Level<MatchField>;
  /** Bits of evidence: log2(m / u); 0 when not recorded. */
  readonly weight: number;
  readonly reason: string;
}

export type MatchBand = 'likely' | 'possible' | 'unlikely';

export interface PairScore {
  /** Sum of field weights, held below a threshold by any guard that applies. */
  readonly score: number;
  /** Sum of field weights before guards. */
  readonly rawScore: number;
  /** Probability of a match from `score` and the prior λ. */
  readonly probability: number;
  /** likely ≥ autoSuggest > possible ≥ … > unlikely */
  readonly band: MatchBand;
  readonly fields: readonly FieldScore[];
  /** Guards that lowered the score, with their reasons. */
  readonly guards: readonly Guard[];
}

/** How far below a threshold a guarded pair is held, in bits: still above unrelated records. */
const GUARD_MARGIN = 1;

export function bandFor(score: number, limits: MatchThresholds = thresholds): MatchBand {
  if (score >= limits.autoSuggest) return 'likely';
  if (score >= limits.possible) return 'possible';
  return 'unlikely';
}

/** Score an already computed comparison vector. */
export function scoreComparison(vector: ComparisonVector, weights: MatchWeights = DEFAULT_WEIGHTS, limits: MatchThresholds = thresholds): PairScore {
  const fields: FieldScore[] = MATCH_FIELDS.map((field) => {
    const { level, reason } = vector[field];
    return { field, level, weight: weightFor(weights, field, level), reason };
  });
  const rawScore = fields.reduce((sum, f) => sum + f.weight, 0);
  let score = rawScore;
  const applied: Guard[] = [];
  for (const guard of guardsFor(vector)) {
    const ceiling = limits[guard.holdsBelow] - GUARD_MARGIN;
    if (rawScore > ceiling) {
      applied.push(guard);
      score = Math.min(score, ceiling);
    }
  }
  return { score, rawScore, probability: matchProbability(score, weights.lambda), band: bandFor(score, limits), fields, guards: applied };
}

/**
 * Score two records. Every variant of name and postcode is compared and each field takes its best
 * level. The result lists every field with its level, weight and reason.
 */
export function scorePair(a: PersonForMatching, b: PersonForMatching, weights: MatchWeights = DEFAULT_WEIGHTS, limits: MatchThresholds = thresholds): PairScore {
  return scoreComparison(comparePeople(a, b), weights, limits);
}
