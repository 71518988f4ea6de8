import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface ScreeningAssessmentsTable {
  id: Generated<number>;
  person_id: number;
  tool: string;
  tool_version: ColumnType<number, number | undefined, number>;
  answers: Json<Record<string, string>>;
  score: number;
  calculated_level: string;
  level: string;
  judgement_reason: ColumnType<string, string | undefined, string>;
  notes: ColumnType<string, string | undefined, string>;
  contact_id: number | null;
  completed_by: number | null;
  completed_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ScreeningTables {
  screening_assessments: ScreeningAssessmentsTable;
}
