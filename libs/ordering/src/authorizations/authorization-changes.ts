import { Inject, Injectable } from '@nestjs/common';
import { AuthorizationChangeReply, RequestMeta } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { authorizationNotFound, partyOf, requireDecidingRole } from '../parties';
import { AuthorizationCommand, authorizationDecider, authorizationStreamId } from './authorization.decider';
import { OrderSide } from '../orders/order.decider';

/** What both changes of an ACTIVE grant do: find the caller's side (404 to strangers), let its Owner or Admin decide. */
@Injectable()
export class AuthorizationChanges {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async make(authorizationId: string, meta: RequestMeta, command: (side: OrderSide) => AuthorizationCommand): Promise<AuthorizationChangeReply> {
    const actor = signedIn(meta);
    const streamId = authorizationStreamId(authorizationId);
    const loaded = await this.aggregates.load(authorizationDecider, streamId);
    const { state } = loaded;
    if (state.status === 'NONE') throw authorizationNotFound();
    const party = await partyOf(this.sql, state, actor, authorizationNotFound);
    requireDecidingRole(party);
    const result = await this.aggregates.handle(authorizationDecider, streamId, command(party.side), { metadata: meta, from: loaded });
    if (result.state.status === 'NONE') throw new Error('a changed authorization has a state');
    return { status: result.state.status, scopes: result.state.scopes, version: result.version };
  }
}
