import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { compareFamilyNames, compareGivenNames, compareNames, type PersonForMatching } from '../../src/people/matching/compare.js';
import { likelySlip, nameFrequencies, type MatchContext } from '../../src/people/matching/frequencies.js';
import { scorePair, thresholds } from '../../src/people/matching/score.js';

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

/** A council's index of 50,000 people, with how many hold each name. */
const frequencies = nameFrequencies(
  50_000,
  new Map([
    ['anjali', 40], ['anajli', 1], ['lily', 300], ['lila', 25], ['lola', 30], ['oliver', 500], ['nikhil', 30], ['nkhil', 1],
    ['mohammed', 1500], ['amy', 200], ['ava', 250], ['zephyrine', 2], ['william', 400], ['emily', 300],
  ]),
  new Map([['khan', 900], ['khen', 1], ['smith', 600], ['patel', 800], ['featherstonehaugh', 2], ['kapoor', 20]]),
);
const context: MatchContext = { frequencies };
const count = (key: string) => frequencies.given(key);

describe('typing slips, told apart from other names by how common each spelling is', () => {
  test('a spelling nobody else has, one keystroke from an established name, is a slip', () => {
    assert.deepEqual(likelySlip('anjali', 'anajli', count), { slip: 'anajli', name: 'anjali' });
    assert.deepEqual(likelySlip('nkhil', 'nikhil', count), { slip: 'nkhil', name: 'nikhil' });
    assert.deepEqual(likelySlip('olivr', 'oliver', count), { slip: 'olivr', name: 'oliver' }); // not in the index at all (a search)
  });

  test('two established spellings are two names, however close (twins Lily and Lila)', () => {
    assert.equal(likelySlip('lily', 'lila', count), null);
    assert.equal(likelySlip('amy', 'ava', count), null);
  });

  test('a rare spelling near two established names is not corrected (Lilx: Lily or Lila?)', () => {
    assert.equal(likelySlip('lilx', 'lily', count), null);
  });

  test('more than one edit, a different first letter, or a rare "name" on both sides: no slip', () => {
    assert.equal(likelySlip('oliver', 'olvr', count), null); // two edits
    assert.equal(likelySlip('nikhil', 'mikhil', count), null); // first letter
    assert.equal(likelySlip('zephyrine', 'zephyrina', count), null); // zephyrine is held by two people only
  });

  test('a form the nickname table knows is a name in its own right, never a slip', () => {
    assert.equal(likelySlip('emily', 'emely', count), null); // Emely is listed with Emily
  });

  test('given names: "probably a slip", weighed as agreement, with no twin caution', () => {
    const slipped = compareGivenNames(['Anjali'], ['Anajli'], context);
    assert.deepEqual([slipped.level, slipped.reason, slipped.frequency], ['misspelt', 'probably a slip for Anjali', { count: 40, people: 50_000 }]);
    assert.equal(compareGivenNames(['Anjali'], ['Anajli']).level, 'similar'); // without frequencies: as before
    assert.equal(compareGivenNames(['Lily'], ['Lila'], context).level, 'different');
    const household = { familyNames: ['Kapoor'], dateOfBirth: '2017-03-17', sex: 'F' as const, postcodes: ['E15 5YZ'] };
    const slip = scorePair(person({ ...household, givenNames: ['Anjali'] }), person({ ...household, givenNames: ['Anajli'] }), undefined, undefined, context);
    assert.equal(slip.band, 'likely');
    assert.deepEqual(slip.guards, []);
    const withoutFrequencies = scorePair(person({ ...household, givenNames: ['Anjali'] }), person({ ...household, givenNames: ['Anajli'] }));
    assert.deepEqual(withoutFrequencies.guards.map((g) => g.rule), ['possibleTwin']);
  });

  test('twins Amy and Ava Patel, and Lily and Lila Patel, are never proposed, with frequencies known', () => {
    const household = { familyNames: ['Patel'], dateOfBirth: '2016-05-10', sex: 'F' as const, postcodes: ['B33 8TH'] };
    for (const [a, b] of [['Amy', 'Ava'], ['Lily', 'Lila']] as const) {
      const result = scorePair(person({ ...household, givenNames: [a] }), person({ ...household, givenNames: [b] }), undefined, undefined, context);
      assert.ok(result.score < thresholds.possible, `${a}/${b}: ${result.score}`);
    }
  });

  test('family names: a slip of an established surname counts as similar spelling', () => {
    assert.deepEqual(compareFamilyNames(['Khan'], ['Khen'], context), { level: 'similar', reason: 'probably a slip for Khan' });
    assert.equal(compareFamilyNames(['Khan'], ['Khen']).level, 'different');
  });
});

