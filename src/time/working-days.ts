/**
 * Working days and statutory clocks.
 *
 * Every date in this module is a plain calendar date written 'YYYY-MM-DD'
 * (an "ISO date"). There are no times and no time zones: internally a date is
 * turned into a whole day number (days since 1970-01-01 in the proleptic
 * Gregorian calendar) and all arithmetic is integer arithmetic, so daylight
 * saving changes cannot move a date. The only place a time zone matters is when
 * turning an instant (a JavaScript `Date`) into "which day is it in England":
 * use `isoDateInLondon` / `todayInLondon` for that.
 *
 * Conventions for statutory clocks (Working Together to Safeguard Children 2023
 * and similar timescales expressed in working days):
 *
 * - Saturdays and Sundays are never working days. Bank holidays (England and
 *   Wales) and any local non-working days (for example council closure days
 *   added by an administrator) are not working days either.
 * - Day 0 is the day the clock starts (for example the day a referral is
 *   received), whether or not that day is itself a working day. "Within N
 *   working days" means "by the end of the Nth working day after the start
 *   date". So a referral received on Friday with a 1 working day decision
 *   clock is due on Monday (Tuesday if Monday is a bank holiday), and a
 *   referral received on Saturday is also due on Monday.
 * - `addWorkingDays(date, 0)` returns `date` itself if it is a working day,
 *   otherwise the next working day ("same working day").
 * - `workingDaysBetween(from, to)` counts the working days d with
 *   from < d <= to (excluding `from`, including `to`), and is negative when
 *   `to` is before `from`. Hence for every date d and every n >= 1,
 *   `workingDaysBetween(d, addWorkingDays(d, n)) === n`, and the same holds
 *   for n = 0 when d is a working day.
 *
 * Coverage: a `WorkingCalendar` only knows the non-working days for a fixed
 * range of dates (for the default England and Wales calendar, 2015-01-01 to
 * 2030-12-31). Any date outside that range given to, or produced by, a
 * calendar method throws `OutsideCalendarCoverageError` rather than silently
 * treating an unknown bank holiday as a working day. When that starts
 * happening, extend src/time/bank-holidays-england-wales.ts.
 */

import {
  BANK_HOLIDAYS_ENGLAND_AND_WALES,
  ENGLAND_AND_WALES_COVERAGE,
} from './bank-holidays-england-wales.js';

/** A calendar date written 'YYYY-MM-DD'. */
export type IsoDate = string;

/** Thrown when a string is not a real calendar date in 'YYYY-MM-DD' form, or a date computation leaves years 0001-9999. */
export class InvalidDateError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDateError';
  }
}

/** Thrown when a working-day calculation needs a date the calendar has no holiday data for. */
export class OutsideCalendarCoverageError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'OutsideCalendarCoverageError';
  }
}

// ---------------------------------------------------------------------------
// Calendar-date primitives (pure integer arithmetic, no Date objects)
// ---------------------------------------------------------------------------

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/** Days since 1970-01-01 for a valid (y, m, d) (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of daysFromCivil. */
function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

const MIN_DAY_NUMBER = daysFromCivil(MIN_YEAR, 1, 1);
const MAX_DAY_NUMBER = daysFromCivil(MAX_YEAR, 12, 31);

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `a Date object (${String(value)})`;
  return `a value of type ${value === null ? 'null' : typeof value}`;
}

