import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SqlClient } from '@mpp/eventsourcing';
import { SQL_CLIENT } from '@mpp/application';
import { serviceNotFound } from '../../catalog.errors';
import { findMarketServices } from '../market-services';
import { GetMarketService } from './get-market-service.query';

@QueryHandler(GetMarketService)
export class GetMarketServiceHandler implements IQueryHandler<GetMarketService> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload }: GetMarketService) {
    const [view] = await findMarketServices(this.sql, { serviceId: payload.serviceId, rows: 1 });
    if (!view) throw serviceNotFound('no such service on the market');
    return view;
  }
}
