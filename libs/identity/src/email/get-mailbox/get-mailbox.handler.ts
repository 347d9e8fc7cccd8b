import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MAIL_SETUP } from '../../identity.tokens';
import { MailSetup } from '../mail-setup';
import { GetMailbox } from './get-mailbox.query';
import { mailboxOff } from '../../identity.errors';

/** The dev mailbox (standalone and dev only): 404 where mail goes out over SMTP or in production. */
@QueryHandler(GetMailbox)
export class GetMailboxHandler implements IQueryHandler<GetMailbox> {
  constructor(@Inject(MAIL_SETUP) private readonly mail: MailSetup) {}

  async execute({ payload }: GetMailbox) {
    if (!this.mail.mailbox) throw mailboxOff();
    return { items: await this.mail.mailbox.list(payload.to) };
  }
}
