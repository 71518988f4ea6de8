import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import {
  LA_CODES,
  isLaCode,
  isTemporaryUpn,
  makeUpn,
  nhsCheckDigit,
  normalisePostcode,
  postcodeParts,
  upnCheckLetter,
  validateNhsNumber,
  validatePostcode,
  validateUpn,
} from '../../src/people/matching/identifiers.js';

describe('validateNhsNumber', () => {
  test('accepts valid numbers with or without spaces and hyphens, normalised to 10 digits', () => {
    for (const input of ['9434765919', '943 476 5919', '943-476-5919', ' 943 476 5919 ', '4010232137']) {
      const result = validateNhsNumber(input);
      assert.equal(result.ok, true, input);
      if (result.ok) assert.match(result.value, /^\d{10}$/);
    }
    assert.deepEqual(validateNhsNumber('943 476 5919'), { ok: true, value: '9434765919' });
  });

  test('a check digit of 11 becomes 0', () => {
    assert.equal(nhsCheckDigit('100000006'), 0);
    assert.deepEqual(validateNhsNumber('1000000060'), { ok: true, value: '1000000060' });
  });

  test('a check digit of 10 means no valid number starts with those 9 digits', () => {
    assert.equal(nhsCheckDigit('400000008'), null);
    for (let last = 0; last <= 9; last++) {
      assert.deepEqual(validateNhsNumber(`400000008${last}`), { ok: false, reason: 'NHS number is not valid: check the digits' });
    }
  });

  test('anything but 10 digits is refused with the same plain reason', () => {
    for (const input of ['', '943476591', '94347659190', '943.476.5919', 'ABC4765919', '943 476 591X']) {
      assert.deepEqual(validateNhsNumber(input), { ok: false, reason: 'NHS number must be 10 digits' }, input);
    }
  });

  test('refuses placeholder numbers of one repeated digit even where the check digit fits', () => {
    assert.equal(nhsCheckDigit('000000000'), 0);
    assert.equal(nhsCheckDigit('111111111'), 1);
    for (const input of ['0000000000', '1111111111']) {
      assert.deepEqual(validateNhsNumber(input), { ok: false, reason: 'NHS number is not valid: check the digits' });
    }
  });

  test('catches every single mistyped digit and every swap of two adjacent different digits', () => {
    for (const valid of ['9434765919', '4010232137', '1000000060']) {
      for (let i = 0; i < 10; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === valid[i]) continue;
          const typo = valid.slice(0, i) + d + valid.slice(i + 1);
          assert.equal(validateNhsNumber(typo).ok, false, typo);
        }
        if (i < 9 && valid[i] !== valid[i + 1]) {
          const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
          assert.equal(validateNhsNumber(swapped).ok, false, swapped);
        }
      }
    }
  });
});

