import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import {
  NICKNAMES,
  areNicknames,
  isPlaceholderName,
  jaro,
  jaroWinkler,
  nameKey,
  nameTokens,
  nicknameGroup,
  nicknameRelation,
  osaDistance,
  toAscii,
} from '../../src/people/matching/names.js';

describe('toAscii', () => {
  test('strips diacritics and spells out letters with no ASCII base', () => {
    const cases: Array<[string, string]> = [
      ['Zoë', 'zoe'],
      ['José María', 'jose maria'],
      ['Şükrü Yılmaz', 'sukru yilmaz'],
      ['İbrahim', 'ibrahim'],
      ['Strauß', 'strauss'],
      ['Æsa Œdipe', 'aesa oedipe'],
      ['Søren', 'soren'],
      ['Łukasz Wałęsa', 'lukasz walesa'],
      ['Đorđe', 'dorde'],
      ['Þórunn Guðmundsdóttir', 'thorunn gudmundsdottir'],
      ['Nguyễn Thị Ánh', 'nguyen thi anh'],
      ['Ｊｏｈｎ', 'john'], // full-width letters fold under NFKD
    ];
    for (const [input, expected] of cases) assert.equal(toAscii(input), expected, input);
  });

  test('normalises apostrophes, hyphens and spacing, and drops digits and punctuation', () => {
    assert.equal(toAscii('O’Brien'), "o'brien");
    assert.equal(toAscii('D`Souza'), "d'souza");
    assert.equal(toAscii('Smith – Jones'), 'smith-jones');
    assert.equal(toAscii('Smith--Jones'), 'smith-jones');
    assert.equal(toAscii('  Mary   Ann  '), 'mary ann');
    assert.equal(toAscii('Twin 1'), 'twin');
    assert.equal(toAscii('J. R.'), 'j r');
    assert.equal(toAscii("-'Smith'-"), 'smith');
    assert.equal(toAscii('Мария'), ''); // other scripts are dropped, not guessed
  });
});

describe('nameTokens and nameKey', () => {
  test('splits double-barrelled names and multiple given names', () => {
    assert.deepEqual(nameTokens('Smith-Jones'), ['smith', 'jones']);
    assert.deepEqual(nameTokens('Smith Jones'), ['smith', 'jones']);
    assert.deepEqual(nameTokens('Amy Louise'), ['amy', 'louise']);
    assert.deepEqual(nameTokens('Al-Hassan'), ['al', 'hassan']);
  });

  test("drops apostrophes inside names: O'Brien is obrien", () => {
    assert.deepEqual(nameTokens("O'Brien"), ['obrien']);
    assert.deepEqual(nameTokens("D'Souza"), ['dsouza']);
  });

  test('joins Mc, Mac and O written apart, so both spellings agree', () => {
    assert.deepEqual(nameTokens('Mc Donald'), ['mcdonald']);
    assert.equal(nameKey('Mc Donald'), nameKey('McDonald'));
    assert.equal(nameKey('Mac Donald'), nameKey('MacDonald'));
    assert.equal(nameKey('O Brien'), nameKey("O'Brien"));
    assert.deepEqual(nameTokens('Mc'), ['mc']); // nothing to join to
    assert.notEqual(nameKey('MacDonald'), nameKey('McDonald')); // a different spelling, left to similarity
  });

  test('nameKey runs tokens together', () => {
    assert.equal(nameKey('Smith-Jones'), 'smithjones');
    assert.equal(nameKey('Mary Jane'), nameKey('Mary-Jane'));
  });
});

describe('isPlaceholderName', () => {
  test('recognises names recorded before a child is named or when unknown', () => {
    for (const name of ['Baby', 'unborn', 'Twin 1', 'Baby Boy', 'Unknown', 'Not Known', 'NK', '', '  ']) {
      assert.equal(isPlaceholderName(name), true, name);
    }
  });

  test('a real name, even next to a placeholder word, is not a placeholder', () => {
    for (const name of ['Amy', 'Baby Amy', 'Boyd', 'Knowles']) assert.equal(isPlaceholderName(name), false, name);
  });
});

