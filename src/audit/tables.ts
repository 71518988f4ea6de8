import type { ColumnType, Generated } from 'kysely';

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: ColumnType<Date, Date, never>;
  user_id: number | null;
  username: string | null;
  role: string | null;
  team: string | null;
  action: string;
  outcome: string;
  record_type: string | null;
  record_id: string | null;
  person_ids: string[];
  request_id: string | null;
  ip: string | null;
  details: ColumnType<unknown, string, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditTables {
  audit_events: AuditEventsTable;
}
