import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type OptionalInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Text = ColumnType<string, string | undefined, string>;

export interface PoliceImportBatchesTable {
  id: Generated<number>;
  source: string;
  file_name: Text;
  notifications: number;
  added: number;
  already_imported: number;
  imported_by: number | null;
  imported_at: CreatedAt;
}

export interface ScreeningMeetingsTable {
  id: Generated<number>;
  meeting_date: string;
  chair: string;
  attendees: ColumnType<Array<{ name: string; agency: string }>, string, string>;
  notes: Text;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface PoliceNotificationsTable {
  id: Generated<number>;
  police_reference: string;
  received_at: Instant;
  incident_at: OptionalInstant;
  category: string;
  domestic_abuse: boolean;
  summary: string;
  officer: Text;
  force_name: Text;
  risk: string;
  address: Text;
  postcode: Text;
  status: Text;
  decision: ColumnType<string | null, string | null | undefined, string | null>;
  decision_notes: Text;
  shared_with: Text;
  screening_meeting_id: ColumnType<number | null, number | null | undefined, number | null>;
  contact_id: ColumnType<number | null, number | null | undefined, number | null>;
  decided_by: ColumnType<number | null, number | null | undefined, number | null>;
  decided_at: OptionalInstant;
  import_batch_id: ColumnType<number | null, number | null | undefined, number | null>;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface PoliceNotificationPeopleTable {
  id: Generated<number>;
  notification_id: number;
  role: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  postcode: Text;
  nhs_number: Text;
  person_id: ColumnType<number | null, number | null | undefined, number | null>;
  matched_by: ColumnType<string | null, string | null | undefined, string | null>;
  matched_at: OptionalInstant;
}

export interface ScreeningActionsTable {
  id: Generated<number>;
  notification_id: number;
  meeting_id: number;
  action: string;
  owner: string;
  due_on: string;
  created_at: CreatedAt;
}

export interface EncompassNoticesTable {
  id: Generated<number>;
  notification_person_id: number;
  recipient_kind: string;
  recipient_name: string;
  sent_on: string;
  sent_by: string;
  recorded_by: number | null;
  recorded_at: CreatedAt;
}

export interface PoliceTables {
  police_import_batches: PoliceImportBatchesTable;
  screening_meetings: ScreeningMeetingsTable;
  police_notifications: PoliceNotificationsTable;
  police_notification_people: PoliceNotificationPeopleTable;
  screening_actions: ScreeningActionsTable;
  encompass_notices: EncompassNoticesTable;
}
