-- Days the council is closed besides England and Wales bank holidays (e.g. an extra Christmas closure day).
-- They stop statutory clocks that are counted in working days.
CREATE TABLE local_non_working_days (
  day date PRIMARY KEY,
  description text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users(id)
);
