import type { ColumnType, Generated } from 'kysely';

/** Timestamp with a database default: optional on insert. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface TeamsTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: Generated<string>;
  job_title: Generated<string>;
  role: string;
  agency: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  active: Generated<boolean>;
  last_sign_in_at: NullableTimestamp;
  locked_until: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserTeamsTable {
  user_id: number;
  team_id: number;
  is_primary: Generated<boolean>;
}

export interface SessionsTable {
  sid_hash: string;
  user_id: number | null;
  data: ColumnType<unknown, string, string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  succeeded: boolean;
  attempted_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: Timestamp;
}

export interface AccessTables {
  teams: TeamsTable;
  users: UsersTable;
  user_teams: UserTeamsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  settings: SettingsTable;
  app_secrets: AppSecretsTable;
}
