import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/** A package ready to upload: where its zip is, how big, and its SHA-256 (what the platform will report). */
export interface PackageFile {
  file: string;
  size: number;
  sha256: string;
  /** Whether the zip was made here (and is to be removed after the upload). */
  made: boolean;
}

/** Folders a build leaves that are no part of a package. */
const SKIPPED = new Set(['.git', 'node_modules', '.DS_Store']);

function* filesOf(dir: string, prefix = ''): Generator<[string, string]> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* filesOf(full, name);
    else if (entry.isFile()) yield [full, name];
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** A zip as it is, or a folder zipped on the fly (yazl, streamed to a temporary file), with its SHA-256. */
export async function packageOf(source: string, onFile?: (name: string) => void): Promise<PackageFile> {
  if (statSync(source).isFile()) return { file: source, size: statSync(source).size, sha256: await sha256Of(source), made: false };
  const zip = new yazl.ZipFile();
  const file = path.join(tmpdir(), `mpp-package-${randomUUID()}.zip`);
  const written = pipeline(zip.outputStream, createWriteStream(file));
  for (const [full, name] of filesOf(source)) {
    zip.addFile(full, name);
    onFile?.(name);
  }
  zip.end();
  await written;
  return { file, size: statSync(file).size, sha256: await sha256Of(file), made: true };
}

/**
 * The multipart body of an upload (RFC 7578): the fields, then the package streamed from its file, each chunk
 * counted by `onBytes` as fetch pulls it (the progress bar).
 */
export function multipartUpload(fields: Record<string, string>, pkg: PackageFile, onBytes: (n: number) => void): { body: ReadableStream<Uint8Array>; contentType: string } {
  const boundary = `mpp-${randomUUID()}`;
  const head = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  const parts: AsyncIterable<Buffer>[] = [
    (async function* () {
      yield Buffer.from(`${head}--${boundary}\r\ncontent-disposition: form-data; name="package"; filename="package.zip"\r\ncontent-type: application/zip\r\n\r\n`);
    })(),
    (async function* () {
      for await (const chunk of createReadStream(pkg.file)) {
        onBytes((chunk as Buffer).length);
        yield chunk as Buffer;
      }
    })(),
    (async function* () {
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })(),
  ];
  const iterator = (async function* () {
    for (const part of parts) yield* part;
  })();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value));
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
