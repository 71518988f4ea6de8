import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import {
  BANK_HOLIDAYS_ENGLAND_AND_WALES,
  InvalidDateError,
  OutsideCalendarCoverageError,
  WorkingCalendar,
  addCalendarDays,
  addCalendarMonths,
  assertIsoDate,
  calendarDaysBetween,
  compareIsoDates,
  dayOfWeek,
  defaultCalendar,
  isValidIsoDate,
  isWeekend,
  isoDateInLondon,
  parseIsoDate,
  toIsoDate,
  todayInLondon,
} from '../../src/time/index.js';

const calendar = defaultCalendar();

// ---------------------------------------------------------------------------
// Independent reference implementation (day-by-day with Date in UTC)
// ---------------------------------------------------------------------------

function plusDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function referenceIsWorking(date: string, closed: ReadonlySet<string>): boolean {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6 && !closed.has(date);
}

function referenceAdd(date: string, n: number, closed: ReadonlySet<string>): string {
  let d = date;
  if (n === 0) {
    while (!referenceIsWorking(d, closed)) d = plusDays(d, 1);
    return d;
  }
  let remaining = n;
  while (remaining > 0) {
    d = plusDays(d, 1);
    if (referenceIsWorking(d, closed)) remaining--;
  }
  return d;
}

function referenceBetween(from: string, to: string, closed: ReadonlySet<string>): number {
  if (to < from) return -referenceBetween(to, from, closed);
  let count = 0;
  for (let d = plusDays(from, 1); d <= to; d = plusDays(d, 1)) {
    if (referenceIsWorking(d, closed)) count++;
  }
  return count;
}

