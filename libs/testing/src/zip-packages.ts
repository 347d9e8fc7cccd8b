import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import yazl from 'yazl';

/** A zip of the given files, built in memory (test packages are small). */
export async function zipOf(files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A small valid mini program package. */
export const miniProgramPackage = (marker = 'v1') => zipOf({ 'app.json': JSON.stringify({ pages: ['pages/index/index'], marker }), 'pages/index/index.js': 'Page({});', 'pages/index/index.axml': '<view>Hello</view>' });

/**
 * A zip whose entry is named `../evil.js` (or another escaping name of the same length): written with a harmless
 * name, then renamed in the local header and the central directory, as an attacker's tool would write it.
 */
export async function traversalPackage(escaping = '../evil.js'): Promise<Buffer> {
  const harmless = 'a'.repeat(escaping.length);
  const zip = await zipOf({ [harmless]: 'alert(1)', 'app.json': '{}' });
  const from = Buffer.from(harmless);
  let at = zip.indexOf(from);
  while (at !== -1) {
    Buffer.from(escaping).copy(zip, at);
    at = zip.indexOf(from, at + from.length);
  }
  return zip;
}

/** A zip bomb in miniature: `megabytes` of zeros that deflate to a few kilobytes. */
export const zipBomb = (megabytes = 8) => zipOf({ 'payload.bin': Buffer.alloc(megabytes * 1024 * 1024) });

/** A package of about `bytes` that does not compress (random content), for size limits and benchmarks. */
export const incompressiblePackage = (bytes: number) => zipOf({ 'app.json': '{}', 'assets/blob.bin': randomBytes(bytes) });

/** The multipart form of a version upload, fields first as the gateway wants them. */
export function versionForm(version: string | undefined, description: string | undefined, zip: Buffer | undefined): FormData {
  const form = new FormData();
  if (version !== undefined) form.append('version', version);
  if (description !== undefined) form.append('description', description);
  if (zip) form.append('package', new Blob([zip], { type: 'application/zip' }), 'package.zip');
  return form;
}
