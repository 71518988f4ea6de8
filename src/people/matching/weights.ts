/**
 * Fellegi–Sunter weights: for each field and level, m = P(level | same person) and
 * u = P(level | different people). A level's weight is log2(m / u) bits: positive when the level is
 * more common among true matches, negative when it is more common among different people.
 * 'missing' always weighs 0: an unrecorded field is no evidence either way.
 *
 * DEFAULT_WEIGHTS are hand-set priors, not estimates. They come from reasoning about a council's
 * person index (tens of thousands of people, mostly children, in a few thousand postcodes) and
 * about how front-door records go wrong; each is explained beside it. Re-estimate them from the
 * council's own data with estimateWeightsEM (em.ts) once there is enough of it, and keep u for the
 * rare levels from random pairs (as Splink does), since EM sees few of those.
 */
import type { Level, MatchField, ScoredLevel } from './compare.js';

export interface LevelProbabilities {
  readonly m: number;
  readonly u: number;
}

export interface MatchWeights {
  /** Prior probability that a candidate pair is the same person (λ). */
  readonly lambda: number;
  readonly fields: { readonly [F in MatchField]: { readonly [L in ScoredLevel<F>]: LevelProbabilities } };
}

export const DEFAULT_WEIGHTS: MatchWeights = {
  // One person in ~10,000 (a council's index seen from one search).
  lambda: 1e-4,
  fields: {
    givenName: {
      // u(exact) ≈ chance two different children share a given name (Σ p² over name frequencies).
      exact: { m: 0.785, u: 0.008 },
      nickname: { m: 0.06, u: 0.0015 }, // Bill/William, Mohammed/Muhammad; about 1 record in 16 uses another form
      // A spelling nobody else in the index has, one keystroke from an established name (frequencies.ts):
      // two different people rarely look like that, but it is kept a little below 'exact'.
      misspelt: { m: 0.03, u: 0.0004 },
      swapped: { m: 0.01, u: 0.00005 }, // both names agree crosswise: rare by chance
      similar: { m: 0.04, u: 0.002 }, // typing and spelling slips
      sharedNickname: { m: 0.01, u: 0.001 }, // Bill/Billy, but also Molly/Polly twins
      partial: { m: 0.02, u: 0.002 }, // known by a middle name, or half of Mary-Jane
      initial: { m: 0.02, u: 0.003 }, // ~1 in 15 names share an initial
      weak: { m: 0.01, u: 0.012 }, // Millie/Mollie: barely evidence
      different: { m: 0.015, u: 0.97005 }, // name changes not recorded as previous names
    },
    familyName: {
      exact: { m: 0.85, u: 0.004 }, // surnames are more spread than given names
      part: { m: 0.04, u: 0.0004 }, // Smith and Smith-Jones
      swapped: { m: 0.01, u: 0.0001 },
      similar: { m: 0.04, u: 0.002 },
      different: { m: 0.06, u: 0.9935 }, // children change surname more than given name (new partner, adoption)
    },
    dateOfBirth: {
      // u(exact) ≈ 1 / (18 years × 365 days): most people in the index are children.
      exact: { m: 0.88, u: 0.00016 },
      dayMonthSwapped: { m: 0.015, u: 0.00006 }, // possible only for days 1-12, and the year must agree
      yearOffByOne: { m: 0.015, u: 0.0003 },
      typo: { m: 0.03, u: 0.0012 }, // one digit changed or two adjacent digits swapped
      // Same day and month, year 2-3 apart (re-assessed ages, two slips): ~1/365 of pairs share a birthday, 1 in 10 of those this close.
      yearOffBySome: { m: 0.01, u: 0.0003 },
      sameMonthYear: { m: 0.01, u: 0.0045 },
      // Estimated dates (unaccompanied children's age assessments), expected dates before birth.
      // Within a year of each other but none of the above: a tenth of different children in the index
      // (most are born in the same 18 years), and a double slip among the same child's records.
      withinAYear: { m: 0.01, u: 0.1 },
      different: { m: 0.03, u: 0.89348 },
    },
    sex: {
      same: { m: 0.98, u: 0.5 },
      different: { m: 0.02, u: 0.5 }, // recording errors, and changes of recorded sex
    },
    postcode: {
      // ~5,000 postcode units in a council's area; families move often, but the index keeps old addresses.
      unit: { m: 0.6, u: 0.0002 },
      sector: { m: 0.1, u: 0.006 },
      district: { m: 0.1, u: 0.06 },
      different: { m: 0.2, u: 0.9338 },
    },
    nhsNumber: {
      // Validated numbers: different people share one only through a filing error.
      same: { m: 0.995, u: 0.00001 },
      different: { m: 0.005, u: 0.99999 },
    },
    upn: {
      same: { m: 0.95, u: 0.00001 },
      different: { m: 0.05, u: 0.99999 }, // UPNs are sometimes reissued when a child moves school
    },
  },
};

/**
 * Score thresholds, in bits (the sum of level weights), so they do not move with the prior:
 * - autoSuggest (16): offered as "likely the same child". At the default prior this is a
 *   probability of about 0.87; exact name and date of birth alone score ~27, the worst acceptable
 *   search (nickname, misspelt surname, day and month swapped) ~17.6.
 * - possible (10): listed for a worker to check (probability ~0.09 at the default prior): exact
 *   names with no date of birth score ~14.4, same given name and date of birth with a changed
 *   surname ~15.
 * Below `possible` a pair is not shown. Guards (guards.ts) hold twins and siblings below it.
 */
export interface MatchThresholds {
  readonly autoSuggest: number;
  readonly possible: number;
}

export const thresholds: MatchThresholds = Object.freeze({ autoSuggest: 16, possible: 10 });

/** The index size the default prior stands for (λ = 1e-4: one person in ~10,000). */
export const REFERENCE_INDEX_SIZE = 10_000;

/**
 * The score at which the duplicate finder calls a pair likely, for an index of `people`.
 *
 * A search compares one enquiry with the index: about one chance in N that a given record is the
 * child. The duplicate finder compares every record with every other, so the pairs of different
 * people grow with N² while true duplicates grow with N: at 200,000 people a score that is
 * "likely" for one search is met by many more pairs of namesakes. Keeping the same share of
 * wrong proposals takes log2(N / 10,000) more bits than `autoSuggest` (never fewer): ~16 at
 * 10,000 people, ~20.3 at 200,000, ~22.6 at a million. Pairs below it stay in the review list
 * (down to `possible`); only the "likely" cut-off moves.
 */
export function finderThreshold(people: number, limits: MatchThresholds = thresholds): number {
  const raised = limits.autoSuggest + Math.max(0, Math.log2(Math.max(1, people) / REFERENCE_INDEX_SIZE));
  return Math.round(raised * 10) / 10;
}

/** log2(m / u) for a level; 0 for 'missing'. */
export function weightFor<F extends MatchField>(weights: MatchWeights, field: F, level: Level<F>): number {
  if (level === 'missing') return 0;
  // Weights estimated before a level existed fall back to the default for it.
  const p = (weights.fields[field] as Readonly<Record<string, LevelProbabilities>>)[level] ?? (DEFAULT_WEIGHTS.fields[field] as Readonly<Record<string, LevelProbabilities>>)[level];
  if (p === undefined) throw new RangeError(`No weight for ${field} level ${level}`);
  return Math.log2(p.m / p.u);
}

/** Posterior probability of a match from a score in bits and the prior λ. */
export function matchProbability(score: number, lambda: number): number {
  const logOdds = score + Math.log2(lambda / (1 - lambda));
  return 1 / (1 + 2 ** -logOdds);
}