describe('nickname table', () => {
  test('holds a few hundred well-formed groups', () => {
    assert.ok(NICKNAMES.length >= 300, `only ${NICKNAMES.length} groups`);
    for (const entry of NICKNAMES) {
      assert.match(entry, /^[A-Z][a-z]+( [A-Z][a-z]+)*(: [A-Z][a-z]+( [A-Z][a-z]+)*)?$/, entry);
    }
  });

  test('no group lists the same name twice', () => {
    for (const entry of NICKNAMES) {
      const names = entry.replace(':', '').split(' ').map((n) => toAscii(n));
      assert.equal(new Set(names).size, names.length, entry);
    }
  });

  test('no two groups have the same full forms', () => {
    const formal = NICKNAMES.map((entry) => entry.split(':')[0]!.trim());
    assert.equal(new Set(formal).size, formal.length);
  });

  test('the equivalences the front door relies on', () => {
    const groups = [
      ['William', 'Bill', 'Will', 'Billy', 'Liam'],
      ['Elizabeth', 'Liz', 'Beth', 'Betty', 'Lizzie', 'Eliza'],
      ['Margaret', 'Maggie', 'Peggy', 'Meg'],
      ['Robert', 'Bob', 'Rob', 'Bobby'],
      ['Mohammed', 'Muhammad', 'Mohammad', 'Mohamed', 'Mohamad', 'Muhammed'],
      ['Aleksander', 'Alexander', 'Alex', 'Sasha'],
      ['Katherine', 'Catherine', 'Kate', 'Kath', 'Katie', 'Cathy'],
      ['Oluwaseun', 'Seun'],
      ['Joanna', 'Jo'],
      ['Aisha', 'Aysha', 'Ayesha'],
    ];
    for (const group of groups) {
      for (const a of group) for (const b of group) if (a !== b) assert.equal(areNicknames(a, b), true, `${a} / ${b}`);
    }
  });

  test('ignores case and accents', () => {
    assert.equal(areNicknames('BILL', 'william'), true);
    assert.equal(areNicknames('Zoë', 'Zoey'), true);
  });

  test('keeps boys and girls with related names apart, and does not chain through a shared nickname', () => {
    const pairs = [
      ['Alexander', 'Alexandra'],
      ['Daniel', 'Danielle'],
      ['Louis', 'Louise'],
      ['Samuel', 'Samantha'],
      ['Christopher', 'Christine'],
      ['Francis', 'Frances'],
      ['Julian', 'Julia'],
      ['Emily', 'Emma'],
      ['Amy', 'Ava'],
      ['Ella', 'Bella'],
      ['Eva', 'Ava'],
    ];
    for (const [a, b] of pairs) assert.equal(areNicknames(a!, b!), false, `${a} / ${b}`);
    assert.equal(areNicknames('Alex', 'Alexander'), true);
    assert.equal(areNicknames('Alex', 'Alexandra'), true);
  });

  test('a name is not its own nickname, and unknown names are nobody’s', () => {
    assert.equal(areNicknames('William', 'William'), false);
    assert.equal(areNicknames('Xyzzy', 'William'), false);
    assert.equal(areNicknames('', 'William'), false);
  });

  test('nicknameRelation says how two names are related and which full form to name', () => {
    assert.deepEqual(nicknameRelation('Bill', 'William'), { kind: 'nickname', name: 'William' });
    assert.deepEqual(nicknameRelation('william', 'bill'), { kind: 'nickname', name: 'William' });
    assert.deepEqual(nicknameRelation('Kasia', 'Katarzyna'), { kind: 'nickname', name: 'Katarzyna' });
    assert.deepEqual(nicknameRelation('Muhammad', 'Mohamed'), { kind: 'spelling', name: 'Mohammed' });
    assert.deepEqual(nicknameRelation('Molly', 'Polly'), { kind: 'shared', name: 'Mary' });
    assert.equal(nicknameRelation('Amy', 'Ava'), null);
  });

  test('nicknameGroup lists every equivalent name, full forms first', () => {
    const bill = nicknameGroup('bill');
    assert.equal(bill[0], 'William');
    for (const name of ['Bill', 'Will', 'Liam']) assert.ok(bill.includes(name), name);
    const alex = nicknameGroup('Alex');
    assert.ok(alex.includes('Alexander') && alex.includes('Alexandra'));
    assert.deepEqual(nicknameGroup('Xyzzy'), []);
  });
});

describe('string similarity', () => {
  test('Jaro–Winkler matches published values', () => {
    assert.equal(jaroWinkler('MARTHA', 'MARHTA').toFixed(3), '0.961');
    assert.equal(jaroWinkler('DWAYNE', 'DUANE').toFixed(3), '0.840');
    assert.equal(jaroWinkler('DIXON', 'DICKSONX').toFixed(3), '0.813');
    assert.equal(jaro('MARTHA', 'MARHTA').toFixed(3), '0.944');
    assert.equal(jaro('DWAYNE', 'DUANE').toFixed(3), '0.822');
  });

  test('Jaro–Winkler edge cases', () => {
    assert.equal(jaroWinkler('', ''), 1);
    assert.equal(jaroWinkler('abc', ''), 0);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    assert.equal(jaroWinkler('smith', 'smith'), 1);
  });

  test('Jaro–Winkler is symmetric, at least Jaro and at most 1', () => {
    const words = ['smith', 'smyth', 'smithe', 'khan', 'kahn', 'aisha', 'aysha', 'a', 'ab', 'martha', 'marhta', 'jones'];
    for (const a of words) {
      for (const b of words) {
        const jw = jaroWinkler(a, b);
        assert.ok(Math.abs(jw - jaroWinkler(b, a)) < 1e-12, `${a}/${b}`);
        assert.ok(jw >= jaro(a, b) - 1e-12 && jw <= 1 + 1e-12, `${a}/${b}`);
      }
    }
  });

  test('OSA distance counts a swap of adjacent letters as one edit', () => {
    assert.equal(osaDistance('kitten', 'sitting'), 3);
    assert.equal(osaDistance('khan', 'kahn'), 1);
    assert.equal(osaDistance('ca', 'ac'), 1);
    assert.equal(osaDistance('', 'abc'), 3);
    assert.equal(osaDistance('abc', ''), 3);
    assert.equal(osaDistance('amy', 'ava'), 2);
    assert.equal(osaDistance('smith', 'smith'), 0);
    assert.equal(osaDistance('smith', 'smyth'), 1);
  });
});
