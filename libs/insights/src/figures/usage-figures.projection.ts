import { parseLogPosition, Projection, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';

/*
 * The figures of DOMAIN.md 6, kept from the usage log per mini program × host app × UTC day: counters, and the
 * distinct visitors, sessions and page visitors that ranges of days are counted from exactly. usage-figures.ts says
 * what each figure is; the read queries (./get-*) add these up the same way. Set-based: a batch of the log is a
 * handful of statements whatever its size, so ingestion at thousands of events a second keeps up.
 */

const counted = (type: string) => `count(*) FILTER (WHERE type = '${type}')`;

/**
 * Applies a batch of the usage log in one statement that reads the batch where it lies: the log's rows from the
 * batch's first position to its last are exactly the batch (everything between two committed positions below the
 * snapshot's horizon is committed and was read), so no event travels to this process and back.
 */
async function applyUsage(tx: SqlClient, events: StoredEvent[], t: TableNames): Promise<void> {
  if (events.length === 0) return;
  const first = parseLogPosition(events[0].logPosition);
  const last = parseLogPosition(events[events.length - 1].logPosition);
  await tx.query(
    `WITH b AS MATERIALIZED (
        SELECT mini_program_id, host_app, day, type, visitor, session_id, page, duration_ms FROM usage_events
         WHERE (transaction_id, position) >= ($1::xid8, $2::bigint) AND (transaction_id, position) <= ($3::xid8, $4::bigint)),
      daily AS (
        INSERT INTO ${t('usage_daily')} AS d (mini_program_id, host_app, day, opens, page_views, shares, errors, session_ends, session_ms_total)
        SELECT mini_program_id, host_app, day, ${counted('LAUNCH')}, ${counted('PAGE_VIEW')}, ${counted('SHARE')}, ${counted('ERROR')}, ${counted('SESSION_END')},
               coalesce(sum(duration_ms) FILTER (WHERE type = 'SESSION_END'), 0)
          FROM b GROUP BY mini_program_id, host_app, day
        ON CONFLICT (mini_program_id, host_app, day) DO UPDATE SET
          opens = d.opens + excluded.opens, page_views = d.page_views + excluded.page_views, shares = d.shares + excluded.shares,
          errors = d.errors + excluded.errors, session_ends = d.session_ends + excluded.session_ends, session_ms_total = d.session_ms_total + excluded.session_ms_total),
      visitors AS (
        INSERT INTO ${t('usage_daily_visitors')} SELECT DISTINCT mini_program_id, host_app, day, visitor FROM b ON CONFLICT DO NOTHING
        RETURNING mini_program_id, host_app, day, visitor),
      sessions AS (INSERT INTO ${t('usage_daily_sessions')} SELECT DISTINCT mini_program_id, host_app, day, session_id FROM b ON CONFLICT DO NOTHING),
      -- Only a visitor's first event of a day can make it new (the rest of the day's are in 'visitors' already); a
      -- late event can move a first day back: the earliest day wins.
      firsts AS (
        INSERT INTO ${t('usage_first_visits')} AS f SELECT mini_program_id, visitor, min(host_app), min(day) FROM visitors GROUP BY mini_program_id, visitor
        ON CONFLICT (mini_program_id, visitor) DO UPDATE SET first_day = LEAST(f.first_day, excluded.first_day)),
      pages AS (
        INSERT INTO ${t('usage_daily_pages')} AS p SELECT mini_program_id, host_app, day, page, count(*) FROM b WHERE type = 'PAGE_VIEW' GROUP BY mini_program_id, host_app, day, page
        ON CONFLICT (mini_program_id, host_app, day, page) DO UPDATE SET views = p.views + excluded.views)
    INSERT INTO ${t('usage_daily_page_visitors')} SELECT DISTINCT mini_program_id, host_app, day, page, visitor FROM b WHERE type = 'PAGE_VIEW' ON CONFLICT DO NOTHING`,
    [first.transactionId, first.globalPosition, last.transactionId, last.globalPosition],
  );
}

export const usageFiguresProjection: Projection = {
  name: 'usage-figures',
  source: 'usage',
  tables: ['usage_daily', 'usage_daily_visitors', 'usage_daily_sessions', 'usage_first_visits', 'usage_daily_pages', 'usage_daily_page_visitors'],
  // Visitors are the host app's pseudonymized users prefixed with the host app ("GCASH:…"), so one visitor is in
  // one host app only; host_app is kept beside them to filter by, in the key's index too (INCLUDE), so a range's
  // unique visitors are counted from the index alone.
  schema: (t) => `
    CREATE TABLE ${t('usage_daily')} (
      mini_program_id text NOT NULL, host_app text NOT NULL, day date NOT NULL,
      opens bigint NOT NULL, page_views bigint NOT NULL, shares bigint NOT NULL, errors bigint NOT NULL,
      session_ends bigint NOT NULL, session_ms_total bigint NOT NULL,
      PRIMARY KEY (mini_program_id, host_app, day));
    CREATE TABLE ${t('usage_daily_visitors')} (
      mini_program_id text NOT NULL, host_app text NOT NULL, day date NOT NULL, visitor text NOT NULL,
      PRIMARY KEY (mini_program_id, day, visitor) INCLUDE (host_app));
    CREATE TABLE ${t('usage_daily_sessions')} (
      mini_program_id text NOT NULL, host_app text NOT NULL, day date NOT NULL, session_id text NOT NULL,
      PRIMARY KEY (mini_program_id, day, host_app, session_id));
    CREATE TABLE ${t('usage_first_visits')} (
      mini_program_id text NOT NULL, visitor text NOT NULL, host_app text NOT NULL, first_day date NOT NULL,
      PRIMARY KEY (mini_program_id, visitor));
    CREATE INDEX ON ${t('usage_first_visits')} (mini_program_id, first_day);
    CREATE TABLE ${t('usage_daily_pages')} (
      mini_program_id text NOT NULL, host_app text NOT NULL, day date NOT NULL, page text NOT NULL, views bigint NOT NULL,
      PRIMARY KEY (mini_program_id, host_app, day, page));
    CREATE TABLE ${t('usage_daily_page_visitors')} (
      mini_program_id text NOT NULL, host_app text NOT NULL, day date NOT NULL, page text NOT NULL, visitor text NOT NULL,
      PRIMARY KEY (mini_program_id, day, page, visitor));`,
  apply: (tx, event, t) => applyUsage(tx, [event], t),
  applyBatch: applyUsage,
  // Thousands of events a second: a few statements per 5,000 events keep up where 500 would fall behind.
  batchSize: 5_000,
};
