import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ServiceView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { signedIn } from '@mpp/messaging';
import { isMemberOf } from '../../workspaces/isv-access';
import { SERVICE_OFFLINE, SERVICE_ONLINE, SERVICE_REVISED } from '@mpp/contracts';
import { serviceDecider, serviceStreamId } from '../service.decider';
import { toServiceView } from '../service-view';
import { GetService } from './get-service.query';

export interface ServiceHistoryItem {
  type: string;
  status: string;
  actor: string;
  at: string;
  reason?: string;
}

const PUBLIC_ECHOES = [SERVICE_ONLINE, SERVICE_REVISED, SERVICE_OFFLINE];

/**
 * The owner ISV's members (and reviewers) see a service in any state, with its history; anyone signed in sees
 * an ONLINE service's online content. To everyone else it does not exist.
 */
@QueryHandler(GetService)
export class GetServiceHandler implements IQueryHandler<GetService, ServiceView | { items: ServiceHistoryItem[] }> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ serviceId, part, meta }: GetService) {
    const actor = signedIn(meta);
    const { state, version, events } = await this.aggregates.load(serviceDecider, serviceStreamId(serviceId));
    const notFound = AppError.notFound('SERVICE_NOT_FOUND', 'no such service');
    if (state.status === 'NONE') throw notFound;
    const insider = actor.platformRoles.includes('REVIEWER') || (await isMemberOf(this.sql, state.isvWorkspaceId, actor));
    if (part === 'HISTORY') {
      if (!insider) throw notFound;
      let folded = serviceDecider.initialState();
      const items: ServiceHistoryItem[] = [];
      for (const e of events) {
        folded = serviceDecider.evolve(folded, { type: e.type, data: e.data } as never);
        if (PUBLIC_ECHOES.includes(e.type) || folded.status === 'NONE') continue;
        const status = folded.status === 'ONLINE' && folded.revision ? `ONLINE (revision ${folded.revision})` : folded.status;
        items.push({ type: e.type.replace(/^catalog\./, ''), status, actor: e.metadata.actor?.accountId ?? 'system', at: e.metadata.occurredAt, ...(e.data.reason ? { reason: e.data.reason as string } : {}) });
      }
      return { items };
    }
    if (insider) return toServiceView(serviceId, state, version);
    if (state.status !== 'ONLINE' || !state.online) throw notFound;
    return { ...toServiceView(serviceId, { ...state, content: state.online, revision: undefined, reason: undefined }, version) };
  }
}
