import { ConfigError, EnvReader } from '@mpp/platform';

type Env = Record<string, string | undefined>;

/** HS256 keys shorter than the hash output are guessable; refuse them at boot. */
export const MIN_JWT_SECRET_LENGTH = 32;

/** The gateway's settings, read and validated once at boot. */
export class GatewayConfig {
  constructor(
    readonly port: number,
    readonly host: string,
    readonly jwtSecret: string,
    readonly bodyLimitBytes: number,
    readonly requestTimeoutMs: number,
    /** Where uploaded packages are stored (content-addressed); shared with nobody else in this design. */
    readonly blobDir: string,
  ) {}

  /** Reads the environment; throws a ConfigError naming the first wrong variable. */
  static fromEnv(env: Env = process.env): GatewayConfig {
    const read = new EnvReader(env);
    const jwtSecret = read.string('JWT_SECRET');
    if (jwtSecret.length < MIN_JWT_SECRET_LENGTH) {
      throw new ConfigError('JWT_SECRET', `must be at least ${MIN_JWT_SECRET_LENGTH} characters long`);
    }
    return new GatewayConfig(
      read.int('PORT', 3000, { min: 0, max: 65535 }),
      read.string('HOST', '0.0.0.0'),
      jwtSecret,
      read.int('BODY_LIMIT_BYTES', 1_048_576, { min: 1 }),
      read.int('REQUEST_TIMEOUT_MS', 10_000, { min: 1 }),
      read.string('BLOB_DIR', `${env.DATA_DIR || './data'}/blobs`),
    );
  }
}
