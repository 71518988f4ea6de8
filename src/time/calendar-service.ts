import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inTransaction, ValidationError } from '../db/transaction.js';
import { writeAudit, type RequestContext } from '../audit/audit-log.js';
import { defaultCalendar, ENGLAND_AND_WALES_COVERAGE, type WorkingCalendar } from './index.js';

export interface LocalNonWorkingDay {
  day: string;
  description: string;
}

/** The council's working calendar: England and Wales bank holidays plus its own non-working days. */
export class CalendarService {
  private cached: { calendar: WorkingCalendar; at: number } | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  async localNonWorkingDays(): Promise<LocalNonWorkingDay[]> {
    return this.db.selectFrom('local_non_working_days').select(['day', 'description']).orderBy('day').execute();
  }

  /** Cached for a minute per app server; a change made here clears it. */
  async calendar(): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.at < 60000) return this.cached.calendar;
    const days = await this.localNonWorkingDays();
    const calendar = defaultCalendar(days.map((d) => ({ date: d.day, title: d.description })));
    this.cached = { calendar, at: Date.now() };
    return calendar;
  }

  async addLocalNonWorkingDay(ctx: RequestContext, day: string, description: string): Promise<void> {
    if (day < ENGLAND_AND_WALES_COVERAGE.from || day > ENGLAND_AND_WALES_COVERAGE.to) {
      throw new ValidationError('day', `Date must be between ${ENGLAND_AND_WALES_COVERAGE.from} and ${ENGLAND_AND_WALES_COVERAGE.to}`);
    }
    const calendar = await this.calendar();
    const reason = calendar.nonWorkingReason(day);
    if (reason) throw new ValidationError('day', `That date is already a non-working day (${reason})`);
    await inTransaction(this.db, async (tx) => {
      await tx.insertInto('local_non_working_days').values({ day, description, created_by: ctx.user?.id ?? null }).execute();
      await writeAudit(tx, ctx, { action: 'calendar.add_non_working_day', recordType: 'non_working_day', recordId: day, details: { description } });
    });
    this.cached = undefined;
  }

  async removeLocalNonWorkingDay(ctx: RequestContext, day: string): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const r = await tx.deleteFrom('local_non_working_days').where('day', '=', day).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new ValidationError('day', 'That date is not a local non-working day');
      await writeAudit(tx, ctx, { action: 'calendar.remove_non_working_day', recordType: 'non_working_day', recordId: day });
    });
    this.cached = undefined;
  }
}
