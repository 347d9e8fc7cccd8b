/**
 * DDL of the SQL event store, shared by PostgreSQL and PGlite. `transaction_id` lets readers of the
 * global log stop below the oldest running transaction, so an event that commits late with a lower
 * `global_position` is never skipped (the approach of Marten and Emmett). `prefix` names the tables
 * ("es_" for a service's own events, "inbox_" for the events it received from others).
 */
export const eventStoreSchema = (prefix: string) => `
CREATE TABLE IF NOT EXISTS ${prefix}streams (
  stream_id text PRIMARY KEY,
  version bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ${prefix}events (
  global_position bigint GENERATED ALWAYS AS IDENTITY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id uuid NOT NULL,
  stream_id text NOT NULL,
  stream_position bigint NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (transaction_id, global_position),
  UNIQUE (stream_id, stream_position),
  UNIQUE (event_id)
);
-- p_expected: -1 any, 0 no stream, n > 0 exactly n events; p_events: [{id, type, data, metadata}].
-- One round trip and one statement per append.
DROP FUNCTION IF EXISTS ${prefix}append(text, bigint, uuid[], text[], jsonb[], jsonb[]);
CREATE OR REPLACE FUNCTION ${prefix}append(p_stream text, p_expected bigint, p_events jsonb)
RETURNS TABLE (next_version bigint, transaction_id xid8, global_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_count bigint := jsonb_array_length(p_events);
  v_before bigint;
  v_last bigint;
BEGIN
  IF p_expected = -1 THEN
    INSERT INTO ${prefix}streams AS s (stream_id, version) VALUES (p_stream, v_count)
      ON CONFLICT (stream_id) DO UPDATE SET version = s.version + v_count
      RETURNING s.version - v_count INTO v_before;
  ELSIF p_expected = 0 THEN
    INSERT INTO ${prefix}streams (stream_id, version) VALUES (p_stream, v_count) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      SELECT s.version INTO v_before FROM ${prefix}streams s WHERE s.stream_id = p_stream;
      RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'ES409', DETAIL = v_before::text;
    END IF;
    v_before := 0;
  ELSE
    UPDATE ${prefix}streams s SET version = s.version + v_count WHERE s.stream_id = p_stream AND s.version = p_expected
      RETURNING s.version - v_count INTO v_before;
    IF NOT FOUND THEN
      SELECT s.version INTO v_before FROM ${prefix}streams s WHERE s.stream_id = p_stream;
      RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'ES409', DETAIL = coalesce(v_before, 0)::text;
    END IF;
  END IF;
  WITH inserted AS (
    INSERT INTO ${prefix}events (event_id, stream_id, stream_position, type, data, metadata)
    SELECT (u.e->>'id')::uuid, p_stream, v_before + u.n, u.e->>'type', u.e->'data', u.e->'metadata'
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS u(e, n)
    RETURNING ${prefix}events.global_position
  )
  SELECT max(inserted.global_position) INTO v_last FROM inserted;
  RETURN QUERY SELECT v_before + v_count, pg_current_xact_id(), v_last;
END $$;
`;
