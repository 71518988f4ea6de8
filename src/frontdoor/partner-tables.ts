import type { ColumnType, Generated } from 'kysely';

/** The history of a partner information request (migration 0023); the request itself is in tables.ts. */
export interface PartnerRequestEventsTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  note: ColumnType<string, string | undefined, string>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  user_id: number | null;
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface PartnerRequestTables {
  partner_request_events: PartnerRequestEventsTable;
}
