import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MailView } from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { MAIL_SETUP } from '../../identity.tokens';
import { MailSetup } from '../mail-setup';
import { GetMailbox } from './get-mailbox.query';

/** The dev mailbox (standalone and dev only): 404 where mail goes out over SMTP or in production. */
@QueryHandler(GetMailbox)
export class GetMailboxHandler implements IQueryHandler<GetMailbox, { items: MailView[] }> {
  constructor(@Inject(MAIL_SETUP) private readonly mail: MailSetup) {}

  async execute({ to }: GetMailbox): Promise<{ items: MailView[] }> {
    if (!this.mail.mailbox) throw AppError.notFound('MAILBOX_OFF', 'the dev mailbox is off here (SMTP is configured, or this is production)');
    return { items: await this.mail.mailbox.list(to) };
  }
}
