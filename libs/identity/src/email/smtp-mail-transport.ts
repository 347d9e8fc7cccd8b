import nodemailer, { Transporter } from 'nodemailer';
import { MailTransport, OutgoingMail } from './mail';

export interface SmtpMailTransportOptions {
  /** smtp:// or smtps:// URL, credentials included if any. */
  url: string;
  from: string;
  /** The right-hand side of every Message-ID: `<messageId@domain>`. */
  messageIdDomain?: string;
  /** Milliseconds to connect, to get the greeting, and of silence mid-session before giving up. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
}

/**
 * Sends through an SMTP server. It throws when the server does not take the mail (unreachable, refused, timed out),
 * so the mailer's transaction rolls back and its runner tries again later. One connection per mail: a worker sends
 * one at a time, and nothing stays open between mails.
 */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;
  private readonly domain: string;

  constructor(options: SmtpMailTransportOptions) {
    this.domain = options.messageIdDomain ?? 'mpp.local';
    // The send runs inside a database transaction that holds the mailer's checkpoint: bound how long it can wait.
    this.transporter = nodemailer.createTransport(
      {
        url: options.url,
        connectionTimeout: options.timeouts?.connection ?? 10_000,
        greetingTimeout: options.timeouts?.greeting ?? 10_000,
        socketTimeout: options.timeouts?.socket ?? 30_000,
      },
      { from: options.from },
    );
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transporter.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      // Stable across retries of one event: a receiver that already has this Message-ID can drop the repeat.
      messageId: `<${mail.messageId}@${this.domain}>`,
    });
    if ((info.rejected?.length ?? 0) > 0) throw new Error(`the SMTP server refused the recipient of mail ${mail.messageId}`);
  }

  /** Connects and says hello: resolves when the server is reachable and accepts the credentials. */
  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  close(): void {
    this.transporter.close();
  }
}
