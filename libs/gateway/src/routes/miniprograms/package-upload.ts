import busboy from 'busboy';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { AppError, BlobStore, FieldError, StoredBlob } from '@mpp/platform';
import { checkPackage } from './package-check';

export const BLOB_STORE = Symbol('BLOB_STORE');

export interface UploadedPackage {
  version: string;
  description: string;
  package: StoredBlob;
}

const FIELD_MAX = 2000;

/**
 * Reads a version upload (multipart/form-data: `version`, `description`, then the `package` file) as a stream:
 * the file goes straight into the blob store while hashed, never held in memory whole. Before a byte of it is
 * stored, `mayUpload(version)` asks the service whether the caller may upload that version (access, scope,
 * version rules) and how large it may be; a refusal stops the upload early. The stored package is then checked
 * as a zip (see checkPackage) and removed again when it fails.
 */
export async function receivePackage(req: Request, blobs: BlobStore, mayUpload: (version: string) => Promise<{ maxBytes: number }>): Promise<UploadedPackage> {
  if (!req.is('multipart/form-data')) throw AppError.badInput('Send the package as multipart/form-data with the fields version, description and package.', [{ field: 'package', message: 'missing' }]);
  const fields: Record<string, string> = {};
  const stored = await new Promise<StoredBlob | undefined>((resolve, reject) => {
    let form: busboy.Busboy;
    try {
      form = busboy({ headers: req.headers, limits: { files: 1, fields: 5, fieldSize: FIELD_MAX, parts: 8 } });
    } catch {
      return reject(AppError.badInput('The multipart body is malformed.', [{ field: 'package', message: 'no multipart boundary' }]));
    }
    let storing: Promise<StoredBlob> | undefined;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(form);
      // Let the client finish sending so it can read the answer.
      req.resume();
      reject(error);
    };
    form.on('field', (name, value) => {
      fields[name] = value;
    });
    form.on('file', (name, file: Readable) => {
      if (name !== 'package' || storing) {
        file.resume();
        return;
      }
      storing = (async () => {
        const missing = ['version', 'description'].filter((f) => fields[f] === undefined);
        if (missing.length) throw AppError.badInput('Send the version and description fields before the package.', missing.map((field) => ({ field, message: 'must come before package in the form' })));
        // Until the service answers, the file is not read: TCP back-pressure holds the client.
        const { maxBytes } = await mayUpload(fields.version);
        return blobs.put(file, maxBytes);
      })();
      storing.catch((error: unknown) => {
        file.resume();
        fail(error);
      });
    });
    form.on('error', (error: unknown) => fail(AppError.badInput(`The multipart body is malformed: ${error instanceof Error ? error.message : String(error)}`, [{ field: 'package', message: 'malformed' }])));
    form.on('close', () => {
      if (failed) return;
      if (!storing) return resolve(undefined);
      storing.then(resolve, fail);
    });
    req.pipe(form);
  });
  const errors: FieldError[] = [];
  if (!fields.version) errors.push({ field: 'version', message: 'must be given' });
  if (fields.description === undefined || fields.description.length > FIELD_MAX) errors.push({ field: 'description', message: `must be given, at most ${FIELD_MAX} characters` });
  if (!stored) errors.push({ field: 'package', message: 'the zip file must be given' });
  if (errors.length) {
    if (stored) await blobs.delete(stored.sha256);
    throw AppError.badInput('The upload is not complete.', errors);
  }
  const file = await blobs.localPath(stored!.sha256);
  try {
    if (!file) throw new Error('a stored package has a path');
    await checkPackage(file);
  } catch (error) {
    // Bytes that fail the check are not a package any version uses (those passed it): safe to remove.
    await blobs.delete(stored!.sha256);
    throw error;
  }
  return { version: fields.version, description: fields.description, package: stored! };
}
