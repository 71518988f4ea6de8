/** Case notes, management oversight and chronology marks (migration 0041). */
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Text = ColumnType<string, string | undefined, string>;

type Updated = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CaseNotesTable {
  id: Generated<number>;
  person_id: number;
  episode_id: number | null;
  group_id: string | null;
  note_type: string;
  occurred_at: ColumnType<Date, Date | string, Date | string>;
  summary: Text;
  body: Text;
  child_seen: boolean | null;
  child_seen_alone: boolean | null;
  status: Text;
  author_id: number | null;
  created_at: CreatedAt;
  updated_at: Updated;
  finalised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  deleted_by: number | null;
  deleted_reason: Text;
  version: Generated<number>;
}

export interface ManagementOversightTable {
  id: Generated<number>;
  person_id: number;
  episode_id: number | null;
  decision: string;
  direction: Text;
  timescale: string | null;
  recorded_by: number | null;
  recorded_at: CreatedAt;
}

export interface ChronologyMarksTable {
  id: Generated<number>;
  person_id: number;
  entry_key: string;
  analysis: Text;
  marked_by: number | null;
  marked_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CaseNoteTables {
  case_notes: CaseNotesTable;
  management_oversight: ManagementOversightTable;
  chronology_marks: ChronologyMarksTable;
}
