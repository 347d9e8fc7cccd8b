import { applyDecorators, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import {
  ADD_SCREENSHOT,
  CHECK_UI_ASSET_UPLOAD,
  GET_ICON,
  GET_SCREENSHOT,
  ICON_RULES,
  IMAGE_INVALID,
  MAX_SCREENSHOTS,
  REMOVE_SCREENSHOT,
  RequestMeta,
  SCREENSHOT_RULES,
  SET_ICON,
  StoredImage,
  UiAsset,
  UiImageRules,
} from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { AppError, BlobStore, checkImage, describeImageProblem } from '@mpp/platform';
import { PROBLEM_JSON } from '../../errors/problem-details';
import { Accepts } from '../../http/accepts.decorator';
import { readImageBody } from '../../http/image-body';
import { ProblemDetailsSchema } from '../../openapi/problem-details.schema';
import { RequestContext } from '../../request/request-context.decorator';
import { ResourceIdPipe } from '../workspaces/resource-id.pipe';
import { miniProgramIdPipe } from './mini-programs.controller';
import { BLOB_STORE } from './package-upload';
import { ScreenshotAddedResponse } from './ui-assets.dto';

// A mini program's UI assets (DOMAIN.md 5): its icon and screenshots. Where the image check runs: here, in the
// gateway, before a byte is stored, so image bytes never travel over Kafka and a refused image is never kept. The
// order for an upload: the media type (415, MediaTypeGuard); miniprograms' upload check (who may, room for a
// screenshot, and the rules); the body read up to the largest image any asset takes (413 beyond); the bytes checked
// against the asset's rules (400 IMAGE_INVALID, so an icon over 1 MB is a 400 as API.md says); the bytes stored by
// their SHA-256 in the images' blob scope; then the command names them. miniprograms checks what the command says of
// the image against the same rules, and answers a read with the image the caller may see; the bytes come from here.

/** The most of an image body read (413 beyond): the largest image any asset takes. */
export const IMAGE_BODY_MAX_BYTES = Math.max(ICON_RULES.maxBytes, SCREENSHOT_RULES.maxBytes);
/** Images live apart from packages: a package refused and removed never takes an image of the same bytes with it. */
export const IMAGES_BLOB_SCOPE = 'images';

const screenshotIdPipe = new ResourceIdPipe('SCREENSHOT_NOT_FOUND', 'no such screenshot');
const FIELD: Record<UiAsset, string> = { ICON: 'icon', SCREENSHOT: 'screenshot' };

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } } });
const imageUpload = (types: readonly string[]) =>
  applyDecorators(
    Accepts(...types),
    ApiBody({ schema: { type: 'string', format: 'binary' } }),
    problem(400, `${IMAGE_INVALID}: the bytes are not an image the asset may have; VALIDATION_FAILED: no body.`),
    problem(403, 'SCOPE_NOT_GRANTED: an ISV without the CONFIGURE scope.'),
    problem(404, 'MINI_PROGRAM_NOT_FOUND: no such mini program, or not one you may see.'),
    problem(413, `PAYLOAD_TOO_LARGE: a body over ${IMAGE_BODY_MAX_BYTES} bytes.`),
    problem(415, 'UNSUPPORTED_MEDIA_TYPE: another Content-Type, or a Content-Encoding.'),
  );
const imageRead = (types: readonly string[], notFound: string) =>
  applyDecorators(ApiProduces(...types), ApiOkResponse({ description: 'The image, with its content type.', schema: { type: 'string', format: 'binary' } }), problem(404, notFound));

/** A mini program's icon and screenshots: changed with CONFIGURE (merchant members, an ISV with the scope), read as its detail is. */
@ApiTags('Mini programs')
@Controller('v1/mini-programs/:id')
export class UiAssetsController {
  private readonly images: BlobStore;

  constructor(
    @Inject(REQUEST_BUS) private readonly bus: RequestBus,
    @Inject(BLOB_STORE) blobs: BlobStore,
  ) {
    this.images = blobs.scope(IMAGES_BLOB_SCOPE);
  }

