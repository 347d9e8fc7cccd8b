import { ConfigError, EnvReader } from '@mpp/platform';
import { DEFAULT_MAIL_FROM, readMailConfig } from './mail-config';

const read = (env: Record<string, string>, nodeEnv?: string) => readMailConfig(new EnvReader(env), nodeEnv);

describe('readMailConfig', () => {
  it('defaults to the dev mailbox and the platform sender outside production', () => {
    expect(read({})).toEqual({ smtpUrl: undefined, from: DEFAULT_MAIL_FROM, devMailbox: true });
  });

  it('reads an SMTP URL, a sender and the dev mailbox switch', () => {
    expect(read({ SMTP_URL: 'smtp://mailpit:1025', MAIL_FROM: 'noreply@example.com', DEV_MAILBOX: 'false' }, 'production')).toEqual({
      smtpUrl: 'smtp://mailpit:1025',
      from: 'noreply@example.com',
      devMailbox: false,
    });
    expect(read({ SMTP_URL: 'smtps://u:p@mail.example.com:465' }).smtpUrl).toBe('smtps://u:p@mail.example.com:465');
  });

  it('turns the dev mailbox off in production unless asked for', () => {
    expect(read({ SMTP_URL: 'smtp://mailpit:1025' }, 'production').devMailbox).toBe(false);
    expect(read({ DEV_MAILBOX: 'true' }, 'production').devMailbox).toBe(true);
  });

  it('refuses wrong values, naming the variable', () => {
    expect(() => read({ SMTP_URL: 'http://mailpit:1025' })).toThrow(/SMTP_URL/);
    expect(() => read({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
    expect(() => read({ DEV_MAILBOX: 'maybe' })).toThrow(/DEV_MAILBOX/);
    expect(() => read({}, 'production')).toThrow(ConfigError);
    expect(() => read({}, 'production')).toThrow(/SMTP_URL is required when DEV_MAILBOX is off/);
  });
});
