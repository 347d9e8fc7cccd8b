import { createHash } from 'node:crypto';
import { ApiClient, eventually } from '../api-client';
import { ReadMail, signUp } from './account.journey';
import { approvedWorkspace, miniProgram } from './onboarding';
import { pngBytes } from './workspace.journey';

type Problem = { code?: string; errors?: { field: string }[] };

/** A baseline JPEG header: start of image, JFIF, start of frame, end of image. */
export function jpegBytes(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The exact bytes of an image answer (the API client reads answers as text). */
async function imageAt(baseUrl: string, token: string, path: string): Promise<{ status: number; contentType: string | null; bytes: Buffer }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/**
 * A merchant gives its mini program an icon and screenshots (DOMAIN.md 5, "UI assets"): each checked by its bytes
 * (415 for another media type, 400 IMAGE_INVALID), at most 5 screenshots (422), the detail listing them, the same
 * bytes read back, each change in the history; an outsider sees none of it.
 */
export async function uiAssetsJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient) {
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'assets');
  const outsider = await signUp(api, readMail, 'nosy');
  const id = await miniProgram(merchant, 'Sticker Shop');
  const base = `/v1/mini-programs/${id}` as const;
  const image = (bytes: Buffer, contentType: string) => ({ rawBody: bytes, headers: { 'content-type': contentType } });
  const putIcon = (bytes: Buffer, contentType: string) => merchant.client.call<Problem>('PUT', `${base}/icon`, image(bytes, contentType));

  expect((await merchant.client.get<Problem>(`${base}/icon`)).body.code).toBe('ICON_NOT_FOUND');
  expect((await putIcon(pngBytes(512, 512), 'image/jpeg')).status).toBe(415);
  for (const bad of [pngBytes(100, 100), pngBytes(512, 400), jpegBytes(512, 512), Buffer.from('not an image at all')]) {
    const refused = await putIcon(bad, 'image/png');
    expect([refused.status, refused.body.code, refused.body.errors?.[0]?.field]).toEqual([400, 'IMAGE_INVALID', 'icon']);
  }
  const icon = pngBytes(512, 512);
  expect((await putIcon(icon, 'image/png')).status).toBe(204);

  const shots = [1, 2, 3, 4, 5].map((n) => jpegBytes(1080, 1900 + n));
  const ids: string[] = [];
  for (const shot of shots) {
    const added = await merchant.client.call<{ screenshotId: string }>('POST', `${base}/screenshots`, { rawBody: shot, headers: { 'content-type': 'image/jpeg' } });
    expect(added.status).toBe(201);
    ids.push(added.body.screenshotId);
  }
  const sixth = await merchant.client.call<Problem>('POST', `${base}/screenshots`, image(jpegBytes(1080, 1920), 'image/jpeg'));
  expect([sixth.status, sixth.body.code]).toEqual([422, 'TOO_MANY_SCREENSHOTS']);

  const detail = await eventually(async () => {
    const r = await merchant.client.get<{ icon: { sha256: string } | null; screenshots: { screenshotId: string; sha256: string }[] }>(base);
    return r.body.screenshots?.length === 5 ? r.body : undefined;
  }, 20_000, 'the detail listing the screenshots');
  expect(detail.icon).toEqual({ sha256: sha256(icon), size: icon.length, contentType: 'image/png', width: 512, height: 512 });
  expect(detail.screenshots.map((s) => [s.screenshotId, s.sha256])).toEqual(ids.map((screenshotId, i) => [screenshotId, sha256(shots[i])]));

  const readIcon = await imageAt(api.baseUrl, merchant.token, `${base}/icon`);
  expect([readIcon.status, readIcon.contentType, readIcon.bytes.equals(icon)]).toEqual([200, 'image/png', true]);
  const readShot = await imageAt(api.baseUrl, merchant.token, `${base}/screenshots/${ids[1]}`);
  expect([readShot.status, readShot.contentType, readShot.bytes.equals(shots[1])]).toEqual([200, 'image/jpeg', true]);
  expect((await imageAt(api.baseUrl, outsider.token, `${base}/icon`)).status).toBe(404);
  expect((await outsider.client.call('DELETE', `${base}/screenshots/${ids[0]}`)).status).toBe(404);

  expect((await merchant.client.call('DELETE', `${base}/screenshots/${ids[1]}`)).status).toBe(204);
  await eventually(async () => ((await merchant.client.get(`${base}/screenshots/${ids[1]}`)).status === 404 ? true : undefined), 20_000, 'the screenshot gone');
  const history = await merchant.client.get<{ items: { type: string }[] }>(`${base}/history`);
  expect(history.body.items.map((i) => i.type)).toEqual(['MiniProgramCreated', 'IconSet', ...ids.map(() => 'ScreenshotAdded'), 'ScreenshotRemoved']);
  return { merchant, miniProgramId: id };
}
