-- The person index: children and adults, with names, addresses and identifiers over time.
-- Every later module links to people(id). A merged record stays as a redirect (merged_into_id).
CREATE TABLE people (
  id bigserial PRIMARY KEY,
  -- Where an imported record came from, kept so exports and re-imports can refer to it.
  source_system text,
  source_id text,
  date_of_birth date,
  expected_date_of_birth date,
  date_of_death date,
  sex text NOT NULL DEFAULT 'U' CHECK (sex IN ('M', 'F', 'U')),
  gender_identity text,
  ethnicity text,
  first_language text,
  interpreter_needed boolean NOT NULL DEFAULT false,
  religion text,
  nhs_number text,
  upn text,
  immigration_status text,
  uasc boolean NOT NULL DEFAULT false,
  restricted boolean NOT NULL DEFAULT false,
  merged_into_id bigint REFERENCES people(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users(id),
  CONSTRAINT people_nhs_format CHECK (nhs_number IS NULL OR nhs_number ~ '^[0-9]{10}$'),
  CONSTRAINT people_upn_format CHECK (upn IS NULL OR upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$')
);
CREATE UNIQUE INDEX people_source ON people (source_system, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX people_dob ON people (date_of_birth) WHERE merged_into_id IS NULL;
CREATE INDEX people_nhs ON people (nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX people_upn ON people (upn) WHERE upn IS NOT NULL;
CREATE INDEX people_merged_into ON people (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- Names over time. The *_key columns are ASCII-folded by the application (transliteration rules live in
-- src/people/matching/names.ts); the phonetic codes are derived in the database with fuzzystrmatch.
CREATE TABLE person_names (
  id bigserial PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people(id),
  kind text NOT NULL CHECK (kind IN ('current', 'previous', 'alias', 'known_as')),
  given_names text NOT NULL DEFAULT '',
  family_name text NOT NULL DEFAULT '',
  from_date date,
  to_date date,
  given_key text NOT NULL DEFAULT '',
  family_key text NOT NULL DEFAULT '',
  given_dm text GENERATED ALWAYS AS (dmetaphone(split_part(given_key, ' ', 1))) STORED,
  family_dm text GENERATED ALWAYS AS (dmetaphone(family_key)) STORED
);
CREATE INDEX person_names_person ON person_names (person_id);
CREATE INDEX person_names_dm ON person_names (family_dm, given_dm);
CREATE INDEX person_names_given_dm ON person_names (given_dm);
CREATE INDEX person_names_family_trgm ON person_names USING gin (family_key gin_trgm_ops);

CREATE TABLE person_addresses (
  id bigserial PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people(id),
  line1 text NOT NULL DEFAULT '',
  line2 text NOT NULL DEFAULT '',
  town text NOT NULL DEFAULT '',
  postcode text,
  -- Postcode without the space, upper case: the blocking key.
  postcode_key text GENERATED ALWAYS AS (upper(replace(postcode, ' ', ''))) STORED,
  uprn text,
  from_date date,
  to_date date,
  -- People who live at this address together share a household id.
  household_id bigint
);
CREATE INDEX person_addresses_person ON person_addresses (person_id);
CREATE INDEX person_addresses_postcode ON person_addresses (postcode_key);
CREATE INDEX person_addresses_household ON person_addresses (household_id) WHERE household_id IS NOT NULL;

CREATE TABLE person_disabilities (
  person_id bigint NOT NULL REFERENCES people(id),
  code text NOT NULL,
  PRIMARY KEY (person_id, code)
);

CREATE TABLE person_contacts (
  id bigserial PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people(id),
  kind text NOT NULL CHECK (kind IN ('phone', 'mobile', 'email')),
  value text NOT NULL,
  note text NOT NULL DEFAULT ''
);
CREATE INDEX person_contacts_person ON person_contacts (person_id);

-- One row per relationship, read in both directions: person_id is the <type> of related_person_id
-- (e.g. person_id is the 'mother' of related_person_id); the reciprocal is derived (src/people/relationships.ts).
CREATE TABLE relationships (
  id bigserial PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people(id),
  related_person_id bigint NOT NULL REFERENCES people(id),
  type text NOT NULL,
  start_date date,
  end_date date,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT relationships_not_self CHECK (person_id <> related_person_id)
);
CREATE INDEX relationships_person ON relationships (person_id);
CREATE INDEX relationships_related ON relationships (related_person_id);

CREATE TABLE organisations (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  address text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX organisations_name_kind ON organisations (lower(name), kind);

CREATE TABLE involvements (
  id bigserial PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people(id),
  organisation_id bigint NOT NULL REFERENCES organisations(id),
  role text NOT NULL,
  contact_name text NOT NULL DEFAULT '',
  from_date date,
  to_date date
);
CREATE INDEX involvements_person ON involvements (person_id);

CREATE TABLE person_warnings (
  id bigserial PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people(id),
  kind text NOT NULL,
  details text NOT NULL,
  review_date date,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users(id),
  ended_at timestamptz
);
CREATE INDEX person_warnings_person ON person_warnings (person_id);

-- Restricted records: only these users and teams may open them (see access/policy.ts canAccessRecord).
CREATE TABLE person_restrictions (
  id bigserial PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people(id),
  user_id integer REFERENCES users(id),
  team_id integer REFERENCES teams(id),
  CONSTRAINT person_restrictions_one CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
CREATE INDEX person_restrictions_person ON person_restrictions (person_id);

-- Possible duplicates found by the duplicate finder; a reviewed pair is never proposed again.
CREATE TABLE duplicate_candidates (
  id bigserial PRIMARY KEY,
  person_a bigint NOT NULL REFERENCES people(id),
  person_b bigint NOT NULL REFERENCES people(id),
  score double precision NOT NULL,
  reasons jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'not_same', 'merged')),
  found_at timestamptz NOT NULL DEFAULT now(),
  reviewed_by integer REFERENCES users(id),
  reviewed_at timestamptz,
  CONSTRAINT duplicate_candidates_order CHECK (person_a < person_b),
  CONSTRAINT duplicate_candidates_pair UNIQUE (person_a, person_b)
);
CREATE INDEX duplicate_candidates_open ON duplicate_candidates (status, score DESC);

-- A merge records every row it moved so that it can be undone exactly.
CREATE TABLE person_merges (
  id bigserial PRIMARY KEY,
  kept_id bigint NOT NULL REFERENCES people(id),
  merged_id bigint NOT NULL REFERENCES people(id),
  moved jsonb NOT NULL,
  merged_by integer REFERENCES users(id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  unmerged_by integer REFERENCES users(id),
  unmerged_at timestamptz
);
CREATE INDEX person_merges_people ON person_merges (kept_id, merged_id);

-- Fellegi-Sunter weights estimated from the data (EM), newest first; defaults apply until one exists.
CREATE TABLE match_weights (
  id bigserial PRIMARY KEY,
  weights jsonb NOT NULL,
  prior double precision NOT NULL,
  pairs_used integer NOT NULL,
  estimated_at timestamptz NOT NULL DEFAULT now()
);

-- Progress of the background duplicate scan, so it resumes where it stopped.
CREATE TABLE duplicate_scans (
  id bigserial PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  last_person_id bigint NOT NULL DEFAULT 0,
  pairs_found integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'failed'))
);
