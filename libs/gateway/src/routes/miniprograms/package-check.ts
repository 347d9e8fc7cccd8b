import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { AppError } from '@mpp/platform';

/** Limits on what a package may unpack to: a zip bomb is refused before (declared sizes) and while (real bytes) reading. */
export const PACKAGE_LIMITS = {
  maxEntries: 5000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  /** Compression ratio past which an entry is treated as a bomb (real packages compress text ~3-10x). */
  maxRatio: 100,
};

const bad = (code: string, message: string) => new AppError(code, 'bad_input', message, [{ field: 'package', message }]);

/**
 * Checks a stored package is a zip a host app can unpack safely: it opens as a zip; no entry escapes the package
 * (absolute paths, `..`, backslashes: PACKAGE_PATH_TRAVERSAL); it unpacks to at most maxUncompressedBytes in at
 * most maxEntries entries with no entry compressed past maxRatio (PACKAGE_ZIP_BOMB). Every entry is inflated and
 * counted, so sizes a crafted header understates are caught too (yauzl checks the real size against it).
 */
export async function checkPackage(file: string, limits = PACKAGE_LIMITS): Promise<{ entries: number; uncompressedBytes: number }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { decodeStrings: true, strictFileNames: true, validateEntrySizes: true });
  } catch (error) {
    throw classify(error);
  }
  let entries = 0;
  let declared = 0;
  let inflated = 0;
  try {
    if (zip.entryCount > limits.maxEntries) throw bad('PACKAGE_ZIP_BOMB', `the package has ${zip.entryCount} entries; at most ${limits.maxEntries}`);
    for await (const entry of zip.eachEntry()) {
      entries++;
      declared += entry.uncompressedSize;
      if (declared > limits.maxUncompressedBytes) throw bad('PACKAGE_ZIP_BOMB', `the package unpacks to more than ${limits.maxUncompressedBytes} bytes`);
      if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
        throw bad('PACKAGE_ZIP_BOMB', `${entry.fileName} expands more than ${limits.maxRatio} times`);
      }
      if (entry.fileName.endsWith('/')) continue;
      const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))));
      await pipeline(
        stream,
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            inflated += chunk.length;
            done(inflated > limits.maxUncompressedBytes ? bad('PACKAGE_ZIP_BOMB', `the package unpacks to more than ${limits.maxUncompressedBytes} bytes`) : null);
          },
        }),
      );
    }
  } catch (error) {
    throw classify(error);
  } finally {
    zip.close();
  }
  if (entries === 0) throw bad('PACKAGE_EMPTY', 'the package holds no files');
  return { entries, uncompressedBytes: inflated };
}

/** yauzl's refusals as stable codes: traversal names apart from everything else that is not a readable zip. */
function classify(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/absolute path|invalid relative path|invalid characters in fileName/.test(message)) return bad('PACKAGE_PATH_TRAVERSAL', `an entry would be written outside the package: ${message}`);
  if (/too many bytes in the stream|too few bytes|uncompressedSize/.test(message)) return bad('PACKAGE_ZIP_BOMB', `an entry's real size differs from its header: ${message}`);
  return bad('PACKAGE_NOT_A_ZIP', `the package is not a valid zip: ${message}`);
}
