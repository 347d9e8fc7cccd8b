import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/runtime';
import { signedIn } from '@mpp/messaging';
import { serviceDecider, serviceStreamId } from '../service.decider';
import { DecideService } from './decide-service.command';

/** A reviewer approves (the service or its revision goes online) or rejects with a reason the ISV sees. */
@CommandHandler(DecideService)
export class DecideServiceHandler implements ICommandHandler<DecideService, { status: string; version: number }> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ serviceId, decision, reason, meta }: DecideService) {
    signedIn(meta);
    const command = decision === 'APPROVE' ? { type: 'ApproveService' as const } : { type: 'RejectService' as const, reason: reason ?? '' };
    const result = await this.aggregates.handle(serviceDecider, serviceStreamId(serviceId), command, { metadata: meta });
    const state = result.state;
    const status = state.status === 'ONLINE' && state.revision ? state.revision : state.status;
    return { status, version: result.version };
  }
}
