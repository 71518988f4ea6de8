/**
 * Fellegi–Sunter scoring of a candidate pair, explained field by field.
 *
 * The person index blocks candidates in SQL (trigrams, double metaphone, date of birth) and calls
 * scorePair on each; the score orders the candidates and the thresholds decide what is shown.
 */
import { MATCH_FIELDS, comparePeople, type ComparisonVector, type Level, type MatchField, type NameFrequency, type PersonForMatching } from './compare.js';
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
 * "Smith" counts for less than sharing a name few people have. The same adjustment moves a slip
 * of the name ('misspelt') and a shared part of a double-barrelled name ('part'), so neither
 * outranks the name itself.
 * - The share is smoothed towards the average (TF_PRIOR_PEOPLE pseudo-people at u): in a small
 *   index every name is "1 in a few hundred", which says nothing yet.
 * - A rare name earns at most TF_MAX_GAIN bits more than an average one: a name held by two
 *   people may just be one whose other holders have not been recorded yet.
 */
const TF_FIELDS: ReadonlySet<MatchField> = new Set(['givenName', 'familyName']);
const TF_LEVELS: ReadonlySet<string> = new Set(['exact', 'misspelt', 'part']);
const TF_MAX_GAIN = 1;
const TF_PRIOR_PEOPLE = 1000;

/** Bits the name's frequency adds to (or takes from) the level's weight. */
function frequencyAdjustment(weights: MatchWeights, field: MatchField, level: string, frequency: NameFrequency | undefined): number {
  if (!frequency || !TF_FIELDS.has(field) || !TF_LEVELS.has(level)) return 0;
  const { u } = (weights.fields[field] as Readonly<Record<string, { m: number; u: number }>>)['exact']!;
  const share = (frequency.count + TF_PRIOR_PEOPLE * u) / (frequency.people + TF_PRIOR_PEOPLE);
  return Math.log2(u / Math.max(share, u / 2 ** TF_MAX_GAIN));
}

/** How a name's frequency moved its weight, in words, when it moved it by a bit or more. */
function frequencyNote(frequency: NameFrequency | undefined, adjustment: number): string {
  if (!frequency) return '';
  if (adjustment <= -1) return ` (a common name here: about 1 person in ${Math.max(1, Math.round(frequency.people / frequency.count)).toLocaleString('en-GB')})`;
  if (adjustment >= 1) return ' (an uncommon name here)';
  return '';
}

/** Score an already computed comparison vector. */
export function scoreComparison(vector: ComparisonVector, weights: MatchWeights = DEFAULT_WEIGHTS, limits: MatchThresholds = thresholds): PairScore {
  const fields: FieldScore[] = MATCH_FIELDS.map((field) => {
    const { level, reason, frequency } = vector[field];
    const adjustment = frequencyAdjustment(weights, field, level, frequency);
    return { field, level, weight: weightFor(weights, field, level) + adjustment, reason: reason + frequencyNote(frequency, adjustment) };
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
