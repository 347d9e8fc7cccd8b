import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { accountDecider, accountStreamId } from '../../accounts/account.decider';
import { GetMe } from './get-me.query';
import { accountNotFound } from '../../identity.errors';

/** The signed-in account and its workspaces (from the directory read model, so a join shows up within moments). */
@QueryHandler(GetMe)
export class GetMeHandler implements IQueryHandler<GetMe> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ meta }: GetMe) {
    const { state } = await this.aggregates.load(accountDecider, accountStreamId(signedIn(meta).accountId));
    if (state.status !== 'ACTIVE') throw accountNotFound('this account does not exist');
    const { rows } = await this.sql.query<{ workspace_id: string; name: string; type: 'ISV' | 'MERCHANT'; role: string }>(
      `SELECT w.workspace_id, w.name, w.type, m.role FROM workspace_members m JOIN workspaces w USING (workspace_id)
        WHERE m.account_id = $1 ORDER BY m.joined_at`,
      [state.accountId],
    );
    const workspaces = rows.map((r) => ({ workspaceId: r.workspace_id, name: r.name, type: r.type, role: r.role }));
    return { accountId: state.accountId, email: state.email, username: state.username, platformRoles: state.platformRoles, workspaces };
  }
}
