/**
 * Fellegi–Sunter scoring of a candidate pair, explained field by field.
 *
 * The person index blocks candidates in SQL (trigrams, double metaphone, date of birth) and calls
 * scorePair on each; the score orders the candidates and the thresholds decide what is shown.
 */
import { MATCH_FIELDS, comparePeople, type ComparisonVector, type Level, type MatchField, type PersonForMatching } from './compare.js';
import { guardsFor, type Guard } from './guards.js';
import type { MatchContext } from './frequencies.js';
import { DEFAULT_WEIGHTS, matchProbability, thresholds, weightFor, type MatchThresholds, type MatchWeights } from './weights.js';

export { DEFAULT_WEIGHTS, thresholds, finderThreshold, REFERENCE_INDEX_SIZE, weightFor, matchProbability, type MatchWeights, type MatchThresholds, type LevelProbabilities } from './weights.js';
export { estimateWeightsEM, type EmResult } from './em.js';
export type { PersonForMatching, FieldLevels, MatchField } from './compare.js';
export type { Guard, GuardRule } from './guards.js';
export { likelySlip, nameFrequencies, type MatchContext, type NameFrequencies } from './frequencies.js';

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

/**
 * Term-frequency adjustment (as Splink does): for an exact name match, u is the share of people in
 * the index with that name rather than the average over all names, so sharing "Mohammed" or
 * "Smith" counts for less than sharing a name few people have. A rare name earns at most
 * TF_MAX_GAIN bits more than an average one: in a small index a name held by two people may just
 * be a name whose other holders have not been recorded yet.
 */
const TF_FIELDS: ReadonlySet<MatchField> = new Set(['givenName', 'familyName']);
const TF_MAX_GAIN = 1;

function levelWeight(weights: MatchWeights, field: MatchField, level: Level<MatchField>, share: number | undefined): number {
  if (level !== 'exact' || share === undefined || !TF_FIELDS.has(field)) return weightFor(weights, field, level);
  const { m, u } = (weights.fields[field] as Readonly<Record<string, { m: number; u: number }>>)[level]!;
  return Math.log2(m / Math.max(share, u / 2 ** TF_MAX_GAIN));
}

/** How a name's frequency moved its weight, in words, when it moved it by a bit or more. */
function frequencyNote(field: MatchField, level: Level<MatchField>, share: number | undefined, adjusted: number, plain: number): string {
  if (level !== 'exact' || share === undefined || !TF_FIELDS.has(field)) return '';
  const oneIn = Math.max(1, Math.round(1 / share));
  if (adjusted <= plain - 1) return ` (a common name here: about 1 person in ${oneIn.toLocaleString('en-GB')})`;
  if (adjusted >= plain + 1) return ' (an uncommon name here)';
  return '';
}

/** Score an already computed comparison vector. */
export function scoreComparison(vector: ComparisonVector, weights: MatchWeights = DEFAULT_WEIGHTS, limits: MatchThresholds = thresholds): PairScore {
  const fields: FieldScore[] = MATCH_FIELDS.map((field) => {
    const { level, reason, share } = vector[field];
    const weight = levelWeight(weights, field, level, share);
    return { field, level, weight, reason: reason + frequencyNote(field, level, share, weight, weightFor(weights, field, level)) };
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
export function scorePair(
  a: PersonForMatching,
  b: PersonForMatching,
  weights: MatchWeights = DEFAULT_WEIGHTS,
  limits: MatchThresholds = thresholds,
  context?: MatchContext,
): PairScore {
  return scoreComparison(comparePeople(a, b, context), weights, limits);
}
