import { AggregateStore, SqlClient, StoredEvent } from '@mpp/eventsourcing';
import { Logger } from '@mpp/platform';
import { CodeVault } from '../credentials/code-vault';
import { VERIFICATION_CODE_ISSUED } from '../verification-codes/verification-code.decider';
import { DevMailbox } from './dev-mailbox';
import { composeIdentityMail, composeReceivedMail, workspaceOfReceivedMail } from './identity-mails';
import { accountDecider, accountStreamId } from '../accounts/account.decider';
import { MailTransport, OutgoingMail } from './mail';
import { readMailConfig } from './mail-config';
import { SmtpMailTransport } from './smtp-mail-transport';

/** Where identity's mail goes: SMTP when SMTP_URL is set, else the dev mailbox (never in production). */
export interface MailSetup {
  transport: MailTransport;
  mailbox?: DevMailbox;
  /** The mail an event calls for; one it cannot compose is logged and skipped. */
  compose(event: StoredEvent, tx: SqlClient): Promise<OutgoingMail | null>;
  /** After the send: a code's key is shredded, in the transaction that records the mail as sent. */
  sent(event: StoredEvent, tx: SqlClient): Promise<void>;
  /** The mail an event received from another service calls for (to a workspace's Owner); null for none. */
  composeReceived(event: StoredEvent, tx: SqlClient): Promise<OutgoingMail | null>;
}

export async function createMailSetup(sql: SqlClient, vault: CodeVault, logger: Logger, aggregates: AggregateStore): Promise<MailSetup> {
  const config = readMailConfig();
  const mailbox = config.smtpUrl ? undefined : await new DevMailbox(sql).init();
  const transport = config.smtpUrl ? new SmtpMailTransport({ url: config.smtpUrl, from: config.from }) : (mailbox as DevMailbox);
  return {
    transport,
    mailbox,
    async compose(event, tx) {
      try {
        // A code whose key is gone was mailed already: nothing to send.
        const cipher = event.type === VERIFICATION_CODE_ISSUED ? await vault.opener(event.data.codeId as string, tx) : undefined;
        return composeIdentityMail(event, cipher);
      } catch (error) {
        logger.error({ err: error, eventId: event.eventId, type: event.type }, 'mail for this event cannot be composed; skipped');
        return null;
      }
    },
    async sent(event, tx) {
      if (event.type === VERIFICATION_CODE_ISSUED) await vault.shred(event.data.codeId as string, tx);
    },
    async composeReceived(event, tx) {
      const workspaceId = workspaceOfReceivedMail(event);
      if (!workspaceId) return null;
      const { rows } = await tx.query<{ owner_account_id: string }>(`SELECT owner_account_id FROM workspaces WHERE workspace_id = $1`, [workspaceId]);
      const owner = rows[0] && (await aggregates.load(accountDecider, accountStreamId(rows[0].owner_account_id))).state;
      if (!owner || owner.status === 'NONE' || !owner.email) {
        logger.warn({ eventId: event.eventId, type: event.type, workspaceId }, 'no Owner address for this mail; skipped');
        return null;
      }
      return composeReceivedMail(event, owner.email);
    },
  };
}
