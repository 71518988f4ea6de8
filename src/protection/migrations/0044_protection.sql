-- Child protection: strategy discussions, section 47 enquiries, conferences (initial and review), child protection
-- plans with their actions, safety network, core groups and statutory visits. CIN census fields in comments.

-- A strategy discussion about one child in an episode. The ICPC clock is anchored here: the s47 enquiry it starts
-- points back to it (s47_enquiries.strategy_discussion_id), so the anchor is explicit, never inferred.
create table strategy_discussions (
  id serial primary key,
  episode_id integer not null references cin_episodes(id),
  person_id integer not null references people(id),
  held_on date not null,
  -- [{ agency, name, role }]: police, health and social care are required; missing ones are flagged
  attendees jsonb not null default '[]',
  information_shared text not null default '',
  -- s47_single | s47_joint | no_s47
  decision text not null,
  rationale text not null default '',
  version integer not null default 0,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index strategy_discussions_person on strategy_discussions (person_id);
create index strategy_discussions_episode on strategy_discussions (episode_id);

create table strategy_discussion_actions (
  id serial primary key,
  strategy_discussion_id integer not null references strategy_discussions(id),
  description text not null,
  owner text not null,
  due_on date not null,
  done_on date
);
create index strategy_discussion_actions_sd on strategy_discussion_actions (strategy_discussion_id);

-- Section 47 enquiry. S47ActualStartDate = start_date = the anchoring strategy discussion's date;
-- InitialCPCtarget = 15 working days after it (icpc_target_date, stored when the enquiry starts).
create table s47_enquiries (
  id serial primary key,
  strategy_discussion_id integer not null unique references strategy_discussions(id),
  episode_id integer not null references cin_episodes(id),
  person_id integer not null references people(id),
  start_date date not null,
  icpc_target_date date not null,
  joint_with_police boolean not null default false,
  child_seen boolean,
  child_seen_alone boolean,
  child_seen_on date,
  findings text not null default '',
  -- icpc | cin | not_substantiated
  outcome text,
  -- ICPCnotRequired: recorded with a reason when the outcome is not an ICPC
  icpc_not_required_reason text not null default '',
  completed_on date,
  version integer not null default 0,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index s47_enquiries_person on s47_enquiries (person_id);

-- A child protection plan (CPPstartDate, InitialCategoryOfAbuse, LatestCategoryOfAbuse, NumberOfPreviousCPP, CPPendDate).
create table cp_plans (
  id serial primary key,
  person_id integer not null references people(id),
  episode_id integer not null references cin_episodes(id),
  start_date date not null,
  initial_category text not null,
  latest_category text not null,
  end_date date,
  end_reason text,
  previous_plans_count integer not null default 0,
  visit_frequency_working_days integer not null default 10,
  pre_birth boolean not null default false,
  danger_statements text not null default '',
  safety_goals text not null default '',
  bottom_lines text not null default '',
  version integer not null default 0,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index cp_plans_person on cp_plans (person_id);

-- Initial (DateOfInitialCPC, from an s47) and review (CPPreviewDate, of a plan) conferences.
create table conferences (
  id serial primary key,
  kind text not null,
  person_id integer not null references people(id),
  s47_id integer references s47_enquiries(id),
  plan_id integer references cp_plans(id),
  held_on date not null,
  chair_id integer references users(id),
  -- [{ agency, name, role, attended: boolean, scaling: 0-10 | null }]: attendees and apologies with each one's scaling
  attendees jsonb not null default '[]',
  reports_received text not null default '',
  -- plan | no_plan (initial); continue | end (review)
  decision text not null,
  category text,
  plan_start date,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index conferences_person on conferences (person_id);
create index conferences_plan on conferences (plan_id);

create table cp_plan_actions (
  id serial primary key,
  plan_id integer not null references cp_plans(id),
  who text not null,
  what text not null,
  due_on date not null,
  done_on date
);
create index cp_plan_actions_plan on cp_plan_actions (plan_id);

create table safety_network (
  id serial primary key,
  plan_id integer not null references cp_plans(id),
  name text not null,
  relationship text not null,
  role text not null default ''
);
create index safety_network_plan on safety_network (plan_id);

create table core_groups (
  id serial primary key,
  plan_id integer not null references cp_plans(id),
  held_on date not null,
  attendees jsonb not null default '[]',
  notes text not null default '',
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index core_groups_plan on core_groups (plan_id);

create table cp_visits (
  id serial primary key,
  plan_id integer not null references cp_plans(id),
  visited_on date not null,
  seen boolean not null,
  seen_alone boolean not null,
  notes text not null default '',
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index cp_visits_plan on cp_visits (plan_id);
