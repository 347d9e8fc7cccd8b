import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PeriodStatistics, StatisticsView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/application';
import { hostAppNotTarget } from '../../insights.errors';
import { requireStatisticsReader } from '../../readers/statistics-readers';
import { periodParams, requireRange } from '../statistics-range';
import { GetStatistics } from './get-statistics.query';

interface PeriodRow {
  period: string;
  opens: string;
  page_views: string;
  shares: string;
  errors: string;
  session_ends: string;
  session_ms_total: string;
  unique_visitors: string;
  sessions: string;
  new_visitors: string;
}

/**
 * Adds up the days' figures by period as usage-figures.ts defines them: counters summed; visitors and sessions
 * distinct over the whole period (exact: counted from the days' distinct visitors, not estimated); new visitors by
 * the period of their first day.
 */
@QueryHandler(GetStatistics)
export class GetStatisticsHandler implements IQueryHandler<GetStatistics> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: GetStatistics): Promise<StatisticsView> {
    requireRange(payload.from, payload.to);
    const { targetApps } = await requireStatisticsReader(this.sql, payload.miniProgramId, signedIn(meta));
    if (payload.hostApp !== undefined && !targetApps.includes(payload.hostApp)) throw hostAppNotTarget(payload.hostApp);
    const { periods, dates, periodOfDate } = periodParams(payload.from, payload.to, payload.granularity);
    const of = `mini_program_id = $1 AND day BETWEEN $5::date AND $6::date AND ($2::text IS NULL OR host_app = $2)`;
    const { rows } = await this.sql.query<PeriodRow>(
      `WITH p(day, period) AS (SELECT * FROM unnest($3::date[], $4::text[])),
        counters AS (SELECT p.period, sum(opens) AS opens, sum(page_views) AS page_views, sum(shares) AS shares, sum(errors) AS errors,
                            sum(session_ends) AS session_ends, sum(session_ms_total) AS session_ms_total
                       FROM usage_daily JOIN p USING (day) WHERE ${of} GROUP BY p.period),
        visitors AS (SELECT p.period, count(DISTINCT visitor) AS unique_visitors FROM usage_daily_visitors JOIN p USING (day) WHERE ${of} GROUP BY p.period),
        sessions AS (SELECT p.period, count(DISTINCT (host_app, session_id)) AS sessions FROM usage_daily_sessions JOIN p USING (day) WHERE ${of} GROUP BY p.period),
        fresh AS (SELECT p.period, count(*) AS new_visitors FROM usage_first_visits f JOIN p ON p.day = f.first_day
                   WHERE f.mini_program_id = $1 AND f.first_day BETWEEN $5::date AND $6::date AND ($2::text IS NULL OR f.host_app = $2) GROUP BY p.period)
      SELECT period, c.opens, c.page_views, c.shares, c.errors, c.session_ends, c.session_ms_total, v.unique_visitors, s.sessions, f.new_visitors
        FROM counters c FULL JOIN visitors v USING (period) FULL JOIN sessions s USING (period) FULL JOIN fresh f USING (period)`,
      [payload.miniProgramId, payload.hostApp ?? null, dates, periodOfDate, payload.from, payload.to],
      // Prepared once per connection: planning these four aggregates took about a third of the statement's time.
      { name: 'insights_statistics' },
    );
    const byPeriod = new Map(rows.map((r) => [r.period, r]));
    const n = (value: string | null | undefined) => Number(value ?? 0);
    const items = periods.map((period): PeriodStatistics => {
      const r = byPeriod.get(period);
      const sessionEnds = n(r?.session_ends);
      return {
        period,
        opens: n(r?.opens),
        pageViews: n(r?.page_views),
        uniqueVisitors: n(r?.unique_visitors),
        newVisitors: n(r?.new_visitors),
        sessions: n(r?.sessions),
        avgSessionMs: sessionEnds === 0 ? 0 : Math.round(n(r?.session_ms_total) / sessionEnds),
        shares: n(r?.shares),
        errors: n(r?.errors),
      };
    });
    return { items, uniqueVisitorsExact: true };
  }
}
