-- Front door / MASH: contacts about children, partner information requests, threshold decisions per child,
-- feedback to the referrer, early help episodes (step-down and step-up) and out-of-hours handover.
-- Contacts and decisions are the source for the CIN census (ReferralSource, CINreferralDate, ReferralNFA)
-- and Ofsted Annex A lists 1 (contacts) and 3 (referrals).

create table contacts (
  id serial primary key,
  received_at timestamptz not null,
  received_date date not null,
  -- phone | email | online_form | police_notification | in_person | letter | api
  method text not null,
  -- front_door | edt | police_notification | step_up | api
  origin text not null default 'front_door',
  -- DfE ReferralSource code (1A..10)
  source_code text not null,
  referrer_anonymous boolean not null default false,
  referrer_name text not null default '',
  referrer_organisation text not null default '',
  referrer_role text not null default '',
  referrer_phone text not null default '',
  referrer_email text not null default '',
  referrer_address text not null default '',
  what_happened text not null,
  referrer_worries text not null default '',
  referrer_actions text not null default '',
  child_views text not null default '',
  family_views text not null default '',
  -- yes | no | unknown
  parents_aware text not null,
  -- given | refused | not_sought
  consent text not null,
  consent_override_reason text not null default '',
  -- RAG screening: red | amber | green, with the time a response is due
  rag text,
  rag_rationale text not null default '',
  rag_set_at timestamptz,
  rag_set_by integer references users(id),
  response_due_at timestamptz,
  -- open (screening and decisions) | closed
  status text not null default 'open',
  feedback_method text,
  feedback_recipient text not null default '',
  feedback_text text not null default '',
  feedback_sent_at timestamptz,
  feedback_sent_by integer references users(id),
  feedback_not_sent_reason text not null default '',
  closed_at timestamptz,
  closed_by integer references users(id),
  -- EDT: what was done out of hours
  edt_actions text not null default '',
  -- step-up from an early help episode
  early_help_episode_id integer,
  -- when the contact came from a police notification (see police notifications)
  police_notification_id integer,
  version integer not null default 0,
  created_by integer references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contacts_status on contacts (status, received_at);
create index contacts_received on contacts (received_date);

-- Each child on a contact gets their own recommendation and decision.
create table contact_children (
  id serial primary key,
  contact_id integer not null references contacts(id),
  person_id integer not null references people(id),
  -- awaiting_recommendation | awaiting_decision | challenged | decided
  status text not null default 'awaiting_recommendation',
  recommendation text,
  recommendation_rationale text not null default '',
  recommended_by integer references users(id),
  recommended_at timestamptz,
  decision text,
  decision_rationale text not null default '',
  decided_by integer references users(id),
  decided_at timestamptz,
  decision_date date,
  -- the decision was made after the 1-working-day clock: why
  late_reason text not null default '',
  -- step down to early help
  early_help_team_id integer references teams(id),
  step_down_analysis text not null default '',
  -- transfer to another local authority
  transfer_authority text not null default '',
  -- a referral (CINreferralDate) when the decision is referral to social care or a strategy discussion
  is_referral boolean not null default false,
  primary_need_code text,
  version integer not null default 0
);
-- No unique (contact, person): merging two records that were both on one contact must not fail.
create index contact_children_contact on contact_children (contact_id);
create index contact_children_person on contact_children (person_id);
create index contact_children_status on contact_children (status);

-- Adults involved (parents, carers, the person causing concern), found through the person index.
create table contact_adults (
  id serial primary key,
  contact_id integer not null references contacts(id),
  person_id integer not null references people(id),
  involvement text not null default ''
);
create index contact_adults_contact on contact_adults (contact_id);
create index contact_adults_person on contact_adults (person_id);

-- The manager's challenge of a worker's recommendation, and how it was resolved.
create table decision_challenges (
  id serial primary key,
  contact_child_id integer not null references contact_children(id),
  challenged_recommendation text not null,
  challenge text not null,
  raised_by integer not null references users(id),
  raised_at timestamptz not null default now(),
  response text not null default '',
  -- upheld (the recommendation stands) | changed (the worker changed it)
  outcome text,
  resolved_by integer references users(id),
  resolved_at timestamptz
);
create index decision_challenges_child on decision_challenges (contact_child_id);

-- Requests for information from partner agencies; partners see only those addressed to their agency.
create table partner_requests (
  id serial primary key,
  contact_id integer not null references contacts(id),
  agency text not null,
  question text not null,
  due_at timestamptz not null,
  sent_by integer not null references users(id),
  sent_at timestamptz not null default now(),
  -- sent | answered | withdrawn
  status text not null default 'sent',
  answer text not null default '',
  answered_by integer references users(id),
  answered_at timestamptz,
  -- agencies (besides the answering one) the MASH has shared the answer with
  shared_with text[] not null default '{}',
  version integer not null default 0
);
create index partner_requests_agency on partner_requests (agency, status);
create index partner_requests_contact on partner_requests (contact_id);

-- Which children (and adults) a request is about: the only people the partner sees.
create table partner_request_people (
  id serial primary key,
  request_id integer not null references partner_requests(id),
  person_id integer not null references people(id)
);
create index partner_request_people_request on partner_request_people (request_id);
create index partner_request_people_person on partner_request_people (person_id);

-- Early help episodes: opened by a step-down decision, closed, or stepped up back to the front door.
create table early_help_episodes (
  id serial primary key,
  person_id integer not null references people(id),
  team_id integer references teams(id),
  started_on date not null,
  -- the front-door decision that stepped the child down
  contact_child_id integer references contact_children(id),
  analysis text not null default '',
  lead_professional text not null default '',
  -- open | closed | stepped_up
  status text not null default 'open',
  ended_on date,
  end_reason text not null default '',
  step_up_contact_id integer references contacts(id),
  version integer not null default 0,
  created_by integer references users(id),
  created_at timestamptz not null default now()
);
create index early_help_episodes_person on early_help_episodes (person_id);
alter table contacts add constraint contacts_early_help_episode foreign key (early_help_episode_id) references early_help_episodes(id);

-- Out-of-hours work handed to the MASH: on the morning queue until acknowledged.
create table handover_items (
  id serial primary key,
  contact_id integer not null references contacts(id),
  summary text not null,
  created_by integer references users(id),
  created_at timestamptz not null default now(),
  acknowledged_by integer references users(id),
  acknowledged_at timestamptz,
  acknowledgement_note text not null default ''
);
create index handover_items_open on handover_items (acknowledged_at);

-- Contact form drafts, saved as the worker types (and on "save as draft"), so nothing is lost.
create table contact_drafts (
  id serial primary key,
  user_id integer not null references users(id),
  data jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contact_drafts_user on contact_drafts (user_id);
