import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RetentionView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/application';
import { requireStatisticsReader } from '../../readers/statistics-readers';
import { addDays, datesBetween, utcDate } from '../periods';
import { requireRange } from '../statistics-range';
import { RETENTION_DAYS } from '../usage-figures';
import { GetRetention } from './get-retention.query';

interface CohortRow {
  cohort_date: string;
  new_visitors: string;
  day1: string;
  day7: string;
  day30: string;
}

/**
 * Each date's new visitors (a cohort) and the share of them seen again exactly 1, 7 and 30 days later, as
 * usage-figures.ts' retention() defines it: null while that day is still to come, 0 for a cohort of nobody.
 */
@QueryHandler(GetRetention)
export class GetRetentionHandler implements IQueryHandler<GetRetention> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: GetRetention): Promise<RetentionView> {
    requireRange(payload.from, payload.to);
    await requireStatisticsReader(this.sql, payload.miniProgramId, signedIn(meta));
    const seenAfter = (days: number) =>
      `count(*) FILTER (WHERE EXISTS (SELECT 1 FROM usage_daily_visitors v WHERE v.mini_program_id = f.mini_program_id AND v.day = f.first_day + ${days} AND v.visitor = f.visitor))`;
    const { rows } = await this.sql.query<CohortRow>(
      `SELECT f.first_day::text AS cohort_date, count(*) AS new_visitors, ${RETENTION_DAYS.map((d) => `${seenAfter(d)} AS day${d}`).join(', ')}
         FROM usage_first_visits f WHERE f.mini_program_id = $1 AND f.first_day BETWEEN $2::date AND $3::date GROUP BY f.first_day`,
      [payload.miniProgramId, payload.from, payload.to],
    );
    const cohorts = new Map(rows.map((r) => [r.cohort_date, r]));
    const today = utcDate(new Date());
    return {
      items: datesBetween(payload.from, payload.to).map((cohortDate) => {
        const row = cohorts.get(cohortDate);
        const size = Number(row?.new_visitors ?? 0);
        const share = (days: 1 | 7 | 30) => {
          if (addDays(cohortDate, days) > today) return null;
          return size === 0 ? 0 : Number(row?.[`day${days}`] ?? 0) / size;
        };
        return { cohortDate, newVisitors: size, day1: share(1), day7: share(7), day30: share(30) };
      }),
    };
  }
}
