import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { RemoveMember } from './remove-member.command';

@CommandHandler(RemoveMember)
export class RemoveMemberHandler implements ICommandHandler<RemoveMember> {
  constructor(private readonly changes: MiniProgramChanges) {}

  async execute({ payload, meta }: RemoveMember) {
    await this.changes.make(payload.miniProgramId, meta, 'MEMBERS', { type: 'RemoveMember', accountId: payload.accountId });
  }
}
