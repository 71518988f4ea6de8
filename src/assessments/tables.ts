import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Text = ColumnType<string, string | undefined, string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface AssessmentsTable {
  id: Generated<number>;
  episode_id: number;
  person_id: number;
  status: Text;
  requested_date: string;
  start_date: string | null;
  guidance: Text;
  guidance_by: number | null;
  guidance_at: Date | null;
  timescale_working_days: number | null;
  due_date: string | null;
  child_seen: string | null;
  child_seen_date: string | null;
  child_voice: Text;
  risk_factors: Text;
  protective_factors: Text;
  factors: Json<string[]>;
  analysis: Text;
  outcome: string | null;
  submitted_by: number | null;
  submitted_at: Date | null;
  authorised_by: number | null;
  authorised_at: Date | null;
  authorisation_date: string | null;
  authorisation_comments: Text;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface AssessmentOthersTable {
  id: Generated<number>;
  assessment_id: number;
  name: string;
  relationship: string;
  absent_parent: ColumnType<boolean, boolean | undefined, boolean>;
  contacted: boolean;
  view: Text;
}

export interface AssessmentReturnsTable {
  id: Generated<number>;
  assessment_id: number;
  comments: string;
  returned_by: number | null;
  returned_at: CreatedAt;
}

export interface CinPlansTable {
  id: Generated<number>;
  episode_id: number;
  person_id: number;
  assessment_id: number | null;
  start_date: string;
  end_date: string | null;
  end_reason: string | null;
  review_interval_weeks: number;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface CinPlanReviewsTable {
  id: Generated<number>;
  plan_id: number;
  review_date: string;
  outcome: string;
  next_review_date: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface AssessmentTables {
  assessments: AssessmentsTable;
  assessment_others: AssessmentOthersTable;
  assessment_returns: AssessmentReturnsTable;
  cin_plans: CinPlansTable;
  cin_plan_reviews: CinPlanReviewsTable;
}
