import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ServiceContent } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { AppError, decodeCursor, Page, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/runtime';
import { SearchMarket } from './search-market.query';

export interface MarketServiceView extends ServiceContent {
  serviceId: string;
  onlineAt: string;
  isv: { workspaceId: string; name: string; logoUrl: string };
}

/** Words of the query as prefixes, all required: "mini prog" finds "Mini program build". Only letters and digits reach SQL. */
export function toPrefixQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 8).map((w) => `${w}:*`).join(' & ') : null;
}

/** The Service Market: ONLINE services, newest first, filtered by industry, type, host app and words. */
@QueryHandler(SearchMarket)
export class SearchMarketHandler implements IQueryHandler<SearchMarket, Page<MarketServiceView> | MarketServiceView> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ filters, serviceId }: SearchMarket) {
    const after = decodeCursor<{ at: string; id: string }>(filters.cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<{ service_id: string; workspace_id: string; online_at: Date | string; content: ServiceContent; isv_name: string | null }>(
      `SELECT m.service_id, m.workspace_id, m.online_at, m.content, w.name AS isv_name
         FROM market_services m LEFT JOIN known_workspaces w USING (workspace_id)
        WHERE ($1::text IS NULL OR m.service_id = $1)
          AND ($2::text IS NULL OR m.industry = $2) AND ($3::text IS NULL OR m.type = $3) AND ($4::text IS NULL OR m.apps @> ARRAY[$4::text])
          AND ($5::text IS NULL OR m.search @@ to_tsquery('simple', $5))
          AND ($6::timestamptz IS NULL OR (m.online_at, m.service_id) < ($6::timestamptz, $7::text))
        ORDER BY m.online_at DESC, m.service_id DESC LIMIT $8`,
      [serviceId ?? null, filters.industry ?? null, filters.type ?? null, filters.app ?? null, filters.q ? toPrefixQuery(filters.q) : null, after?.at ?? null, after?.id ?? null, filters.limit + 1],
    );
    const views = rows.map((r) => ({
      ...r.content,
      serviceId: r.service_id,
      onlineAt: new Date(r.online_at).toISOString(),
      isv: { workspaceId: r.workspace_id, name: r.isv_name ?? '', logoUrl: `/v1/workspaces/${r.workspace_id}/logo` },
    }));
    if (serviceId) {
      if (!views[0]) throw AppError.notFound('SERVICE_NOT_FOUND', 'no such service on the market');
      return views[0];
    }
    return toPage(views, filters.limit, (v) => ({ at: v.onlineAt, id: v.serviceId }));
  }
}
