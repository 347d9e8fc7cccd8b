import busboy from 'busboy';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { AppError, BlobStore, FieldError, StoredBlob } from '@mpp/platform';
import { malformedText, parsedInputError } from '../../http/parsed-input';
import { checkPackage } from './package-check';

export const BLOB_STORE = Symbol('BLOB_STORE');

export interface UploadedPackage {
  version: string;
  description: string;
  package: StoredBlob;
}

/** The most characters of the version and description fields. */
export const UPLOAD_FIELD_MAX = 2000;
const FIELDS = ['version', 'description'];
// What busboy holds in memory: a few fields (fieldError names the unwanted ones) and one file. fieldSize is in
// bytes: a character (UTF-16 unit) takes at most 3 bytes in UTF-8, so busboy cuts only values over UPLOAD_FIELD_MAX.
// Whatever busboy cuts or drops at a limit is refused (400), never taken silently. (It never cuts a multipart
// field name: fieldNameSize applies to urlencoded forms only.)
const LIMITS = { fields: 10, fieldSize: 3 * UPLOAD_FIELD_MAX, files: 1 };
const TOO_MANY_PARTS: FieldError = { field: '(body)', message: `the form holds only ${FIELDS.join(', ')} and package` };

/** What is wrong with one form field, if anything: unknown, repeated, empty or too long. */
function fieldError(name: string, value: string, info: busboy.FieldInfo, fields: Record<string, string>): FieldError | undefined {
  if (!FIELDS.includes(name)) return { field: name, message: `property ${name} should not exist` };
  if (Object.hasOwn(fields, name)) return { field: name, message: 'must be given once' };
  if (info.valueTruncated || value.length > UPLOAD_FIELD_MAX) return { field: name, message: `must be at most ${UPLOAD_FIELD_MAX} characters` };
  if (name === 'version' && !value) return { field: name, message: 'must be given' };
  return undefined;
}

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
  const formErrors: FieldError[] = [];
  // What the form holds that no upload may: checked before a byte of the package is stored, and again at the end
  // for parts after the package.
  // busboy decodes bytes that are not UTF-8 (a lone surrogate's, say) as U+FFFD: a field holding one is refused, never stored so.
  let notUtf8: string | undefined;
  const missingFields = () => FIELDS.filter((field) => fields[field] === undefined);
  const refusal = () =>
    (notUtf8 !== undefined ? malformedText(notUtf8, 'must be well-formed UTF-8 (U+FFFD included)') : undefined) ??
    parsedInputError(fields) ??
    (formErrors.length ? AppError.badInput('The upload form is not valid.', formErrors) : undefined);
  const stored = await new Promise<StoredBlob | undefined>((resolve, reject) => {
    let form: busboy.Busboy;
    try {
      form = busboy({ headers: req.headers, limits: LIMITS });
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
    form.on('field', (name, value, info) => {
      const error = fieldError(name, value, info, fields);
      if (error) formErrors.push(error);
      else fields[name] = value;
      if (value.includes('\uFFFD')) notUtf8 ??= name;
    });
    const tooManyParts = () => {
      if (!formErrors.includes(TOO_MANY_PARTS)) formErrors.push(TOO_MANY_PARTS);
    };
    form.on('fieldsLimit', tooManyParts).on('filesLimit', tooManyParts);
    form.on('file', (name, file: Readable) => {
      if (name !== 'package') {
        formErrors.push({ field: name, message: `property ${name} should not exist` });
        file.resume();
        return;
      }
      storing = (async () => {
        const refused = refusal();
        if (refused) throw refused;
        const missing = missingFields();
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
  // Refused after the package was stored means parts came after it. Its bytes stay: blobs are named by their
  // content, so they may be the package of a version uploaded before.
  const refused = refusal();
  if (refused) throw refused;
  // A package is stored only after version and description (checked above): nothing stored is left behind here.
  const errors: FieldError[] = missingFields().map((field) => ({ field, message: 'must be given' }));
  if (!stored) errors.push({ field: 'package', message: 'the zip file must be given' });
  if (errors.length) throw AppError.badInput('The upload is not complete.', errors);
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
