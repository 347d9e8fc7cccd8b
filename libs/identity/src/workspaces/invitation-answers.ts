import { Inject, Injectable } from '@nestjs/common';
import { RequestMeta } from '@mpp/contracts';
import { AggregateStore, EventStore } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, EVENT_STORE } from '@mpp/application';
import { accountDecider, accountStreamId } from '../accounts/account.decider';
import { invitationNotFound } from '../identity.errors';
import { invitationRefStreamId, workspaceDecider, workspaceStreamId } from './workspace.decider';

/** The workspace an invitation belongs to, from the reference written before it; 404 when there is none. */
export async function invitationWorkspace(store: EventStore, invitationId: string): Promise<string> {
  const [ref] = await store.readStream(invitationRefStreamId(invitationId), { limit: 1 });
  const workspaceId = ref?.data.workspaceId;
  if (typeof workspaceId !== 'string') throw invitationNotFound();
  return workspaceId;
}

/** The invitee's answer (accept or decline), which carries only the invitation id: only the address it was sent to may give it. */
@Injectable()
export class InvitationAnswers {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Gives the answer on the invitation's workspace and returns that workspace's id. */
  async give(invitationId: string, type: 'AcceptInvitation' | 'DeclineInvitation', meta: RequestMeta): Promise<string> {
    const actor = signedIn(meta);
    const workspaceId = await invitationWorkspace(this.store, invitationId);
    const { state: account } = await this.aggregates.load(accountDecider, accountStreamId(actor.accountId));
    const actorEmail = account.status === 'ACTIVE' ? account.email : '';
    await this.aggregates.handle(workspaceDecider, workspaceStreamId(workspaceId), { type, invitationId, actorEmail }, { metadata: meta });
    return workspaceId;
  }
}
