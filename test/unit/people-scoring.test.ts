import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { LEVELS, MATCH_FIELDS, type FieldLevels, type MatchField, type PersonForMatching } from '../../src/people/matching/compare.js';
import {
  DEFAULT_WEIGHTS,
  estimateWeightsEM,
  matchProbability,
  scorePair,
  thresholds,
  weightFor,
  type MatchWeights,
  type PairScore,
} from '../../src/people/matching/score.js';

const person = (fields: Partial<PersonForMatching>): PersonForMatching => ({
  givenNames: [],
  familyNames: [],
  dateOfBirth: null,
  sex: null,
  postcodes: [],
  nhsNumber: null,
  upn: null,
  ...fields,
});

/** What the search form does with a British date: 03/02/2015 is 3 February 2015. */
function ukDate(ddmmyyyy: string): string {
  const [d, m, y] = ddmmyyyy.split('/');
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

const reasons = (result: PairScore) => Object.fromEntries(result.fields.map((f) => [f.field, f.reason]));
const levels = (result: PairScore) => Object.fromEntries(result.fields.map((f) => [f.field, f.level]));

const williamSmith = person({
  givenNames: ['William'],
  familyNames: ['Smith'],
  dateOfBirth: '2015-03-02',
  sex: 'M',
  postcodes: ['LS6 2AB', 'LS1 4AP'],
  nhsNumber: '943 476 5919',
});

describe('the front door finds the child', () => {
  test('"Bill Smyth, 03/02/2015" finds William Smith born 2015-03-02, with reasons', () => {
    const search = person({ givenNames: ['Bill'], familyNames: ['Smyth'], dateOfBirth: ukDate('03/02/2015') });
    const result = scorePair(search, williamSmith);
    assert.equal(reasons(result).givenName, 'nickname of William');
    assert.equal(reasons(result).familyName, 'similar spelling');
    assert.equal(reasons(result).dateOfBirth, 'day and month swapped');
    assert.ok(result.score >= thresholds.autoSuggest, `score ${result.score}`);
    assert.equal(result.band, 'likely');
    assert.deepEqual(result.guards, []);
    assert.ok(result.probability > 0.9);
  });

  test('and ranks him above his brother, a namesake elsewhere and an unrelated child', () => {
    const search = person({ givenNames: ['Bill'], familyNames: ['Smyth'], dateOfBirth: ukDate('03/02/2015') });
    const candidates = {
      william: williamSmith,
      brother: person({ givenNames: ['Harry'], familyNames: ['Smith'], dateOfBirth: '2013-06-11', sex: 'M', postcodes: ['LS6 2AB'] }),
      namesake: person({ givenNames: ['William'], familyNames: ['Smith'], dateOfBirth: '2009-11-23', sex: 'M', postcodes: ['BS1 4DJ'] }),
      unrelated: person({ givenNames: ['Bilal'], familyNames: ['Saeed'], dateOfBirth: '2015-02-03', sex: 'M', postcodes: ['LS6 2AB'] }),
    };
    const ranked = Object.entries(candidates)
      .map(([name, record]) => ({ name, result: scorePair(search, record) }))
      .sort((a, b) => b.result.score - a.result.score);
    assert.equal(ranked[0]!.name, 'william');
    for (const other of ranked.slice(1)) assert.ok(other.result.score < thresholds.autoSuggest, `${other.name} ${other.result.score}`);
    // Born on the very date typed, with a similar given name: worth a look, no more.
    const byName = Object.fromEntries(ranked.map((r) => [r.name, r.result.band]));
    assert.deepEqual(byName, { william: 'likely', unrelated: 'possible', namesake: 'unlikely', brother: 'unlikely' });
  });

  test('Aisha Khan and Aysha Kahn are a likely match', () => {
    const aisha = person({ givenNames: ['Aisha'], familyNames: ['Khan'], dateOfBirth: '2012-07-21', sex: 'F', postcodes: ['M1 1AE'] });
    const aysha = person({ givenNames: ['Aysha'], familyNames: ['Kahn'], dateOfBirth: '2012-07-21', sex: 'F', postcodes: ['M1 1AE'] });
    const result = scorePair(aisha, aysha);
    assert.equal(result.band, 'likely');
    assert.deepEqual(levels(result), { givenName: 'nickname', familyName: 'similar', dateOfBirth: 'exact', sex: 'same', postcode: 'unit', nhsNumber: 'missing', upn: 'missing' });
    assert.equal(reasons(result).givenName, 'other spelling of Aisha');
    // Found from the search form too, with only names and date of birth.
    const search = person({ givenNames: ['Aysha'], familyNames: ['Kahn'], dateOfBirth: '2012-07-21' });
    assert.equal(scorePair(search, aisha).band, 'likely');
  });

  test('Mohammed and Muhammad are one name', () => {
    const record = person({ givenNames: ['Mohammed'], familyNames: ['Ali'], dateOfBirth: '2014-09-09', sex: 'M' });
    const result = scorePair(person({ givenNames: ['Muhammad'], familyNames: ['Ali'], dateOfBirth: '2014-09-09' }), record);
    assert.equal(levels(result).givenName, 'nickname');
    assert.equal(reasons(result).givenName, 'other spelling of Mohammed');
    assert.equal(result.band, 'likely');
  });

  test('Jo finds Joanna, and counts as exact when Jo is her recorded known-as name', () => {
    const joanna = person({ givenNames: ['Joanna'], familyNames: ['Brown'], dateOfBirth: '2010-01-20', sex: 'F' });
    const joannaKnownAsJo = { ...joanna, givenNames: ['Joanna', 'Jo'] };
    const search = person({ givenNames: ['Jo'], familyNames: ['Brown'], dateOfBirth: '2010-01-20' });
    const byNickname = scorePair(search, joanna);
    const byKnownAs = scorePair(search, joannaKnownAsJo);
    assert.equal(reasons(byNickname).givenName, 'nickname of Joanna');
    assert.equal(byNickname.band, 'likely');
    assert.equal(levels(byKnownAs).givenName, 'exact');
    assert.ok(byKnownAs.score > byNickname.score);
  });

  test('names entered the wrong way round still match', () => {
    const record = person({ givenNames: ['Wei'], familyNames: ['Li'], dateOfBirth: '2011-10-01' });
    const result = scorePair(person({ givenNames: ['Li'], familyNames: ['Wei'], dateOfBirth: '2011-10-01' }), record);
    assert.equal(reasons(result).givenName, 'given and family names swapped');
    assert.equal(result.band, 'likely');
  });

  test('a house move and a new double-barrelled surname are still the same child', () => {
    const before = person({ givenNames: ['Kayleigh'], familyNames: ['Jones'], dateOfBirth: '2011-04-05', sex: 'F', postcodes: ['LS6 2AB'] });
    const after = person({ givenNames: ['Kayleigh'], familyNames: ['Smith-Jones'], dateOfBirth: '2011-04-05', sex: 'F', postcodes: ['BD1 1HY', 'LS6 2AB'] });
    const result = scorePair(before, after);
    assert.equal(reasons(result).familyName, 'part of Smith-Jones');
    assert.equal(reasons(result).postcode, 'same postcode as a previous address');
    assert.equal(result.band, 'likely');
  });

  test('without a date of birth, exact names alone are only possible', () => {
    const result = scorePair(person({ givenNames: ['William'], familyNames: ['Smith'] }), williamSmith);
    assert.equal(result.band, 'possible');
  });

  test('the same NHS number links records with a changed name', () => {
    const renamed = person({ givenNames: ['Liam'], familyNames: ['Walker'], dateOfBirth: '2015-03-02', sex: 'M', nhsNumber: '9434765919' });
    assert.equal(scorePair(renamed, williamSmith).band, 'likely');
  });
});

describe('never linking two different children', () => {
  const household = { familyNames: ['Patel'], dateOfBirth: '2016-05-10', sex: 'F' as const, postcodes: ['B33 8TH'] };

  test('twins Amy and Ava Patel (same birthday, address and sex) score below possible', () => {
    const result = scorePair(person({ ...household, givenNames: ['Amy'] }), person({ ...household, givenNames: ['Ava'] }));
    assert.ok(result.score < thresholds.possible, `score ${result.score}`);
    assert.equal(result.band, 'unlikely');
    assert.deepEqual(result.guards.map((g) => g.rule), ['differentGivenNames']);
    // Why the guard exists: fields added up as if independent would call them the same child.
    assert.ok(result.rawScore >= thresholds.autoSuggest);
  });

  test('twins with different names never reach possible', () => {
    const pairs: Array<[string, string, 'M' | 'F']> = [
      ['Amy', 'Ava', 'F'],
      ['Lily', 'Lila', 'F'],
      ['Ella', 'Bella', 'F'],
      ['Millie', 'Mollie', 'F'],
      ['Eva', 'Ava', 'F'],
      ['Fatima', 'Khadija', 'F'],
      ['Oluwaseun', 'Oluwatobiloba', 'M'],
      ['Hassan', 'Hussain', 'M'],
      ['Jack', 'Harry', 'M'],
      ['Mia', 'Mya', 'F'],
    ];
    for (const [a, b, sex] of pairs) {
      const result = scorePair(person({ ...household, sex, givenNames: [a] }), person({ ...household, sex, givenNames: [b] }));
      assert.ok(result.score < thresholds.possible, `${a}/${b}: ${result.score}`);
    }
  });

  test('boy and girl twins with related names never reach possible', () => {
    for (const [boy, girl] of [['Alexander', 'Alexandra'], ['Louis', 'Louise'], ['Daniel', 'Danielle'], ['Oliver', 'Olivia'], ['Alex', 'Alex']]) {
      const result = scorePair(person({ ...household, sex: 'M', givenNames: [boy!] }), person({ ...household, sex: 'F', givenNames: [girl!] }));
      const limit = boy === girl ? thresholds.autoSuggest : thresholds.possible; // the same name: recording error or twin, so check
      assert.ok(result.score < limit, `${boy}/${girl}: ${result.score}`);
    }
  });

  test('twins with near-identical names are at most possible, never likely', () => {
    const result = scorePair(person({ ...household, sex: 'M', givenNames: ['Harvey'] }), person({ ...household, sex: 'M', givenNames: ['Harley'] }));
    assert.equal(result.band, 'possible');
    assert.deepEqual(result.guards.map((g) => g.rule), ['possibleTwin']);
    const rhyming = scorePair(person({ ...household, givenNames: ['Molly'] }), person({ ...household, givenNames: ['Polly'] }));
    assert.ok(rhyming.score < thresholds.autoSuggest);
  });

  test('siblings with different names and dates of birth never reach possible', () => {
    const children = [
      ['Amy', '2016-05-10'],
      ['Priya', '2013-11-02'],
      ['Ravi', '2010-02-28'],
      ['Anaya', '2019-08-14'],
      ['Arjun', '2016-06-10'],
    ] as const;
    for (const [nameA, dobA] of children) {
      for (const [nameB, dobB] of children) {
        if (nameA === nameB) continue;
        for (const sex of ['F', 'M'] as const) {
          const result = scorePair(
            person({ ...household, sex, givenNames: [nameA], dateOfBirth: dobA }),
            person({ ...household, sex, givenNames: [nameB], dateOfBirth: dobB }),
          );
          assert.ok(result.score < thresholds.possible, `${nameA} ${dobA} / ${nameB} ${dobB}: ${result.score}`);
        }
      }
    }
  });

  test('a different NHS number scores low even with the same name and date of birth', () => {
    const other = { ...williamSmith, nhsNumber: '4010232137' };
    const result = scorePair(other, williamSmith);
    assert.equal(reasons(result).nhsNumber, 'different NHS numbers');
    assert.ok(result.score < thresholds.possible, `score ${result.score}`);
    assert.deepEqual(result.guards.map((g) => g.rule), ['identifierConflict']);
  });

  test('an NHS number shared by children with different names is checked, not offered as likely', () => {
    const twin = person({ ...household, givenNames: ['Amy'], nhsNumber: '9434765919' });
    const result = scorePair(twin, { ...twin, givenNames: ['Ava'] });
    assert.equal(result.band, 'possible');
  });

  test('same name, same address, different generation: at most possible', () => {
    const father = person({ givenNames: ['Mohammed'], familyNames: ['Khan'], dateOfBirth: '1985-01-20', sex: 'M', postcodes: ['M1 1AE'] });
    const son = { ...father, dateOfBirth: '2015-06-01' };
    const result = scorePair(father, son);
    assert.ok(result.score < thresholds.autoSuggest);
    assert.deepEqual(result.guards.map((g) => g.rule), ['differentDateOfBirth']);
  });
});

describe('scores', () => {
  test('every field is explained with its level, weight and reason', () => {
    const result = scorePair(williamSmith, williamSmith);
    assert.deepEqual(result.fields.map((f) => f.field), MATCH_FIELDS);
    for (const f of result.fields) {
      assert.equal(f.weight, weightFor(DEFAULT_WEIGHTS, f.field, f.level as never));
      assert.ok(f.reason.length > 0);
    }
    assert.equal(result.score, result.fields.reduce((s, f) => s + f.weight, 0));
    assert.equal(result.score, result.rawScore);
  });

  test('scorePair is symmetric', () => {
    const a = person({ givenNames: ['Bill'], familyNames: ['Smyth'], dateOfBirth: '2015-02-03', postcodes: ['LS6 2AQ'] });
    assert.equal(scorePair(a, williamSmith).score, scorePair(williamSmith, a).score);
  });

  test('probability follows the score and the prior', () => {
    const priorOdds = Math.log2(DEFAULT_WEIGHTS.lambda / (1 - DEFAULT_WEIGHTS.lambda));
    assert.ok(Math.abs(matchProbability(-priorOdds, DEFAULT_WEIGHTS.lambda) - 0.5) < 1e-12);
    assert.ok(matchProbability(20, 1e-4) > matchProbability(10, 1e-4));
    assert.ok(matchProbability(10, 1e-2) > matchProbability(10, 1e-4));
    const result = scorePair(williamSmith, williamSmith);
    assert.equal(result.probability, matchProbability(result.score, DEFAULT_WEIGHTS.lambda));
  });

  test('a record compared with nothing recorded scores 0 and is unlikely', () => {
    const result = scorePair(person({}), williamSmith);
    assert.equal(result.score, 0);
    assert.equal(result.band, 'unlikely');
  });

  test('thresholds can be passed in, and guards hold pairs below the ones given', () => {
    const twins = [person({ ...{ familyNames: ['Patel'], dateOfBirth: '2016-05-10', postcodes: ['B33 8TH'] }, givenNames: ['Amy'] }), person({ familyNames: ['Patel'], dateOfBirth: '2016-05-10', postcodes: ['B33 8TH'], givenNames: ['Ava'] })] as const;
    const strict = { autoSuggest: 30, possible: 20 };
    const result = scorePair(twins[0], twins[1], DEFAULT_WEIGHTS, strict);
    assert.ok(result.score < strict.possible);
    assert.equal(scorePair(williamSmith, williamSmith, DEFAULT_WEIGHTS, strict).band, 'likely');
  });
});

describe('default weights', () => {
  test('m and u are probabilities that sum to 1 over each field’s levels', () => {
    for (const field of MATCH_FIELDS) {
      const table = DEFAULT_WEIGHTS.fields[field] as Record<string, { m: number; u: number }>;
      assert.deepEqual(Object.keys(table), [...LEVELS[field]], field);
      let m = 0;
      let u = 0;
      for (const p of Object.values(table)) {
        assert.ok(p.m > 0 && p.m < 1 && p.u > 0 && p.u < 1, field);
        m += p.m;
        u += p.u;
      }
      assert.ok(Math.abs(m - 1) < 1e-9, `${field} m sums to ${m}`);
      assert.ok(Math.abs(u - 1) < 1e-9, `${field} u sums to ${u}`);
    }
  });

  test('agreement is evidence for, disagreement against, and exact is the strongest name and date evidence', () => {
    const w = <F extends MatchField>(field: F, level: string) => weightFor(DEFAULT_WEIGHTS, field, level as never);
    for (const field of MATCH_FIELDS) assert.ok(w(field, 'different') < 0, field);
    for (const [field, level] of [['givenName', 'exact'], ['familyName', 'exact'], ['dateOfBirth', 'exact'], ['postcode', 'unit'], ['nhsNumber', 'same'], ['upn', 'same'], ['sex', 'same']] as const) {
      assert.ok(w(field, level) > 0, `${field} ${level}`);
    }
    for (const level of LEVELS.givenName) if (level !== 'exact' && level !== 'swapped') assert.ok(w('givenName', level) < w('givenName', 'exact'), level);
    for (const level of LEVELS.dateOfBirth) if (level !== 'exact') assert.ok(w('dateOfBirth', level) < w('dateOfBirth', 'exact'), level);
    assert.ok(w('givenName', 'nickname') > w('givenName', 'sharedNickname'));
    assert.ok(w('givenName', 'similar') > w('givenName', 'weak'));
    assert.equal(weightFor(DEFAULT_WEIGHTS, 'givenName', 'missing'), 0);
    assert.throws(() => weightFor(DEFAULT_WEIGHTS, 'givenName', 'bogus' as never), RangeError);
    assert.ok(thresholds.autoSuggest > thresholds.possible);
  });
});

// ---------------------------------------------------------------------------------------------
// EM
// ---------------------------------------------------------------------------------------------

/** Small seeded generator (mulberry32), so the synthetic data is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Truth = { [F in 'givenName' | 'familyName' | 'dateOfBirth' | 'sex' | 'postcode']: { m: number[]; u: number[] } };

const TRUTH: Truth = {
  givenName: { m: [0.7, 0.1, 0.02, 0.02, 0.05, 0.02, 0.03, 0.03, 0.02, 0.01], u: [0.02, 0.01, 0.005, 0.005, 0.01, 0.01, 0.01, 0.05, 0.05, 0.83] },
  familyName: { m: [0.8, 0.05, 0.02, 0.05, 0.08], u: [0.03, 0.01, 0.005, 0.02, 0.935] },
  dateOfBirth: { m: [0.8, 0.04, 0.04, 0.05, 0.02, 0.03, 0.01, 0.01], u: [0.01, 0.005, 0.01, 0.02, 0.005, 0.05, 0.1, 0.8] },
  sex: { m: [0.97, 0.03], u: [0.5, 0.5] },
  postcode: { m: [0.6, 0.15, 0.1, 0.15], u: [0.02, 0.05, 0.15, 0.78] },
};
const TRUE_LAMBDA = 0.2;

function draw(probabilities: readonly number[], r: number): number {
  let acc = 0;
  for (let i = 0; i < probabilities.length; i++) {
    acc += probabilities[i]!;
    if (r < acc) return i;
  }
  return probabilities.length - 1;
}

function syntheticPairs(n: number, seed: number): FieldLevels[][] {
  const rand = random(seed);
  const pairs: FieldLevels[][] = [];
  for (let i = 0; i < n; i++) {
    const isMatch = rand() < TRUE_LAMBDA;
    const pair: FieldLevels[] = [];
    for (const field of Object.keys(TRUTH) as (keyof Truth)[]) {
      if (rand() < 0.1) {
        pair.push({ field, level: 'missing' } as FieldLevels);
        continue;
      }
      const level = LEVELS[field][draw(isMatch ? TRUTH[field].m : TRUTH[field].u, rand())]!;
      pair.push({ field, level } as FieldLevels);
    }
    pairs.push(pair);
  }
  return pairs;
}

describe('estimateWeightsEM', () => {
  const pairs = syntheticPairs(20000, 20240501);

  test('recovers m, u and λ from comparison vectors generated with known values', () => {
    const result = estimateWeightsEM(pairs, 500);
    assert.ok(result.converged, `not converged after ${result.iterations}`);
    assert.ok(Math.abs(result.lambda - TRUE_LAMBDA) < 0.01, `λ ${result.lambda}`);
    assert.equal(result.weights.lambda, result.lambda);
    for (const field of Object.keys(TRUTH) as (keyof Truth)[]) {
      const estimated = result.weights.fields[field] as Record<string, { m: number; u: number }>;
      LEVELS[field].forEach((level, i) => {
        const { m, u } = estimated[level]!;
        assert.ok(Math.abs(m - TRUTH[field].m[i]!) < 0.02, `${field} ${level} m ${m.toFixed(4)} vs ${TRUTH[field].m[i]}`);
        assert.ok(Math.abs(u - TRUTH[field].u[i]!) < 0.02, `${field} ${level} u ${u.toFixed(4)} vs ${TRUTH[field].u[i]}`);
      });
    }
    // Fields never observed keep their starting values.
    assert.deepEqual(result.weights.fields.nhsNumber, DEFAULT_WEIGHTS.fields.nhsNumber);
    assert.deepEqual(result.weights.fields.upn, DEFAULT_WEIGHTS.fields.upn);
  });

  test('the log-likelihood never decreases', () => {
    const result = estimateWeightsEM(pairs, 60);
    assert.ok(result.logLikelihood.length > 1);
    for (let i = 1; i < result.logLikelihood.length; i++) {
      const [before, after] = [result.logLikelihood[i - 1]!, result.logLikelihood[i]!];
      assert.ok(after >= before - 1e-6 * Math.abs(before), `iteration ${i}: ${before} → ${after}`);
    }
    assert.ok(result.logLikelihood.at(-1)! > result.logLikelihood[0]!);
  });

  test('fixU keeps u and still estimates m and λ', () => {
    const start: MatchWeights = {
      lambda: 0.5,
      fields: Object.fromEntries(
        MATCH_FIELDS.map((field) => [
          field,
          Object.fromEntries(
            LEVELS[field].map((level, i) => {
              const truth = (TRUTH as Record<string, { m: number[]; u: number[] } | undefined>)[field];
              const fallback = (DEFAULT_WEIGHTS.fields[field] as Record<string, { m: number; u: number }>)[level]!;
              return [level, truth ? { m: 1 / LEVELS[field].length + (i === 0 ? 0.3 : -0.3 / (LEVELS[field].length - 1)), u: truth.u[i]! } : fallback];
            }),
          ),
        ]),
      ) as unknown as MatchWeights['fields'],
    };
    const result = estimateWeightsEM(pairs, 500, { start, fixU: true });
    assert.deepEqual(result.weights.fields.postcode.unit.u, TRUTH.postcode.u[0]);
    assert.ok(Math.abs(result.lambda - TRUE_LAMBDA) < 0.01, `λ ${result.lambda}`);
    assert.ok(Math.abs(result.weights.fields.givenName.exact.m - TRUTH.givenName.m[0]!) < 0.02);
  });

  test('estimated weights plug straight into scorePair', () => {
    const { weights } = estimateWeightsEM(pairs, 200);
    const result = scorePair(williamSmith, williamSmith, { ...weights, lambda: DEFAULT_WEIGHTS.lambda });
    assert.ok(Number.isFinite(result.score) && result.score > 0);
  });

  test('ignores missing levels, refuses unknown ones, and returns the start for no data', () => {
    const empty = estimateWeightsEM([], 10);
    assert.equal(empty.iterations, 0);
    assert.deepEqual(empty.weights, DEFAULT_WEIGHTS);
    const allMissing = estimateWeightsEM([[{ field: 'givenName', level: 'missing' }]], 10);
    assert.deepEqual(allMissing.weights.fields, DEFAULT_WEIGHTS.fields);
    assert.throws(() => estimateWeightsEM([[{ field: 'givenName', level: 'bogus' } as unknown as FieldLevels]], 10), RangeError);
  });
});

test('"Na" is a given name, not a placeholder: twins Yan and Na Chen stay below possible', async () => {
  const { scorePair, thresholds } = await import('../../src/people/matching/index.js');
  const base = { familyNames: ['Chen'], dateOfBirth: '2017-04-09', sex: 'F' as const, postcodes: ['DB2 4QT'], nhsNumber: null, upn: null };
  const s = scorePair({ ...base, givenNames: ['Yan'] }, { ...base, givenNames: ['Na'] });
  assert.ok(s.score < thresholds.possible, `scored ${s.score}`);
});
