-- Signs of Safety as structured data: mappings (worries, what's working well, what needs to happen), danger statements
-- paired with safety goals, bottom lines shared with the family, scaling 0–10 by each person, the child's voice (Three
-- Houses, Words and Pictures) and group supervision / mapping meetings. A mapping belongs to a child and to the piece of
-- work it was made for (an episode, assessment, plan or meeting); it is carried forward into the next one.
create table mappings (
  id serial primary key,
  person_id integer not null references people(id),
  episode_id integer references cin_episodes(id),
  -- episode | assessment | cp_plan | cin_plan | meeting
  owner_kind text not null default 'episode',
  owner_id integer,
  -- draft | final
  status text not null default 'draft',
  mapped_on date not null,
  -- the mapping this one was carried forward from (an assessment's, say, into the plan's)
  carried_from_id integer references mappings(id),
  finalised_at timestamptz,
  finalised_by integer references users(id),
  version integer not null default 0,
  created_by integer references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index mappings_person on mappings (person_id);
create index mappings_owner on mappings (owner_kind, owner_id);

-- The columns of the mapping, one row per item: harm | complicating | working_well | existing_safety | next_steps
create table mapping_items (
  id serial primary key,
  mapping_id integer not null references mappings(id) on delete cascade,
  column_key text not null,
  text text not null,
  position integer not null default 0
);
create index mapping_items_mapping on mapping_items (mapping_id);

create table danger_statements (
  id serial primary key,
  mapping_id integer not null references mappings(id) on delete cascade,
  who_worried text not null,
  worry text not null,
  what_might_happen text not null,
  position integer not null default 0
);
create index danger_statements_mapping on danger_statements (mapping_id);

-- Each safety goal answers one danger statement.
create table safety_goals (
  id serial primary key,
  mapping_id integer not null references mappings(id) on delete cascade,
  danger_statement_id integer not null references danger_statements(id) on delete cascade,
  goal text not null,
  -- how long the safety must be shown for, in plain words ("for six months, including school holidays")
  sustained_for text not null default '',
  position integer not null default 0
);
create index safety_goals_mapping on safety_goals (mapping_id);

-- What will happen if safety is not achieved, in words the family understands; stated and shared with them.
create table bottom_lines (
  id serial primary key,
  mapping_id integer not null references mappings(id) on delete cascade,
  text text not null,
  stated boolean not null default false,
  shared_with_family_on date,
  position integer not null default 0
);
create index bottom_lines_mapping on bottom_lines (mapping_id);

-- Group supervision and multi-agency mapping meetings.
create table mapping_meetings (
  id serial primary key,
  person_id integer not null references people(id),
  -- group_supervision | mapping_meeting
  kind text not null,
  meeting_date date not null,
  mapping_id integer references mappings(id),
  notes text not null default '',
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index mapping_meetings_person on mapping_meetings (person_id);

create table mapping_meeting_attendees (
  id serial primary key,
  meeting_id integer not null references mapping_meetings(id) on delete cascade,
  name text not null,
  role text not null default '',
  agency text not null default '',
  position integer not null default 0
);
create index mapping_meeting_attendees_meeting on mapping_meeting_attendees (meeting_id);

create table mapping_meeting_actions (
  id serial primary key,
  meeting_id integer not null references mapping_meetings(id) on delete cascade,
  action text not null,
  owner text not null,
  due_date date not null,
  position integer not null default 0
);
create index mapping_meeting_actions_meeting on mapping_meeting_actions (meeting_id);

-- Scaling 0–10 ("10: everyone knows the child is safe enough to close; 0: the child will be harmed"), by name and role.
create table scalings (
  id serial primary key,
  person_id integer not null references people(id),
  mapping_id integer references mappings(id),
  meeting_id integer references mapping_meetings(id),
  scaled_on date not null,
  scorer_name text not null,
  scorer_role text not null default '',
  scorer_agency text not null default '',
  is_family_member boolean not null default false,
  score integer not null check (score between 0 and 10),
  rationale text not null default '',
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index scalings_person on scalings (person_id, scaled_on);

-- The child's voice: Three Houses (worries, good things, dreams) or Words and Pictures (the explanation given to the
-- child), whether they were seen and seen alone, attached to an assessment, s47 enquiry or visit where there is one.
create table child_voice_records (
  id serial primary key,
  person_id integer not null references people(id),
  -- three_houses | words_and_pictures
  kind text not null,
  recorded_on date not null,
  worries text not null default '',
  good_things text not null default '',
  dreams text not null default '',
  explanation text not null default '',
  seen boolean not null default false,
  seen_alone boolean not null default false,
  -- assessment | s47 | visit (null: recorded on its own)
  owner_kind text,
  owner_id integer,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index child_voice_records_person on child_voice_records (person_id);
create index child_voice_records_owner on child_voice_records (owner_kind, owner_id);
