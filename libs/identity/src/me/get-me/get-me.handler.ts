import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MeView } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE } from '@mpp/runtime';
import { accountDecider, accountStreamId } from '../../accounts/account.decider';
import { GetMe } from './get-me.query';

/** The signed-in account; workspaces join when workspace onboarding lands. */
@QueryHandler(GetMe)
export class GetMeHandler implements IQueryHandler<GetMe, MeView> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ meta }: GetMe): Promise<MeView> {
    if (!meta.actor) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'sign in first');
    const { state } = await this.aggregates.load(accountDecider, accountStreamId(meta.actor.accountId));
    if (state.status !== 'ACTIVE') throw AppError.notFound('ACCOUNT_NOT_FOUND', 'this account does not exist');
    return { accountId: state.accountId, email: state.email, username: state.username, platformRoles: state.platformRoles, workspaces: [] };
  }
}
