import { ConfigError, EnvReader } from '@mpp/platform';

export const DEFAULT_MAIL_FROM = 'Mini Program Platform <no-reply@mpp.local>';

export interface MailConfig {
  /** smtp:// or smtps:// URL of the server mail is handed to (`smtp://mailpit:1025`); unset: no SMTP. */
  smtpUrl?: string;
  /** The From of every mail: an address, with or without a display name. */
  from: string;
  /** Keep sent mails in the service's own database (dev_mailbox) and serve them to the dev mailbox endpoint. */
  devMailbox: boolean;
}

/**
 * SMTP_URL (optional), MAIL_FROM, DEV_MAILBOX (default: on unless NODE_ENV=production).
 * Refuses a setup that could send nothing at all: no SMTP_URL with DEV_MAILBOX off.
 */
export function readMailConfig(env: EnvReader = new EnvReader(), nodeEnv: string | undefined = process.env.NODE_ENV): MailConfig {
  const smtpUrl = env.optional('SMTP_URL') === undefined ? undefined : env.url('SMTP_URL', ['smtp', 'smtps']);
  const from = env.string('MAIL_FROM', DEFAULT_MAIL_FROM);
  if (!/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(from.trim())) {
    throw new ConfigError('MAIL_FROM', `must be an email address, optionally with a name ("Name <address>"), got "${from}"`);
  }
  const devMailbox = env.bool('DEV_MAILBOX', nodeEnv !== 'production');
  if (!smtpUrl && !devMailbox) throw new ConfigError('SMTP_URL', 'is required when DEV_MAILBOX is off: otherwise no mail could be sent');
  return { smtpUrl, from, devMailbox };
}
