import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, EventStore } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, EVENT_STORE } from '@mpp/application';
import { invitationNotFound } from '../../identity.errors';
import { invitationWorkspace } from '../invitation-answers';
import { workspaceDecider, workspaceStreamId } from '../workspace.decider';
import { WithdrawInvitation } from './withdraw-invitation.command';

/** An invitation of another workspace than the route's is not found. */
@CommandHandler(WithdrawInvitation)
export class WithdrawInvitationHandler implements ICommandHandler<WithdrawInvitation> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ payload: { workspaceId, invitationId }, meta }: WithdrawInvitation) {
    signedIn(meta);
    if ((await invitationWorkspace(this.store, invitationId)) !== workspaceId) throw invitationNotFound();
    await this.aggregates.handle(workspaceDecider, workspaceStreamId(workspaceId), { type: 'WithdrawInvitation', invitationId }, { metadata: meta });
    return { status: 'WITHDRAWN' as const };
  }
}
