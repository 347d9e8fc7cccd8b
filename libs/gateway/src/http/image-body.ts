import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '@mpp/platform';

// Reading an image sent as the raw request body (a workspace application's logo, a mini program's icon or
// screenshot). The gateway's JSON body middleware leaves other media types unread, so the stream is still ours;
// the route's @Accepts(...) has already refused (415) a body of any other type.

export interface ImageBody {
  /** The declared media type without parameters, lower-cased, e.g. image/png. */
  contentType: string;
  data: Buffer;
}

const emptyBody = (field: string, maxBytes: number) =>
  AppError.badInput(`Send the ${field} image as the request body.`, [{ field, message: `${field} must be an image of 1 byte to ${maxBytes} bytes` }]);

const tooLarge = (field: string, maxBytes: number) => new AppError('PAYLOAD_TOO_LARGE', 'too_large', `The ${field} is larger than ${maxBytes} bytes.`);

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
function readAtMost(req: Request, maxBytes: number, field: string): Promise<Buffer> {
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
      settle(() => reject(tooLarge(field, maxBytes)));
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
 * The image in the request body (its media type checked by the route's @Accepts), named `field` in errors: 400
 * VALIDATION_FAILED when there is none, 415 when content-encoded, 413 PAYLOAD_TOO_LARGE past maxBytes, checked on
 * Content-Length before reading a byte and again while reading. The bytes themselves are not looked at here.
 */
export async function readImageBody(req: Request, maxBytes: number, field: string): Promise<ImageBody> {
  const declaredLength = declaredLengthOf(req);
  if (declaredLength === 0) throw emptyBody(field, maxBytes);
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') throw new UnsupportedMediaTypeException(`Send the ${field} without a Content-Encoding.`);
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    discardRest(req);
    throw tooLarge(field, maxBytes);
  }
  const data = Buffer.isBuffer(req.body) ? req.body : await readAtMost(req, maxBytes, field);
  if (data.length === 0) throw emptyBody(field, maxBytes);
  if (data.length > maxBytes) throw tooLarge(field, maxBytes);
  return { contentType: mediaTypeOf(req), data };
}
