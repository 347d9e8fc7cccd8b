import { Inject, Injectable } from '@nestjs/common';
import { RequestMeta } from '@mpp/contracts';
import { AggregateStore, SqlClient, StoredEvent } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { serviceNotFound } from '../catalog.errors';
import { seesEveryState } from '../workspaces/isv-access';
import { ExistingService, serviceDecider, serviceStreamId } from './service.decider';

/** What the reads of one service share: the service from its own events (404 when there is none) and whether the caller sees it in every state. */
@Injectable()
export class ServiceReader {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async read(serviceId: string, meta: RequestMeta): Promise<{ state: ExistingService; version: number; events: StoredEvent[]; insider: boolean }> {
    const actor = signedIn(meta);
    const { state, version, events } = await this.aggregates.load(serviceDecider, serviceStreamId(serviceId));
    if (state.status === 'NONE') throw serviceNotFound();
    return { state, version, events, insider: await seesEveryState(this.sql, state.isvWorkspaceId, actor) };
  }
}
