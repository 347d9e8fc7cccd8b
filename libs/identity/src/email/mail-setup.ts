import { SqlClient, StoredEvent } from '@mpp/eventsourcing';
import { Logger } from '@mpp/platform';
import { CodeCipher } from '../credentials/code-cipher';
import { DevMailbox } from './dev-mailbox';
import { composeIdentityMail } from './identity-mails';
import { MailTransport, OutgoingMail } from './mail';
import { readMailConfig } from './mail-config';
import { SmtpMailTransport } from './smtp-mail-transport';

/** Where identity's mail goes: SMTP when SMTP_URL is set, else the dev mailbox (never in production). */
export interface MailSetup {
  transport: MailTransport;
  mailbox?: DevMailbox;
  /** The mail an event calls for; an event it cannot compose (say, sealed with another secret) is logged and skipped. */
  compose(event: StoredEvent): OutgoingMail | null;
}

export async function createMailSetup(sql: SqlClient, cipher: CodeCipher, logger: Logger): Promise<MailSetup> {
  const config = readMailConfig();
  const mailbox = config.smtpUrl ? undefined : await new DevMailbox(sql).init();
  const transport = config.smtpUrl ? new SmtpMailTransport({ url: config.smtpUrl, from: config.from }) : (mailbox as DevMailbox);
  return {
    transport,
    mailbox,
    compose(event) {
      try {
        return composeIdentityMail(event, cipher);
      } catch (error) {
        logger.error({ err: error, eventId: event.eventId, type: event.type }, 'mail for this event cannot be composed; skipped');
        return null;
      }
    },
  };
}
