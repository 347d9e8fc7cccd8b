import { ConfigError } from '@mpp/platform';
import { GatewayConfig } from './gateway.config';

const SECRET = 's'.repeat(32);
const PSEUDONYM_KEY = 'p'.repeat(32);
const SECRETS = { JWT_SECRET: SECRET, USAGE_PSEUDONYM_KEY: PSEUDONYM_KEY };

describe('GatewayConfig', () => {
  it('applies the defaults', () => {
    expect(GatewayConfig.fromEnv(SECRETS)).toEqual(new GatewayConfig(3000, '0.0.0.0', SECRET, 1_048_576, 10_000, './data/blobs', PSEUDONYM_KEY));
  });

  it('keeps packages under DATA_DIR when no BLOB_DIR is given (standalone)', () => {
    expect(GatewayConfig.fromEnv({ ...SECRETS, DATA_DIR: '/srv/mpp' }).blobDir).toBe('/srv/mpp/blobs');
  });

  it('reads every variable', () => {
    const config = GatewayConfig.fromEnv({ ...SECRETS, PORT: '8080', HOST: '127.0.0.1', BODY_LIMIT_BYTES: '2048', REQUEST_TIMEOUT_MS: '500', BLOB_DIR: '/var/mpp/blobs' });

    expect(config).toEqual(new GatewayConfig(8080, '127.0.0.1', SECRET, 2048, 500, '/var/mpp/blobs', PSEUDONYM_KEY));
  });

  it('refuses to start without JWT_SECRET, naming it', () => {
    expect(() => GatewayConfig.fromEnv({})).toThrow(ConfigError);
    expect(() => GatewayConfig.fromEnv({})).toThrow(/JWT_SECRET/);
  });

  it('refuses a JWT_SECRET shorter than 32 characters without printing it', () => {
    const attempt = () => GatewayConfig.fromEnv({ JWT_SECRET: 'short-secret-value' });

    expect(attempt).toThrow(expect.objectContaining({ variable: 'JWT_SECRET', message: expect.stringMatching(/at least 32/) }));
    expect(attempt).not.toThrow(/short-secret-value/);
  });

  it('reads TRUSTED_PROXIES as CIDRs, addresses or Express\'s names, trusting none by default, and refuses anything else', () => {
    expect(GatewayConfig.fromEnv(SECRETS).trustedProxies).toEqual([]);
    expect(GatewayConfig.fromEnv({ ...SECRETS, TRUSTED_PROXIES: '10.0.0.0/8, loopback,192.0.2.1' }).trustedProxies).toEqual(['10.0.0.0/8', 'loopback', '192.0.2.1']);
    expect(() => GatewayConfig.fromEnv({ ...SECRETS, TRUSTED_PROXIES: '10.0.0.0/99' })).toThrow(expect.objectContaining({ variable: 'TRUSTED_PROXIES' }));
    expect(() => GatewayConfig.fromEnv({ ...SECRETS, TRUSTED_PROXIES: 'everyone' })).toThrow(expect.objectContaining({ variable: 'TRUSTED_PROXIES' }));
  });

  it('refuses to start without a USAGE_PSEUDONYM_KEY of 32 characters or more, naming it and not printing it', () => {
    expect(() => GatewayConfig.fromEnv({ JWT_SECRET: SECRET })).toThrow(expect.objectContaining({ variable: 'USAGE_PSEUDONYM_KEY' }));
    const attempt = () => GatewayConfig.fromEnv({ JWT_SECRET: SECRET, USAGE_PSEUDONYM_KEY: 'short-pseudonym-key' });
    expect(attempt).toThrow(expect.objectContaining({ variable: 'USAGE_PSEUDONYM_KEY', message: expect.stringMatching(/at least 32/) }));
    expect(attempt).not.toThrow(/short-pseudonym-key/);
  });

  it('refuses a PORT that is not a number', () => {
    expect(() => GatewayConfig.fromEnv({ ...SECRETS, PORT: 'eighty' })).toThrow(expect.objectContaining({ variable: 'PORT' }));
  });
});
