import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthorizationView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { historyOf } from '../../history';
import { authorizationNotFound, partyOf } from '../../parties';
import { authorizationDecider, authorizationStreamId } from '../authorization.decider';
import { GetAuthorizationHistory } from './get-authorization-history.query';

/** Every change of an authorization from its own events; only its two parties' members see it. */
@QueryHandler(GetAuthorizationHistory)
export class GetAuthorizationHistoryHandler implements IQueryHandler<GetAuthorizationHistory> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: GetAuthorizationHistory) {
    const actor = signedIn(meta);
    const { rows } = await this.sql.query<{ view: AuthorizationView }>(`SELECT view FROM authorizations WHERE authorization_id = $1`, [payload.authorizationId]);
    if (!rows[0]) throw authorizationNotFound();
    await partyOf(this.sql, rows[0].view, actor, authorizationNotFound);
    const { events } = await this.aggregates.load(authorizationDecider, authorizationStreamId(payload.authorizationId));
    return { items: historyOf(events) };
  }
}
