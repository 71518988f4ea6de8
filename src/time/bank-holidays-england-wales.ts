/**
 * Bank holidays in England and Wales, 1 January 2015 to 31 December 2030 inclusive.
 *
 * Sources
 * -------
 * - The UK government's list of bank holidays for England and Wales
 *   (https://www.gov.uk/bank-holidays, also published as
 *   https://www.gov.uk/bank-holidays.json, division "england-and-wales").
 * - Schedule 1 to the Banking and Financial Dealings Act 1971 (Easter Monday,
 *   the last Monday in May, the last Monday in August, 26 December if not a
 *   Sunday, 27 December where 25 or 26 December is a Sunday), together with the
 *   royal proclamations made under section 1 of that Act each year (New Year's
 *   Day, the early May bank holiday, substitute days, and one-off holidays).
 *   Good Friday and Christmas Day are common-law holidays.
 *
 * Dates up to and including 2027 are taken from the published list, including
 * the one-off changes made by proclamation:
 * - 2020: early May bank holiday moved from Monday 4 May to Friday 8 May
 *   (75th anniversary of VE Day).
 * - 2022: spring bank holiday moved from Monday 30 May to Thursday 2 June, an
 *   extra holiday on Friday 3 June (Platinum Jubilee), and Monday 19 September
 *   (State Funeral of Queen Elizabeth II).
 * - 2023: Monday 8 May (Coronation of King Charles III).
 *
 * Dates from 2028 to 2030 had not been proclaimed when this list was written.
 * They are derived from the standard rules:
 * - New Year's Day, 1 January, or the following Monday if it falls at a weekend
 *   (substitute day);
 * - Good Friday and Easter Monday (Easter Sunday by the Gregorian computus);
 * - Early May bank holiday: first Monday in May;
 * - Spring bank holiday: last Monday in May;
 * - Summer bank holiday: last Monday in August;
 * - Christmas Day and Boxing Day, with substitute days: the two holidays are
 *   always the first two weekdays on or after 25 December (e.g. Christmas on a
 *   Saturday gives Monday 27 and Tuesday 28 December; Christmas on a Sunday
 *   gives Monday 26 and Tuesday 27; Boxing Day on a Saturday gives Friday 25
 *   and Monday 28).
 * If a future proclamation moves or adds a holiday in 2028-2030 this list MUST
 * be updated (and the tests in test/unit/time-bank-holidays.test.ts which check
 * the derived years against the rules must be told about the special case).
 * Councils can also add their own closure days as local non-working days; see
 * `defaultCalendar` in ./working-days.ts.
 *
 * The list is the data; the tests independently re-derive every year that had
 * no one-off changes and compare it with this list.
 */

export interface BankHoliday {
  /** Calendar date, 'YYYY-MM-DD'. */
  readonly date: string;
  readonly title: string;
}

/** First and last calendar dates for which this list is complete. */
export const ENGLAND_AND_WALES_COVERAGE = {
  from: '2015-01-01',
  to: '2030-12-31',
} as const;

