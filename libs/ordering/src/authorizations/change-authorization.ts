import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuthorizationScope, AuthorizationStatus, RequestMeta } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { authorizationNotFound, partyOf, requireDecidingRole } from '../parties';
import { authorizationDecider, authorizationStreamId } from './authorization.decider';

export class ChangeAuthorization {
  constructor(
    readonly authorizationId: string,
    readonly change: { kind: 'SCOPES'; scopes: AuthorizationScope[] } | { kind: 'REVOKE' },
    readonly meta: RequestMeta,
  ) {}
}

/** The merchant narrows, widens or revokes its grant at any time while it is ACTIVE. */
@CommandHandler(ChangeAuthorization)
export class ChangeAuthorizationHandler implements ICommandHandler<ChangeAuthorization, { status: AuthorizationStatus; scopes: AuthorizationScope[]; version: number }> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ authorizationId, change, meta }: ChangeAuthorization) {
    const actor = signedIn(meta);
    const streamId = authorizationStreamId(authorizationId);
    const { state } = await this.aggregates.load(authorizationDecider, streamId);
    if (state.status === 'NONE') throw authorizationNotFound();
    const party = await partyOf(this.sql, state, actor, authorizationNotFound);
    requireDecidingRole(party);
    const command = change.kind === 'SCOPES' ? { type: 'ChangeScopes' as const, side: party.side, scopes: change.scopes } : { type: 'RevokeAuthorization' as const, side: party.side };
    const result = await this.aggregates.handle(authorizationDecider, streamId, command, { metadata: meta });
    if (result.state.status === 'NONE') throw new Error('a changed authorization has a state');
    return { status: result.state.status, scopes: result.state.scopes, version: result.version };
  }
}
