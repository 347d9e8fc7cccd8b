import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SqlClient } from '@mpp/eventsourcing';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { findMarketServices } from '../market-services';
import { SearchMarket } from './search-market.query';

/** Newest first, keyset-paginated on (online_at, service_id). */
@QueryHandler(SearchMarket)
export class SearchMarketHandler implements IQueryHandler<SearchMarket> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload }: SearchMarket) {
    const { industry, type, app, q, limit, cursor } = payload;
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const views = await findMarketServices(this.sql, { industry, type, app, q, after, rows: limit + 1 });
    return toPage(views, limit, (v) => ({ at: v.onlineAt, id: v.serviceId }));
  }
}
