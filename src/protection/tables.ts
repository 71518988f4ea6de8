import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;
type Text = ColumnType<string, string | undefined, string>;

export interface SdAttendee {
  agency: string;
  name: string;
  role: string;
}

export interface ConferenceAttendee {
  agency: string;
  name: string;
  role: string;
  attended: boolean;
  /** Each attendee's Signs of Safety scaling, 0 (certain the child will be harmed) to 10 (safe enough to close). */
  scaling: number | null;
}

export interface StrategyDiscussionsTable {
  id: Generated<number>;
  episode_id: number;
  person_id: number;
  held_on: string;
  attendees: Json<SdAttendee[]>;
  information_shared: Text;
  decision: string;
  rationale: Text;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface StrategyDiscussionActionsTable {
  id: Generated<number>;
  strategy_discussion_id: number;
  description: string;
  owner: string;
  due_on: string;
  done_on: string | null;
}

export interface S47EnquiriesTable {
  id: Generated<number>;
  strategy_discussion_id: number;
  episode_id: number;
  person_id: number;
  start_date: string;
  icpc_target_date: string;
  joint_with_police: ColumnType<boolean, boolean | undefined, boolean>;
  child_seen: boolean | null;
  child_seen_alone: boolean | null;
  child_seen_on: string | null;
  findings: Text;
  outcome: string | null;
  icpc_not_required_reason: Text;
  completed_on: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface CpPlansTable {
  id: Generated<number>;
  person_id: number;
  episode_id: number;
  start_date: string;
  initial_category: string;
  latest_category: string;
  end_date: string | null;
  end_reason: string | null;
  previous_plans_count: number;
  visit_frequency_working_days: number;
  pre_birth: ColumnType<boolean, boolean | undefined, boolean>;
  danger_statements: Text;
  safety_goals: Text;
  bottom_lines: Text;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface ConferencesTable {
  id: Generated<number>;
  kind: string;
  person_id: number;
  s47_id: number | null;
  plan_id: number | null;
  held_on: string;
  chair_id: number | null;
  attendees: Json<ConferenceAttendee[]>;
  reports_received: Text;
  decision: string;
  category: string | null;
  plan_start: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface CpPlanActionsTable {
  id: Generated<number>;
  plan_id: number;
  who: string;
  what: string;
  due_on: string;
  done_on: string | null;
}

export interface SafetyNetworkTable {
  id: Generated<number>;
  plan_id: number;
  name: string;
  relationship: string;
  role: Text;
}

export interface CoreGroupsTable {
  id: Generated<number>;
  plan_id: number;
  held_on: string;
  attendees: Json<SdAttendee[]>;
  notes: Text;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface CpVisitsTable {
  id: Generated<number>;
  plan_id: number;
  visited_on: string;
  seen: boolean;
  seen_alone: boolean;
  notes: Text;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface ProtectionTables {
  strategy_discussions: StrategyDiscussionsTable;
  strategy_discussion_actions: StrategyDiscussionActionsTable;
  s47_enquiries: S47EnquiriesTable;
  cp_plans: CpPlansTable;
  conferences: ConferencesTable;
  cp_plan_actions: CpPlanActionsTable;
  safety_network: SafetyNetworkTable;
  core_groups: CoreGroupsTable;
  cp_visits: CpVisitsTable;
}
