-- Allegations against people who work with children (designated officer / LADO).
-- Restricted to the Allegations team: nothing here is linked into person search or chronology.

-- The person the allegation is about: kept apart from the person index, so they never appear in others' searches.
create table allegation_subjects (
  id serial primary key,
  given_names text not null,
  family_name text not null,
  date_of_birth date,
  name_key text not null,
  created_at timestamptz not null default now()
);
create index allegation_subjects_key on allegation_subjects (name_key, date_of_birth);

create table allegation_cases (
  id serial primary key,
  subject_id integer not null references allegation_subjects(id),
  received_at timestamptz not null,
  received_date date not null,
  referrer_name text not null,
  referrer_organisation text not null,
  referrer_sector text not null,
  employer_name text not null,
  employer_sector text not null,
  dsl_name text not null default '',
  dsl_contact text not null default '',
  subject_role text not null,
  subject_engagement text not null,
  alleged text not null,
  category text not null,
  police_involved boolean not null default false,
  status text not null default 'awaiting_consideration',
  consideration_decision text,
  consideration_rationale text,
  consideration_date date,
  considered_by integer references users(id),
  outcome text,
  outcome_date date,
  regulator_referral text,
  regulator_referral_date date,
  lessons_learned text,
  retained_on_file text,
  reference_summary text,
  closed_date date,
  closure_note text,
  exceptional_reason text,
  version integer not null default 0,
  created_by integer references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index allegation_cases_subject on allegation_cases (subject_id);
create index allegation_cases_status on allegation_cases (status);

-- Every employer and role with children the subject has (a teacher who is also a foster carer or coach).
create table allegation_subject_roles (
  id serial primary key,
  case_id integer not null references allegation_cases(id),
  employer text not null,
  sector text not null,
  role text not null,
  engagement text not null,
  is_primary boolean not null default false
);
create index allegation_subject_roles_case on allegation_subject_roles (case_id);

-- The children, through the person index.
create table allegation_children (
  id serial primary key,
  case_id integer not null references allegation_cases(id),
  person_id integer not null references people(id)
);
create index allegation_children_case on allegation_children (case_id);
create index allegation_children_person on allegation_children (person_id);

create table allegation_meetings (
  id serial primary key,
  case_id integer not null references allegation_cases(id),
  kind text not null,
  meeting_date date not null,
  chair text not null,
  attendees jsonb not null default '[]',
  key_issues text not null,
  subject_support_provider text not null default '',
  subject_support_none_reason text not null default '',
  child_support text not null default '',
  employment_status text not null default 'none',
  employment_from date,
  employment_to date,
  next_review_date date,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index allegation_meetings_case on allegation_meetings (case_id);

create table allegation_decisions (
  id serial primary key,
  meeting_id integer not null references allegation_meetings(id),
  decision text not null,
  rationale text not null check (length(trim(rationale)) > 0)
);

create table allegation_actions (
  id serial primary key,
  case_id integer not null references allegation_cases(id),
  meeting_id integer references allegation_meetings(id),
  description text not null,
  owner text not null,
  due_date date not null,
  employer_feedback boolean not null default false,
  completed_date date
);
create index allegation_actions_case on allegation_actions (case_id);
