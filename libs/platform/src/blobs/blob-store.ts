import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors/app-error';

/** A stored blob: named by the SHA-256 of its bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Where packages live: content-addressed by SHA-256, written from a stream (never held in memory whole). The
 * local filesystem by default; object storage can implement the same port.
 */
export interface BlobStore {
  /** Streams `source` in; refuses with 413 PAYLOAD_TOO_LARGE past `maxBytes`, keeping nothing. */
  put(source: Readable, maxBytes: number): Promise<StoredBlob>;
  /** A local path to read the blob from (for checks), or undefined when absent. */
  localPath(sha256: string): Promise<string | undefined>;
  delete(sha256: string): Promise<void>;
  /**
   * The store of one kind of blob (e.g. images) apart from the others: a kind's cleanup (the gateway removes a
   * "package" that fails its checks) never removes another kind's blob of the same bytes.
   */
  scope(name: string): BlobStore;
}

const SHA256 = /^[0-9a-f]{64}$/;
/** A scope's directory: never two characters (a hash's directory) nor `incoming`. */
const SCOPE = /^[a-z][a-z-]{2,31}$/;

/** Blobs under `root/ab/cdef…`: written to a temporary file while hashed, renamed to their hash when complete. */
export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
    const incoming = path.join(this.root, 'incoming');
    await mkdir(incoming, { recursive: true });
    const temporary = path.join(incoming, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new AppError('PAYLOAD_TOO_LARGE', 'too_large', `The package is larger than ${maxBytes} bytes.`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(temporary, { flags: 'wx' }));
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      await mkdir(path.dirname(final), { recursive: true });
      // Same content, same name: a second upload of the same bytes just replaces the file with itself.
      await rename(temporary, final);
      return { sha256, size };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async localPath(sha256: string): Promise<string | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    const file = this.pathOf(sha256);
    return (await stat(file).catch(() => undefined))?.isFile() ? file : undefined;
  }

  async delete(sha256: string): Promise<void> {
    if (SHA256.test(sha256)) await rm(this.pathOf(sha256), { force: true });
  }

  scope(name: string): BlobStore {
    if (!SCOPE.test(name) || name === 'incoming') throw new Error(`a blob scope is named in lower-case letters, not ${name}`);
    return new FileBlobStore(path.join(this.root, name));
  }

  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }
}
