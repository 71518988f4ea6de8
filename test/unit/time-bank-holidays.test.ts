import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import {
  BANK_HOLIDAYS_ENGLAND_AND_WALES,
  ENGLAND_AND_WALES_COVERAGE,
  defaultCalendar,
} from '../../src/time/index.js';

// ---------------------------------------------------------------------------
// Independent helpers (deliberately not using the module under test)
// ---------------------------------------------------------------------------

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function plusDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher) for Easter Sunday. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** First weekday on or after the date. */
function onOrAfterWeekday(date: string): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6) d = plusDays(d, 1);
  return d;
}

function firstMonday(year: number, month: number): string {
  let d = iso(year, month, 1);
  while (weekday(d) !== 1) d = plusDays(d, 1);
  return d;
}

function lastMonday(year: number, month: number): string {
  let d = iso(year, month + 1, 0); // day 0 of next month = last day of this month
  while (weekday(d) !== 1) d = plusDays(d, -1);
  return d;
}

/** Bank holidays for a year from the standard rules, without one-off changes. */
function standardRuleDates(year: number): string[] {
  const easter = easterSunday(year);
  const christmas = onOrAfterWeekday(iso(year, 12, 25));
  const boxing = onOrAfterWeekday(plusDays(christmas, 1));
  return [
    onOrAfterWeekday(iso(year, 1, 1)),
    plusDays(easter, -2),
    plusDays(easter, 1),
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
    christmas,
    boxing,
  ].sort();
}

function listedDates(year: number): string[] {
  return BANK_HOLIDAYS_ENGLAND_AND_WALES.filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date);
}

const YEARS = Array.from({ length: 16 }, (_, i) => 2015 + i);

// ---------------------------------------------------------------------------

describe('Easter algorithm used to cross-check the list', () => {
  test('matches known Easter Sundays', () => {
    const known: Record<number, string> = {
      2000: '2000-04-23',
      2008: '2008-03-23',
      2011: '2011-04-24',
      2015: '2015-04-05',
      2016: '2016-03-27',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) {
      assert.equal(easterSunday(Number(year)), date, `Easter ${year}`);
    }
  });
});

describe('England and Wales bank holiday data', () => {
  test('coverage is 2015-01-01 to 2030-12-31', () => {
    assert.deepEqual({ ...ENGLAND_AND_WALES_COVERAGE }, { from: '2015-01-01', to: '2030-12-31' });
  });

  test('every entry is a real weekday date within coverage, sorted, unique and titled', () => {
    let previous = '';
    for (const { date, title } of BANK_HOLIDAYS_ENGLAND_AND_WALES) {
      assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10), date, `${date} is a real date`);
      assert.ok(date >= '2015-01-01' && date <= '2030-12-31', `${date} within coverage`);
      assert.ok(weekday(date) >= 1 && weekday(date) <= 5, `${date} (${title}) is a weekday`);
      assert.ok(date > previous, `${date} sorted and unique`);
      assert.ok(title.trim().length > 0, `${date} has a title`);
      previous = date;
    }
  });

  test('has entries for every year 2015-2030 (8 a year, 10 in 2022, 9 in 2023)', () => {
    for (const year of YEARS) {
      const expected = year === 2022 ? 10 : year === 2023 ? 9 : 8;
      assert.equal(listedDates(year).length, expected, `count for ${year}`);
    }
    assert.equal(BANK_HOLIDAYS_ENGLAND_AND_WALES.length, 16 * 8 + 2 + 1);
  });

  test('the data cannot be mutated', () => {
    assert.ok(Object.isFrozen(BANK_HOLIDAYS_ENGLAND_AND_WALES));
    const first = BANK_HOLIDAYS_ENGLAND_AND_WALES[0];
    assert.ok(first !== undefined && Object.isFrozen(first));
  });

  test('Good Friday and Easter Monday match the Easter algorithm in every year', () => {
    for (const year of YEARS) {
      const easter = easterSunday(year);
      const byDate = new Map(BANK_HOLIDAYS_ENGLAND_AND_WALES.map((h) => [h.date, h.title]));
      assert.equal(byDate.get(plusDays(easter, -2)), 'Good Friday', `Good Friday ${year}`);
      assert.equal(byDate.get(plusDays(easter, 1)), 'Easter Monday', `Easter Monday ${year}`);
    }
  });

  test('years without one-off changes match the standard rules exactly', () => {
    for (const year of YEARS) {
      if (year === 2020 || year === 2022 || year === 2023) continue;
      assert.deepEqual(listedDates(year), standardRuleDates(year), `bank holidays ${year}`);
    }
  });

  test('2020: early May bank holiday moved from Monday 4 May to Friday 8 May (VE Day 75)', () => {
    const expected = standardRuleDates(2020)
      .filter((d) => d !== '2020-05-04')
      .concat('2020-05-08')
      .sort();
    assert.deepEqual(listedDates(2020), expected);
  });

  test('2022: spring bank holiday moved to 2 June, Platinum Jubilee 3 June, State Funeral 19 September', () => {
    const expected = standardRuleDates(2022)
      .filter((d) => d !== '2022-05-30')
      .concat('2022-06-02', '2022-06-03', '2022-09-19')
      .sort();
    assert.deepEqual(listedDates(2022), expected);
  });

  test('2023: extra holiday for the Coronation on Monday 8 May', () => {
    assert.deepEqual(listedDates(2023), standardRuleDates(2023).concat('2023-05-08').sort());
  });
});

