import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type OptionalInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Text = ColumnType<string, string | undefined, string>;
type Json<T> = ColumnType<T, string, string>;

export interface ContactsTable {
  id: Generated<number>;
  received_at: Instant;
  received_date: string;
  method: string;
  origin: Text;
  source_code: string;
  referrer_anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  referrer_name: Text;
  referrer_organisation: Text;
  referrer_role: Text;
  referrer_phone: Text;
  referrer_email: Text;
  referrer_address: Text;
  what_happened: string;
  referrer_worries: Text;
  referrer_actions: Text;
  child_views: Text;
  family_views: Text;
  parents_aware: string;
  consent: string;
  consent_override_reason: Text;
  rag: string | null;
  rag_rationale: Text;
  rag_set_at: OptionalInstant;
  rag_set_by: number | null;
  response_due_at: OptionalInstant;
  status: Text;
  feedback_method: string | null;
  feedback_recipient: Text;
  feedback_text: Text;
  feedback_sent_at: OptionalInstant;
  feedback_sent_by: number | null;
  feedback_not_sent_reason: Text;
  closed_at: OptionalInstant;
  closed_by: number | null;
  edt_actions: Text;
  early_help_episode_id: number | null;
  police_notification_id: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ContactChildrenTable {
  id: Generated<number>;
  contact_id: number;
  person_id: number;
  status: Text;
  recommendation: string | null;
  recommendation_rationale: Text;
  recommended_by: number | null;
  recommended_at: OptionalInstant;
  decision: string | null;
  decision_rationale: Text;
  decided_by: number | null;
  decided_at: OptionalInstant;
  decision_date: string | null;
  late_reason: Text;
  early_help_team_id: number | null;
  step_down_analysis: Text;
  transfer_authority: Text;
  is_referral: ColumnType<boolean, boolean | undefined, boolean>;
  primary_need_code: string | null;
  version: Generated<number>;
}

export interface ContactAdultsTable {
  id: Generated<number>;
  contact_id: number;
  person_id: number;
  involvement: Text;
}

export interface DecisionChallengesTable {
  id: Generated<number>;
  contact_child_id: number;
  challenged_recommendation: string;
  challenge: string;
  raised_by: number;
  raised_at: CreatedAt;
  response: Text;
  outcome: string | null;
  resolved_by: number | null;
  resolved_at: OptionalInstant;
}

export interface PartnerRequestsTable {
  id: Generated<number>;
  contact_id: number;
  agency: string;
  question: string;
  due_at: Instant;
  sent_by: number;
  sent_at: CreatedAt;
  status: Text;
  answer: Text;
  answered_by: number | null;
  answered_at: OptionalInstant;
  shared_with: ColumnType<string[], string[] | undefined, string[]>;
  version: Generated<number>;
}

export interface PartnerRequestPeopleTable {
  id: Generated<number>;
  request_id: number;
  person_id: number;
}

export interface EarlyHelpEpisodesTable {
  id: Generated<number>;
  person_id: number;
  team_id: number | null;
  started_on: string;
  contact_child_id: number | null;
  analysis: Text;
  lead_professional: Text;
  status: Text;
  ended_on: string | null;
  end_reason: Text;
  step_up_contact_id: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface HandoverItemsTable {
  id: Generated<number>;
  contact_id: number;
  summary: string;
  created_by: number | null;
  created_at: CreatedAt;
  acknowledged_by: number | null;
  acknowledged_at: OptionalInstant;
  acknowledgement_note: Text;
}

export interface ContactDraftsTable {
  id: Generated<number>;
  user_id: number;
  data: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface FrontDoorTables {
  contacts: ContactsTable;
  contact_children: ContactChildrenTable;
  contact_adults: ContactAdultsTable;
  decision_challenges: DecisionChallengesTable;
  partner_requests: PartnerRequestsTable;
  partner_request_people: PartnerRequestPeopleTable;
  early_help_episodes: EarlyHelpEpisodesTable;
  handover_items: HandoverItemsTable;
  contact_drafts: ContactDraftsTable;
}
