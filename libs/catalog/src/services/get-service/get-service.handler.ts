import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { serviceNotFound } from '../../catalog.errors';
import { ServiceReader } from '../service-reader';
import { toServiceView } from '../service-view';
import { GetService } from './get-service.query';

/**
 * The owner ISV's members (and reviewers) see a service in any state; anyone signed in sees an ONLINE
 * service's online content. To everyone else it does not exist.
 */
@QueryHandler(GetService)
export class GetServiceHandler implements IQueryHandler<GetService> {
  constructor(private readonly reader: ServiceReader) {}

  async execute({ payload, meta }: GetService) {
    const { serviceId } = payload;
    const { state, version, insider } = await this.reader.read(serviceId, meta);
    if (insider) return toServiceView(serviceId, state, version);
    if (state.status !== 'ONLINE' || !state.online) throw serviceNotFound();
    return toServiceView(serviceId, { ...state, content: state.online, revision: undefined, reason: undefined }, version);
  }
}
