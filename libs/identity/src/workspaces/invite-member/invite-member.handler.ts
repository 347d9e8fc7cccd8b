import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AggregateStore, EventStore, requireExpectedVersion } from '@mpp/eventsourcing';
import { own } from '@mpp/platform';
import { AGGREGATE_STORE, EVENT_STORE } from '@mpp/application';
import { AccountClaims } from '../../accounts/account-claims';
import { normalizeEmail } from '../../credentials/identifiers';
import { ACCOUNT_CLAIMS } from '../../identity.tokens';
import { signedIn } from '@mpp/messaging';
import { invitationRefStreamId, requireManager, workspaceDecider, workspaceStreamId } from '../workspace.decider';
import { InviteMember } from './invite-member.command';
import { workspaceNotFound } from '../../identity.errors';

/** Owner and Admins invite by email for 3 days; the invitee gets a mail with the invitation id. */
@CommandHandler(InviteMember)
export class InviteMemberHandler implements ICommandHandler<InviteMember> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCOUNT_CLAIMS) private readonly claims: AccountClaims,
  ) {}

  async execute({ payload, meta }: InviteMember) {
    const actor = signedIn(meta);
    const email = normalizeEmail(payload.email);
    const invitationId = randomUUID();
    const invitee = await this.claims.find('email', email);
    const { state, version } = await this.aggregates.load(workspaceDecider, workspaceStreamId(payload.workspaceId));
    if (state.status === 'NONE') throw workspaceNotFound();
    const inviteeIsMember = invitee !== undefined && own(state.members, invitee) !== undefined;
    // Who may invite, and If-Match, checked before the reference is written: a refused request writes nothing.
    requireManager(state, actor.accountId);
    requireExpectedVersion(meta.expectedVersion, version);
    // The reference first: one pointing at an invitation that never came to be is harmless; the reverse strands it.
    await this.store.append(
      invitationRefStreamId(invitationId),
      [{ eventId: randomUUID(), type: 'identity.InvitationRefRecorded', data: { workspaceId: payload.workspaceId }, metadata: { ...meta, occurredAt: new Date().toISOString() } }],
      { expectedVersion: 'no_stream' },
    );
    await this.aggregates.handle(
      workspaceDecider,
      workspaceStreamId(payload.workspaceId),
      { type: 'InviteMember', invitationId, email, role: payload.role, inviteeIsMember },
      { metadata: meta },
    );
    return { invitationId };
  }
}
