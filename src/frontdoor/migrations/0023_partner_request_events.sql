-- The history of each partner information request, beside its current state in partner_requests:
-- how its due time was worked out (the RAG rating, or amber assumed when the contact had none yet),
-- withdrawals with their reason, answers replaced by a correction (the earlier text is kept, because
-- the MASH may have acted on it) and each change of the agencies an answer is shared with.
create table partner_request_events (
  id serial primary key,
  request_id integer not null references partner_requests(id),
  -- sent | answered | corrected | shared | withdrawn
  kind text not null,
  -- withdrawn: the reason; corrected: the answer it replaced
  note text not null default '',
  -- sent: { rag, assumed }; shared: { agencies }
  details jsonb not null default '{}',
  user_id integer references users(id),
  occurred_at timestamptz not null default now()
);
create index partner_request_events_request on partner_request_events (request_id);
-- Finding a contact's open request for an agency (one at a time) and a partner's inbox by due time.
create index partner_requests_open_due on partner_requests (agency, due_at) where status = 'sent';
