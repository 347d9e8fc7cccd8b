import { ApiProperty } from '@nestjs/swagger';
import type { ScreenshotAddedReply, ScreenshotView, StoredImage, UiImageType } from '@mpp/contracts';

const IMAGE_TYPES: UiImageType[] = ['image/png', 'image/jpeg'];

/** An image the mini program uses, as its detail shows it: named by the SHA-256 of its bytes. */
export class StoredImageResponse implements StoredImage {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256!: string;
  @ApiProperty({ description: 'In bytes.' }) size!: number;
  @ApiProperty({ enum: IMAGE_TYPES }) contentType!: UiImageType;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
}

export class ScreenshotResponse extends StoredImageResponse implements ScreenshotView {
  @ApiProperty({ description: 'Its bytes are at GET /v1/mini-programs/{id}/screenshots/{screenshotId}.' }) screenshotId!: string;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
}

export class ScreenshotAddedResponse implements ScreenshotAddedReply {
  @ApiProperty() screenshotId!: string;
}