  @Put('icon')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set or replace its icon (CONFIGURE): the image itself as the body',
    description: `A square PNG of ${ICON_RULES.minPx} to ${ICON_RULES.maxPx} px, at most ${ICON_RULES.maxBytes} bytes, checked by its bytes (400 ${IMAGE_INVALID} otherwise). The change is an event in its history.`,
  })
  @imageUpload(ICON_RULES.types)
  @ApiNoContentResponse({ description: 'The icon is set.' })
  async setIcon(@Param('id', miniProgramIdPipe) miniProgramId: string, @Req() req: ExpressRequest, @RequestContext() meta: RequestMeta): Promise<void> {
    const image = await this.receive(miniProgramId, 'ICON', req, meta);
    await this.bus.send(SET_ICON, { miniProgramId, image }, meta);
  }

  @Get('icon')
  @ApiOperation({ summary: 'Its icon (who sees the mini program)' })
  @imageRead(ICON_RULES.types, 'MINI_PROGRAM_NOT_FOUND; ICON_NOT_FOUND: none is set.')
  async icon(@Param('id', miniProgramIdPipe) miniProgramId: string, @RequestContext() meta: RequestMeta, @Res({ passthrough: true }) res: ExpressResponse): Promise<StreamableFile> {
    // The URL stays when the icon changes: a replaced one shows within a minute. Private: only some may see it.
    return this.send(await this.bus.send(GET_ICON, { miniProgramId }, meta), res, 'private, max-age=60');
  }

  @Post('screenshots')
  @ApiOperation({
    summary: `Add a screenshot (CONFIGURE): the image itself as the body; at most ${MAX_SCREENSHOTS}`,
    description: `A PNG or JPEG of at most ${SCREENSHOT_RULES.maxBytes} bytes, checked by its bytes (400 ${IMAGE_INVALID}). The mini program's detail lists it in \`screenshots\`.`,
  })
  @imageUpload(SCREENSHOT_RULES.types)
  @problem(422, `TOO_MANY_SCREENSHOTS: it has ${MAX_SCREENSHOTS} already.`)
  @ApiCreatedResponse({ type: ScreenshotAddedResponse })
  async addScreenshot(@Param('id', miniProgramIdPipe) miniProgramId: string, @Req() req: ExpressRequest, @RequestContext() meta: RequestMeta): Promise<ScreenshotAddedResponse> {
    const image = await this.receive(miniProgramId, 'SCREENSHOT', req, meta);
    return this.bus.send(ADD_SCREENSHOT, { miniProgramId, image }, meta);
  }

  @Get('screenshots/:screenshotId')
  @ApiOperation({ summary: 'One of its screenshots (who sees the mini program)' })
  @imageRead(SCREENSHOT_RULES.types, 'MINI_PROGRAM_NOT_FOUND; SCREENSHOT_NOT_FOUND.')
  async screenshot(
    @Param('id', miniProgramIdPipe) miniProgramId: string,
    @Param('screenshotId', screenshotIdPipe) screenshotId: string,
    @RequestContext() meta: RequestMeta,
    @Res({ passthrough: true }) res: ExpressResponse,
  ): Promise<StreamableFile> {
    // A screenshot id always names the same bytes.
    return this.send(await this.bus.send(GET_SCREENSHOT, { miniProgramId, screenshotId }, meta), res, 'private, max-age=86400');
  }

  @Delete('screenshots/:screenshotId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a screenshot (CONFIGURE)' })
  @ApiNoContentResponse({ description: 'The screenshot is removed.' })
  @problem(404, 'MINI_PROGRAM_NOT_FOUND; SCREENSHOT_NOT_FOUND.')
  async removeScreenshot(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('screenshotId', screenshotIdPipe) screenshotId: string, @RequestContext() meta: RequestMeta): Promise<void> {
    await this.bus.send(REMOVE_SCREENSHOT, { miniProgramId, screenshotId }, meta);
  }

  /** The image in the body, checked against the rules miniprograms answers for the asset, stored by its hash. */
  private async receive(miniProgramId: string, asset: UiAsset, req: ExpressRequest, meta: RequestMeta): Promise<StoredImage> {
    const field = FIELD[asset];
    let rules: UiImageRules;
    try {
      rules = await this.bus.send(CHECK_UI_ASSET_UPLOAD, { miniProgramId, asset }, meta);
    } catch (error) {
      // Refused before reading: let the body flow past so the client can read the answer.
      req.resume();
      throw error;
    }
    const body = await readImageBody(req, IMAGE_BODY_MAX_BYTES, field);
    const checked = checkImage(body.data, body.contentType, rules);
    if (!checked.ok) throw AppError.badInput(describeImageProblem(checked.problem, `the ${field}`), [{ field, message: describeImageProblem(checked.problem, field) }], IMAGE_INVALID);
    const stored = await this.images.put(Readable.from([body.data]), IMAGE_BODY_MAX_BYTES);
    return { ...stored, ...checked.image };
  }

  /** The stored image miniprograms says the caller may see. */
  private async send(image: StoredImage, res: ExpressResponse, cacheControl: string): Promise<StreamableFile> {
    const file = await this.images.localPath(image.sha256);
    // Images are never removed from their scope; one missing is lost storage, not something the caller did.
    if (!file) throw new AppError('IMAGE_MISSING', 'internal', 'the image is recorded but its bytes are not in the blob store');
    // Set only once the image is there, so error answers are not cached as if they were the image.
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(createReadStream(file), { type: image.contentType, length: image.size });
  }
}

export const uiAssetsControllers = [UiAssetsController];
