import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import {
  LEVELS,
  compareDatesOfBirth,
  compareFamilyNames,
  compareGivenNames,
  compareNames,
  compareNhsNumbers,
  comparePostcodes,
  compareSex,
  compareUpns,
  comparePeople,
  spellingLevel,
  toFieldLevels,
  type PersonForMatching,
} from '../../src/people/matching/compare.js';
import { makeUpn } from '../../src/people/matching/identifiers.js';

const given = (a: string | string[], b: string | string[]) => compareGivenNames([a].flat(), [b].flat());
const family = (a: string | string[], b: string | string[]) => compareFamilyNames([a].flat(), [b].flat());

describe('spelling similarity', () => {
  test('short names need at most one edit, whatever Jaro–Winkler says', () => {
    assert.equal(spellingLevel('khan', 'kahn', 'given'), 'similar'); // one swap
    assert.equal(spellingLevel('lily', 'lilly', 'given'), 'similar');
    assert.equal(spellingLevel('amy', 'ava', 'given'), 'different');
    assert.equal(spellingLevel('lily', 'lila', 'given'), 'different'); // 0.88, and 4 letters: no weak level either
  });

  test('a different first letter is never the same name by spelling alone', () => {
    assert.equal(spellingLevel('ella', 'bella', 'given'), 'different');
    assert.equal(spellingLevel('shanice', 'chanice', 'given'), 'weak');
  });

  test('family names also accept one edit in five or more letters (Smith/Smyth is only 0.89)', () => {
    assert.equal(spellingLevel('smith', 'smyth', 'family'), 'similar');
    assert.equal(spellingLevel('smith', 'smyth', 'given'), 'weak');
    assert.equal(spellingLevel('shah', 'shaw', 'family'), 'different');
    assert.equal(spellingLevel('patel', 'jones', 'family'), 'different');
  });
});

describe('given names', () => {
  test('each level with its reason', () => {
    assert.deepEqual(given('William', 'william'), { level: 'exact', reason: 'same given name' });
    assert.deepEqual(given('Bill', 'William'), { level: 'nickname', reason: 'nickname of William' });
    assert.deepEqual(given('Muhammad', 'Mohammed'), { level: 'nickname', reason: 'other spelling of Mohammed' });
    assert.deepEqual(given('Precious', 'Precous'), { level: 'similar', reason: 'similar spelling' });
    assert.deepEqual(given('Molly', 'Polly'), { level: 'sharedNickname', reason: 'both short for Mary' });
    assert.deepEqual(given('Louise', 'Amy Louise'), { level: 'partial', reason: 'matches a middle name' });
    assert.deepEqual(given('Mary-Jane', 'Mary'), { level: 'partial', reason: 'part of Mary-Jane' });
    assert.deepEqual(given('J', 'John'), { level: 'initial', reason: 'initial only' });
    assert.deepEqual(given('J.', 'J'), { level: 'initial', reason: 'initial only' });
    assert.deepEqual(given('Millie', 'Mollie'), { level: 'weak', reason: 'slightly similar spelling' });
    assert.deepEqual(given('Amy', 'Ava'), { level: 'different', reason: 'different given names' });
    assert.deepEqual(given('K', 'John'), { level: 'different', reason: 'different given names' });
  });

  test('middle names and hyphens: the first name decides', () => {
    assert.equal(given('Amy', 'Amy Louise').level, 'exact');
    assert.equal(given('Mary Jane', 'Mary-Jane').level, 'exact');
    assert.equal(given('Amy Rose', 'Ava Rose').level, 'different'); // twins may share a middle name
    assert.equal(given('Mary-Kate', 'Mary-Jane').level, 'weak');
  });

  test('the best level across every recorded name wins, and known-as names count', () => {
    assert.equal(given('Jo', ['Joanna', 'Jo']).level, 'exact');
    assert.equal(given('Jo', ['Joanna']).level, 'nickname');
    assert.equal(given(['Ava', 'Bill'], ['Amy', 'William']).level, 'nickname');
  });

  test('placeholders and blanks are not recorded names', () => {
    assert.deepEqual(given('Baby', 'Amy'), { level: 'missing', reason: 'given name not recorded' });
    assert.equal(given(['Unborn', 'Amy'], 'Amy').level, 'exact');
    assert.equal(compareGivenNames([], ['Amy']).level, 'missing');
    assert.equal(given('  ', 'Amy').level, 'missing');
  });
});