/** Deterministic PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = '2015-01-01';
const DAYS_IN_COVERAGE = (Date.UTC(2030, 11, 31) - Date.UTC(2015, 0, 1)) / 86_400_000 + 1;

function randomDate(random: () => number): string {
  return plusDays(FIRST, Math.floor(random() * DAYS_IN_COVERAGE));
}

const BANK_HOLIDAY_SET: ReadonlySet<string> = new Set(BANK_HOLIDAYS_ENGLAND_AND_WALES.map((h) => h.date));

// ---------------------------------------------------------------------------

describe('parseIsoDate / toIsoDate / validation', () => {
  test('parses a valid date to midnight UTC', () => {
    assert.equal(parseIsoDate('2024-02-29').getTime(), Date.UTC(2024, 1, 29));
    assert.equal(parseIsoDate('2015-01-01').toISOString(), '2015-01-01T00:00:00.000Z');
  });

  test('rejects 29 February in a non-leap year with a clear message', () => {
    assert.throws(() => parseIsoDate('2023-02-29'), (err: unknown) => {
      assert.ok(err instanceof InvalidDateError);
      assert.ok(err instanceof RangeError);
      assert.match(err.message, /"2023-02-29"/);
      assert.match(err.message, /2023 is not a leap year/);
      return true;
    });
    assert.throws(() => parseIsoDate('2100-02-29'), /not a leap year/);
    assert.equal(parseIsoDate('2000-02-29').getUTCDate(), 29);
  });

  test('rejects malformed and impossible dates', () => {
    const bad = [
      '2024-04-31',
      '2024-02-30',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-1-05',
      '24-01-05',
      '20240105',
      '2024-01-05T00:00:00Z',
      ' 2024-01-05',
      '2024-01-05 ',
      '05/01/2024',
      '0000-01-01',
      '',
    ];
    for (const value of bad) {
      assert.throws(() => parseIsoDate(value), InvalidDateError, value);
      assert.equal(isValidIsoDate(value), false, value);
    }
  });

  test('isValidIsoDate and assertIsoDate', () => {
    assert.equal(isValidIsoDate('2028-02-29'), true);
    assert.equal(isValidIsoDate(undefined), false);
    assert.equal(isValidIsoDate(new Date()), false);
    assert.equal(assertIsoDate('2024-06-01'), '2024-06-01');
    assert.throws(() => assertIsoDate(20240601, 'referral date'), /Invalid referral date: expected .*number/);
    assert.throws(() => assertIsoDate('2024-06-31', 'referral date'), /Invalid referral date "2024-06-31"/);
  });

  test('toIsoDate gives the UTC calendar date and round-trips parseIsoDate', () => {
    for (const d of ['2015-01-01', '2016-02-29', '2024-12-31', '2030-12-31', '0099-03-01', '1969-12-31']) {
      assert.equal(toIsoDate(parseIsoDate(d)), d);
    }
    assert.equal(toIsoDate(new Date('2024-07-01T23:30:00Z')), '2024-07-01');
    assert.equal(toIsoDate(new Date('2024-07-01T00:30:00+01:00')), '2024-06-30');
    assert.throws(() => toIsoDate(new Date(Number.NaN)), InvalidDateError);
  });
});

describe('isoDateInLondon / todayInLondon', () => {
  const cases: Array<[string, string, string]> = [
    ['2024-07-01T23:30:00Z', '2024-07-02', 'summer: 23:30 UTC is 00:30 BST the next day'],
    ['2024-07-01T22:59:59Z', '2024-07-01', 'summer: 23:59:59 BST'],
    ['2025-06-30T23:00:00Z', '2025-07-01', 'summer: exactly midnight BST'],
    ['2024-01-15T23:30:00Z', '2024-01-15', 'winter: London is on UTC'],
    ['2024-12-31T23:59:59Z', '2024-12-31', 'winter: new year not yet in London'],
    ['2025-01-01T00:00:00Z', '2025-01-01', 'winter: midnight GMT'],
    ['2024-03-30T23:30:00Z', '2024-03-30', 'night before BST starts: still GMT'],
    ['2024-03-31T00:59:59Z', '2024-03-31', 'just before clocks go forward'],
    ['2024-03-31T01:00:00Z', '2024-03-31', 'clocks have gone forward (02:00 BST)'],
    ['2024-03-31T23:30:00Z', '2024-04-01', 'first evening of BST'],
    ['2024-10-26T23:30:00Z', '2024-10-27', 'last night of BST'],
    ['2024-10-27T00:59:59Z', '2024-10-27', '01:59:59 BST just before clocks go back'],
    ['2024-10-27T23:30:00Z', '2024-10-27', 'first evening back on GMT'],
  ];
  for (const [instant, expected, description] of cases) {
    test(`${instant} -> ${expected} (${description})`, () => {
      assert.equal(isoDateInLondon(new Date(instant)), expected);
      assert.equal(todayInLondon(new Date(instant)), expected);
    });
  }

  test('todayInLondon() with no argument returns a valid date near now', () => {
    const today = todayInLondon();
    assert.equal(isValidIsoDate(today), true);
    assert.ok(Math.abs(calendarDaysBetween(toIsoDate(new Date()), today)) <= 1);
  });

  test('rejects an invalid Date', () => {
    assert.throws(() => todayInLondon(new Date('nonsense')), InvalidDateError);
  });
});

describe('plain calendar arithmetic', () => {
  test('dayOfWeek and isWeekend', () => {
    assert.equal(dayOfWeek('2024-02-29'), 4); // Thursday
    assert.equal(dayOfWeek('1970-01-01'), 4);
    assert.equal(dayOfWeek('2020-02-29'), 6); // Saturday
    assert.equal(dayOfWeek('2016-02-29'), 1);
    assert.equal(isWeekend('2024-06-08'), true);
    assert.equal(isWeekend('2024-06-09'), true);
    assert.equal(isWeekend('2024-06-10'), false);
  });

  test('addCalendarDays crosses month, leap day and year ends', () => {
    assert.equal(addCalendarDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addCalendarDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addCalendarDays('2024-03-01', -1), '2024-02-29');
    assert.equal(addCalendarDays('2023-12-31', 1), '2024-01-01');
    assert.equal(addCalendarDays('2024-03-30', 2), '2024-04-01'); // across the BST change
    assert.throws(() => addCalendarDays('2024-01-01', 1.5), RangeError);
    assert.throws(() => addCalendarDays('9999-12-31', 1), InvalidDateError);
  });

  test('calendarDaysBetween and compareIsoDates', () => {
    assert.equal(calendarDaysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(calendarDaysBetween('2023-01-01', '2024-01-01'), 365);
    assert.equal(calendarDaysBetween('2024-03-31', '2024-03-30'), -1);
    assert.equal(compareIsoDates('2024-01-02', '2024-01-10'), -1);
    assert.equal(compareIsoDates('2024-01-10', '2024-01-10'), 0);
    assert.equal(compareIsoDates('2025-01-01', '2024-12-31'), 1);
  });

  test('addCalendarMonths clamps to the end of shorter months', () => {
    assert.equal(addCalendarMonths('2023-01-31', 1), '2023-02-28');
    assert.equal(addCalendarMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addCalendarMonths('2024-05-31', 1), '2024-06-30');
    assert.equal(addCalendarMonths('2024-11-30', 3), '2025-02-28');
    assert.equal(addCalendarMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addCalendarMonths('2024-02-29', 48), '2028-02-29');
    assert.equal(addCalendarMonths('2024-12-15', 1), '2025-01-15');
    assert.equal(addCalendarMonths('2024-10-15', 3), '2025-01-15');
    assert.equal(addCalendarMonths('2024-03-31', -1), '2024-02-29');
    assert.equal(addCalendarMonths('2024-01-15', -13), '2022-12-15');
    assert.equal(addCalendarMonths('2024-01-15', 0), '2024-01-15');
    // CP review: first review within 3 months, then every 6 months.
    assert.equal(addCalendarMonths('2025-01-10', 3), '2025-04-10');
    assert.equal(addCalendarMonths('2025-04-10', 6), '2025-10-10');
  });

  test('addCalendarMonths rejects bad input', () => {
    assert.throws(() => addCalendarMonths('2023-02-29', 1), InvalidDateError);
    assert.throws(() => addCalendarMonths('2024-01-31', 0.5), RangeError);
    assert.throws(() => addCalendarMonths('9999-12-01', 1), InvalidDateError);
  });
});

describe('isWorkingDay', () => {
  test('weekends, bank holidays and ordinary days', () => {
    assert.equal(calendar.isWorkingDay('2024-06-07'), true); // Friday
    assert.equal(calendar.isWorkingDay('2024-06-08'), false); // Saturday
    assert.equal(calendar.isWorkingDay('2024-06-09'), false); // Sunday
    assert.equal(calendar.isWorkingDay('2024-05-06'), false); // Early May bank holiday
    assert.equal(calendar.isWorkingDay('2024-12-27'), true); // between Boxing Day and the weekend
    assert.equal(calendar.nonWorkingReason('2024-06-08'), 'Saturday');
    assert.equal(calendar.nonWorkingReason('2024-06-09'), 'Sunday');
    assert.equal(calendar.nonWorkingReason('2024-12-25'), 'Christmas Day');
  });

  test('leap days', () => {
    assert.equal(calendar.isWorkingDay('2016-02-29'), true); // Monday
    assert.equal(calendar.isWorkingDay('2020-02-29'), false); // Saturday
    assert.equal(calendar.isWorkingDay('2024-02-29'), true); // Thursday
    assert.equal(calendar.isWorkingDay('2028-02-29'), true); // Tuesday
    assert.throws(() => calendar.isWorkingDay('2023-02-29'), InvalidDateError);
  });

  test('working days in a whole year (hand-counted)', () => {
    // 2024: 366 days, starts on a Monday -> 104 weekend days, 8 bank holidays.
    assert.equal(calendar.workingDaysBetween('2023-12-31', '2024-12-31'), 366 - 104 - 8);
    // 2022: 365 days, starts on a Saturday -> 105 weekend days, 10 bank holidays.
    assert.equal(calendar.workingDaysBetween('2021-12-31', '2022-12-31'), 365 - 105 - 10);
  });
});

describe('addWorkingDays', () => {
  test('Friday + 1 = Monday', () => {
    assert.equal(calendar.addWorkingDays('2024-06-07', 1), '2024-06-10');
  });

  test('Friday + 1 = Tuesday when Monday is a bank holiday', () => {
    assert.equal(calendar.addWorkingDays('2024-05-03', 1), '2024-05-07');
    assert.equal(calendar.addWorkingDays('2024-08-23', 1), '2024-08-27');
  });

  test('a referral received at the weekend: first working day after it is Monday', () => {
    assert.equal(calendar.addWorkingDays('2024-06-08', 1), '2024-06-10'); // Saturday
    assert.equal(calendar.addWorkingDays('2024-06-09', 1), '2024-06-10'); // Sunday
    assert.equal(calendar.addWorkingDays('2024-06-08', 2), '2024-06-11');
  });

  test('n = 0 is the same day if working, otherwise the next working day', () => {
    assert.equal(calendar.addWorkingDays('2024-06-10', 0), '2024-06-10');
    assert.equal(calendar.addWorkingDays('2024-06-08', 0), '2024-06-10');
    assert.equal(calendar.addWorkingDays('2024-05-04', 0), '2024-05-07'); // Sat before bank holiday Monday
    assert.equal(calendar.addWorkingDays('2024-12-25', 0), '2024-12-27');
  });

  test('across Christmas and New Year', () => {
    // 2024: Wed 25 and Thu 26 Dec holidays, Fri 27 working, Wed 1 Jan 2025 holiday.
    assert.equal(calendar.addWorkingDays('2024-12-24', 1), '2024-12-27');
    assert.equal(calendar.addWorkingDays('2024-12-24', 2), '2024-12-30');
    assert.equal(calendar.addWorkingDays('2024-12-24', 3), '2024-12-31');
    assert.equal(calendar.addWorkingDays('2024-12-24', 4), '2025-01-02');
    // 2021: Christmas at the weekend, substitutes Mon 27 and Tue 28; New Year 2022 substitute Mon 3 Jan.
    assert.equal(calendar.addWorkingDays('2021-12-24', 1), '2021-12-29');
    assert.equal(calendar.addWorkingDays('2021-12-31', 1), '2022-01-04');
    // 2026: Boxing Day on Saturday, substitute Monday 28.
    assert.equal(calendar.addWorkingDays('2026-12-24', 1), '2026-12-29');
  });

  test('across Easter', () => {
    assert.equal(calendar.addWorkingDays('2025-04-17', 1), '2025-04-22');
    assert.equal(calendar.addWorkingDays('2026-04-02', 1), '2026-04-07');
    assert.equal(calendar.addWorkingDays('2024-03-28', 2), '2024-04-03');
  });

  test('leap years', () => {
    assert.equal(calendar.addWorkingDays('2024-02-28', 1), '2024-02-29');
    assert.equal(calendar.addWorkingDays('2024-02-28', 2), '2024-03-01');
    assert.equal(calendar.addWorkingDays('2023-02-28', 1), '2023-03-01');
    assert.equal(calendar.addWorkingDays('2016-02-26', 1), '2016-02-29');
    assert.equal(calendar.addWorkingDays('2020-02-28', 1), '2020-03-02');
    assert.equal(calendar.addWorkingDays('2028-02-28', 1), '2028-02-29');
  });

  test('45 working day assessment over Easter and the early May bank holiday (hand-counted)', () => {
    assert.equal(calendar.addWorkingDays('2025-03-03', 45), '2025-05-08');
  });

  test('15 working days to an ICPC over the 2022 Jubilee (2 and 3 June holidays, 30 May not)', () => {
    assert.equal(calendar.addWorkingDays('2022-05-23', 15), '2022-06-15');
  });

  test('rejects negative, fractional and non-numeric n', () => {
    assert.throws(() => calendar.addWorkingDays('2024-06-07', -1), /0 or more/);
    assert.throws(() => calendar.addWorkingDays('2024-06-07', 1.5), /whole number/);
    assert.throws(() => calendar.addWorkingDays('2024-06-07', Number.NaN), RangeError);
    assert.throws(() => calendar.addWorkingDays('2024-06-31', 1), InvalidDateError);
  });
});

describe('workingDaysBetween', () => {
  test('excludes from, includes to', () => {
    assert.equal(calendar.workingDaysBetween('2024-06-07', '2024-06-07'), 0);
    assert.equal(calendar.workingDaysBetween('2024-06-07', '2024-06-10'), 1);
    assert.equal(calendar.workingDaysBetween('2024-06-08', '2024-06-09'), 0);
    assert.equal(calendar.workingDaysBetween('2024-06-03', '2024-06-14'), 9);
    assert.equal(calendar.workingDaysBetween('2024-12-24', '2025-01-02'), 4);
  });

  test('negative when to is before from', () => {
    assert.equal(calendar.workingDaysBetween('2024-06-10', '2024-06-07'), -1);
    assert.equal(calendar.workingDaysBetween('2024-06-14', '2024-06-03'), -9);
    assert.equal(calendar.workingDaysBetween('2025-01-02', '2024-12-24'), -4);
  });

  test('property: inverse of addWorkingDays and agrees with a day-by-day reference (seeded random)', () => {
    const random = mulberry32(20_230_101);
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const start = randomDate(random);
      const n = Math.floor(random() * 90);
      const expected = referenceAdd(start, n, BANK_HOLIDAY_SET);
      if (expected > '2030-12-31') {
        assert.throws(() => calendar.addWorkingDays(start, n), OutsideCalendarCoverageError);
        continue;
      }
      const result = calendar.addWorkingDays(start, n);
      assert.equal(result, expected, `addWorkingDays(${start}, ${n})`);
      assert.equal(calendar.isWorkingDay(result), true, `${result} is a working day`);
      if (n >= 1 || calendar.isWorkingDay(start)) {
        assert.equal(calendar.workingDaysBetween(start, result), n, `between(${start}, ${result})`);
        assert.equal(calendar.workingDaysBetween(result, start), 0 - n); // 0 - n avoids -0
      }
      if (n >= 1) {
        assert.ok(result > start);
        // Strictly increasing in n, except that for a non-working start day
        // n = 0 and n = 1 both give the next working day (documented convention).
        const previous = calendar.addWorkingDays(start, n - 1);
        if (n === 1 && !calendar.isWorkingDay(start)) assert.equal(previous, result);
        else assert.ok(previous < result, `addWorkingDays(${start}, ${n - 1}) < ${result}`);
      }
      checked++;
    }
    assert.ok(checked > 2500, `checked ${checked}`);
  });

  test('property: antisymmetric, additive and agrees with a day-by-day reference (seeded random)', () => {
    const random = mulberry32(42);
    for (let i = 0; i < 300; i++) {
      const a = randomDate(random);
      const b = randomDate(random);
      const c = randomDate(random);
      const ab = calendar.workingDaysBetween(a, b);
      assert.equal(ab, referenceBetween(a, b, BANK_HOLIDAY_SET), `between(${a}, ${b})`);
      assert.equal(calendar.workingDaysBetween(b, a), -ab);
      assert.equal(
        calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c),
        calendar.workingDaysBetween(a, c),
      );
    }
  });

  test('property: calendar with random local non-working days agrees with the reference', () => {
    const random = mulberry32(7);
    const local: string[] = [];
    for (let i = 0; i < 200; i++) local.push(randomDate(random));
    const withLocal = defaultCalendar(local);
    const closed = new Set([...BANK_HOLIDAY_SET, ...local]);
    for (let i = 0; i < 500; i++) {
      const start = randomDate(random);
      const n = Math.floor(random() * 60);
      const expected = referenceAdd(start, n, closed);
      if (expected > '2030-12-31') continue;
      assert.equal(withLocal.addWorkingDays(start, n), expected, `addWorkingDays(${start}, ${n})`);
      const other = randomDate(random);
      assert.equal(withLocal.workingDaysBetween(start, other), referenceBetween(start, other, closed));
    }
  });
});

describe('local non-working days', () => {
  test('council closure days between Christmas and New Year push clocks back', () => {
    const local = defaultCalendar([
      '2026-12-29',
      { date: '2026-12-30', title: 'Council closure day' },
      { date: '2026-12-31', title: 'Council closure day' },
    ]);
    assert.equal(local.isWorkingDay('2026-12-29'), false);
    assert.equal(local.nonWorkingReason('2026-12-29'), 'Local non-working day');
    assert.equal(local.nonWorkingReason('2026-12-30'), 'Council closure day');
    assert.equal(local.addWorkingDays('2026-12-24', 1), '2027-01-04');
    assert.equal(local.workingDaysBetween('2026-12-24', '2027-01-04'), 1);
    // The shared default calendar is not changed.
    assert.equal(calendar.isWorkingDay('2026-12-29'), true);
    assert.equal(defaultCalendar().addWorkingDays('2026-12-24', 1), '2026-12-29');
  });

  test('a local day on a weekend or a bank holiday changes no counts', () => {
    const local = defaultCalendar([
      { date: '2025-12-25', title: 'Council closure day' },
      '2025-12-27',
    ]);
    assert.equal(local.nonWorkingReason('2025-12-25'), 'Christmas Day; Council closure day');
    assert.equal(
      local.workingDaysBetween('2025-12-01', '2026-01-31'),
      calendar.workingDaysBetween('2025-12-01', '2026-01-31'),
    );
  });

  test('withLocalNonWorkingDays adds to an existing calendar', () => {
    const one = calendar.withLocalNonWorkingDays(['2025-06-02']);
    const two = one.withLocalNonWorkingDays(['2025-06-03']);
    assert.equal(two.isWorkingDay('2025-06-02'), false);
    assert.equal(two.isWorkingDay('2025-06-03'), false);
    assert.equal(two.isWorkingDay('2025-05-26'), false); // bank holiday kept
    assert.equal(one.isWorkingDay('2025-06-03'), true);
  });

  test('invalid local days are rejected; days outside coverage are accepted but cannot be queried', () => {
    assert.throws(() => defaultCalendar(['2025-02-30']), InvalidDateError);
    assert.throws(() => defaultCalendar(['30/12/2025']), /non-working day/);
    const future = defaultCalendar(['2031-01-02']);
    assert.throws(() => future.isWorkingDay('2031-01-02'), OutsideCalendarCoverageError);
  });

  test('a custom calendar with its own coverage', () => {
    const custom = new WorkingCalendar({
      nonWorkingDays: [{ date: '2024-01-03', title: 'Training day' }],
      coverage: { from: '2024-01-01', to: '2024-01-31' },
    });
    assert.equal(custom.isWorkingDay('2024-01-01'), true); // no bank holidays given
    assert.equal(custom.addWorkingDays('2024-01-02', 1), '2024-01-04');
    assert.throws(() => custom.addWorkingDays('2024-01-30', 2), OutsideCalendarCoverageError);
    assert.throws(
      () => new WorkingCalendar({ nonWorkingDays: [], coverage: { from: '2024-02-01', to: '2024-01-01' } }),
      /before it starts/,
    );
  });
});

describe('coverage guard', () => {
  test('dates at the edges of coverage work', () => {
    assert.equal(calendar.isWorkingDay('2015-01-01'), false); // New Year's Day
    assert.equal(calendar.isWorkingDay('2015-01-02'), true);
    assert.equal(calendar.isWorkingDay('2030-12-31'), true);
    assert.equal(calendar.addWorkingDays('2030-12-24', 3), '2030-12-31');
    assert.equal(calendar.workingDaysBetween('2015-01-01', '2030-12-31') > 4000, true);
  });

  test('dates before or after coverage throw a clear error', () => {
    assert.throws(() => calendar.isWorkingDay('2014-12-31'), (err: unknown) => {
      assert.ok(err instanceof OutsideCalendarCoverageError);
      assert.match(err.message, /2014-12-31/);
      assert.match(err.message, /2015-01-01 to 2030-12-31/);
      return true;
    });
    assert.throws(() => calendar.isWorkingDay('2031-01-01'), OutsideCalendarCoverageError);
    assert.throws(() => calendar.workingDaysBetween('2014-12-31', '2015-01-05'), OutsideCalendarCoverageError);
    assert.throws(() => calendar.clockStatus('2024-01-02', 1, '2031-01-02'), OutsideCalendarCoverageError);
  });

  test('a result that would fall after coverage throws rather than guessing', () => {
    assert.throws(() => calendar.addWorkingDays('2030-12-31', 1), /goes past 2030-12-31/);
    assert.throws(() => calendar.addWorkingDays('2030-12-20', 45), OutsideCalendarCoverageError);
    assert.throws(() => calendar.clockStatus('2030-12-01', 45, '2030-12-02'), OutsideCalendarCoverageError);
  });
});

describe('clockStatus', () => {
  // 45 working day assessment starting Monday 3 March 2025, due Thursday 8 May 2025.
  const start = '2025-03-03';

  test('on the start day: nothing elapsed, all remaining, on track', () => {
    assert.deepEqual(
      { ...calendar.clockStatus(start, 45, start) },
      {
        startDate: start,
        dueDate: '2025-05-08',
        workingDaysElapsed: 0,
        workingDaysRemaining: 45,
        status: 'on_track',
        completedOn: null,
      },
    );
  });

  test('mid-clock on a bank holiday', () => {
    const s = calendar.clockStatus(start, 45, '2025-04-18'); // Good Friday
    assert.equal(s.workingDaysElapsed, 33);
    assert.equal(s.workingDaysRemaining, 12);
    assert.equal(s.status, 'on_track');
    assert.equal(s.workingDaysElapsed + s.workingDaysRemaining, 45);
  });

  test('due_soon threshold is inclusive and counts working days', () => {
    assert.equal(calendar.clockStatus(start, 45, '2025-04-18', null, { dueSoonThreshold: 12 }).status, 'due_soon');
    assert.equal(calendar.clockStatus(start, 45, '2025-04-18', null, { dueSoonThreshold: 11 }).status, 'on_track');
    assert.equal(calendar.clockStatus(start, 45, '2025-05-07', undefined, { dueSoonThreshold: 1 }).status, 'due_soon');
    assert.equal(calendar.clockStatus(start, 45, '2025-05-07').status, 'on_track');
    assert.equal(calendar.clockStatus(start, 45, '2025-05-07', null, { dueSoonThreshold: 0 }).status, 'on_track');
  });

  test('due today takes precedence over due soon', () => {
    const s = calendar.clockStatus(start, 45, '2025-05-08', null, { dueSoonThreshold: 5 });
    assert.equal(s.status, 'due_today');
    assert.equal(s.workingDaysRemaining, 0);
    assert.equal(s.workingDaysElapsed, 45);
  });

  test('overdue from the day after the due date, with negative remaining days', () => {
    const friday = calendar.clockStatus(start, 45, '2025-05-09');
    assert.equal(friday.status, 'overdue');
    assert.equal(friday.workingDaysRemaining, -1);
    assert.equal(friday.workingDaysElapsed, 46);
    const monday = calendar.clockStatus(start, 45, '2025-05-12');
    assert.equal(monday.workingDaysRemaining, -2);
  });

  test('overdue on the weekend straight after a Friday due date (remaining is 0 there)', () => {
    // Referral Thursday 6 June 2024, 1 working day decision, due Friday 7 June.
    const saturday = calendar.clockStatus('2024-06-06', 1, '2024-06-08');
    assert.equal(saturday.dueDate, '2024-06-07');
    assert.equal(saturday.status, 'overdue');
    assert.equal(saturday.workingDaysRemaining, 0);
    assert.equal(calendar.clockStatus('2024-06-06', 1, '2024-06-10').workingDaysRemaining, -1);
  });

  test('1 working day decision on a Friday referral is due on Monday, on track over the weekend', () => {
    const s = calendar.clockStatus('2024-06-07', 1, '2024-06-08');
    assert.equal(s.dueDate, '2024-06-10');
    assert.equal(s.status, 'on_track');
    assert.equal(s.workingDaysElapsed, 0);
    assert.equal(s.workingDaysRemaining, 1);
    assert.equal(calendar.clockStatus('2024-06-07', 1, '2024-06-10').status, 'due_today');
    // Before the early May bank holiday, due on Tuesday.
    assert.equal(calendar.clockStatus('2024-05-03', 1, '2024-05-06').dueDate, '2024-05-07');
    assert.equal(calendar.clockStatus('2024-05-03', 1, '2024-05-06').status, 'on_track');
  });

  test('completed on or before the due date is on time, whatever today is', () => {
    const onDue = calendar.clockStatus(start, 45, '2025-09-01', '2025-05-08');
    assert.equal(onDue.status, 'completed_on_time');
    assert.equal(onDue.completedOn, '2025-05-08');
    assert.equal(onDue.workingDaysElapsed, 45);
    assert.equal(onDue.workingDaysRemaining, 0);
    const early = calendar.clockStatus(start, 45, '2025-04-01', '2025-03-31');
    assert.equal(early.status, 'completed_on_time');
    assert.equal(early.workingDaysElapsed, 20);
    assert.equal(early.workingDaysRemaining, 25);
    assert.equal(calendar.clockStatus(start, 45, start, start).status, 'completed_on_time');
  });

  test('completed after the due date is late, with elapsed frozen at completion', () => {
    const late = calendar.clockStatus(start, 45, '2025-09-01', '2025-05-12');
    assert.equal(late.status, 'completed_late');
    assert.equal(late.workingDaysElapsed, 47);
    assert.equal(late.workingDaysRemaining, -2);
    // Completed on the Saturday after a Thursday due date: late by calendar date.
    assert.equal(calendar.clockStatus(start, 45, '2025-05-12', '2025-05-10').status, 'completed_late');
  });

  test('clock started at the weekend', () => {
    assert.equal(calendar.clockStatus('2024-06-08', 1, '2024-06-08').dueDate, '2024-06-10');
    assert.equal(calendar.clockStatus('2024-06-08', 0, '2024-06-08').dueDate, '2024-06-10');
    assert.equal(calendar.clockStatus('2024-06-10', 0, '2024-06-10').status, 'due_today');
  });

  test('today before the start date: nothing elapsed, on track', () => {
    const s = calendar.clockStatus('2024-06-10', 1, '2024-06-07');
    assert.equal(s.status, 'on_track');
    assert.equal(s.workingDaysElapsed, 0);
    assert.equal(s.workingDaysRemaining, 2);
  });

  test('local closure days extend the clock', () => {
    const local = defaultCalendar(['2026-12-29', '2026-12-30', '2026-12-31']);
    assert.equal(calendar.clockStatus('2026-12-24', 1, '2026-12-29').status, 'due_today');
    const s = local.clockStatus('2026-12-24', 1, '2026-12-29');
    assert.equal(s.dueDate, '2027-01-04');
    assert.equal(s.status, 'on_track');
  });

  test('invalid input is rejected', () => {
    assert.throws(() => calendar.clockStatus(start, -1, start), RangeError);
    assert.throws(() => calendar.clockStatus(start, 2.5, start), RangeError);
    assert.throws(() => calendar.clockStatus(start, 45, start, null, { dueSoonThreshold: -1 }), RangeError);
    assert.throws(() => calendar.clockStatus(start, 45, start, '2025-03-02'), /before the start date/);
    assert.throws(() => calendar.clockStatus('2025-02-29', 45, start), InvalidDateError);
    assert.throws(() => calendar.clockStatus(start, 45, '2025-3-4'), InvalidDateError);
  });
});

describe('clockStatusForDueDate (clocks in months)', () => {
  test('child protection review within 3 months of the initial conference', () => {
    const conference = '2024-11-29';
    const due = addCalendarMonths(conference, 3);
    assert.equal(due, '2025-02-28');
    assert.equal(calendar.clockStatusForDueDate(conference, due, '2025-02-28').status, 'due_today');
    assert.equal(calendar.clockStatusForDueDate(conference, due, '2025-03-01').status, 'overdue');
    const soon = calendar.clockStatusForDueDate(conference, due, '2025-02-24', null, { dueSoonThreshold: 5 });
    assert.equal(soon.status, 'due_soon');
    assert.equal(soon.workingDaysRemaining, 4);
    assert.equal(calendar.clockStatusForDueDate(conference, due, '2025-03-03', '2025-02-27').status, 'completed_on_time');
  });

  test('rejects a due date before the start', () => {
    assert.throws(() => calendar.clockStatusForDueDate('2025-02-01', '2025-01-31', '2025-02-01'), /before the start date/);
  });
});
