import { Inject, Injectable } from '@nestjs/common';
import { RequestMeta, ServiceStepReply } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE } from '@mpp/application';
import { serviceNotFound } from '../catalog.errors';
import { ServiceCommand, serviceDecider, serviceStreamId } from './service.decider';
import { ServiceStep } from './service-steps';
import { toStepReply } from './service-view';

/** A reviewer's decision on a service under review; the decider lets only reviewers take it. */
@Injectable()
export class ServiceReviews {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async decide(serviceId: string, meta: RequestMeta, step: ServiceStep): Promise<ServiceStepReply> {
    signedIn(meta);
    const streamId = serviceStreamId(serviceId);
    const result = await this.aggregates.handle(serviceDecider, streamId, await this.resolveStep(streamId, step), { metadata: meta });
    return toStepReply(result.state, result.version);
  }

  private async resolveStep(streamId: string, step: ServiceStep): Promise<ServiceCommand> {
    if (typeof step !== 'function') return step;
    const { state } = await this.aggregates.load(serviceDecider, streamId);
    if (state.status === 'NONE') throw serviceNotFound();
    return step(state);
  }
}
