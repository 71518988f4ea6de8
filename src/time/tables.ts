import type { ColumnType } from 'kysely';

export interface LocalNonWorkingDaysTable {
  day: string;
  description: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  created_by: number | null;
}

export interface TimeTables {
  local_non_working_days: LocalNonWorkingDaysTable;
}
