import { Inject, Injectable } from '@nestjs/common';
import { RequestMeta, ServiceStepReply } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE } from '@mpp/application';
import { ServiceCommand, serviceDecider, serviceStreamId } from './service.decider';
import { toStepReply } from './service-view';

/** A reviewer's decision on a service under review; the decider lets only reviewers take it. */
@Injectable()
export class ServiceReviews {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async decide(serviceId: string, meta: RequestMeta, command: ServiceCommand): Promise<ServiceStepReply> {
    signedIn(meta);
    const result = await this.aggregates.handle(serviceDecider, serviceStreamId(serviceId), command, { metadata: meta });
    return toStepReply(result.state, result.version);
  }
}