/** Validates and converts an ISO date string to a day number. */
function toDayNumber(value: unknown, label = 'date'): number {
  if (typeof value !== 'string') {
    throw new InvalidDateError(
      `Invalid ${label}: expected a calendar date string 'YYYY-MM-DD' but got ${describeValue(value)}`,
    );
  }
  const match = ISO_DATE_PATTERN.exec(value);
  if (match === null) {
    throw new InvalidDateError(
      `Invalid ${label} ${JSON.stringify(value)}: expected the form 'YYYY-MM-DD', for example '2024-03-31'`,
    );
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR) {
    throw new InvalidDateError(`Invalid ${label} ${JSON.stringify(value)}: year must be 0001 or later`);
  }
  if (month < 1 || month > 12) {
    throw new InvalidDateError(`Invalid ${label} ${JSON.stringify(value)}: month must be 01 to 12`);
  }
  const maxDay = daysInMonth(year, month);
  if (day < 1 || day > maxDay) {
    throw new InvalidDateError(
      `Invalid ${label} ${JSON.stringify(value)}: day must be 01 to ${maxDay} for ${year}-${match[2]}` +
        (month === 2 && day === 29 ? ` (${year} is not a leap year)` : ''),
    );
  }
  return daysFromCivil(year, month, day);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isSafeInteger(dayNumber) || dayNumber < MIN_DAY_NUMBER || dayNumber > MAX_DAY_NUMBER) {
    throw new InvalidDateError('Date arithmetic went outside the supported years 0001 to 9999');
  }
  const { year, month, day } = civilFromDays(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function requireInteger(value: unknown, label: string, min?: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new RangeError(`${label} must be a whole number, got ${String(value)}`);
  }
  if (min !== undefined && value < min) {
    throw new RangeError(`${label} must be ${min} or more, got ${value}`);
  }
  return value;
}

/** 0 = Sunday ... 6 = Saturday. */
function weekdayOfDayNumber(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------
// Public date helpers
// ---------------------------------------------------------------------------

/** True if `value` is a string 'YYYY-MM-DD' naming a real calendar date (years 0001-9999). */
export function isValidIsoDate(value: unknown): value is IsoDate {
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Validates an ISO date string and returns it unchanged; throws
 * `InvalidDateError` with a readable message otherwise. `label` names the
 * field in the message (e.g. 'referral date').
 */
export function assertIsoDate(value: unknown, label = 'date'): IsoDate {
  toDayNumber(value, label);
  return value as IsoDate;
}

/**
 * Parses a strict 'YYYY-MM-DD' string into a `Date` at 00:00 UTC on that
 * day. Rejects anything else, including impossible dates such as '2023-02-29'
 * or '2024-04-31', and strings with times or whitespace.
 */
export function parseIsoDate(value: string): Date {
  return new Date(toDayNumber(value) * MS_PER_DAY);
}

/**
 * The UTC calendar date of a `Date`, as 'YYYY-MM-DD' (inverse of
 * `parseIsoDate`). To find the date in England for an instant, use
 * `isoDateInLondon` instead.
 */
export function toIsoDate(date: Date): IsoDate {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new InvalidDateError(`toIsoDate needs a valid Date, got ${describeValue(date)}`);
  }
  return fromDayNumber(Math.floor(date.getTime() / MS_PER_DAY));
}

const londonDateFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  calendar: 'gregory',
  numberingSystem: 'latn',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in England (Europe/London, GMT or BST) at the given
 * instant. For example 2024-07-01T23:30:00Z is 00:30 BST on 2024-07-02.
 */
export function isoDateInLondon(instant: Date): IsoDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new InvalidDateError(`isoDateInLondon needs a valid Date, got ${describeValue(instant)}`);
  }
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  for (const part of londonDateFormatter.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  if (year === undefined || month === undefined || day === undefined) {
    throw new Error('Intl.DateTimeFormat did not return year, month and day for Europe/London');
  }
  const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  toDayNumber(iso, 'London date');
  return iso;
}

/** Today's calendar date in England. `now` can be injected for tests. */
export function todayInLondon(now: Date = new Date()): IsoDate {
  return isoDateInLondon(now);
}

/** Day of the week: 0 = Sunday, 1 = Monday, ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

export function isWeekend(date: IsoDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

/** -1 if a is before b, 0 if the same day, 1 if a is after b. Validates both. */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const x = toDayNumber(a, 'first date');
  const y = toDayNumber(b, 'second date');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Adds (or with negative n subtracts) whole calendar days. */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + requireInteger(n, 'Number of days'));
}

/** Calendar days from `from` to `to` (negative if `to` is earlier). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to, 'to date') - toDayNumber(from, 'from date');
}

/**
 * Adds (or with negative n subtracts) whole calendar months. If the day does
 * not exist in the target month the result is the last day of that month:
 * 2023-01-31 + 1 month = 2023-02-28, 2024-01-31 + 1 month = 2024-02-29,
 * 2024-08-31 + 1 month = 2024-09-30. Used for clocks expressed in months, such
 * as a child protection review conference within 3 months. The result may be
 * a weekend or bank holiday; callers decide whether to move it.
 */
