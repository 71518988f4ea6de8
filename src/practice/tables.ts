import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Text = ColumnType<string, string | undefined, string>;

export interface MappingsTable {
  id: Generated<number>;
  person_id: number;
  episode_id: number | null;
  owner_kind: Text;
  owner_id: number | null;
  status: Text;
  mapped_on: string;
  carried_from_id: number | null;
  finalised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finalised_by: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MappingItemsTable {
  id: Generated<number>;
  mapping_id: number;
  column_key: string;
  text: string;
  position: Generated<number>;
}

export interface DangerStatementsTable {
  id: Generated<number>;
  mapping_id: number;
  who_worried: string;
  worry: string;
  what_might_happen: string;
  position: Generated<number>;
}

export interface SafetyGoalsTable {
  id: Generated<number>;
  mapping_id: number;
  danger_statement_id: number;
  goal: string;
  sustained_for: Text;
  position: Generated<number>;
}

export interface BottomLinesTable {
  id: Generated<number>;
  mapping_id: number;
  text: string;
  stated: Generated<boolean>;
  shared_with_family_on: string | null;
  position: Generated<number>;
}

export interface MappingMeetingsTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  meeting_date: string;
  mapping_id: number | null;
  notes: Text;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface MappingMeetingAttendeesTable {
  id: Generated<number>;
  meeting_id: number;
  name: string;
  role: Text;
  agency: Text;
  position: Generated<number>;
}

export interface MappingMeetingActionsTable {
  id: Generated<number>;
  meeting_id: number;
  action: string;
  owner: string;
  due_date: string;
  position: Generated<number>;
}

export interface ScalingsTable {
  id: Generated<number>;
  person_id: number;
  mapping_id: number | null;
  meeting_id: number | null;
  scaled_on: string;
  scorer_name: string;
  scorer_role: Text;
  scorer_agency: Text;
  is_family_member: Generated<boolean>;
  score: number;
  rationale: Text;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface ChildVoiceRecordsTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  recorded_on: string;
  worries: Text;
  good_things: Text;
  dreams: Text;
  explanation: Text;
  seen: Generated<boolean>;
  seen_alone: Generated<boolean>;
  owner_kind: string | null;
  owner_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface PracticeTables {
  mappings: MappingsTable;
  mapping_items: MappingItemsTable;
  danger_statements: DangerStatementsTable;
  safety_goals: SafetyGoalsTable;
  bottom_lines: BottomLinesTable;
  mapping_meetings: MappingMeetingsTable;
  mapping_meeting_attendees: MappingMeetingAttendeesTable;
  mapping_meeting_actions: MappingMeetingActionsTable;
  scalings: ScalingsTable;
  child_voice_records: ChildVoiceRecordsTable;
}
