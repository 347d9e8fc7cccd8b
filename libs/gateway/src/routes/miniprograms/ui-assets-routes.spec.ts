import { createHash } from 'node:crypto';
import {
  ADD_SCREENSHOT,
  CHECK_UI_ASSET_UPLOAD,
  GET_ICON,
  GET_SCREENSHOT,
  ICON_RULES,
  REMOVE_SCREENSHOT,
  SCREENSHOT_RULES,
  SET_ICON,
  StoredImage,
  UiAsset,
} from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { routesHarness } from '../../testing/routes-harness';
import { IMAGE_BODY_MAX_BYTES, IMAGES_BLOB_SCOPE } from './ui-assets.controller';

// The icon and screenshot routes on the gateway conventions, talking to a scripted bus; images land in a real blob directory.

/** A PNG's signature and header chunk, then `padding` bytes: what the gateway's check reads. */
function png(width: number, height = width, padding = 64): Buffer {
  const bytes = Buffer.alloc(33 + padding);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt8(8, 24);
  bytes.writeUInt8(6, 25);
  return bytes;
}

/** A baseline JPEG header: start of image, JFIF, start of frame, end of image. */
function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('mini program UI asset routes', () => {
  const { bus, blobs, server, token, expectSent, expectNotFound } = routesHarness('miniprograms');
  const images = () => blobs.scope(IMAGES_BLOB_SCOPE);
  let caller: string;
  beforeAll(async () => {
    caller = await token('acc-1', []);
  });
  const base = '/v1/mini-programs/mp-1';
  /** miniprograms lets the upload through with the asset's rules and accepts the command. */
  const acceptUploads = () => {
    bus.answer = async (_service, message) => {
      if (message.type === CHECK_UI_ASSET_UPLOAD) return (message.payload as { asset: UiAsset }).asset === 'ICON' ? ICON_RULES : SCREENSHOT_RULES;
      if (message.type === ADD_SCREENSHOT) return { screenshotId: 'shot-1' };
      return undefined;
    };
  };
  const putIcon = (body: Buffer, type = 'image/png') => server().put(`${base}/icon`).set('Authorization', caller).set('Content-Type', type).send(body);
  const postScreenshot = (body: Buffer, type: string) => server().post(`${base}/screenshots`).set('Authorization', caller).set('Content-Type', type).send(body);
  const sentTypes = () => bus.sent.map((s) => s.message.type);
  const expectRefused = (res: { status: number; body: { code: string; errors?: { field: string }[] } }, status: number, code: string) => {
    expect([res.status, res.body.code]).toEqual([status, code]);
    // Only the upload check went out: no command names an image that was not stored.
    expect(sentTypes()).toEqual([CHECK_UI_ASSET_UPLOAD]);
  };

  it('checks a PNG icon after the upload check, stores it by its hash and sends what it is', async () => {
    acceptUploads();
    const icon = png(512);
    const res = await putIcon(icon);
    expect([res.status, res.text]).toEqual([204, '']);
    expect(sentTypes()).toEqual([CHECK_UI_ASSET_UPLOAD, SET_ICON]);
    expect(bus.sent[0].message.payload).toEqual({ miniProgramId: 'mp-1', asset: 'ICON' });
    expect(bus.sent[1].message.payload).toEqual({ miniProgramId: 'mp-1', image: { sha256: sha256(icon), size: icon.length, contentType: 'image/png', width: 512, height: 512 } });
    expect(await images().localPath(sha256(icon))).toEqual(expect.any(String));
    // Apart from packages: a package of the same bytes refused and removed leaves the icon.
    expect(await blobs.localPath(sha256(icon))).toBeUndefined();
  });

  it.each([
    ['143 px', png(143)],
    ['not square', png(512, 500)],
    ['a JPEG', jpeg(512, 512)],
    ['garbage', Buffer.from('GIF89a this is not a PNG at all')],
    ['a truncated header', png(512).subarray(0, 20)],
    ['over 1 MB', png(512, 512, 1024 * 1024)],
  ])('refuses an icon that is %s with 400 IMAGE_INVALID naming the icon, and stores nothing', async (_case, body) => {
    acceptUploads();
    const res = await putIcon(body);
    expectRefused(res, 400, 'IMAGE_INVALID');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'icon' })]);
    expect(await images().localPath(sha256(body))).toBeUndefined();
  });

  it('refuses a PNG sent as image/jpeg as a screenshot: its bytes decide, not the header', async () => {
    acceptUploads();
    expectRefused(await postScreenshot(png(1080, 1920), 'image/jpeg'), 400, 'IMAGE_INVALID');
  });

  it.each([['image/jpeg'], ['image/gif'], ['application/json'], ['multipart/form-data; boundary=x']])('answers an icon sent as %s with 415 and sends nothing', async (type) => {
    acceptUploads();
    const res = await putIcon(png(512), type);
    expect([res.status, res.body.code, bus.sent]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE', []]);
  });

  it('answers a screenshot sent as text/plain or compressed with 415', async () => {
    acceptUploads();
    expect((await postScreenshot(jpeg(1080, 1920), 'text/plain')).status).toBe(415);
    const compressed = await server().post(`${base}/screenshots`).set('Authorization', caller).set('Content-Type', 'image/jpeg').set('Content-Encoding', 'gzip').send(jpeg(1080, 1920));
    expect([compressed.status, compressed.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it(`answers a body over ${IMAGE_BODY_MAX_BYTES} bytes with 413 PAYLOAD_TOO_LARGE and stores nothing`, async () => {
    acceptUploads();
    const big = png(512, 512, IMAGE_BODY_MAX_BYTES);
    expectRefused(await postScreenshot(big, 'image/png'), 413, 'PAYLOAD_TOO_LARGE');
    bus.sent.length = 0;
    expectRefused(await putIcon(big), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers no body with 400 naming the screenshot', async () => {
    acceptUploads();
    const res = await server().post(`${base}/screenshots`).set('Authorization', caller).set('Content-Type', 'image/png');
    expectRefused(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'screenshot' })]);
  });

  it('adds a JPEG screenshot: 201 with its id', async () => {
    acceptUploads();
    const shot = jpeg(1080, 1920);
    const res = await postScreenshot(shot, 'image/jpeg');
    expect([res.status, res.body]).toEqual([201, { screenshotId: 'shot-1' }]);
    expect(bus.sent[1].message).toMatchObject({ type: ADD_SCREENSHOT, payload: { miniProgramId: 'mp-1', image: { sha256: sha256(shot), size: shot.length, contentType: 'image/jpeg', width: 1080, height: 1920 } } });
  });

  it('stops before reading or storing when miniprograms refuses the upload check (a 6th screenshot: 422)', async () => {
    bus.answer = async () => {
      throw AppError.rule('TOO_MANY_SCREENSHOTS', 'a mini program has at most 5 screenshots');
    };
    const shot = jpeg(720, 1280);
    expectRefused(await postScreenshot(shot, 'image/jpeg'), 422, 'TOO_MANY_SCREENSHOTS');
    expect(await images().localPath(sha256(shot))).toBeUndefined();
  });

  it('answers GET icon and GET screenshot with the bytes miniprograms names, with their content type', async () => {
    acceptUploads();
    const icon = png(256);
    const shot = jpeg(1080, 1920);
    await putIcon(icon);
    await postScreenshot(shot, 'image/jpeg');
    const storedIcon = (bus.sent[1].message.payload as { image: StoredImage }).image;
    const storedShot = (bus.sent[3].message.payload as { image: StoredImage }).image;
    bus.sent.length = 0;
    bus.answer = async (_service, message) => (message.type === GET_ICON ? storedIcon : storedShot);

    const gotIcon = await server().get(`${base}/icon`).set('Authorization', caller).buffer(true);
    expect([gotIcon.status, gotIcon.headers['content-type'], gotIcon.headers['cache-control'], gotIcon.headers['x-content-type-options']]).toEqual([200, 'image/png', 'private, max-age=60', 'nosniff']);
    expect(Buffer.compare(gotIcon.body as Buffer, icon)).toBe(0);
    expectSent(GET_ICON, { miniProgramId: 'mp-1' });

    bus.sent.length = 0;
    const gotShot = await server().get(`${base}/screenshots/shot-1`).set('Authorization', caller).buffer(true);
    expect([gotShot.status, gotShot.headers['content-type']]).toEqual([200, 'image/jpeg']);
    expect(Buffer.compare(gotShot.body as Buffer, shot)).toBe(0);
    expectSent(GET_SCREENSHOT, { miniProgramId: 'mp-1', screenshotId: 'shot-1' });
  });

  it('answers 404 from miniprograms as problem+json, without caching it', async () => {
    bus.answer = async () => {
      throw AppError.notFound('ICON_NOT_FOUND', 'the mini program has no icon');
    };
    const res = await server().get(`${base}/icon`).set('Authorization', caller);
    expect([res.status, res.body.code, res.headers['cache-control']]).toEqual([404, 'ICON_NOT_FOUND', undefined]);
  });

  it('removes a screenshot: 204', async () => {
    const res = await server().delete(`${base}/screenshots/shot-1`).set('Authorization', caller);
    expect([res.status, res.text]).toEqual([204, '']);
    expectSent(REMOVE_SCREENSHOT, { miniProgramId: 'mp-1', screenshotId: 'shot-1' });
  });

  it('documents each route\'s answers and image media types in the OpenAPI document', async () => {
    const { paths } = (await server().get('/docs/openapi.json')).body as { paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: { content: object } }>> };
    const icon = paths['/v1/mini-programs/{id}/icon'];
    const screenshots = paths['/v1/mini-programs/{id}/screenshots'];
    const screenshot = paths['/v1/mini-programs/{id}/screenshots/{screenshotId}'];
    expect(Object.keys(icon.put.responses)).toEqual(expect.arrayContaining(['204', '400', '403', '404', '413', '415']));
    expect(Object.keys(icon.put.requestBody!.content)).toEqual(['image/png']);
    expect(Object.keys(icon.get.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(Object.keys(screenshots.post.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '413', '415', '422']));
    expect(Object.keys(screenshots.post.requestBody!.content)).toEqual(['image/png', 'image/jpeg']);
    expect(Object.keys(screenshot.get.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(Object.keys(screenshot.delete.responses)).toEqual(expect.arrayContaining(['204', '404']));
  });

  it.each([['shot_1'], ['%00'], ['s'.repeat(65)]])('answers 404 for the screenshot id %s without asking miniprograms', async (id) => {
    expectNotFound(await server().get(`${base}/screenshots/${id}`).set('Authorization', caller), 'SCREENSHOT_NOT_FOUND');
    expectNotFound(await server().delete(`${base}/screenshots/${id}`).set('Authorization', caller), 'SCREENSHOT_NOT_FOUND');
  });
});
