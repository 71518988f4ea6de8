CREATE TABLE teams (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX teams_name_unique ON teams (lower(name));

CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  email text NOT NULL DEFAULT '',
  job_title text NOT NULL DEFAULT '',
  role text NOT NULL,
  -- Partner agency for partner users (police, health, education, domestic_abuse, probation); NULL for council staff.
  agency text,
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  active boolean NOT NULL DEFAULT true,
  last_sign_in_at timestamptz,
  locked_until timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_partner_has_agency CHECK ((role = 'partner') = (agency IS NOT NULL))
);
CREATE UNIQUE INDEX users_username_unique ON users (lower(username));

CREATE TABLE user_teams (
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  team_id integer NOT NULL REFERENCES teams(id),
  is_primary boolean NOT NULL DEFAULT false,
  PRIMARY KEY (user_id, team_id)
);
CREATE INDEX user_teams_team ON user_teams (team_id);

-- Server-side sessions, shared by every app server. The key is a SHA-256 of the cookie's
-- session id, so a copy of this table cannot be used to take over a session.
CREATE TABLE sessions (
  sid_hash text PRIMARY KEY,
  user_id integer REFERENCES users(id) ON DELETE CASCADE,
  data jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every sign-in attempt, for rate limiting per account and per IP (works across app servers).
CREATE TABLE sign_in_attempts (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  ip text NOT NULL,
  succeeded boolean NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempts_username ON sign_in_attempts (lower(username), attempted_at);
CREATE INDEX sign_in_attempts_ip ON sign_in_attempts (ip, attempted_at);

-- Council-wide settings (e.g. the council name in the header), each a versioned JSON value.
CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users(id)
);

-- Secrets generated at first start (e.g. the session signing key when SESSION_SECRET is not set),
-- kept in the database so that every app server shares them and none is in the repository.
CREATE TABLE app_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
