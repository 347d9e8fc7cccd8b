import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { membershipOf } from '@mpp/workspace-replica';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { ISVS_CANNOT_CREATE_MINI_PROGRAMS, workspaceNotFound } from '../../miniprograms.errors';
import { miniProgramDecider, miniProgramStreamId } from '../mini-program.decider';
import { CreateMiniProgram } from './create-mini-program.command';

/** A merchant workspace's member creates a mini program; it belongs to the workspace. */
@CommandHandler(CreateMiniProgram)
export class CreateMiniProgramHandler implements ICommandHandler<CreateMiniProgram> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: CreateMiniProgram) {
    const actor = signedIn(meta);
    const { workspaceId, ...content } = payload;
    const membership = await membershipOf(this.sql, workspaceId, actor.accountId);
    if (!membership) throw workspaceNotFound();
    if (membership.type !== 'MERCHANT') throw AppError.forbidden(ISVS_CANNOT_CREATE_MINI_PROGRAMS, 'mini programs belong to merchant workspaces');
    const miniProgramId = randomUUID();
    const result = await this.aggregates.handle(miniProgramDecider, miniProgramStreamId(miniProgramId), { type: 'CreateMiniProgram', miniProgramId, ownerWorkspaceId: workspaceId, content }, { metadata: meta, mustBeNew: true });
    return { miniProgramId, version: result.version };
  }
}
