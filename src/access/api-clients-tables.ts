import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type OptionalInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ApiClientsTable {
  id: Generated<number>;
  name: string;
  agency: string;
  scopes: ColumnType<string[], string[], string[]>;
  key_prefix: string;
  key_hash: string;
  user_id: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  last_used_at: OptionalInstant;
  created_by: number | null;
  created_at: CreatedAt;
  revoked_by: ColumnType<number | null, number | null | undefined, number | null>;
  revoked_at: OptionalInstant;
  version: Generated<number>;
}

export interface ApiClientTables {
  api_clients: ApiClientsTable;
}
