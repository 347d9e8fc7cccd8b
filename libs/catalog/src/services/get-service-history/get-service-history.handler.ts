import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { serviceNotFound } from '../../catalog.errors';
import { seesEveryState } from '../../workspaces/isv-access';
import { serviceDecider, serviceStreamId } from '../service.decider';
import { GetServiceHistory } from './get-service-history.query';
import { serviceHistory } from './service-history';

@QueryHandler(GetServiceHistory)
export class GetServiceHistoryHandler implements IQueryHandler<GetServiceHistory> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: GetServiceHistory) {
    const actor = signedIn(meta);
    const { state, events } = await this.aggregates.load(serviceDecider, serviceStreamId(payload.serviceId));
    if (state.status === 'NONE' || !(await seesEveryState(this.sql, state.isvWorkspaceId, actor))) throw serviceNotFound();
    return { items: serviceHistory(events) };
  }
}
