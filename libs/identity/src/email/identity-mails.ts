import { WEBHOOK_DISABLED, WebhookDisabledV1 } from '@mpp/contracts';
import { StoredEvent } from '@mpp/eventsourcing';
import { CodeCipher } from '../credentials/code-cipher';
import { VERIFICATION_CODE_ISSUED, VerificationCodeIssuedData } from '../verification-codes/verification-code.decider';
import { OutgoingMail } from './mail';
import { APPLICATION_APPROVED, APPLICATION_REJECTED } from '../workspace-applications/workspace-application.decider';
import { INVITATION_SENT, InvitationSentData } from '../workspaces/workspace.decider';

const SIGNATURE = 'Mini Program Platform';

/**
 * The email an identity event calls for, or null when it calls for none. One `case` per mail-sending event;
 * the event id becomes the Message-ID, so a mail sent again for the same event is recognisably the same mail.
 */
export function composeIdentityMail(event: StoredEvent, cipher?: Pick<CodeCipher, 'decrypt'>): OutgoingMail | null {
  switch (event.type) {
    case VERIFICATION_CODE_ISSUED:
      return cipher ? verificationCodeMail(event as unknown as StoredEvent<VerificationCodeIssuedData>, cipher) : null;
    case APPLICATION_APPROVED: {
      const d = event.data as { applicantEmail: string; companyName: string; workspaceId: string };
      return plainMail(event, d.applicantEmail, `Your workspace application for ${d.companyName} is approved`, [
        `Your application for ${d.companyName} is approved. The workspace is ready and you are its Owner.`,
        `Workspace id: ${d.workspaceId}`,
      ]);
    }
    case APPLICATION_REJECTED: {
      const d = event.data as { applicantEmail: string; companyName: string; reason: string };
      return plainMail(event, d.applicantEmail, `Your workspace application for ${d.companyName} needs changes`, [
        `Your application for ${d.companyName} was not approved. The reviewer wrote:`,
        '',
        `    ${d.reason}`,
        '',
        'Fix what the reason says and submit a new application.',
      ]);
    }
    case INVITATION_SENT: {
      const d = event.data as unknown as InvitationSentData;
      return plainMail(event, d.email, `You are invited to join ${d.workspaceName}`, [
        `You are invited to join the workspace ${d.workspaceName} as ${d.role}.`,
        `Sign in (or sign up with this address) and accept invitation ${d.invitationId}.`,
        `The invitation is valid until ${d.expiresAt}.`,
      ]);
    }
    default:
      return null;
  }
}

/**
 * The email an event received from another service calls for (its inbox), given the address of the Owner of the
 * workspace it is about; null when it calls for none.
 */
export function composeReceivedMail(event: StoredEvent, ownerEmail: string): OutgoingMail | null {
  if (event.type !== WEBHOOK_DISABLED) return null;
  const d = event.data as unknown as WebhookDisabledV1;
  return plainMail(event, ownerEmail, 'A webhook of your workspace was disabled', [
    `Every delivery to your webhook endpoint ${d.url} has failed for 5 days, so it was disabled on ${d.at}.`,
    'Its deliveries wait. Fix the endpoint, then enable it again (PATCH /v1/webhooks/{id} with enabled: true) and redeliver what failed.',
    `Webhook id: ${d.webhookId}`,
  ]);
}

/** The received events that call for a mail to a workspace's Owner, and which workspace. */
export const workspaceOfReceivedMail = (event: StoredEvent): string | undefined => (event.type === WEBHOOK_DISABLED ? ((event.data as unknown as WebhookDisabledV1).workspaceId) : undefined);

function plainMail(event: StoredEvent, to: string, subject: string, lines: string[]): OutgoingMail {
  return { messageId: event.eventId, to, subject, text: ['Hello,', '', ...lines, '', SIGNATURE, ''].join('\n') };
}

function verificationCodeMail(event: StoredEvent<VerificationCodeIssuedData>, cipher: Pick<CodeCipher, 'decrypt'>): OutgoingMail {
  const { email, purpose, codeCiphertext, issuedAt, expiresAt } = event.data;
  const code = cipher.decrypt(codeCiphertext);
  const minutes = Math.max(1, Math.round((Date.parse(expiresAt) - Date.parse(issuedAt)) / 60_000));
  const validity = `The code is valid for ${minutes} minutes and can be used only once.`;
  const mail = (subject: string, lines: string[]): OutgoingMail => ({
    messageId: event.eventId,
    to: email,
    subject,
    text: ['Hello,', '', ...lines, '', SIGNATURE, ''].join('\n'),
  });
  switch (purpose) {
    case 'SIGN_UP':
      return mail('Your Mini Program Platform sign-up code', [
        'Use this code to finish creating your Mini Program Platform account:',
        '',
        `    ${code}`,
        '',
        validity,
      ]);
    case 'RESET_PASSWORD':
      return mail('Your password reset code', [
        'Use this code to reset the password of your Mini Program Platform account:',
        '',
        `    ${code}`,
        '',
        validity,
        "If you did not ask to reset your password, you can ignore this email: your password stays as it is.",
      ]);
    default: {
      const unknown: never = purpose;
      throw new Error(`no verification mail for purpose ${String(unknown)}`);
    }
  }
}
