import { StoredEvent } from '@mpp/eventsourcing';
import { CodeCipher } from '../credentials/code-cipher';
import { VERIFICATION_CODE_ISSUED, VerificationCodeIssuedData } from '../verification-codes/verification-code.decider';
import { OutgoingMail } from './mail';

const SIGNATURE = 'Mini Program Platform';

/**
 * The email an identity event calls for, or null when it calls for none. One `case` per mail-sending event;
 * the event id becomes the Message-ID, so a mail sent again for the same event is recognisably the same mail.
 */
export function composeIdentityMail(event: StoredEvent, cipher: CodeCipher): OutgoingMail | null {
  switch (event.type) {
    case VERIFICATION_CODE_ISSUED:
      return verificationCodeMail(event as unknown as StoredEvent<VerificationCodeIssuedData>, cipher);
    default:
      return null;
  }
}

function verificationCodeMail(event: StoredEvent<VerificationCodeIssuedData>, cipher: CodeCipher): OutgoingMail {
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
