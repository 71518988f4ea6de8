/**
 * Calendar dates, working days and statutory clocks.
 * See ./working-days.ts for the conventions (day 0 = start date, etc.).
 */
export {
  BANK_HOLIDAYS_ENGLAND_AND_WALES,
  ENGLAND_AND_WALES_COVERAGE,
  type BankHoliday,
} from './bank-holidays-england-wales.js';

export {
  WorkingCalendar,
  defaultCalendar,
  InvalidDateError,
  OutsideCalendarCoverageError,
  isValidIsoDate,
  assertIsoDate,
  parseIsoDate,
  toIsoDate,
  isoDateInLondon,
  todayInLondon,
  dayOfWeek,
  isWeekend,
  isLeapYear,
  daysInMonth,
  compareIsoDates,
  addCalendarDays,
  calendarDaysBetween,
  addCalendarMonths,
  type IsoDate,
  type NonWorkingDay,
  type CalendarCoverage,
  type WorkingCalendarOptions,
  type ClockStatus,
  type ClockOptions,
  type ClockResult,
} from './working-days.js';

export { londonDateTime, londonTimeOfDay } from './london-time.js';
