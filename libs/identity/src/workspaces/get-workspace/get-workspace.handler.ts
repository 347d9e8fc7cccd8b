import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkspaceView } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { own } from '@mpp/platform';
import { AGGREGATE_STORE } from '@mpp/application';
import { signedIn } from '@mpp/messaging';
import { workspaceDecider, workspaceStreamId } from '../workspace.decider';
import { GetWorkspace } from './get-workspace.query';
import { workspaceNotFound } from '../../identity.errors';

/** Members see the whole profile; every other signed-in user its public part (name, type, logo). */
@QueryHandler(GetWorkspace)
export class GetWorkspaceHandler implements IQueryHandler<GetWorkspace> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ payload: { workspaceId }, meta }: GetWorkspace): Promise<WorkspaceView> {
    const actor = signedIn(meta);
    const { state, version } = await this.aggregates.load(workspaceDecider, workspaceStreamId(workspaceId));
    if (state.status === 'NONE') throw workspaceNotFound();
    const publicPart = { workspaceId, name: state.name, type: state.type, logoUrl: `/v1/workspaces/${workspaceId}/logo`, createdAt: state.createdAt };
    const myRole = own(state.members, actor.accountId);
    if (!myRole) return publicPart;
    const { logo: _logo, ...profile } = state.profile ?? {};
    return { ...publicPart, ...profile, myRole, version };
  }
}