describe('name frequency weighting', () => {
  const base = { dateOfBirth: '2015-03-02', sex: 'M' as const };
  test('sharing a common name counts for less than sharing an uncommon one, and says so', () => {
    const common = scorePair(person({ ...base, givenNames: ['Mohammed'], familyNames: ['Khan'] }), person({ ...base, givenNames: ['Mohammed'], familyNames: ['Khan'] }), undefined, undefined, context);
    const rare = scorePair(
      person({ ...base, givenNames: ['Zephyrine'], familyNames: ['Featherstonehaugh'] }),
      person({ ...base, givenNames: ['Zephyrine'], familyNames: ['Featherstonehaugh'] }),
      undefined,
      undefined,
      context,
    );
    const plain = scorePair(person({ ...base, givenNames: ['Mohammed'], familyNames: ['Khan'] }), person({ ...base, givenNames: ['Mohammed'], familyNames: ['Khan'] }));
    assert.ok(common.score < plain.score && plain.score < rare.score, `${common.score} < ${plain.score} < ${rare.score}`);
    const given = common.fields.find((f) => f.field === 'givenName')!;
    assert.match(given.reason, /^same given name \(a common name here: about 1 person in 33\)$/);
    assert.match(rare.fields.find((f) => f.field === 'familyName')!.reason, /uncommon name/);
  });

  test('a slip of a common name counts for less too, and never more than the name itself', () => {
    const exact = scorePair(person({ givenNames: ['Mohammed'] }), person({ givenNames: ['Mohammed'] }), undefined, undefined, context);
    const slip = scorePair(person({ givenNames: ['Mohammed'] }), person({ givenNames: ['Mohammmed'] }), undefined, undefined, context);
    assert.equal(slip.fields.find((f) => f.field === 'givenName')!.level, 'misspelt');
    assert.ok(slip.score < exact.score, `${slip.score} < ${exact.score}`);
  });

  test('in a small index name frequencies say little: a name held by 1 of 6 people is not "common"', () => {
    const tiny: MatchContext = { frequencies: nameFrequencies(6, new Map([['olivia', 2]]), new Map([['brown', 1], ['browne', 1]])) };
    const exact = scorePair(person({ givenNames: ['Olivia'], familyNames: ['Brown'] }), person({ givenNames: ['Olivia'], familyNames: ['Brown'] }), undefined, undefined, tiny);
    const plain = scorePair(person({ givenNames: ['Olivia'], familyNames: ['Brown'] }), person({ givenNames: ['Olivia'], familyNames: ['Brown'] }));
    assert.ok(Math.abs(exact.score - plain.score) < 1, `${exact.score} vs ${plain.score}`); // a fraction of a bit per name
  });

  test('a rare name gains at most 1 bit over an average one', () => {
    const rare = scorePair(person({ givenNames: ['Zephyrine'] }), person({ givenNames: ['Zephyrine'] }), undefined, undefined, context);
    const plain = scorePair(person({ givenNames: ['Zephyrine'] }), person({ givenNames: ['Zephyrine'] }));
    assert.ok(Math.abs(rare.score - plain.score - 1) < 1e-9, `${rare.score} vs ${plain.score}`);
  });
});

