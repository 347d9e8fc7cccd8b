import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { miniProgramPackage, traversalPackage, zipBomb, zipOf } from '@mpp/testing';
import { checkPackage } from './package-check';

describe('checkPackage (a stored package, checked as a zip)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mpp-package-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const stored = (bytes: Buffer) => {
    const file = path.join(dir, `p${n++}.zip`);
    writeFileSync(file, bytes);
    return file;
  };
  const refusal = (code: string) => expect.objectContaining({ code, category: 'bad_input', errors: [expect.objectContaining({ field: 'package' })] });

  it('accepts a mini program package and counts what it unpacks to', async () => {
    expect(await checkPackage(stored(await miniProgramPackage()))).toEqual({ entries: 3, uncompressedBytes: expect.any(Number) });
  });

  it.each(['../evil.js', '/etc/evil', 'a\\..\\evil.js'])('refuses an entry named %s: PACKAGE_PATH_TRAVERSAL', async (name) => {
    await expect(checkPackage(stored(await traversalPackage(name)))).rejects.toEqual(refusal('PACKAGE_PATH_TRAVERSAL'));
  });

  it('refuses a zip bomb by its compression ratio, and one past the total by the bytes it inflates to', async () => {
    await expect(checkPackage(stored(await zipBomb(8)))).rejects.toEqual(refusal('PACKAGE_ZIP_BOMB'));
    const many = await zipOf(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}.txt`, 'x'.repeat(1000)])));
    await expect(checkPackage(stored(many), { maxEntries: 5, maxUncompressedBytes: 1e9, maxRatio: 100 })).rejects.toEqual(refusal('PACKAGE_ZIP_BOMB'));
    await expect(checkPackage(stored(many), { maxEntries: 100, maxUncompressedBytes: 5000, maxRatio: 1e6 })).rejects.toEqual(refusal('PACKAGE_ZIP_BOMB'));
  });

  it('refuses what is not a zip, a truncated zip and an empty one', async () => {
    await expect(checkPackage(stored(Buffer.from('just text, not a zip')))).rejects.toEqual(refusal('PACKAGE_NOT_A_ZIP'));
    const whole = await miniProgramPackage();
    await expect(checkPackage(stored(whole.subarray(0, whole.length - 30)))).rejects.toEqual(refusal('PACKAGE_NOT_A_ZIP'));
    await expect(checkPackage(stored(await zipOf({})))).rejects.toEqual(refusal('PACKAGE_EMPTY'));
  });
});
