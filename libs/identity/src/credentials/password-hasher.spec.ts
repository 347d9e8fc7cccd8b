import { CodeCipher } from './code-cipher';
import { digest, newRefreshToken, newVerificationCode, normalizeEmail } from './identifiers';
import { PasswordHasher } from './password-hasher';

describe('credentials', () => {
  const hasher = new PasswordHasher({ N: 2 ** 10, r: 8, p: 1, maxmem: 32 * 1024 * 1024 });

  it('hashes with a fresh salt and verifies only the right secret', async () => {
    const a = await hasher.hash('correct horse 1');
    const b = await hasher.hash('correct horse 1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(hasher.verify('correct horse 1', a)).resolves.toBe(true);
    await expect(hasher.verify('correct horse 2', a)).resolves.toBe(false);
    await expect(hasher.verify('x', 'not-a-hash')).resolves.toBe(false);
    await expect(hasher.verify('anything', hasher.decoyHash())).resolves.toBe(false);
    expect(hasher.decoyHash()).toMatch(/^scrypt\$1024\$8\$1\$/);
  });

  it('seals a code so only the same secret opens it', () => {
    const sealed = new CodeCipher('s1').encrypt('042137');
    expect(sealed).not.toContain('042137');
    expect(new CodeCipher('s1').decrypt(sealed)).toBe('042137');
    expect(() => new CodeCipher('s2').decrypt(sealed)).toThrow();
  });

  it('makes 6-digit codes, family-prefixed refresh tokens, and case-insensitive email keys', () => {
    expect(newVerificationCode()).toMatch(/^\d{6}$/);
    expect(newRefreshToken('fam-1')).toMatch(/^fam-1\.[A-Za-z0-9_-]{43}$/);
    expect(digest(normalizeEmail(' Ann@Example.COM '))).toBe(digest('ann@example.com'));
  });
});