describe('names written the wrong way round, with a second slip', () => {
  test('swapped names agree when one way round matches and the other only loosely (a slip, a nickname, part of a double-barrelled name)', () => {
    const swapped = (a: [string, string], b: [string, string]) => compareNames({ givenNames: [a[0]], familyNames: [a[1]] }, { givenNames: [b[0]], familyNames: [b[1]] }).givenName.level;
    assert.equal(swapped(['Gray', 'Oliver'], ['Oliver', 'Grgy']), 'different'); // Gray/Grgy: only loosely, without frequencies either
    assert.equal(swapped(['Emily', 'Midcombe'], ['Midcombe', 'Milly']), 'swapped');
    assert.equal(swapped(['Lily', 'Cranton'], ['Mossworth-Cranton', 'Lily']), 'swapped');
    assert.equal(swapped(['Ciaran', 'Quinn'], ['Quinn', 'Ciaraxn']), 'swapped');
    assert.equal(swapped(['Amy', 'Patel'], ['Ava', 'Patel']), 'different');
    assert.equal(swapped(['James', 'Ryan'], ['Ryan', 'Jones']), 'different'); // one way round only
  });
});

describe('more second slips', () => {
  test('a slip of a nickname is a nickname: "Regi" for Reg, when Reg is the only established name one keystroke away', () => {
    const withReg: MatchContext = { frequencies: nameFrequencies(50_000, new Map([['reg', 40], ['reginald', 60], ['regi', 1]]), new Map()) };
    assert.deepEqual(compareGivenNames(['Reginald'], ['Regi'], withReg), { level: 'nickname', reason: 'probably a slip for Reg, a nickname of Reginald' });
    assert.equal(compareGivenNames(['Reginald'], ['Regi']).level, 'different');
  });

  test('the same birthday two or three years apart (an age re-assessed) is evidence; further apart it is not', async () => {
    const { compareDatesOfBirth } = await import('../../src/people/matching/compare.js');
    assert.deepEqual(compareDatesOfBirth('2008-09-22', '2010-09-22'), { level: 'yearOffBySome', reason: 'same birthday, year differs by 2' });
    assert.equal(compareDatesOfBirth('2008-09-22', '2011-09-22').level, 'yearOffBySome');
    assert.equal(compareDatesOfBirth('1985-09-22', '2011-09-22').level, 'different'); // parent and child
  });

  test('swapped names may agree through a shared nickname one way round: "Lennie Dalcott" and "Dalcott Leo"', () => {
    const r = compareNames({ givenNames: ['Lennie'], familyNames: ['Dalcott'] }, { givenNames: ['Dalcott'], familyNames: ['Leo'] });
    assert.equal(r.givenName.level, 'swapped');
  });
});

test('two slips in one date of birth still land within a year: weak evidence against, not the "different generation" guard', async () => {
  const { compareDatesOfBirth } = await import('../../src/people/matching/compare.js');
  assert.equal(compareDatesOfBirth('1986-03-02', '1986-08-03').level, 'withinAYear');
  assert.equal(compareDatesOfBirth('1986-03-02', '1988-08-03').level, 'different');
  const household = { givenNames: ['Louie'], familyNames: ['Fairwood'], sex: 'M' as const, postcodes: ['EH35 9NE'] };
  const r = scorePair(person({ ...household, dateOfBirth: '1986-03-02' }), person({ ...household, dateOfBirth: '1986-08-03' }));
  assert.deepEqual(r.guards, []);
  assert.equal(r.band, 'likely');
});

