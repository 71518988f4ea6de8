-- Appends one event to the hash-chained audit trail in a single statement (one round trip).
-- The chain lock, the read of the previous hash, the new id and the insert used to be four
-- statements from the application, holding the chain's lock across each round trip: under load
-- every page view queued behind the others there. The hash is the same as the application's
-- hashAuditRow: sha256(prev_hash || '\n' || content), where content is the row's canonical JSON,
-- passed in as the text before and after the id (which is only known here).
CREATE OR REPLACE FUNCTION audit_append(
  content_before text, content_after text,
  p_occurred_at timestamptz, p_user_id integer, p_username text, p_role text, p_team text,
  p_action text, p_outcome text, p_record_type text, p_record_id text, p_person_ids text[],
  p_request_id text, p_ip text, p_details jsonb
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  prev text;
  new_id bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(727001);
  SELECT hash INTO prev FROM audit_events ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  new_id := nextval('audit_events_id_seq');
  INSERT INTO audit_events (id, occurred_at, user_id, username, role, team, action, outcome, record_type, record_id,
                            person_ids, request_id, ip, details, prev_hash, hash)
  VALUES (new_id, p_occurred_at, p_user_id, p_username, p_role, p_team, p_action, p_outcome, p_record_type, p_record_id,
          p_person_ids, p_request_id, p_ip, p_details, prev,
          encode(sha256(convert_to(prev || E'\n' || content_before || new_id::text || content_after, 'UTF8')), 'hex'));
  RETURN new_id;
END
$$;