describe('known dates through the default calendar', () => {
  const calendar = defaultCalendar();

  const holidays: Array<[string, RegExp]> = [
    ['2015-05-04', /Early May/],
    ['2015-12-28', /Boxing Day \(substitute day\)/],
    ['2016-12-27', /Christmas Day \(substitute day\)/],
    ['2017-01-02', /New Year's Day \(substitute day\)/],
    ['2020-05-08', /VE Day/],
    ['2020-12-28', /Boxing Day \(substitute day\)/],
    ['2021-12-27', /Christmas Day \(substitute day\)/],
    ['2021-12-28', /Boxing Day \(substitute day\)/],
    ['2022-06-02', /Spring bank holiday/],
    ['2022-06-03', /Platinum Jubilee/],
    ['2022-09-19', /State Funeral of Queen Elizabeth II/],
    ['2022-12-26', /Boxing Day/],
    ['2022-12-27', /Christmas Day \(substitute day\)/],
    ['2023-05-08', /coronation of King Charles III/],
    ['2025-04-18', /Good Friday/],
    ['2025-04-21', /Easter Monday/],
    ['2026-04-03', /Good Friday/],
    ['2026-04-06', /Easter Monday/],
    ['2026-12-28', /Boxing Day \(substitute day\)/],
    ['2027-12-27', /Christmas Day \(substitute day\)/],
    ['2027-12-28', /Boxing Day \(substitute day\)/],
    ['2028-01-03', /New Year's Day \(substitute day\)/],
    ['2030-08-26', /Summer bank holiday/],
  ];
  for (const [date, title] of holidays) {
    test(`${date} is a bank holiday`, () => {
      assert.equal(calendar.isWorkingDay(date), false);
      assert.match(calendar.nonWorkingReason(date) ?? '', title);
    });
  }

  const workingDays = [
    '2020-05-04', // normal early May date, moved to 8 May in 2020
    '2022-05-30', // normal spring date, moved to 2 June in 2022
    '2016-12-28', // 2016 had Boxing Day on Monday 26 and Christmas substitute on Tuesday 27 only
    '2022-12-28',
    '2026-12-29',
    '2023-05-02',
    '2021-12-29',
    '2027-01-04', // New Year's Day 2027 is a Friday: no substitute
  ];
  for (const date of workingDays) {
    test(`${date} is an ordinary working day`, () => {
      assert.equal(calendar.isWorkingDay(date), true);
      assert.equal(calendar.nonWorkingReason(date), null);
    });
  }

  test('a holiday that falls at the weekend is not itself listed; its substitute is', () => {
    // Christmas Day 2021 was a Saturday.
    assert.equal(calendar.nonWorkingReason('2021-12-25'), 'Saturday');
    assert.equal(calendar.nonWorkingReason('2021-12-26'), 'Sunday');
  });
});