export function addCalendarMonths(date: IsoDate, n: number): IsoDate {
  toDayNumber(date);
  const months = requireInteger(n, 'Number of months');
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const total = year * 12 + (month - 1) + months;
  const newYear = Math.floor(total / 12);
  const newMonth = total - newYear * 12 + 1;
  if (newYear < MIN_YEAR || newYear > MAX_YEAR) {
    throw new InvalidDateError('Date arithmetic went outside the supported years 0001 to 9999');
  }
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${pad(newYear, 4)}-${pad(newMonth, 2)}-${pad(newDay, 2)}`;
}

// ---------------------------------------------------------------------------
// Working calendar
// ---------------------------------------------------------------------------

export interface NonWorkingDay {
  readonly date: IsoDate;
  /** Shown to users, e.g. 'Christmas Day' or 'Council closure day'. */
  readonly title?: string;
}

export interface CalendarCoverage {
  /** First date (inclusive) for which the non-working days are known. */
  readonly from: IsoDate;
  /** Last date (inclusive) for which the non-working days are known. */
  readonly to: IsoDate;
}

export interface WorkingCalendarOptions {
  /** Bank holidays and local non-working days. Weekends are added automatically. Dates outside `coverage` are ignored. */
  readonly nonWorkingDays: Iterable<IsoDate | NonWorkingDay>;
  readonly coverage: CalendarCoverage;
}

export type ClockStatus =
  | 'on_track'
  | 'due_soon'
  | 'due_today'
  | 'overdue'
  | 'completed_on_time'
  | 'completed_late';

export interface ClockOptions {
  /**
   * If set (a whole number >= 0), an open clock whose due date is still in
   * the future but with at most this many working days remaining is reported
   * as 'due_soon' instead of 'on_track'. 0 or undefined turns 'due_soon' off.
   */
  readonly dueSoonThreshold?: number;
}

export interface ClockResult {
  readonly startDate: IsoDate;
  readonly dueDate: IsoDate;
  /**
   * Working days used: working days after the start date up to and including
   * the completion date (if completed) or today. Never negative (0 if today is
   * before the start date).
   */
  readonly workingDaysElapsed: number;
  /**
   * `workingDaysBetween(asOf, dueDate)` where asOf is the completion date if
   * completed, otherwise today. Positive: working days left (for a completed
   * clock, working days to spare). 0: due today, or the due date passed
   * but no working day has gone by since (e.g. a weekend straight after a
   * Friday due date). Negative: working days overdue (or, completed, late).
   */
  readonly workingDaysRemaining: number;
  readonly status: ClockStatus;
  readonly completedOn: IsoDate | null;
}

const LOCAL_NON_WORKING_DAY_TITLE = 'Local non-working day';

export class WorkingCalendar {
  readonly coverage: CalendarCoverage;
  private readonly fromDay: number;
  private readonly toDay: number;
  /** Titles of non-weekend-generated non-working days within coverage, keyed by day number. */
  private readonly titles: ReadonlyMap<number, string>;
  /** The inputs as given, kept so that `withLocalNonWorkingDays` can extend them. */
  private readonly sourceDays: readonly NonWorkingDay[];
  /** cumulative[i] = number of working days in [fromDay, fromDay + i]. */
  private readonly cumulative: Int32Array;

  constructor(options: WorkingCalendarOptions) {
    const fromDay = toDayNumber(options.coverage.from, 'coverage start date');
    const toDay = toDayNumber(options.coverage.to, 'coverage end date');
    if (toDay < fromDay) {
      throw new RangeError(
        `Calendar coverage ends (${options.coverage.to}) before it starts (${options.coverage.from})`,
      );
    }
    this.coverage = Object.freeze({ from: options.coverage.from, to: options.coverage.to });
    this.fromDay = fromDay;
    this.toDay = toDay;

    const sourceDays: NonWorkingDay[] = [];
    const titles = new Map<number, string>();
    for (const entry of options.nonWorkingDays) {
      const item: NonWorkingDay = typeof entry === 'string' ? { date: entry } : entry;
      const day = toDayNumber(item.date, 'non-working day');
      const title = item.title ?? LOCAL_NON_WORKING_DAY_TITLE;
      sourceDays.push(Object.freeze({ date: item.date, title }));
      if (day < fromDay || day > toDay) continue;
      const existing = titles.get(day);
      if (existing === undefined) titles.set(day, title);
      else if (!existing.split('; ').includes(title)) titles.set(day, `${existing}; ${title}`);
    }
    this.titles = titles;
    this.sourceDays = Object.freeze(sourceDays);

    const length = toDay - fromDay + 1;
    const cumulative = new Int32Array(length);
    let count = 0;
    for (let i = 0; i < length; i++) {
      if (this.isWorkingDayNumber(fromDay + i)) count++;
      cumulative[i] = count;
    }
    this.cumulative = cumulative;
  }

  /** A new calendar with extra local non-working days (e.g. council closure days) added. */
  withLocalNonWorkingDays(days: Iterable<IsoDate | NonWorkingDay>): WorkingCalendar {
    return new WorkingCalendar({
      coverage: this.coverage,
      nonWorkingDays: [...this.sourceDays, ...days],
    });
  }

  /** True unless the date is a Saturday, Sunday, bank holiday or local non-working day. */
  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(this.index(date, 'date') + this.fromDay);
  }

  /**
   * Why a date is not a working day: 'Saturday', 'Sunday', the holiday
   * title(s) (several joined with '; '), or null for a working day.
   */
  nonWorkingReason(date: IsoDate): string | null {
    const day = this.index(date, 'date') + this.fromDay;
    const title = this.titles.get(day);
    if (title !== undefined) return title;
    const weekday = weekdayOfDayNumber(day);
    if (weekday === 6) return 'Saturday';
    if (weekday === 0) return 'Sunday';
    return null;
  }

  /**
   * The date `n` working days after `date` (n a whole number >= 0). Day 0 is
   * `date` itself, so n = 1 is the first working day strictly after `date`
   * (Friday + 1 = Monday; Saturday + 1 = Monday). For n = 0 the result is
   * `date` if it is a working day, otherwise the next working day.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    const count = requireInteger(n, 'Number of working days', 0);
    const i = this.index(date, 'start date');
    const startCount = this.countAt(i);
    if (count === 0 && this.isWorkingDayNumber(i + this.fromDay)) return date;
    const target = startCount + Math.max(count, 1);
    // Smallest j > i with cumulative[j] >= target; that day is a working day.
    let lo = i + 1;
    let hi = this.cumulative.length - 1;
    if (lo > hi || this.countAt(hi) < target) {
      throw new OutsideCalendarCoverageError(
        `Adding ${count} working day${count === 1 ? '' : 's'} to ${date} goes past ${this.coverage.to}, ` +
          `the last date this working-day calendar has bank holiday data for ` +
          `(covered: ${this.coverage.from} to ${this.coverage.to}). ` +
          `Extend src/time/bank-holidays-england-wales.ts.`,
      );
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.countAt(mid) >= target) hi = mid;
      else lo = mid + 1;
    }
    return fromDayNumber(this.fromDay + lo);
  }

  /**
   * Number of working days d with from < d <= to, or minus the number of
   * working days d with to < d <= from when `to` is before `from`.
   * Inverse of addWorkingDays: workingDaysBetween(d, addWorkingDays(d, n)) === n
   * for n >= 1 (and for n = 0 when d is a working day).
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const i = this.index(from, 'from date');
    const j = this.index(to, 'to date');
    return this.countAt(j) - this.countAt(i);
  }

  /**
   * Status of a clock of `workingDaysAllowed` working days starting on
   * `start` (day 0), as at `today`, optionally completed on `completedOn`.
   * The due date is `addWorkingDays(start, workingDaysAllowed)`; work is on
   * time if completed on or before the due date.
   */
  clockStatus(
    start: IsoDate,
    workingDaysAllowed: number,
    today: IsoDate,
    completedOn?: IsoDate | null,
    options: ClockOptions = {},
  ): ClockResult {
    requireInteger(workingDaysAllowed, 'Working days allowed', 0);
    const dueDate = this.addWorkingDays(start, workingDaysAllowed);
    return this.clockStatusForDueDate(start, dueDate, today, completedOn, options);
  }

  /**
   * As `clockStatus`, but with a due date worked out by the caller (e.g. with
   * `addCalendarMonths` for a clock expressed in months). The due date is used
   * as given, even if it is not a working day.
   *
   * Status rules (dates compared as calendar dates):
   * - completed: 'completed_on_time' if completedOn <= dueDate, else 'completed_late';
   * - open and today > dueDate: 'overdue' (including weekends straight after the due date);
   * - open and today = dueDate: 'due_today';
   * - open, today < dueDate and workingDaysRemaining <= dueSoonThreshold: 'due_soon';
   * - otherwise 'on_track' (also when today is before the start date).
   * A completion date before the start date is rejected with a RangeError.
   */
  clockStatusForDueDate(
    start: IsoDate,
    dueDate: IsoDate,
    today: IsoDate,
    completedOn?: IsoDate | null,
    options: ClockOptions = {},
  ): ClockResult {
    const startIndex = this.index(start, 'start date');
    const dueIndex = this.index(dueDate, 'due date');
    const todayIndex = this.index(today, "today's date");
    if (dueIndex < startIndex) {
      throw new RangeError(`Due date ${dueDate} is before the start date ${start}`);
    }
    const threshold =
      options.dueSoonThreshold === undefined
        ? 0
        : requireInteger(options.dueSoonThreshold, 'dueSoonThreshold', 0);

    const completed = completedOn !== undefined && completedOn !== null;
    let asOfIndex = todayIndex;
    if (completed) {
      asOfIndex = this.index(completedOn, 'completion date');
      if (asOfIndex < startIndex) {
        throw new RangeError(`Completion date ${completedOn} is before the start date ${start}`);
      }
    }
    const workingDaysElapsed = Math.max(0, this.countAt(asOfIndex) - this.countAt(startIndex));
    const workingDaysRemaining = this.countAt(dueIndex) - this.countAt(asOfIndex);

    let status: ClockStatus;
    if (completed) {
      status = asOfIndex <= dueIndex ? 'completed_on_time' : 'completed_late';
    } else if (todayIndex > dueIndex) {
      status = 'overdue';
    } else if (todayIndex === dueIndex) {
      status = 'due_today';
    } else if (workingDaysRemaining <= threshold) {
      status = 'due_soon';
    } else {
      status = 'on_track';
    }
    return Object.freeze({
      startDate: start,
      dueDate,
      workingDaysElapsed,
      workingDaysRemaining,
      status,
      completedOn: completed ? completedOn : null,
    });
  }

  // -------------------------------------------------------------------------

  private isWorkingDayNumber(day: number): boolean {
    const weekday = weekdayOfDayNumber(day);
    return weekday !== 0 && weekday !== 6 && !this.titles.has(day);
  }

  private countAt(index: number): number {
    const value = this.cumulative[index];
    if (value === undefined) throw new Error(`internal error: index ${index} outside calendar`);
    return value;
  }

  /** Validates a date and returns its offset from the coverage start; throws if outside coverage. */
  private index(date: IsoDate, label: string): number {
    const day = toDayNumber(date, label);
    if (day < this.fromDay || day > this.toDay) {
      throw new OutsideCalendarCoverageError(
        `The ${label} ${date} is outside the dates this working-day calendar has bank holiday data for ` +
          `(${this.coverage.from} to ${this.coverage.to}), so working days cannot be counted safely. ` +
          `Extend src/time/bank-holidays-england-wales.ts.`,
      );
    }
    return day - this.fromDay;
  }
}

let englandAndWalesBase: WorkingCalendar | undefined;

/**
 * The England and Wales working calendar (bank holidays 2015-2030), plus any
 * local non-working days (e.g. council closure days between Christmas and New
 * Year), given as 'YYYY-MM-DD' strings or { date, title } objects.
 */
export function defaultCalendar(
  localNonWorkingDays: Iterable<IsoDate | NonWorkingDay> = [],
): WorkingCalendar {
  englandAndWalesBase ??= new WorkingCalendar({
    nonWorkingDays: BANK_HOLIDAYS_ENGLAND_AND_WALES,
    coverage: ENGLAND_AND_WALES_COVERAGE,
  });
  const local = [...localNonWorkingDays];
  return local.length === 0 ? englandAndWalesBase : englandAndWalesBase.withLocalNonWorkingDays(local);
}
