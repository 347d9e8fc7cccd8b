import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InvitationAnswers } from '../invitation-answers';
import { AcceptInvitation } from './accept-invitation.command';

@CommandHandler(AcceptInvitation)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitation> {
  constructor(private readonly answers: InvitationAnswers) {}

  async execute({ payload, meta }: AcceptInvitation) {
    const workspaceId = await this.answers.give(payload.invitationId, 'AcceptInvitation', meta);
    return { status: 'ACCEPTED' as const, workspaceId };
  }
}
