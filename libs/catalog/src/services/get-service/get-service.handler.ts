import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { serviceNotFound } from '../../catalog.errors';
import { seesEveryState } from '../../workspaces/isv-access';
import { serviceDecider, serviceStreamId } from '../service.decider';
import { toServiceView } from '../service-view';
import { GetService } from './get-service.query';

/**
 * The owner ISV's members (and reviewers) see a service in any state; anyone signed in sees an ONLINE
 * service's online content. To everyone else it does not exist.
 */
@QueryHandler(GetService)
export class GetServiceHandler implements IQueryHandler<GetService> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: GetService) {
    const actor = signedIn(meta);
    const { serviceId } = payload;
    const { state, version } = await this.aggregates.load(serviceDecider, serviceStreamId(serviceId));
    if (state.status === 'NONE') throw serviceNotFound();
    if (await seesEveryState(this.sql, state.isvWorkspaceId, actor)) return toServiceView(serviceId, state, version);
    if (state.status !== 'ONLINE' || !state.online) throw serviceNotFound();
    return toServiceView(serviceId, { ...state, content: state.online, revision: undefined, reason: undefined }, version);
  }
}
