-- Single child and family assessments (CIN census Assessments) and child in need plans (CINPlanDates), on an episode.
-- An assessment is requested by a worker, stays awaiting_guidance until a manager gives guidance and a timescale,
-- then runs in_progress → submitted (for authorisation) → authorised; a manager may return it to in_progress.
create table assessments (
  id serial primary key,
  episode_id integer not null references cin_episodes(id),
  person_id integer not null references people(id),
  -- awaiting_guidance | in_progress | submitted | authorised
  status text not null default 'awaiting_guidance',
  requested_date date not null,
  -- AssessmentActualStartDate (N00159): set with the manager's guidance
  start_date date,
  guidance text not null default '',
  guidance_by integer references users(id),
  guidance_at timestamptz,
  timescale_working_days integer,
  -- min(start + timescale, referral + 45 working days)
  due_date date,
  -- seen_alone | seen | not_seen
  child_seen text,
  child_seen_date date,
  child_voice text not null default '',
  risk_factors text not null default '',
  protective_factors text not null default '',
  -- DfE assessment factors (N00181), e.g. ["3B", "16A"]; "21" alone
  factors jsonb not null default '[]',
  analysis text not null default '',
  -- nfa | early_help | cin_plan | strategy_discussion | looked_after
  outcome text,
  submitted_by integer references users(id),
  submitted_at timestamptz,
  authorised_by integer references users(id),
  authorised_at timestamptz,
  -- AssessmentAuthorisationDate (N00160)
  authorisation_date date,
  authorisation_comments text not null default '',
  version integer not null default 0,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index assessments_person on assessments (person_id);
create index assessments_episode on assessments (episode_id);
create index assessments_open on assessments (status);

-- Absent parents and significant others: who, whether contacted, their view.
create table assessment_others (
  id serial primary key,
  assessment_id integer not null references assessments(id),
  name text not null,
  relationship text not null,
  absent_parent boolean not null default false,
  contacted boolean not null,
  view text not null default ''
);
create index assessment_others_assessment on assessment_others (assessment_id);

-- A manager's challenge: the assessment returned to the worker with comments (history kept).
create table assessment_returns (
  id serial primary key,
  assessment_id integer not null references assessments(id),
  comments text not null,
  returned_by integer references users(id),
  returned_at timestamptz not null default now()
);
create index assessment_returns_assessment on assessment_returns (assessment_id);

create table cin_plans (
  id serial primary key,
  episode_id integer not null references cin_episodes(id),
  person_id integer not null references people(id),
  assessment_id integer references assessments(id),
  start_date date not null,
  end_date date,
  end_reason text,
  review_interval_weeks integer not null,
  version integer not null default 0,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index cin_plans_person on cin_plans (person_id);
create index cin_plans_episode on cin_plans (episode_id);

create table cin_plan_reviews (
  id serial primary key,
  plan_id integer not null references cin_plans(id),
  review_date date not null,
  outcome text not null,
  next_review_date date,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index cin_plan_reviews_plan on cin_plan_reviews (plan_id);
