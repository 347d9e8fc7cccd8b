import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, EventStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, EVENT_STORE } from '@mpp/runtime';
import { accountDecider, accountStreamId } from '../../accounts/account.decider';
import { signedIn } from '@mpp/messaging';
import { invitationNotFound, invitationRefStreamId, workspaceDecider, workspaceStreamId } from '../workspace.decider';
import { ManageInvitation } from './manage-invitation.command';

@CommandHandler(ManageInvitation)
export class ManageInvitationHandler implements ICommandHandler<ManageInvitation, { status: string; workspaceId?: string }> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ invitationId, action, meta, workspaceId: given }: ManageInvitation) {
    const actor = signedIn(meta);
    const [ref] = await this.store.readStream(invitationRefStreamId(invitationId), { limit: 1 });
    const workspaceId = ref?.data.workspaceId as string | undefined;
    if (!workspaceId || (given !== undefined && given !== workspaceId)) throw invitationNotFound();
    const stream = workspaceStreamId(workspaceId);
    if (action === 'WITHDRAW') {
      await this.aggregates.handle(workspaceDecider, stream, { type: 'WithdrawInvitation', invitationId }, { metadata: meta });
      return { status: 'WITHDRAWN' };
    }
    const { state: account } = await this.aggregates.load(accountDecider, accountStreamId(actor.accountId));
    const actorEmail = account.status === 'ACTIVE' ? account.email : '';
    const type = action === 'ACCEPT' ? 'AcceptInvitation' : 'DeclineInvitation';
    await this.aggregates.handle(workspaceDecider, stream, { type, invitationId, actorEmail }, { metadata: meta });
    return action === 'ACCEPT' ? { status: 'ACCEPTED', workspaceId } : { status: 'DECLINED' };
  }
}
