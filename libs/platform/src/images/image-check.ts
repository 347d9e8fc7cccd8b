// The one check of an uploaded image's bytes (a workspace logo, a mini program's icon and screenshots): what the
// bytes are, not what their name or Content-Type claims. Each caller gives its own rules and turns a problem into
// its own error, so the check itself knows nothing of logos or icons.

export type ImageType = 'image/png' | 'image/jpeg';

/** What the bytes are. */
export interface ImageInfo {
  contentType: ImageType;
  width: number;
  height: number;
}

/** What an image must be; the limits left out do not apply. */
export interface ImageRules {
  types: readonly ImageType[];
  maxBytes: number;
  /** The longer side at most this many times the shorter: 1 is exactly square. */
  maxAspect?: number;
  /** Each side at least this many pixels. */
  minPx?: number;
  /** Each side at most this many pixels. */
  maxPx?: number;
}

export type ImageProblem =
  | { kind: 'TOO_LARGE'; maxBytes: number }
  /** Not an image of an allowed type (or not an image at all). */
  | { kind: 'NOT_ALLOWED_TYPE'; allowed: readonly ImageType[] }
  /** An allowed image, sent under another media type. */
  | { kind: 'TYPE_MISMATCH'; actual: ImageType; declared: string }
  | { kind: 'NOT_SQUARE'; width: number; height: number; maxAspect: number }
  | { kind: 'SIZE_OUT_OF_RANGE'; width: number; height: number; minPx?: number; maxPx?: number };

export type ImageCheck = { ok: true; image: ImageInfo } | { ok: false; problem: ImageProblem };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IHDR_LENGTH = 13;

/** A PNG's size from its header chunk, which the format puts first (signature, length 13, "IHDR", width, height). */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (bytes.readUInt32BE(8) !== IHDR_LENGTH || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A JPEG's size from its first start-of-frame segment, walking the segments after the start-of-image marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    // Start-of-frame markers carry the size (C4, C8 and CC are not frames).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    // Markers without a length.
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return undefined;
}

/** What the bytes are, by their magic bytes and header: a PNG or JPEG with its size, or undefined. */
export function sniffImage(bytes: Buffer): ImageInfo | undefined {
  const png = pngSize(bytes);
  const size = png ?? jpegSize(bytes);
  if (!size || size.width === 0 || size.height === 0) return undefined;
  return { contentType: png ? 'image/png' : 'image/jpeg', ...size };
}

/**
 * What is wrong with an image described by its type, size in bytes and dimensions under the rules, if anything.
 * checkImage applies it to bytes it has read; a service applies it to an image the gateway stored and described.
 */
export function imageProblemOf(image: ImageInfo & { size: number }, rules: ImageRules): ImageProblem | undefined {
  if (image.size > rules.maxBytes) return { kind: 'TOO_LARGE', maxBytes: rules.maxBytes };
  if (!rules.types.includes(image.contentType)) return { kind: 'NOT_ALLOWED_TYPE', allowed: rules.types };
  const { width, height } = image;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) return { kind: 'SIZE_OUT_OF_RANGE', width, height, minPx: rules.minPx, maxPx: rules.maxPx };
  if (rules.maxAspect !== undefined && Math.max(width, height) / Math.min(width, height) > rules.maxAspect) return { kind: 'NOT_SQUARE', width, height, maxAspect: rules.maxAspect };
  const tooSmall = rules.minPx !== undefined && Math.min(width, height) < rules.minPx;
  const tooBig = rules.maxPx !== undefined && Math.max(width, height) > rules.maxPx;
  if (tooSmall || tooBig) return { kind: 'SIZE_OUT_OF_RANGE', width, height, minPx: rules.minPx, maxPx: rules.maxPx };
  return undefined;
}

/**
 * Checks an image by its bytes: at most maxBytes, a PNG or JPEG of an allowed type whose bytes match the declared
 * media type (without parameters, lower-cased), with the shape and size the rules ask.
 */
export function checkImage(bytes: Buffer, declaredType: string, rules: ImageRules): ImageCheck {
  // Before parsing: nothing past the limit is looked at.
  if (bytes.length > rules.maxBytes) return { ok: false, problem: { kind: 'TOO_LARGE', maxBytes: rules.maxBytes } };
  const image = sniffImage(bytes);
  if (!image || !rules.types.includes(image.contentType)) return { ok: false, problem: { kind: 'NOT_ALLOWED_TYPE', allowed: rules.types } };
  if (declaredType !== image.contentType) return { ok: false, problem: { kind: 'TYPE_MISMATCH', actual: image.contentType, declared: declaredType } };
  const problem = imageProblemOf({ ...image, size: bytes.length }, rules);
  return problem ? { ok: false, problem } : { ok: true, image };
}

const typeNames = (types: readonly ImageType[]) => types.map((t) => (t === 'image/png' ? 'PNG' : 'JPEG')).join(' or ');

/** A problem in words a user can act on, about `subject` (e.g. "the icon"). */
export function describeImageProblem(problem: ImageProblem, subject = 'the image'): string {
  switch (problem.kind) {
    case 'TOO_LARGE':
      return `${subject} must be at most ${problem.maxBytes} bytes`;
    case 'NOT_ALLOWED_TYPE':
      return `${subject} is not a ${typeNames(problem.allowed)} image`;
    case 'TYPE_MISMATCH':
      return `${subject} is a ${problem.actual} but was sent as ${problem.declared}`;
    case 'NOT_SQUARE':
      return `${subject} is ${problem.width}x${problem.height}; it must be ${problem.maxAspect === 1 ? 'square' : 'roughly square'}`;
    case 'SIZE_OUT_OF_RANGE': {
      const range = [problem.minPx !== undefined ? `at least ${problem.minPx}` : '', problem.maxPx !== undefined ? `at most ${problem.maxPx}` : ''].filter(Boolean).join(' and ');
      return `${subject} is ${problem.width}x${problem.height}; each side must be ${range || 'positive'} pixels`;
    }
    default: {
      const unknown: never = problem;
      return unknown;
    }
  }
}