describe('a given-name slip where a twin could be: told apart by who else was born that day', () => {
  const index = nameFrequencies(
    50_000,
    new Map([['layla', 144], ['luyla', 1], ['leyla', 20], ['lyla', 1], ['lila', 11], ['lily', 300], ['lilx', 1], ['merve', 27], ['meve', 1], ['maeve', 50], ['amy', 200], ['ava', 250]]),
    new Map([['carlborough', 12], ['demir', 40], ['moss', 30], ['patel', 800]]),
  );
  const child = (given: string, family: string, dateOfBirth = '2016-05-10') => person({ givenNames: [given], familyNames: [family], dateOfBirth, sex: 'F', postcodes: ['B33 8TH'] });
  /** The index's birthmates: given names by family name key and date of birth. */
  const bornTogether = (households: Record<string, string[]>): MatchContext => ({
    frequencies: index,
    birthmates: (familyKey, dateOfBirth) => households[`${familyKey} ${dateOfBirth}`],
  });

  test('Luyla Carlborough is a slip for Layla Carlborough born the same day when nobody else born that day could be the one meant', () => {
    const context = bornTogether({ 'carlborough 2016-05-10': ['layla', 'luyla'] });
    const r = scorePair(child('Layla', 'Carlborough'), child('Luyla', 'Carlborough'), undefined, undefined, context);
    const given = r.fields.find((f) => f.field === 'givenName')!;
    assert.equal(given.level, 'misspelt');
    assert.match(given.reason, /^probably a slip for Layla: nobody else born that day has a name like it/);
    assert.deepEqual(r.guards, []);
    assert.equal(r.band, 'likely');
  });

  test('Meve for Merve too, although Maeve is as near: no Maeve Demir was born that day', () => {
    const context = bornTogether({ 'demir 2016-05-10': ['merve', 'meve'] });
    const r = scorePair(child('Merve', 'Demir'), child('Meve', 'Demir'), undefined, undefined, context);
    assert.equal(r.band, 'likely');
  });

  test('when a twin with a name the slip could have come from was born that day, the pair stays a possible twin', () => {
    // Twins Lily and Lila Moss; a second record of one of them says "Lilx": which one?
    const context = bornTogether({ 'moss 2016-05-10': ['lily', 'lila', 'lilx'] });
    for (const twin of ['Lily', 'Lila']) {
      const r = scorePair(child(twin, 'Moss'), child('Lilx', 'Moss'), undefined, undefined, context);
      assert.ok(r.score < thresholds.autoSuggest, `${twin}/Lilx: ${r.score}`);
      assert.ok(r.guards.some((g) => g.rule === 'possibleTwin' || g.rule === 'differentGivenNames'), JSON.stringify(r.guards));
    }
  });

  test('without the birthmates looked up, or with a different date of birth or family name, the rule does not apply', () => {
    const noLookup: MatchContext = { frequencies: index };
    assert.ok(scorePair(child('Layla', 'Carlborough'), child('Luyla', 'Carlborough'), undefined, undefined, noLookup).score < thresholds.autoSuggest);
    const context = bornTogether({ 'carlborough 2016-05-10': ['layla', 'luyla'] });
    const otherDay = scorePair(child('Layla', 'Carlborough'), child('Luyla', 'Carlborough', '2016-05-11'), undefined, undefined, context);
    assert.notEqual(otherDay.fields.find((f) => f.field === 'givenName')!.level, 'misspelt');
  });

  test('a slip of a common short name made again and again is still a slip (held by under 2 in 100 as many); a name in its own right is not', () => {
    const big = nameFrequencies(200_000, new Map([['leo', 1175], ['leoe', 4], ['lily', 1200], ['lila', 45]]), new Map([['thornland', 20], ['moss', 30]]));
    const context: MatchContext = { frequencies: big, birthmates: (familyKey) => (familyKey === 'thornland' ? ['leo', 'leoe'] : ['lily', 'lila']) };
    const boy = (given: string) => person({ givenNames: [given], familyNames: ['Thornland'], dateOfBirth: '2010-10-04', sex: 'M', postcodes: ['B18 6XQ'] });
    assert.equal(scorePair(boy('Leo'), boy('Leoe'), undefined, undefined, context).band, 'likely');
    assert.ok(scorePair(child('Lily', 'Moss'), child('Lila', 'Moss'), undefined, undefined, context).score < thresholds.possible);
  });

  test('a third record of the child with another slip is no rival; a slip of the family name too is still one household', () => {
    // Lee Ashstone recorded three times: Lee, Leea and Leey. Leey is one keystroke from Leea, but it is a slip of Lee too.
    const big = nameFrequencies(200_000, new Map([['lee', 257], ['leea', 3], ['leey', 2], ['leo', 1175]]), new Map([['ashstone', 12]]));
    const man = (given: string, family = 'Ashstone') => person({ givenNames: [given], familyNames: [family], dateOfBirth: '1983-06-01', sex: 'M', postcodes: ['M23 3EU'] });
    const withThird: MatchContext = { frequencies: big, birthmates: () => ['lee', 'leea', 'leey'] };
    assert.equal(scorePair(man('Lee'), man('Leea'), undefined, undefined, withThird).band, 'likely');
    // With a twin brother Leo born the same day, "Leeo" could be a slip for either.
    const withBrother: MatchContext = { frequencies: big, birthmates: () => ['lee', 'leeo', 'leo'] };
    assert.ok(scorePair(man('Lee'), man('Leeo'), undefined, undefined, withBrother).score < thresholds.autoSuggest);
    const slipOfFamily: MatchContext = { frequencies: big, birthmates: (familyKey) => (familyKey === 'ashstone' ? ['lee'] : ['leea']) };
    assert.equal(scorePair(man('Lee'), man('Leea', 'Ashstnoe'), undefined, undefined, slipOfFamily).band, 'likely');
  });

  test('a name in its own right is never a slip, however rare here: twins Layla and Lyla stay possible twins', () => {
    // Lyla is held by one person in this index (one keystroke from Layla, held by 144), but it is a name.
    const context = bornTogether({ 'carlborough 2016-05-10': ['layla', 'lyla'] });
    const r = scorePair(child('Layla', 'Carlborough'), child('Lyla', 'Carlborough'), undefined, undefined, context);
    assert.notEqual(r.fields.find((f) => f.field === 'givenName')!.level, 'misspelt');
    assert.ok(r.score < thresholds.autoSuggest, `Layla/Lyla: ${r.score}`);
    assert.ok(r.guards.some((g) => g.rule === 'possibleTwin' || g.rule === 'differentGivenNames'), JSON.stringify(r.guards));
  });

  test('twins Amy and Ava Patel, and Lily and Lila, never pair: neither spelling is rare, whoever was born that day', () => {
    const context = bornTogether({ 'patel 2016-05-10': ['amy', 'ava'], 'moss 2016-05-10': ['lily', 'lila'] });
    for (const [a, b, family] of [['Amy', 'Ava', 'Patel'], ['Lily', 'Lila', 'Moss']] as const) {
      const r = scorePair(child(a, family), child(b, family), undefined, undefined, context);
      assert.ok(r.score < thresholds.possible, `${a}/${b}: ${r.score}`);
    }
  });
});