describe('family names', () => {
  test('each level with its reason', () => {
    assert.deepEqual(family('Smith', 'SMITH'), { level: 'exact', reason: 'same family name' });
    assert.deepEqual(family("O'Brien", 'OBrien'), { level: 'exact', reason: 'same family name' });
    assert.deepEqual(family('Mc Donald', 'McDonald'), { level: 'exact', reason: 'same family name' });
    assert.deepEqual(family('Smith-Jones', 'Jones Smith'), { level: 'exact', reason: 'same family name, in a different order' });
    assert.deepEqual(family('Smith', 'Smith-Jones'), { level: 'part', reason: 'part of Smith-Jones' });
    assert.deepEqual(family('Al-Hassan', 'Hassan'), { level: 'part', reason: 'part of Al-Hassan' });
    assert.deepEqual(family('Smyth', 'Smith'), { level: 'similar', reason: 'similar spelling' });
    assert.deepEqual(family('Kahn', 'Khan'), { level: 'similar', reason: 'similar spelling' });
    assert.deepEqual(family('Patel', 'Jones'), { level: 'different', reason: 'different family names' });
    assert.deepEqual(family('Unknown', 'Jones'), { level: 'missing', reason: 'family name not recorded' });
  });

  test('a shared particle is not a shared name', () => {
    assert.equal(family('Al-Amin', 'Al-Hassan').level, 'different');
    assert.equal(family('Al', 'Al-Hassan').level, 'different');
  });

  test('two double-barrelled names sharing one part are not a part match', () => {
    assert.equal(family('Smith-Jones', 'Jones-Brown').level, 'different');
  });

  test('a previous family name counts', () => {
    assert.equal(family('Walker', ['Brown', 'Walker']).level, 'exact');
  });
});

describe('names swapped', () => {
  test('given and family names entered the wrong way round', () => {
    const result = compareNames({ givenNames: ['Wei'], familyNames: ['Li'] }, { givenNames: ['Li'], familyNames: ['Wei'] });
    assert.deepEqual(result, {
      givenName: { level: 'swapped', reason: 'given and family names swapped' },
      familyName: { level: 'swapped', reason: 'given and family names swapped' },
    });
    const typo = compareNames({ givenNames: ['Jones'], familyNames: ['Gareth'] }, { givenNames: ['Gareth'], familyNames: ['Jomes'] });
    assert.equal(typo.givenName.level, 'swapped');
  });

  test('not called a swap when the names agree the right way round, or only one crosses', () => {
    const same = compareNames({ givenNames: ['Thomas'], familyNames: ['Thomas'] }, { givenNames: ['Thomas'], familyNames: ['Thomas'] });
    assert.equal(same.givenName.level, 'exact');
    const oneWay = compareNames({ givenNames: ['James'], familyNames: ['Patel'] }, { givenNames: ['Amir'], familyNames: ['James'] });
    assert.equal(oneWay.givenName.level, 'different');
    assert.equal(oneWay.familyName.level, 'different');
  });
});

describe('date of birth', () => {
  test('each level with its reason', () => {
    assert.deepEqual(compareDatesOfBirth('2015-03-02', '2015-03-02'), { level: 'exact', reason: 'same date of birth' });
    assert.deepEqual(compareDatesOfBirth('2015-03-02', '2015-02-03'), { level: 'dayMonthSwapped', reason: 'day and month swapped' });
    assert.deepEqual(compareDatesOfBirth('2015-03-02', '2016-03-02'), { level: 'yearOffByOne', reason: 'year differs by one' });
    assert.deepEqual(compareDatesOfBirth('2019-12-31', '2020-12-31'), { level: 'yearOffByOne', reason: 'year differs by one' });
    assert.deepEqual(compareDatesOfBirth('2015-03-02', '2015-03-07'), { level: 'typo', reason: 'one digit different' });
    assert.deepEqual(compareDatesOfBirth('2015-03-12', '2015-03-21'), { level: 'typo', reason: 'two digits transposed' });
    assert.deepEqual(compareDatesOfBirth('2015-03-02', '2015-03-29'), { level: 'sameMonthYear', reason: 'same month and year of birth' });
    assert.deepEqual(compareDatesOfBirth('2015-03-02', '2012-08-19'), { level: 'different', reason: 'different date of birth' });
    assert.deepEqual(compareDatesOfBirth(null, '2012-08-19'), { level: 'missing', reason: 'date of birth not recorded' });
  });

  test('a date that is not real, or not ISO, is treated as not recorded', () => {
    assert.equal(compareDatesOfBirth('2015-02-30', '2015-02-30').level, 'missing');
    assert.equal(compareDatesOfBirth('03/02/2015', '2015-02-03').level, 'missing');
  });

  test('day 5 month 5 cannot be swapped: it is the same date', () => {
    assert.equal(compareDatesOfBirth('2015-05-05', '2015-05-05').level, 'exact');
  });
});

