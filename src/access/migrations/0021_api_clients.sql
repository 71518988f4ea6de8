-- Partner systems (e.g. the police case system) that call the JSON API with a bearer key.
-- Each client acts as a service user (users.role = 'partner_system'), so audit rows name the system
-- that did what. Service users never sign in to pages: the sign-in service and the session loader refuse them.
create table api_clients (
  id serial primary key,
  name text not null,
  -- the partner agency the system belongs to (police, health, education, domestic_abuse, probation)
  agency text not null,
  -- subset of the API permissions: api.contacts, api.police
  scopes text[] not null,
  -- the first characters of the key, shown in lists and audit so a key can be identified without revealing it
  key_prefix text not null,
  -- sha256 of the whole key: keys are 32 random bytes, so a fast hash is enough (no dictionary to attack)
  key_hash text not null unique,
  user_id integer not null references users(id),
  active boolean not null default true,
  last_used_at timestamptz,
  created_by integer references users(id),
  created_at timestamptz not null default now(),
  revoked_by integer references users(id),
  revoked_at timestamptz,
  version integer not null default 0
);
create unique index api_clients_name on api_clients (lower(name)) where active;