describe('two spellings of one spoken name', () => {
  test('Jon Smith and John Smith, born 02/03/2015 at the same postcode, pair at likely', () => {
    const boy = (given: string) => person({ givenNames: [given], familyNames: ['Smith'], dateOfBirth: '2015-03-02', sex: 'M', postcodes: ['DE1 3AB'] });
    const r = scorePair(boy('Jon'), boy('John'));
    assert.deepEqual(r.fields.find((f) => f.field === 'givenName')!, { field: 'givenName', level: 'nickname', weight: r.fields[0]!.weight, reason: 'other spelling of John' });
    assert.deepEqual(r.guards, []);
    assert.equal(r.band, 'likely');
  });

  test('a silent h or a doubled letter is the same name said aloud; one keystroke that changes the sound is not', () => {
    assert.equal(compareGivenNames(['Sarah'], ['Sara']).level, 'nickname');
    assert.equal(compareGivenNames(['Hannah'], ['Hana']).level, 'nickname');
    assert.equal(compareGivenNames(['Phillip'], ['Philip']).level, 'nickname');
    assert.equal(compareGivenNames(['Lily'], ['Lila']).level, 'different');
    assert.equal(compareGivenNames(['Amy'], ['Ava']).level, 'different');
    assert.notEqual(compareGivenNames(['Thea'], ['Tea']).level, 'nickname'); // th is not a silent h
  });
});

test('one pet name written short and long (Reg and Reggie, Flo and Flossie) is a nickname; two different pet names of one name (Molly and Polly) stay a possible twin', () => {
  const twin = (given: string) => person({ givenNames: [given], familyNames: ['Cooper'], dateOfBirth: '2012-01-19', sex: 'F', postcodes: ['CV44 7EJ'] });
  assert.deepEqual(compareGivenNames(['Reg'], ['Reggie']), { level: 'nickname', reason: 'Reg is short for Reggie' });
  assert.equal(scorePair(twin('Flo'), twin('Flossie')).band, 'likely');
  const rhyming = scorePair(twin('Molly'), twin('Polly'));
  assert.ok(rhyming.score < thresholds.autoSuggest && rhyming.guards.some((g) => g.rule === 'possibleTwin'), JSON.stringify(rhyming.guards));
});
