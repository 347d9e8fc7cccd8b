import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { signedIn } from '@mpp/messaging';
import { workspaceDecider, workspaceStreamId } from '../workspace.decider';
import { RemoveMember } from './remove-member.command';

@CommandHandler(RemoveMember)
export class RemoveMemberHandler implements ICommandHandler<RemoveMember> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ payload: { workspaceId, accountId }, meta }: RemoveMember) {
    signedIn(meta);
    await this.aggregates.handle(workspaceDecider, workspaceStreamId(workspaceId), { type: 'RemoveMember', accountId }, { metadata: meta });
    return {};
  }
}
