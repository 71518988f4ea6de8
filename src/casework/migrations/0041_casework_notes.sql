-- Case notes on a child's record: visits, direct work, phone calls, management oversight, supervision and others.
-- A group recording (one note for several siblings) is filed as one row per child sharing a group_id.
-- Drafts are seen only by their author; a final note is never removed, only marked deleted with a reason.
create table case_notes (
  id serial primary key,
  person_id integer not null references people(id),
  episode_id integer references cin_episodes(id),
  -- shared by the notes of one group recording (null for a note about one child)
  group_id text,
  -- visit | direct_work | phone_call | management_oversight | supervision | other
  note_type text not null,
  occurred_at timestamptz not null,
  summary text not null default '',
  body text not null default '',
  -- visits: was the child seen, and seen alone (null: not a visit or not recorded)
  child_seen boolean,
  child_seen_alone boolean,
  -- draft | final
  status text not null default 'draft',
  author_id integer references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finalised_at timestamptz,
  deleted_at timestamptz,
  deleted_by integer references users(id),
  deleted_reason text not null default '',
  version integer not null default 0
);
create index case_notes_person on case_notes (person_id, occurred_at);
create index case_notes_group on case_notes (group_id);

-- Management oversight: a manager's decision and direction on a child's case, with the timescale to act by.
create table management_oversight (
  id serial primary key,
  person_id integer not null references people(id),
  episode_id integer references cin_episodes(id),
  decision text not null,
  direction text not null default '',
  timescale date,
  recorded_by integer references users(id),
  recorded_at timestamptz not null default now()
);
create index management_oversight_person on management_oversight (person_id, recorded_at);

-- Chronology entries a worker marked as significant, with their analysis. The entry is generated from the record,
-- so the mark is keyed by the entry's key (kind and source id, e.g. 'contact:12', 'note:40').
create table chronology_marks (
  id serial primary key,
  person_id integer not null references people(id),
  entry_key text not null,
  analysis text not null default '',
  marked_by integer references users(id),
  marked_at timestamptz not null default now()
);
-- Not unique: merging two records that both marked the same contact must not fail (the newest mark wins).
create index chronology_marks_entry on chronology_marks (person_id, entry_key);
