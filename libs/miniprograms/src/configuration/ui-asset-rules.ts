import { ICON_RULES, SCREENSHOT_RULES, StoredImage, UiAsset, UiImageRules } from '@mpp/contracts';
import { describeImageProblem, ImageInfo, imageProblemOf } from '@mpp/platform';
import { imageInvalid } from '../miniprograms.errors';

/** What each UI asset's image must be (DOMAIN.md 5); the gateway checks the bytes against the rules the upload check answers. */
export const UI_ASSET_RULES: Record<UiAsset, UiImageRules> = { ICON: ICON_RULES, SCREENSHOT: SCREENSHOT_RULES };

const SHA256 = /^[0-9a-f]{64}$/;
const FIELD: Record<UiAsset, string> = { ICON: 'icon', SCREENSHOT: 'screenshot' };

/**
 * The gateway checked the bytes before it stored them; what it says of them is checked again here with the same
 * rules (the platform's image check), so no other sender can record an image the asset may not have. Returns the
 * image with only its known fields.
 */
export function checkStoredImage(image: StoredImage, asset: UiAsset): StoredImage {
  const field = FIELD[asset];
  const { sha256, size, contentType, width, height } = image ?? ({} as Partial<StoredImage>);
  if (typeof sha256 !== 'string' || !SHA256.test(sha256) || !Number.isInteger(size) || size <= 0) {
    throw imageInvalid(`the ${field} names no stored image`, field, 'must be a stored image');
  }
  // The type and sides may be anything a sender wrote: the rules refuse what is not an allowed type or a whole size.
  const problem = imageProblemOf({ contentType, width, height, size } as ImageInfo & { size: number }, UI_ASSET_RULES[asset]);
  if (problem) throw imageInvalid(describeImageProblem(problem, `the ${field}`), field, describeImageProblem(problem, field));
  return { sha256, size, contentType: contentType!, width: width!, height: height! };
}
