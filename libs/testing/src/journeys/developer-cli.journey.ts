import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Schema } from '@mpp/client';
import { ApiClient, eventually } from '../api-client';
import { Finished, runBuiltApp } from '../run-node';
import { ReadMail } from './account.journey';
import { approvedWorkspace, miniProgram, onlineService } from './onboarding';

type Problem = { code?: string };
type Version = { version: string; status: string; sha256: string; uploadedBy: string };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * DOMAIN.md 7 "Upload keys" and "Developer CLI" through the gateway: an ISV developer signs in with `mpp`, uploads a
 * folder (zipped on the fly; the SHA-256 it prints is the version's), submits, and releases once a reviewer approves;
 * a CI uploads with an upload key from an allowed address only, for its mini program only, never once revoked, nor
 * once the ISV's authorization ends; the ISV's event feed, tailed with `mpp events tail`, tells the whole story.
 */
export async function developerCliJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient) {
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'clidev');
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'clishop');
  const serviceId = await onlineService(isv, reviewer, `CLI ${isv.workspaceId.slice(0, 6)}`);
  const programId = await miniProgram(merchant, 'CLI cafe');
  const otherProgramId = await miniProgram(merchant, 'CLI bakery');
  const placed = await eventually(async () => {
    const r = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId: programId });
    return r.status === 201 ? r : undefined;
  }, 30_000, 'ordering knowing the service and the mini program');
  expect((await isv.client.post(`/v1/orders/${placed.body.orderId}/accept`)).status).toBe(200);
  const confirmed = await merchant.client.post<{ authorizationId: string }>(`/v1/orders/${placed.body.orderId}/confirm`, { scopes: ['UPLOAD', 'SUBMIT_REVIEW', 'RELEASE'] });
  expect(confirmed.status).toBe(200);
  await eventually(async () => ((await isv.client.get(`/v1/mini-programs/${programId}`)).status === 200 ? true : undefined), 30_000, 'miniprograms seeing the authorization');

  const home = mkdtempSync(path.join(tmpdir(), 'mpp-cli-'));
  const mpp = (...args: string[]): Promise<Finished> => runBuiltApp('bin/mpp.js', args, { MPP_CONFIG_DIR: path.join(home, 'config'), MPP_URL: api.baseUrl, MPP_PASSWORD: undefined });
  const folder = (marker: string) => {
    const dir = path.join(home, marker);
    mkdirSync(path.join(dir, 'pages', 'index'), { recursive: true });
    writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/index/index'], marker }));
    writeFileSync(path.join(dir, 'pages', 'index', 'index.js'), 'Page({});');
    writeFileSync(path.join(dir, 'pages', 'index', 'index.axml'), '<view>Hello</view>');
    return dir;
  };
  try {
    // A developer's session: login, upload a folder, submit, release.
    expect(await mpp('login', '--login', isv.username, '--password', 'wrong-password')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: [A-Z_]+ \(401\): /) });
    expect(await mpp('login', '--login', isv.username, '--password', 'secret123')).toMatchObject({ code: 0, stdout: expect.stringContaining(`signed in to ${api.baseUrl}`) });
    const uploaded = await mpp('upload', folder('first'), '--mini-program', programId, '--version', '1.0.0', '--description', 'From the CLI');
    expect(uploaded).toMatchObject({ code: 0, stdout: expect.stringContaining('uploaded 1.0.0') });
    const sha256 = /sha256 ([0-9a-f]{64})/.exec(uploaded.stdout)?.[1];
    const version = (await isv.client.get<Version>(`/v1/mini-programs/${programId}/versions/1.0.0`)).body;
    expect(version).toMatchObject({ status: 'UPLOADED', sha256, uploadedBy: isv.accountId });
    expect(await mpp('submit', '--mini-program', programId, '--version', '1.0.0', '--note', 'First')).toMatchObject({ code: 0, stdout: '1.0.0: IN_REVIEW\n' });
    expect((await reviewer.post(`/v1/review/mini-programs/${programId}/versions/1.0.0/approve`)).status).toBe(200);
    expect(await mpp('release', '--mini-program', programId, '--version', '1.0.0')).toMatchObject({ code: 0, stdout: '1.0.0: RELEASED\n' });
    expect(await mpp('submit', '--mini-program', programId, '--version', '9.9.9')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: VERSION_NOT_FOUND \(404\): /) });

    // A CI's upload keys: the merchant's from this machine's address, and one from elsewhere.
    const key = async (body: Pick<Schema<'CreateUploadKeyRequest'>, 'ipAllowlist' | 'allowAnyIp'>, who = merchant, programOf = programId) => {
      const made = await who.client.post<{ keyId: string; key: string } & Problem>(`/v1/mini-programs/${programOf}/upload-keys`, { name: 'CI', expiresAt: inDays(30), ...body });
      expect(made.status).toBe(201);
      return made.body;
    };
    const local = await key({ ipAllowlist: ['127.0.0.1/32', '::1/128'] });
    const elsewhere = await key({ ipAllowlist: ['203.0.113.0/24'] });
    const withKey = (k: string, version: string, program = programId) => mpp('upload', folder(`ci-${version}`), '--mini-program', program, '--version', version, '--key', k);
    const ci = await eventually(async () => {
      const r = await withKey(local.key, '1.1.0');
      return r.code === 0 ? r : undefined;
    }, 10_000, 'the key known');
    expect(ci.stdout).toContain('uploaded 1.1.0');
    expect((await merchant.client.get<Version>(`/v1/mini-programs/${programId}/versions/1.1.0`)).body.uploadedBy).toBe(merchant.accountId);
    expect((await withKey(elsewhere.key, '1.2.0')).stderr).toMatch(/^error: IP_NOT_ALLOWED \(403\)/);
    expect((await withKey(local.key, '1.0.0', otherProgramId)).stderr).toMatch(/^error: KEY_NOT_FOR_MINI_PROGRAM \(403\)/);
    const listed = await merchant.client.get<{ items: { keyId: string; status: string; lastUsedIp?: string }[] }>(`/v1/mini-programs/${programId}/upload-keys`);
    expect(listed.body.items.find((k) => k.keyId === local.keyId)).toMatchObject({ status: 'ACTIVE', lastUsedIp: expect.stringMatching(/127\.0\.0\.1|::1/) });
    // A key opens nothing but the upload route.
    expect((await api.call('GET', `/v1/mini-programs/${programId}`, { headers: { authorization: `Bearer ${local.key}` } })).status).toBe(401);
    expect((await merchant.client.call('DELETE', `/v1/mini-programs/${programId}/upload-keys/${local.keyId}`)).status).toBe(204);
    await eventually(async () => ((await withKey(local.key, '1.2.0')).stderr.match(/UPLOAD_KEY_INVALID \(401\)/) ? true : undefined), 10_000, 'the revoke known');

    // The ISV's key works while its authorization does.
    const isvKey = await key({ ipAllowlist: [], allowAnyIp: true }, isv);
    await eventually(async () => ((await withKey(isvKey.key, '1.2.0')).code === 0 ? true : undefined), 10_000, "the ISV's key known");
    // A batch job from the CLI, followed to its end: the submission of 1.2.0, as a single request would make it.
    const job = await mpp('batch', 'start', '--workspace', isv.workspaceId, '--kind', 'SUBMIT_REVIEW', '--mini-programs', programId, '--version', '1.2.0', '--release-mode', 'MANUAL', '--watch');
    expect(job).toMatchObject({ code: 0, stdout: expect.stringMatching(/^started (\S+) \(1 items\)\n\1: COMPLETED \{"pending":0,"running":0,"succeeded":1,"failed":0,"skipped":0\}\n$/) });
    const jobId = /^started (\S+)/.exec(job.stdout)?.[1] as string;
    expect(await mpp('batch', 'watch', jobId)).toMatchObject({ code: 0, stdout: expect.stringContaining(`${jobId}: COMPLETED`) });
    expect((await isv.client.get<Version>(`/v1/mini-programs/${programId}/versions/1.2.0`)).body.status).toBe('IN_REVIEW');
    expect((await merchant.client.post(`/v1/authorizations/${confirmed.body.authorizationId}/revoke`)).status).toBe(200);
    await eventually(async () => ((await withKey(isvKey.key, '1.3.0')).stderr.match(/UPLOAD_KEY_INVALID \(401\)/) ? true : undefined), 30_000, "the ISV's key dead with its authorization");

    // The ISV's feed, as `mpp events tail` prints it: one JSON event a line, and the cursor to go on from.
    const tail = await eventually(async () => {
      const r = await mpp('events', 'tail', '--workspace', isv.workspaceId, '--types', 'version.submitted,version.approved,version.released,authorization.revoked');
      return r.stdout.split('\n').filter(Boolean).length === 5 ? r : undefined;
    }, 30_000, 'the feed');
    expect(tail.stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['version.submitted', 'version.approved', 'version.released', 'version.submitted', 'authorization.revoked']);
    const cursor = [...tail.stderr.matchAll(/cursor (\S+)/g)].at(-1)?.[1] as string;
    expect((await mpp('events', 'tail', '--workspace', isv.workspaceId, '--after', cursor)).stdout).toBe('');
    expect((await mpp('events', 'tail', '--workspace', merchant.workspaceId)).stderr).toMatch(/^error: WORKSPACE_NOT_FOUND \(404\)/);
    return { isv, merchant, programId };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
