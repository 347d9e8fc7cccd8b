import { invalidLogo, logoTooLarge } from '../identity.errors';

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** "Square-ish": the longer side at most 1.25 times the shorter. */
const MAX_ASPECT = 1.25;

export interface LogoImage {
  contentType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

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
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return undefined;
}

/** Checks a logo by its bytes, not its name or declared type: PNG or JPEG, at most 2 MB, roughly square. */
export function inspectLogo(bytes: Buffer, declaredType: string): LogoImage {
  if (bytes.length > MAX_LOGO_BYTES) throw logoTooLarge();
  const png = pngSize(bytes);
  const jpeg = png ? undefined : jpegSize(bytes);
  const size = png ?? jpeg;
  if (!size || size.width === 0 || size.height === 0) {
    throw invalidLogo('the logo is not a PNG or JPEG image', 'not a PNG or JPEG image');
  }
  const contentType = png ? 'image/png' : 'image/jpeg';
  if (declaredType !== contentType) {
    throw invalidLogo(`the logo is a ${contentType} but was sent as ${declaredType}`, 'content type does not match the image');
  }
  const ratio = Math.max(size.width, size.height) / Math.min(size.width, size.height);
  if (ratio > MAX_ASPECT) {
    throw invalidLogo(`the logo is ${size.width}x${size.height}; it must be roughly square`, 'not square enough');
  }
  return { contentType, ...size };
}
