import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { Slots } from '@mpp/platform';

/** scrypt cost: N = 2^15, r = 8 (32 MiB): about 145 ms of CPU per hash on the CI machine (bench:identity; target 50-250 ms). */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

const derive = (secret: string, salt: Buffer, options: ScryptOptions & { keylen: number }) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(secret.normalize('NFKC'), salt, options.keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/**
 * Slow salted hashes for passwords and verification codes, with scrypt from Node's own crypto (a well-kept
 * implementation with nothing native to install). The format carries its parameters, so they can be raised later.
 */
export class PasswordHasher {
  /**
   * Hashes under way at once, each holding its 32 MiB while it runs: libuv runs four, hence four by default; standalone
   * one (a laptop signs in one person at a time, and its memory stays bounded: PASSWORD_HASHES_AT_ONCE).
   */
  private readonly slots: Slots;

  constructor(
    private readonly cost = SCRYPT_COST,
    atOnce = 4,
  ) {
    this.slots = new Slots(atOnce);
  }

  async hash(secret: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.slots.run(() => derive(secret, salt, { ...this.cost, keylen: 32 }));
    return `scrypt$${this.cost.N}$${this.cost.r}$${this.cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** A well-formed hash of nothing at the current cost: checked when a login matches no account, so both take as long. */
  decoyHash(): string {
    return `scrypt$${this.cost.N}$${this.cost.r}$${this.cost.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`;
  }

  async verify(secret: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !key) return false;
    const expected = Buffer.from(key, 'base64url');
    const actual = await this.slots.run(() =>
      derive(secret, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: this.cost.maxmem, keylen: expected.length }),
    );
    return timingSafeEqual(actual, expected);
  }
}
