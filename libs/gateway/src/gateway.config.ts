import { EnvReader } from '@mpp/platform';

type Env = Record<string, string | undefined>;

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
    /**
     * The key of the keyed hash that replaces host apps' user ids before usage events leave the gateway (DOMAIN.md 6).
     * Changing it makes every visitor new; it is not derived from JWT_SECRET so either can be rotated alone.
     */
    readonly usagePseudonymKey: string,
  ) {}

  /** Reads the environment; throws a ConfigError naming the first wrong variable. */
  static fromEnv(env: Env = process.env): GatewayConfig {
    const read = new EnvReader(env);
    const jwtSecret = read.secret('JWT_SECRET');
    return new GatewayConfig(
      read.int('PORT', 3000, { min: 0, max: 65535 }),
      read.string('HOST', '0.0.0.0'),
      jwtSecret,
      read.int('BODY_LIMIT_BYTES', 1_048_576, { min: 1 }),
      read.int('REQUEST_TIMEOUT_MS', 10_000, { min: 1 }),
      read.string('BLOB_DIR', `${env.DATA_DIR || './data'}/blobs`),
      read.secret('USAGE_PSEUDONYM_KEY'),
    );
  }
}