describe('UPN', () => {
  // Worked examples from the DfE's guide to unique pupil numbers.
  test("accepts the DfE guide's permanent and temporary examples, and builds them with makeUpn", () => {
    assert.deepEqual(validateUpn('H801200001001'), { ok: true, value: 'H801200001001' });
    assert.deepEqual(validateUpn('G80120000101A'), { ok: true, value: 'G80120000101A' });
    assert.equal(makeUpn('801', '2000', '01', '001'), 'H801200001001');
    assert.equal(makeUpn(801, 2000, 1, 1), 'H801200001001');
    assert.equal(makeUpn('801', '2000', '01', '01A'), 'G80120000101A');
    assert.equal(upnCheckLetter('801200001001'), 'H');
    assert.equal(isTemporaryUpn('G80120000101A'), true);
    assert.equal(isTemporaryUpn('H801200001001'), false);
  });

  test('normalises case and spaces', () => {
    assert.deepEqual(validateUpn(' h801 2000 01001 '), { ok: true, value: 'H801200001001' });
    assert.deepEqual(validateUpn('g80120000101a'), { ok: true, value: 'G80120000101A' });
  });

  test('rejects the wrong check letter (rule 1510) and an unknown LA number (rule 1530)', () => {
    assert.deepEqual(validateUpn('Z801200001001'), { ok: false, reason: 'UPN invalid (wrong check letter at character 1)', rule: '1510' });
    assert.deepEqual(validateUpn('R900400001001'), { ok: false, reason: 'UPN invalid (characters 2-4 not a recognised LA code)', rule: '1530' });
  });

  test('generated UPNs across the LA list are valid, with every other check letter refused', () => {
    const samples: Array<[string, string, string, string]> = [
      ['001', '0001', '99', '000'],
      ['201', '1234', '05', '123'],
      ['213', '9999', '24', '999'],
      ['420', '7001', '10', '456'],
      ['680', '2345', '13', '07Z'],
      ['816', '4000', '18', '321'],
      ['896', '3012', '22', '55K'],
      ['943', '5555', '00', '042'],
    ];
    for (const [la, est, year, serial] of samples) {
      const upn = makeUpn(la, est, year, serial);
      assert.deepEqual(validateUpn(upn), { ok: true, value: upn }, upn);
      assert.equal(isTemporaryUpn(upn), /[A-Z]$/.test(serial));
      for (const letter of 'ABCDEFGHJKLMNPQRTUVWXYZ') {
        if (letter === upn[0]) continue;
        assert.equal(validateUpn(letter + upn.slice(1)).ok, false);
      }
    }
  });

  test('any single changed digit or adjacent swap in characters 2-13 is caught', () => {
    const letterValue = (ch: string) => 'ABCDEFGHJKLMNPQRTUVWXYZ'.indexOf(ch);
    for (const upn of [makeUpn('801', '2000', '01', '001'), makeUpn('330', '4071', '19', '318'), makeUpn('919', '0102', '23', '76B')]) {
      for (let i = 1; i < 13; i++) {
        for (const d of '0123456789') {
          if (d === upn[i]) continue;
          // A temporary letter weighs the same as the digit of its value (B = 1), so that swap is
          // invisible to the check letter by design: see the next test.
          if (i === 12 && letterValue(upn[i]!) === Number(d)) continue;
          const typo = upn.slice(0, i) + d + upn.slice(i + 1);
          assert.equal(validateUpn(typo).ok, false, typo);
        }
        if (i < 12 && upn[i] !== upn[i + 1]) {
          const swapped = upn.slice(0, i) + upn[i + 1] + upn[i] + upn.slice(i + 2);
          assert.equal(validateUpn(swapped).ok, false, swapped);
        }
      }
    }
  });

  test('a temporary letter and the digit of the same value give the same check letter (DfE design)', () => {
    assert.equal(makeUpn('919', '0102', '23', '76B')[0], makeUpn('919', '0102', '23', '761')[0]);
    assert.equal(validateUpn('P919010223761').ok, true);
    assert.equal(validateUpn('P91901022376B').ok, true);
  });

  test('gives the rule and reason for each kind of malformed UPN', () => {
    assert.deepEqual(validateUpn('H80120000100'), { ok: false, reason: 'UPN must be 13 characters' });
    assert.deepEqual(validateUpn(''), { ok: false, reason: 'UPN must be 13 characters' });
    // A correct check letter but an LA number not on rule 1530's list.
    for (const la of ['000', '006', '200', '214', '804', '897', '944', '999']) {
      const upn = makeUpn(la, '2000', '01', '001');
      assert.equal(validateUpn(upn).ok, false);
      assert.equal((validateUpn(upn) as { rule?: string }).rule, '1530', upn);
    }
    assert.deepEqual(validateUpn('H8012000A1001'), { ok: false, reason: 'UPN invalid (characters 5-12 not all numeric)', rule: '1540' });
    for (const last of ['I', 'O', 'S', '*']) {
      assert.deepEqual(validateUpn(`H80120000100${last}`), { ok: false, reason: 'UPN invalid (character 13 not a recognised value)', rule: '1550' });
    }
  });

  test('the LA list has rule 1530 ranges with their boundaries', () => {
    for (const code of ['001', '005', '201', '213', '330', '336', '420', '660', '681', '815', '816', '865', '896', '908', '940', '943']) {
      assert.equal(isLaCode(code), true, code);
    }
    for (const code of ['000', '006', '200', '214', '329', '421', '659', '682', '804', '814', '817', '897', '910', '939', '944', '1']) {
      assert.equal(isLaCode(code), false, code);
    }
    assert.equal(LA_CODES.size, 195); // counted from the rule's list
  });

  test('makeUpn refuses input it cannot build a UPN from', () => {
    assert.throws(() => makeUpn('8011', '2000', '01', '001'), RangeError);
    assert.throws(() => makeUpn('801', '2000', '01', '0IA'), RangeError);
    assert.throws(() => makeUpn('801', '20X0', '01', '001'), RangeError);
  });
});

describe('postcodes', () => {
  test('normalises to upper case with one space before the inward code', () => {
    const cases: Array<[string, string]> = [
      ['sw1a1aa', 'SW1A 1AA'],
      ['  SW1A   1AA ', 'SW1A 1AA'],
      ['ec1a 1bb', 'EC1A 1BB'],
      ['W1A0AX', 'W1A 0AX'],
      ['m11ae', 'M1 1AE'],
      ['B338TH', 'B33 8TH'],
      ['cr2 6xh', 'CR2 6XH'],
      ['DN551PT', 'DN55 1PT'],
      ['bt7 1nn', 'BT7 1NN'],
      ['ZE1 0AA', 'ZE1 0AA'],
      ['gir0aa', 'GIR 0AA'],
    ];
    for (const [input, expected] of cases) assert.equal(normalisePostcode(input), expected, input);
  });

  test('refuses partial and impossible postcodes', () => {
    for (const input of ['', 'SW1A', 'SW1A 1A', 'SW1A 1AAA', '12345', 'QW1 1AA', 'V1 1AA', 'SJ1 1AA', 'SW1A 1CA', 'SW1A 1AI', 'GIR 1AA', 'SW1A-1AA']) {
      assert.equal(normalisePostcode(input), null, input);
    }
  });

  test('validatePostcode explains what is wrong', () => {
    assert.deepEqual(validatePostcode('sw1a 1aa'), { ok: true, value: 'SW1A 1AA' });
    assert.deepEqual(validatePostcode('GIR 0AA'), { ok: true, value: 'GIR 0AA' });
    assert.deepEqual(validatePostcode('  '), { ok: false, reason: 'Enter a postcode' });
    assert.deepEqual(validatePostcode('SW1A'), { ok: false, reason: 'Enter a full UK postcode, like SW1A 1AA' });
  });

  test('postcodeParts gives area, district, sector and unit', () => {
    assert.deepEqual(postcodeParts('SW1A 1AA'), { area: 'SW', district: 'SW1A', sector: 'SW1A 1', unit: 'SW1A 1AA' });
    assert.deepEqual(postcodeParts('m11ae'), { area: 'M', district: 'M1', sector: 'M1 1', unit: 'M1 1AE' });
    assert.deepEqual(postcodeParts('B33 8TH'), { area: 'B', district: 'B33', sector: 'B33 8', unit: 'B33 8TH' });
    assert.equal(postcodeParts('not a postcode'), null);
  });
});
