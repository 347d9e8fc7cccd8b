import ipaddr from 'ipaddr.js';
import { ConfigError, EnvReader } from '@mpp/platform';

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function trustedProxies(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const valid = PROXY_NAMES.includes(entry) || (entry.includes('/') ? ipaddr.isValidCIDR(entry) : ipaddr.isValid(entry));
    if (!valid) throw new ConfigError('TRUSTED_PROXIES', `must list CIDRs, addresses or ${PROXY_NAMES.join(', ')}; "${entry}" is none of them`);
  }
  return entries;
}

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
    /**
     * The proxies whose X-Forwarded-For is believed (an upload key's allowlist is checked against the address it
     * gives): CIDRs, addresses, or Express's names loopback, linklocal, uniquelocal. None by default.
     */
    readonly trustedProxies: string[] = [],
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
      trustedProxies(read.optional('TRUSTED_PROXIES')),
    );
  }
}