describe('sex, postcode and identifiers', () => {
  test('sex', () => {
    assert.deepEqual(compareSex('F', 'F'), { level: 'same', reason: 'same sex' });
    assert.deepEqual(compareSex('F', 'M'), { level: 'different', reason: 'different sex recorded' });
    assert.deepEqual(compareSex('U', 'M'), { level: 'missing', reason: 'sex not known' });
    assert.deepEqual(compareSex(null, 'F'), { level: 'missing', reason: 'sex not known' });
  });

  test('postcodes agree at unit, sector or district, across previous addresses', () => {
    assert.deepEqual(comparePostcodes(['ls1 4ap'], ['LS1 4AP']), { level: 'unit', reason: 'same postcode' });
    assert.deepEqual(comparePostcodes(['LS1 4AP'], ['LS1 4DY']), { level: 'sector', reason: 'same postcode sector' });
    assert.deepEqual(comparePostcodes(['LS1 4AP'], ['LS1 3AB']), { level: 'district', reason: 'same postcode district' });
    assert.deepEqual(comparePostcodes(['LS1 4AP'], ['M1 1AE']), { level: 'different', reason: 'different postcode' });
    assert.deepEqual(comparePostcodes(['M1 1AE', 'LS1 4AP'], ['LS1 4AP']), { level: 'unit', reason: 'same postcode as a previous address' });
    assert.deepEqual(comparePostcodes([], ['LS1 4AP']), { level: 'missing', reason: 'postcode not recorded' });
    assert.deepEqual(comparePostcodes(['not known'], ['LS1 4AP']), { level: 'missing', reason: 'postcode not recorded' });
  });

  test('NHS numbers: equal, different, or not comparable', () => {
    assert.deepEqual(compareNhsNumbers('943 476 5919', '9434765919'), { level: 'same', reason: 'same NHS number' });
    assert.deepEqual(compareNhsNumbers('9434765919', '4010232137'), { level: 'different', reason: 'different NHS numbers' });
    assert.deepEqual(compareNhsNumbers(null, '4010232137'), { level: 'missing', reason: 'NHS number not recorded' });
    // A mistyped number is not trusted either way: equal typos are not a match, a typo is not a conflict.
    assert.deepEqual(compareNhsNumbers('9434765918', '9434765918'), { level: 'missing', reason: 'NHS number not valid, so not compared' });
    assert.equal(compareNhsNumbers('0000000000', '0000000000').level, 'missing');
  });

  test('UPNs: a temporary UPN replaced by a permanent one is not a conflict', () => {
    const permanent = makeUpn('801', '2000', '01', '001');
    const other = makeUpn('330', '4071', '19', '318');
    const temporary = makeUpn('801', '2000', '01', '01A');
    assert.deepEqual(compareUpns(permanent, permanent.toLowerCase()), { level: 'same', reason: 'same UPN' });
    assert.deepEqual(compareUpns(permanent, other), { level: 'different', reason: 'different UPNs' });
    assert.deepEqual(compareUpns(temporary, permanent), { level: 'missing', reason: 'temporary UPN, so not compared' });
    assert.deepEqual(compareUpns('Z801200001001', permanent), { level: 'missing', reason: 'UPN not valid, so not compared' });
    assert.equal(compareUpns(null, permanent).level, 'missing');
  });
});

describe('whole records', () => {
  const person: PersonForMatching = {
    givenNames: ['Aisha'],
    familyNames: ['Khan'],
    dateOfBirth: '2012-07-21',
    sex: 'F',
    postcodes: ['M1 1AE'],
    nhsNumber: '9434765919',
    upn: null,
  };

  test('comparePeople gives a level for every field, and toFieldLevels lists them in order', () => {
    const vector = comparePeople(person, { ...person, givenNames: ['Aysha'], familyNames: ['Kahn'] });
    assert.deepEqual(toFieldLevels(vector), [
      { field: 'givenName', level: 'nickname' },
      { field: 'familyName', level: 'similar' },
      { field: 'dateOfBirth', level: 'exact' },
      { field: 'sex', level: 'same' },
      { field: 'postcode', level: 'unit' },
      { field: 'nhsNumber', level: 'same' },
      { field: 'upn', level: 'missing' },
    ]);
  });

  test('every level a comparison can return is one the weights know', () => {
    for (const [field, levels] of Object.entries(LEVELS)) {
      assert.ok(levels.length >= 2, field);
      assert.equal(new Set(levels).size, levels.length, field);
      assert.ok(!(levels as readonly string[]).includes('missing'), field);
    }
  });
});
