import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface AllegationSubjectsTable {
  id: Generated<number>;
  given_names: string;
  family_name: string;
  date_of_birth: string | null;
  name_key: string;
  created_at: CreatedAt;
}

export interface AllegationCasesTable {
  id: Generated<number>;
  subject_id: number;
  received_at: ColumnType<Date, Date | string, Date | string>;
  received_date: string;
  referrer_name: string;
  referrer_organisation: string;
  referrer_sector: string;
  employer_name: string;
  employer_sector: string;
  dsl_name: Generated<string>;
  dsl_contact: Generated<string>;
  subject_role: string;
  subject_engagement: string;
  alleged: string;
  category: string;
  police_involved: Generated<boolean>;
  status: Generated<string>;
  consideration_decision: string | null;
  consideration_rationale: string | null;
  consideration_date: string | null;
  considered_by: number | null;
  outcome: string | null;
  outcome_date: string | null;
  regulator_referral: string | null;
  regulator_referral_date: string | null;
  lessons_learned: string | null;
  retained_on_file: string | null;
  reference_summary: string | null;
  closed_date: string | null;
  closure_note: string | null;
  exceptional_reason: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AllegationSubjectRolesTable {
  id: Generated<number>;
  case_id: number;
  employer: string;
  sector: string;
  role: string;
  engagement: string;
  is_primary: Generated<boolean>;
}

export interface AllegationChildrenTable {
  id: Generated<number>;
  case_id: number;
  person_id: number;
}

export interface MeetingAttendee {
  agency: string;
  name: string;
  attendance: 'attended' | 'apologies';
}

export interface AllegationMeetingsTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  meeting_date: string;
  chair: string;
  attendees: Json<MeetingAttendee[]>;
  key_issues: string;
  subject_support_provider: Generated<string>;
  subject_support_none_reason: Generated<string>;
  child_support: Generated<string>;
  employment_status: Generated<string>;
  employment_from: string | null;
  employment_to: string | null;
  next_review_date: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface AllegationDecisionsTable {
  id: Generated<number>;
  meeting_id: number;
  decision: string;
  rationale: string;
}

export interface AllegationActionsTable {
  id: Generated<number>;
  case_id: number;
  meeting_id: number | null;
  description: string;
  owner: string;
  due_date: string;
  employer_feedback: Generated<boolean>;
  completed_date: string | null;
}

export interface AllegationTables {
  allegation_subjects: AllegationSubjectsTable;
  allegation_cases: AllegationCasesTable;
  allegation_subject_roles: AllegationSubjectRolesTable;
  allegation_children: AllegationChildrenTable;
  allegation_meetings: AllegationMeetingsTable;
  allegation_decisions: AllegationDecisionsTable;
  allegation_actions: AllegationActionsTable;
}
