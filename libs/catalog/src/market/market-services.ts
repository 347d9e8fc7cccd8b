import { MarketServiceView, SearchMarketPayload, ServiceContent } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';

/** What the market is asked: the search's filters, or one service by id; after the keyset of a page's last item. */
export interface MarketQuery extends Omit<SearchMarketPayload, 'limit' | 'cursor'> {
  serviceId?: string;
  after?: { at: string; id: string };
  rows: number;
}

/** Words of the query as prefixes, all required: "mini prog" finds "Mini program build". Only letters and digits reach SQL. */
export function toPrefixQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 8).map((w) => `${w}:*`).join(' & ') : null;
}

/** ONLINE services with their ISV's public information, newest first. */
export async function findMarketServices(sql: SqlClient, query: MarketQuery): Promise<MarketServiceView[]> {
  const { rows } = await sql.query<{ service_id: string; workspace_id: string; online_at: Date | string; content: ServiceContent; isv_name: string | null }>(
    `SELECT m.service_id, m.workspace_id, m.online_at, m.content, w.name AS isv_name
       FROM market_services m LEFT JOIN known_workspaces w USING (workspace_id)
      WHERE ($1::text IS NULL OR m.service_id = $1)
        AND ($2::text IS NULL OR m.industry = $2) AND ($3::text IS NULL OR m.type = $3) AND ($4::text IS NULL OR m.apps @> ARRAY[$4::text])
        AND ($5::text IS NULL OR m.search @@ to_tsquery('simple', $5))
        AND ($6::timestamptz IS NULL OR (m.online_at, m.service_id) < ($6::timestamptz, $7::text))
      ORDER BY m.online_at DESC, m.service_id DESC LIMIT $8`,
    [query.serviceId ?? null, query.industry ?? null, query.type ?? null, query.app ?? null, query.q ? toPrefixQuery(query.q) : null, query.after?.at ?? null, query.after?.id ?? null, query.rows],
  );
  return rows.map((r) => ({
    ...r.content,
    serviceId: r.service_id,
    onlineAt: new Date(r.online_at).toISOString(),
    isv: { workspaceId: r.workspace_id, name: r.isv_name ?? '', logoUrl: `/v1/workspaces/${r.workspace_id}/logo` },
  }));
}
