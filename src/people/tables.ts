import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type GeneratedText = ColumnType<string | null, never, never>;
type Json<T> = ColumnType<T, string, string>;

export interface PeopleTable {
  id: Generated<number>;
  source_system: string | null;
  source_id: string | null;
  date_of_birth: string | null;
  expected_date_of_birth: string | null;
  date_of_death: string | null;
  sex: Generated<string>;
  gender_identity: string | null;
  ethnicity: string | null;
  first_language: string | null;
  interpreter_needed: Generated<boolean>;
  religion: string | null;
  nhs_number: string | null;
  upn: string | null;
  immigration_status: string | null;
  uasc: Generated<boolean>;
  restricted: Generated<boolean>;
  merged_into_id: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: number | null;
}

export interface PersonNamesTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  given_names: string;
  family_name: string;
  from_date: string | null;
  to_date: string | null;
  given_key: string;
  family_key: string;
  given_dm: GeneratedText;
  family_dm: GeneratedText;
}

export interface PersonAddressesTable {
  id: Generated<number>;
  person_id: number;
  line1: Generated<string>;
  line2: Generated<string>;
  town: Generated<string>;
  postcode: string | null;
  postcode_key: GeneratedText;
  uprn: string | null;
  from_date: string | null;
  to_date: string | null;
  household_id: number | null;
}

export interface PersonDisabilitiesTable {
  person_id: number;
  code: string;
}

export interface PersonContactsTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  value: string;
  note: Generated<string>;
}

export interface RelationshipsTable {
  id: Generated<number>;
  person_id: number;
  related_person_id: number;
  type: string;
  start_date: string | null;
  end_date: string | null;
  note: Generated<string>;
  created_at: CreatedAt;
}

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  kind: string;
  address: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
}

export interface InvolvementsTable {
  id: Generated<number>;
  person_id: number;
  organisation_id: number;
  role: string;
  contact_name: Generated<string>;
  from_date: string | null;
  to_date: string | null;
}

export interface PersonWarningsTable {
  id: Generated<number>;
  person_id: number;
  kind: string;
  details: string;
  review_date: string | null;
  created_at: CreatedAt;
  created_by: number | null;
  ended_at: NullableTimestamp;
}

export interface PersonRestrictionsTable {
  id: Generated<number>;
  person_id: number;
  user_id: number | null;
  team_id: number | null;
}

export interface DuplicateCandidatesTable {
  id: Generated<number>;
  person_a: number;
  person_b: number;
  score: number;
  reasons: Json<unknown>;
  status: Generated<string>;
  found_at: CreatedAt;
  reviewed_by: number | null;
  reviewed_at: NullableTimestamp;
}

export interface PersonMergesTable {
  id: Generated<number>;
  kept_id: number;
  merged_id: number;
  moved: Json<unknown>;
  merged_by: number | null;
  merged_at: CreatedAt;
  unmerged_by: number | null;
  unmerged_at: NullableTimestamp;
}

export interface MatchWeightsTable {
  id: Generated<number>;
  weights: Json<unknown>;
  prior: number;
  pairs_used: number;
  estimated_at: CreatedAt;
}

export interface DuplicateScansTable {
  id: Generated<number>;
  started_at: CreatedAt;
  finished_at: NullableTimestamp;
  last_person_id: Generated<number>;
  pairs_found: Generated<number>;
  status: Generated<string>;
}

export interface PeopleTables {
  people: PeopleTable;
  person_names: PersonNamesTable;
  person_addresses: PersonAddressesTable;
  person_disabilities: PersonDisabilitiesTable;
  person_contacts: PersonContactsTable;
  relationships: RelationshipsTable;
  organisations: OrganisationsTable;
  involvements: InvolvementsTable;
  person_warnings: PersonWarningsTable;
  person_restrictions: PersonRestrictionsTable;
  duplicate_candidates: DuplicateCandidatesTable;
  person_merges: PersonMergesTable;
  match_weights: MatchWeightsTable;
  duplicate_scans: DuplicateScansTable;
}
