import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ClockStatus, WorkingCalendar } from '../time/index.js';

/**
 * A statutory clock on a child's record (assessment due, ICPC due, visit due...). Every practice module offers its
 * clocks through a ClockSource; the child's record and the work trays list them all, so no clock is missed.
 */
export interface CaseClock {
  /** What is due, in plain words: "Assessment to be authorised", "Initial child protection conference". */
  label: string;
  dueDate: string;
  status: ClockStatus;
  /** Working days left (negative when overdue). */
  workingDaysLeft: number;
  /** Where to act on it. */
  href: string;
  personId: number;
  episodeId: number | null;
  /** The worker responsible, for their tray (null: the team's). */
  workerId: number | null;
  teamId: number | null;
}

export interface ClockQuery {
  personIds?: number[];
  workerId?: number;
  teamIds?: number[];
}

export type ClockSource = (db: Kysely<Database>, query: ClockQuery, calendar: WorkingCalendar, today: string) => Promise<CaseClock[]>;
