-- Append-only, tamper-evident audit trail. Each row's hash covers its content and the previous
-- row's hash, so altering or removing a row breaks the chain (npm run audit:verify).
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  user_id integer,
  username text,
  role text,
  team text,
  action text NOT NULL,
  outcome text NOT NULL DEFAULT 'success',
  record_type text,
  record_id text,
  person_ids text[] NOT NULL DEFAULT '{}',
  request_id text,
  ip text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_events_occurred ON audit_events (occurred_at);
CREATE INDEX audit_events_user ON audit_events (user_id, occurred_at);
CREATE INDEX audit_events_action ON audit_events (action, occurred_at);
CREATE INDEX audit_events_record ON audit_events (record_type, record_id);
CREATE INDEX audit_events_persons ON audit_events USING gin (person_ids);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
