-- Screening tools completed about a person: the child exploitation screening tool and the
-- domestic abuse (DASH-style) risk checklist. Answers are kept as given, with the score and the
-- level they produced, so a later change to the question set never rewrites an old assessment.
create table screening_assessments (
  id serial primary key,
  person_id integer not null references people(id),
  -- exploitation | domestic_abuse
  tool text not null,
  -- which version of the question set the answers are keyed to
  tool_version integer not null default 1,
  -- { questionKey: 'yes' | 'no' | 'not_known' }
  answers jsonb not null,
  score integer not null,
  -- what the answers alone give (low/medium/high; standard/medium/high)
  calculated_level text not null,
  -- the level recorded: the calculated one, or high on professional judgement
  level text not null,
  judgement_reason text not null default '',
  notes text not null default '',
  -- the contact the screening was done for, if any
  contact_id integer references contacts(id),
  completed_by integer references users(id),
  completed_at timestamptz not null default now()
);
-- The person page shows the latest level per tool.
create index screening_assessments_person on screening_assessments (person_id, tool, completed_at desc);
create index screening_assessments_contact on screening_assessments (contact_id);
