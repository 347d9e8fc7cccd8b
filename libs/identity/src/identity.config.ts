import { ConfigError, EnvReader } from '@mpp/platform';

/** Identity's settings, read once at boot; a wrong value stops the process naming the variable. */
export class IdentityConfig {
  constructor(
    readonly jwtSecret: string,
    readonly accessTokenTtlSeconds: number,
    readonly refreshTokenTtlSeconds: number,
    readonly termsVersion: string,
    readonly bootstrapReviewer?: { email: string; password: string },
    /** scrypt hashes under way at once, 32 MiB each while they run (standalone: 1). */
    readonly passwordHashesAtOnce = 4,
  ) {}

  static fromEnv(env = new EnvReader()): IdentityConfig {
    const jwtSecret = env.string('JWT_SECRET');
    if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
    const bootstrap = env.optional('PLATFORM_BOOTSTRAP_REVIEWER');
    let bootstrapReviewer: IdentityConfig['bootstrapReviewer'];
    if (bootstrap) {
      const colon = bootstrap.indexOf(':');
      const email = bootstrap.slice(0, colon);
      const password = bootstrap.slice(colon + 1);
      if (colon < 1 || !/^[^@\s]+@[^@\s]+$/.test(email) || !isStrongPassword(password)) {
        throw new ConfigError('PLATFORM_BOOTSTRAP_REVIEWER', 'must be email:password, the password at least 8 characters with letters and digits');
      }
      bootstrapReviewer = { email, password };
    }
    return new IdentityConfig(
      jwtSecret,
      // Short on purpose: logout and password reset stop refreshes at once, but an access token lives until it expires.
      env.int('ACCESS_TOKEN_TTL_SECONDS', 900, { min: 30, max: 3_600 }),
      env.int('REFRESH_TOKEN_TTL_DAYS', 30, { min: 1, max: 365 }) * 86_400,
      env.string('TERMS_VERSION', '2026-01'),
      bootstrapReviewer,
      env.int('PASSWORD_HASHES_AT_ONCE', 4, { min: 1, max: 64 }),
    );
  }
}

/** DOMAIN.md: at least 8 characters, with letters and digits. */
export const isStrongPassword = (password: string) =>
  password.length >= 8 && password.length <= 128 && /\p{L}/u.test(password) && /\p{N}/u.test(password);
