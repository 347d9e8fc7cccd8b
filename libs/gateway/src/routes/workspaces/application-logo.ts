import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '@mpp/platform';

// Reading an application's logo, sent as the raw request body. The gateway's JSON body middleware leaves
// other media types unread, so the stream is still ours; the route's @Accepts(...LOGO_MEDIA_TYPES) has
// already refused (415) a body of any other type.

/** The media types a logo may have; identity checks the bytes match. */
export const LOGO_MEDIA_TYPES: readonly string[] = ['image/png', 'image/jpeg'];
/** 2 MB, DOMAIN.md section 1. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;

export interface ApplicationLogo {
  /** The declared media type without parameters, lower-cased: image/png or image/jpeg. */
  contentType: string;
  data: Buffer;
}

const emptyLogo = () =>
  AppError.badInput('Send the logo image as the request body.', [{ field: 'logo', message: 'logo must be a PNG or JPEG image of 1 byte to 2 MB' }]);

const tooLarge = (maxBytes: number) => new AppError('PAYLOAD_TOO_LARGE', 'too_large', `The logo is larger than ${maxBytes} bytes.`);

function mediaTypeOf(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
}

// Without Transfer-Encoding, Content-Length is the body's exact size (Node refuses a malformed one).
function declaredLengthOf(req: Request): number | undefined {
  if (req.headers['transfer-encoding'] !== undefined) return undefined;
  return Number(req.headers['content-length'] ?? 0);
}

// Lets the rest of the body flow past unread, so the client can finish sending and read the answer.
function discardRest(req: Request): void {
  req.resume();
}

/** Reads the body into memory, refusing with 413 as soon as it passes maxBytes: never more than maxBytes is kept. */
function readAtMost(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      settle(() => reject(tooLarge(maxBytes)));
      discardRest(req);
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, size)));
    const onError = (error: Error) => settle(() => reject(new BadRequestException(`The request body could not be read: ${error.message}`)));
    // 'close' before 'end': the client went away mid-body.
    const onClose = () => settle(() => reject(new BadRequestException('The request body was cut off.')));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/**
 * The logo in the request body (its media type checked by the route's @Accepts): 400 VALIDATION_FAILED (field
 * `logo`) when there is none, 415 when content-encoded, 413 PAYLOAD_TOO_LARGE past maxBytes, checked on
 * Content-Length before reading a byte and again while reading.
 */
export async function readApplicationLogo(req: Request, maxBytes = LOGO_MAX_BYTES): Promise<ApplicationLogo> {
  const declaredLength = declaredLengthOf(req);
  if (declaredLength === 0) throw emptyLogo();
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') throw new UnsupportedMediaTypeException('Send the logo without a Content-Encoding.');
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    discardRest(req);
    throw tooLarge(maxBytes);
  }
  const data = Buffer.isBuffer(req.body) ? req.body : await readAtMost(req, maxBytes);
  if (data.length === 0) throw emptyLogo();
  if (data.length > maxBytes) throw tooLarge(maxBytes);
  return { contentType: mediaTypeOf(req), data };
}