export const BANK_HOLIDAYS_ENGLAND_AND_WALES: readonly BankHoliday[] = Object.freeze([
  // 2015
  { date: '2015-01-01', title: "New Year's Day" },
  { date: '2015-04-03', title: 'Good Friday' },
  { date: '2015-04-06', title: 'Easter Monday' },
  { date: '2015-05-04', title: 'Early May bank holiday' },
  { date: '2015-05-25', title: 'Spring bank holiday' },
  { date: '2015-08-31', title: 'Summer bank holiday' },
  { date: '2015-12-25', title: 'Christmas Day' },
  { date: '2015-12-28', title: 'Boxing Day (substitute day)' },

  // 2016
  { date: '2016-01-01', title: "New Year's Day" },
  { date: '2016-03-25', title: 'Good Friday' },
  { date: '2016-03-28', title: 'Easter Monday' },
  { date: '2016-05-02', title: 'Early May bank holiday' },
  { date: '2016-05-30', title: 'Spring bank holiday' },
  { date: '2016-08-29', title: 'Summer bank holiday' },
  { date: '2016-12-26', title: 'Boxing Day' },
  { date: '2016-12-27', title: 'Christmas Day (substitute day)' },

  // 2017
  { date: '2017-01-02', title: "New Year's Day (substitute day)" },
  { date: '2017-04-14', title: 'Good Friday' },
  { date: '2017-04-17', title: 'Easter Monday' },
  { date: '2017-05-01', title: 'Early May bank holiday' },
  { date: '2017-05-29', title: 'Spring bank holiday' },
  { date: '2017-08-28', title: 'Summer bank holiday' },
  { date: '2017-12-25', title: 'Christmas Day' },
  { date: '2017-12-26', title: 'Boxing Day' },

  // 2018
  { date: '2018-01-01', title: "New Year's Day" },
  { date: '2018-03-30', title: 'Good Friday' },
  { date: '2018-04-02', title: 'Easter Monday' },
  { date: '2018-05-07', title: 'Early May bank holiday' },
  { date: '2018-05-28', title: 'Spring bank holiday' },
  { date: '2018-08-27', title: 'Summer bank holiday' },
  { date: '2018-12-25', title: 'Christmas Day' },
  { date: '2018-12-26', title: 'Boxing Day' },

  // 2019
  { date: '2019-01-01', title: "New Year's Day" },
  { date: '2019-04-19', title: 'Good Friday' },
  { date: '2019-04-22', title: 'Easter Monday' },
  { date: '2019-05-06', title: 'Early May bank holiday' },
  { date: '2019-05-27', title: 'Spring bank holiday' },
  { date: '2019-08-26', title: 'Summer bank holiday' },
  { date: '2019-12-25', title: 'Christmas Day' },
  { date: '2019-12-26', title: 'Boxing Day' },

  // 2020
  { date: '2020-01-01', title: "New Year's Day" },
  { date: '2020-04-10', title: 'Good Friday' },
  { date: '2020-04-13', title: 'Easter Monday' },
  { date: '2020-05-08', title: 'Early May bank holiday (VE Day)' },
  { date: '2020-05-25', title: 'Spring bank holiday' },
  { date: '2020-08-31', title: 'Summer bank holiday' },
  { date: '2020-12-25', title: 'Christmas Day' },
  { date: '2020-12-28', title: 'Boxing Day (substitute day)' },

  // 2021
  { date: '2021-01-01', title: "New Year's Day" },
  { date: '2021-04-02', title: 'Good Friday' },
  { date: '2021-04-05', title: 'Easter Monday' },
  { date: '2021-05-03', title: 'Early May bank holiday' },
  { date: '2021-05-31', title: 'Spring bank holiday' },
  { date: '2021-08-30', title: 'Summer bank holiday' },
  { date: '2021-12-27', title: 'Christmas Day (substitute day)' },
  { date: '2021-12-28', title: 'Boxing Day (substitute day)' },

  // 2022
  { date: '2022-01-03', title: "New Year's Day (substitute day)" },
  { date: '2022-04-15', title: 'Good Friday' },
  { date: '2022-04-18', title: 'Easter Monday' },
  { date: '2022-05-02', title: 'Early May bank holiday' },
  { date: '2022-06-02', title: 'Spring bank holiday' },
  { date: '2022-06-03', title: 'Platinum Jubilee bank holiday' },
  { date: '2022-08-29', title: 'Summer bank holiday' },
  { date: '2022-09-19', title: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
  { date: '2022-12-26', title: 'Boxing Day' },
  { date: '2022-12-27', title: 'Christmas Day (substitute day)' },

  // 2023
  { date: '2023-01-02', title: "New Year's Day (substitute day)" },
  { date: '2023-04-07', title: 'Good Friday' },
  { date: '2023-04-10', title: 'Easter Monday' },
  { date: '2023-05-01', title: 'Early May bank holiday' },
  { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III' },
  { date: '2023-05-29', title: 'Spring bank holiday' },
  { date: '2023-08-28', title: 'Summer bank holiday' },
  { date: '2023-12-25', title: 'Christmas Day' },
  { date: '2023-12-26', title: 'Boxing Day' },

  // 2024
  { date: '2024-01-01', title: "New Year's Day" },
  { date: '2024-03-29', title: 'Good Friday' },
  { date: '2024-04-01', title: 'Easter Monday' },
  { date: '2024-05-06', title: 'Early May bank holiday' },
  { date: '2024-05-27', title: 'Spring bank holiday' },
  { date: '2024-08-26', title: 'Summer bank holiday' },
  { date: '2024-12-25', title: 'Christmas Day' },
  { date: '2024-12-26', title: 'Boxing Day' },

  // 2025
  { date: '2025-01-01', title: "New Year's Day" },
  { date: '2025-04-18', title: 'Good Friday' },
  { date: '2025-04-21', title: 'Easter Monday' },
  { date: '2025-05-05', title: 'Early May bank holiday' },
  { date: '2025-05-26', title: 'Spring bank holiday' },
  { date: '2025-08-25', title: 'Summer bank holiday' },
  { date: '2025-12-25', title: 'Christmas Day' },
  { date: '2025-12-26', title: 'Boxing Day' },

  // 2026
  { date: '2026-01-01', title: "New Year's Day" },
  { date: '2026-04-03', title: 'Good Friday' },
  { date: '2026-04-06', title: 'Easter Monday' },
  { date: '2026-05-04', title: 'Early May bank holiday' },
  { date: '2026-05-25', title: 'Spring bank holiday' },
  { date: '2026-08-31', title: 'Summer bank holiday' },
  { date: '2026-12-25', title: 'Christmas Day' },
  { date: '2026-12-28', title: 'Boxing Day (substitute day)' },

  // 2027
  { date: '2027-01-01', title: "New Year's Day" },
  { date: '2027-03-26', title: 'Good Friday' },
  { date: '2027-03-29', title: 'Easter Monday' },
  { date: '2027-05-03', title: 'Early May bank holiday' },
  { date: '2027-05-31', title: 'Spring bank holiday' },
  { date: '2027-08-30', title: 'Summer bank holiday' },
  { date: '2027-12-27', title: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', title: 'Boxing Day (substitute day)' },

  // 2028 (derived from the standard rules, not yet proclaimed)
  { date: '2028-01-03', title: "New Year's Day (substitute day)" },
  { date: '2028-04-14', title: 'Good Friday' },
  { date: '2028-04-17', title: 'Easter Monday' },
  { date: '2028-05-01', title: 'Early May bank holiday' },
  { date: '2028-05-29', title: 'Spring bank holiday' },
  { date: '2028-08-28', title: 'Summer bank holiday' },
  { date: '2028-12-25', title: 'Christmas Day' },
  { date: '2028-12-26', title: 'Boxing Day' },

  // 2029 (derived from the standard rules, not yet proclaimed)
  { date: '2029-01-01', title: "New Year's Day" },
  { date: '2029-03-30', title: 'Good Friday' },
  { date: '2029-04-02', title: 'Easter Monday' },
  { date: '2029-05-07', title: 'Early May bank holiday' },
  { date: '2029-05-28', title: 'Spring bank holiday' },
  { date: '2029-08-27', title: 'Summer bank holiday' },
  { date: '2029-12-25', title: 'Christmas Day' },
  { date: '2029-12-26', title: 'Boxing Day' },

  // 2030 (derived from the standard rules, not yet proclaimed)
  { date: '2030-01-01', title: "New Year's Day" },
  { date: '2030-04-19', title: 'Good Friday' },
  { date: '2030-04-22', title: 'Easter Monday' },
  { date: '2030-05-06', title: 'Early May bank holiday' },
  { date: '2030-05-27', title: 'Spring bank holiday' },
  { date: '2030-08-26', title: 'Summer bank holiday' },
  { date: '2030-12-25', title: 'Christmas Day' },
  { date: '2030-12-26', title: 'Boxing Day' },
].map((h) => Object.freeze(h)));
