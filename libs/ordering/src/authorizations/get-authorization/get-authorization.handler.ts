import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthorizationView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/application';
import { authorizationNotFound, partyOf } from '../../parties';
import { GetAuthorization } from './get-authorization.query';

/** One authorization as its two parties see it: the read model, which ends it together with its order. */
@QueryHandler(GetAuthorization)
export class GetAuthorizationHandler implements IQueryHandler<GetAuthorization> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: GetAuthorization): Promise<AuthorizationView> {
    const actor = signedIn(meta);
    const { rows } = await this.sql.query<{ view: AuthorizationView }>(`SELECT view FROM authorizations WHERE authorization_id = $1`, [payload.authorizationId]);
    if (!rows[0]) throw authorizationNotFound();
    await partyOf(this.sql, rows[0].view, actor, authorizationNotFound);
    return rows[0].view;
  }
}
