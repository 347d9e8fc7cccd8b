// Requests the gateway sends to miniprograms about a mini program's UI assets: its icon and screenshots
// (DOMAIN.md 5, "UI assets"). The gateway checks an image's bytes and stores them by hash in its blob store before
// a command names them; miniprograms records which images the mini program uses and says who may read them.
import type { Answers } from '../messaging/request-map';
import type { MiniProgramRef } from './miniprograms.requests';

/** Before the gateway reads an image body: may the caller (CONFIGURE) add this asset, and what must it be? */
export const CHECK_UI_ASSET_UPLOAD = 'miniprograms.CheckUiAssetUpload';
export const SET_ICON = 'miniprograms.SetIcon';
export const GET_ICON = 'miniprograms.GetIcon';
export const ADD_SCREENSHOT = 'miniprograms.AddScreenshot';
export const GET_SCREENSHOT = 'miniprograms.GetScreenshot';
export const REMOVE_SCREENSHOT = 'miniprograms.RemoveScreenshot';

/** An image whose bytes are not what the asset must be (400). */
export const IMAGE_INVALID = 'IMAGE_INVALID';

export type UiImageType = 'image/png' | 'image/jpeg';
export type UiAsset = 'ICON' | 'SCREENSHOT';

/** What an image of an asset must be; the limits left out do not apply. */
export interface UiImageRules {
  types: UiImageType[];
  maxBytes: number;
  /** The longer side at most this many times the shorter: 1 is exactly square. */
  maxAspect?: number;
  minPx?: number;
  maxPx?: number;
}

/** The icon: a square PNG of 144 to 1024 px, at most 1 MB. */
export const ICON_RULES: UiImageRules = { types: ['image/png'], maxBytes: 1024 * 1024, maxAspect: 1, minPx: 144, maxPx: 1024 };
/** A screenshot: a PNG or JPEG of at most 2 MB. */
export const SCREENSHOT_RULES: UiImageRules = { types: ['image/png', 'image/jpeg'], maxBytes: 2 * 1024 * 1024 };
export const MAX_SCREENSHOTS = 5;

/** An image the gateway has checked and stored: named by the SHA-256 of its bytes, with what the check read. */
export interface StoredImage {
  sha256: string;
  size: number;
  contentType: UiImageType;
  width: number;
  height: number;
}

/** A screenshot as the mini program's detail lists it; its bytes are at GET .../screenshots/{screenshotId}. */
export interface ScreenshotView extends StoredImage {
  screenshotId: string;
  addedAt: string;
}

export interface CheckUiAssetUploadPayload extends MiniProgramRef {
  asset: UiAsset;
}

export interface SetIconPayload extends MiniProgramRef {
  image: StoredImage;
}

export interface AddScreenshotPayload extends MiniProgramRef {
  image: StoredImage;
}

export interface ScreenshotRef extends MiniProgramRef {
  screenshotId: string;
}

export interface ScreenshotAddedReply {
  screenshotId: string;
}

/** miniprograms' requests about UI assets. GET_ICON and GET_SCREENSHOT answer which stored image the caller may read. */
export interface UiAssetsRequests {
  [CHECK_UI_ASSET_UPLOAD]: Answers<CheckUiAssetUploadPayload, UiImageRules>;
  [SET_ICON]: Answers<SetIconPayload, void>;
  [GET_ICON]: Answers<MiniProgramRef, StoredImage>;
  [ADD_SCREENSHOT]: Answers<AddScreenshotPayload, ScreenshotAddedReply>;
  [GET_SCREENSHOT]: Answers<ScreenshotRef, StoredImage>;
  [REMOVE_SCREENSHOT]: Answers<ScreenshotRef, void>;
}
