import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvitationAnswers } from '../invitation-answers';
import { DeclineInvitation } from './decline-invitation.command';

@CommandHandler(DeclineInvitation)
export class DeclineInvitationHandler implements ICommandHandler<DeclineInvitation> {
  constructor(private readonly answers: InvitationAnswers) {}

  async execute({ payload, meta }: DeclineInvitation) {
    await this.answers.give(payload.invitationId, 'DeclineInvitation', meta);
    return { status: 'DECLINED' as const };
  }
}
