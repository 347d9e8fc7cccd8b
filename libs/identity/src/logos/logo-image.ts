import { checkImage, ImageInfo, ImageRules } from '@mpp/platform';
import { invalidLogo, logoTooLarge } from '../identity.errors';

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** PNG or JPEG, at most 2 MB, "square-ish": the longer side at most 1.25 times the shorter. */
export const LOGO_RULES: ImageRules = { types: ['image/png', 'image/jpeg'], maxBytes: MAX_LOGO_BYTES, maxAspect: 1.25 };

/** Checks a logo by its bytes, not its name or declared type (the platform's image check), in identity's own errors. */
export function inspectLogo(bytes: Buffer, declaredType: string): ImageInfo {
  const checked = checkImage(bytes, declaredType, LOGO_RULES);
  if (checked.ok) return checked.image;
  const { problem } = checked;
  switch (problem.kind) {
    case 'TOO_LARGE':
      throw logoTooLarge();
    case 'TYPE_MISMATCH':
      throw invalidLogo(`the logo is a ${problem.actual} but was sent as ${problem.declared}`, 'content type does not match the image');
    case 'NOT_SQUARE':
      throw invalidLogo(`the logo is ${problem.width}x${problem.height}; it must be roughly square`, 'not square enough');
    default:
      throw invalidLogo('the logo is not a PNG or JPEG image', 'not a PNG or JPEG image');
  }
}
