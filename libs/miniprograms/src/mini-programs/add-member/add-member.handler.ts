import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SqlClient } from '@mpp/eventsourcing';
import { membershipOf } from '@mpp/workspace-replica';
import { AppError } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { MiniProgramAccess } from '../../access/mini-program-access';
import { ACCOUNT_NOT_IN_WORKSPACE } from '../../miniprograms.errors';
import { ExistingMiniProgram } from '../mini-program.decider';
import { MiniProgramChanges } from '../mini-program-changes';
import { memberViews } from '../mini-program-views';
import { AddMember } from './add-member.command';

@CommandHandler(AddMember)
export class AddMemberHandler implements ICommandHandler<AddMember> {
  constructor(
    private readonly changes: MiniProgramChanges,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: AddMember) {
    const { miniProgramId, accountId, role } = payload;
    const { state } = await this.changes.make(miniProgramId, meta, 'MEMBERS', { type: 'AddMember', accountId, role }, (current, access) => this.requireWorkspaceMember(current, access, accountId));
    const member = memberViews(state).find((m) => m.accountId === accountId);
    if (!member) throw new Error('an added member is in the state');
    return member;
  }

  /** Only accounts of the acting workspace, or of the merchant's (DOMAIN.md 4). */
  private async requireWorkspaceMember(state: ExistingMiniProgram, access: MiniProgramAccess | undefined, accountId: string): Promise<void> {
    const workspaces = [state.ownerWorkspaceId, ...(access?.side === 'ISV' ? [access.workspaceId] : [])];
    const found = await Promise.all(workspaces.map((w) => membershipOf(this.sql, w, accountId)));
    if (!found.some(Boolean)) throw AppError.rule(ACCOUNT_NOT_IN_WORKSPACE, 'only members of your workspace or of the merchant\'s can be added');
  }
}
