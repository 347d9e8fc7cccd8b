import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthorizationView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { authorizationNotFound, partyOf } from '../../parties';
import { authorizationDecider, authorizationStreamId } from '../authorization.decider';
import { GetAuthorization } from './get-authorization.query';

/**
 * One authorization as its two parties see it: the read model, which ends it together with its order. Until the read
 * model has it (the confirmation just answered, its projection a moment behind), from the authorization's own stream,
 * which the confirmation wrote before answering: a client that reads what it was just given never gets a 404.
 */
@QueryHandler(GetAuthorization)
export class GetAuthorizationHandler implements IQueryHandler<GetAuthorization> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
  ) {}

  async execute({ payload, meta }: GetAuthorization): Promise<AuthorizationView> {
    const actor = signedIn(meta);
    const { rows } = await this.sql.query<{ view: AuthorizationView }>(`SELECT view FROM authorizations WHERE authorization_id = $1`, [payload.authorizationId]);
    const view = rows[0]?.view ?? (await this.fromStream(payload.authorizationId));
    await partyOf(this.sql, view, actor, authorizationNotFound);
    return view;
  }

  private async fromStream(authorizationId: string): Promise<AuthorizationView> {
    const { state, version } = await this.aggregates.load(authorizationDecider, authorizationStreamId(authorizationId));
    if (state.status === 'NONE') throw authorizationNotFound();
    // The state holds what the view shows (the grant, its status and times); the view adds the stream's version.
    return { ...state, version };
  }
}
