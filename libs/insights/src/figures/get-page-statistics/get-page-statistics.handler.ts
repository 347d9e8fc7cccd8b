import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PageStatisticsView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/application';
import { requireStatisticsReader } from '../../readers/statistics-readers';
import { requireRange } from '../statistics-range';
import { GetPageStatistics } from './get-page-statistics.query';

/** Pages by views over the range (ties by page, in code point order), each page's visitors distinct over the whole range. */
@QueryHandler(GetPageStatistics)
export class GetPageStatisticsHandler implements IQueryHandler<GetPageStatistics> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: GetPageStatistics): Promise<PageStatisticsView> {
    requireRange(payload.from, payload.to);
    await requireStatisticsReader(this.sql, payload.miniProgramId, signedIn(meta));
    const { rows } = await this.sql.query<{ page: string; views: string; visitors: string }>(
      `WITH top AS (SELECT page, sum(views) AS views FROM usage_daily_pages WHERE mini_program_id = $1 AND day BETWEEN $2::date AND $3::date
                     GROUP BY page ORDER BY views DESC, page COLLATE "C" LIMIT $4)
      SELECT top.page, top.views,
             (SELECT count(DISTINCT visitor) FROM usage_daily_page_visitors v
               WHERE v.mini_program_id = $1 AND v.day BETWEEN $2::date AND $3::date AND v.page = top.page) AS visitors
        FROM top ORDER BY top.views DESC, top.page COLLATE "C"`,
      [payload.miniProgramId, payload.from, payload.to, payload.limit],
    );
    return { items: rows.map((r) => ({ page: r.page, pageViews: Number(r.views), uniqueVisitors: Number(r.visitors) })) };
  }
}
