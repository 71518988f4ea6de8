-- Police notifications (PPN / VPRF) imported in bulk each day, screened at the daily multi-agency
-- screening meeting, and the Operation Encompass early notices for domestic abuse.

-- One import (a CSV file, an API batch, a CLI run): what came in and what was new.
create table police_import_batches (
  id serial primary key,
  -- csv | api | cli | demo | bench
  source text not null,
  file_name text not null default '',
  notifications integer not null,
  added integer not null,
  already_imported integer not null,
  imported_by integer references users(id),
  imported_at timestamptz not null default now()
);

create table screening_meetings (
  id serial primary key,
  meeting_date date not null,
  chair text not null,
  -- [{ "name": "...", "agency": "police" }]
  attendees jsonb not null,
  notes text not null default '',
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index screening_meetings_date on screening_meetings (meeting_date);

create table police_notifications (
  id serial primary key,
  -- the force's own reference: the key that makes every import idempotent
  police_reference text not null unique,
  received_at timestamptz not null,
  incident_at timestamptz,
  -- domestic_abuse | missing_person | child_concern | crime | other
  category text not null,
  domestic_abuse boolean not null,
  summary text not null,
  officer text not null default '',
  force_name text not null default '',
  -- DASH risk level as reported by the police: standard | medium | high
  risk text not null,
  address text not null default '',
  postcode text not null default '',
  -- awaiting_screening | screened
  status text not null default 'awaiting_screening',
  -- nfa | information_shared | contact | already_known
  decision text,
  decision_notes text not null default '',
  shared_with text not null default '',
  screening_meeting_id integer references screening_meetings(id),
  contact_id integer references contacts(id),
  decided_by integer references users(id),
  decided_at timestamptz,
  import_batch_id integer references police_import_batches(id),
  version integer not null default 0,
  created_at timestamptz not null default now()
);
create index police_notifications_queue on police_notifications (status, received_at);
create index police_notifications_meeting on police_notifications (screening_meeting_id);
create index police_notifications_domestic_abuse on police_notifications (received_at) where domestic_abuse;
alter table contacts add constraint contacts_police_notification foreign key (police_notification_id) references police_notifications(id);

-- The people named by the police, as given; person_id once matched to the person index (at import, or later).
create table police_notification_people (
  id serial primary key,
  notification_id integer not null references police_notifications(id),
  -- child | adult
  role text not null,
  given_name text not null,
  family_name text not null,
  date_of_birth date,
  postcode text not null default '',
  nhs_number text not null default '',
  person_id integer references people(id),
  -- import (a confident single match) | user (matched on the notification page)
  matched_by text,
  matched_at timestamptz
);
create index police_notification_people_notification on police_notification_people (notification_id);
create index police_notification_people_person on police_notification_people (person_id);

-- Actions agreed at the meeting for a notification, with an owner and a due date.
create table screening_actions (
  id serial primary key,
  notification_id integer not null references police_notifications(id),
  meeting_id integer not null references screening_meetings(id),
  action text not null,
  owner text not null,
  due_on date not null,
  created_at timestamptz not null default now()
);
create index screening_actions_notification on screening_actions (notification_id);

-- Operation Encompass: the early notice to the child's school and to the health visitor or school nurse.
create table encompass_notices (
  id serial primary key,
  notification_person_id integer not null references police_notification_people(id),
  -- school | health_visitor | school_nurse
  recipient_kind text not null,
  recipient_name text not null,
  sent_on date not null,
  sent_by text not null,
  recorded_by integer references users(id),
  recorded_at timestamptz not null default now()
);
create index encompass_notices_person on encompass_notices (notification_person_id);
