-- Children in need episodes (CIN census CINdetails): opened by a front-door referral for each child, allocated to a team
-- and worker (history kept), closed with a DfE reason (RC1–RC9). Assessments, plans, strategy discussions, s47 enquiries
-- and conferences hang off an episode (their own migrations).
create table cin_episodes (
  id serial primary key,
  person_id integer not null references people(id),
  -- the front-door decision that made the referral (null for episodes recorded otherwise, e.g. pre-birth or transfer in)
  contact_child_id integer references contact_children(id),
  referral_date date not null,
  referral_source text not null,
  primary_need_code text,
  start_date date not null,
  end_date date,
  closure_reason text,
  -- open | closed
  status text not null default 'open',
  team_id integer references teams(id),
  worker_id integer references users(id),
  version integer not null default 0,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index cin_episodes_person on cin_episodes (person_id);
create index cin_episodes_open on cin_episodes (status, team_id, worker_id);

-- Allocation history: every change of team or worker, with who made it and why.
create table episode_allocations (
  id serial primary key,
  episode_id integer not null references cin_episodes(id),
  team_id integer references teams(id),
  worker_id integer references users(id),
  from_date date not null,
  to_date date,
  reason text not null default '',
  allocated_by integer references users(id),
  allocated_at timestamptz not null default now()
);
create index episode_allocations_episode on episode_allocations (episode_id);
