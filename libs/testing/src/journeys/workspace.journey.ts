import type { Schema } from '@mpp/client';
import { MeView, MemberView, WorkspaceApplicationView, WorkspaceView } from '@mpp/contracts';
import { Page } from '@mpp/platform';
import { ApiClient, eventually } from '../api-client';
import { ReadMail, signUp } from './account.journey';

interface Problem {
  code: string;
  status: number;
}

/** A minimal PNG header of the given size: enough for a content check, which reads the signature and IHDR. */
export function pngBytes(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

const application = (companyName: string): Schema<'SubmitWorkspaceApplicationRequest'> => ({
  type: 'ISV',
  companyName,
  businessAddress: '1 Harbour Road',
  countryRegion: 'SG',
  businessRepresentative: 'Ann Lee',
  website: 'https://acme.example',
  contactEmail: 'support@acme.example',
  acceptTerms: true,
  acceptPrivacyPolicy: true,
});

const putLogo = (client: ApiClient, applicationId: string, bytes: Buffer, contentType: string) =>
  client.call<Problem>('PUT', `/v1/workspace-applications/${applicationId}/logo`, { rawBody: bytes, headers: { 'content-type': contentType } });

/**
 * An ISV onboards: applies, is rejected with a reason, reapplies with a logo, is approved and becomes Owner,
 * invites a developer who accepts. Each refusal on the way is the API.md answer.
 */
export async function workspaceJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient) {
  const owner = await signUp(api, readMail, 'owner');
  const outsider = await signUp(api, readMail, 'outsider');
  const company = `Acme ${owner.username}`;

  const first = await owner.client.post<{ applicationId: string; status: string }>('/v1/workspace-applications', application(company));
  expect([first.status, first.body.status]).toEqual([201, 'UNDER_REVIEW']);
  const second = await owner.client.post<Problem>('/v1/workspace-applications', application(company));
  expect([second.status, second.body.code]).toEqual([409, 'APPLICATION_UNDER_REVIEW']);
  const badCountry = await owner.client.post<Problem>('/v1/workspace-applications', { ...application(company), countryRegion: 'Singapore' });
  expect(badCountry.status).toBe(400);

  const notReviewer = await owner.client.get<Problem>('/v1/review/workspace-applications?status=UNDER_REVIEW');
  expect([notReviewer.status, notReviewer.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  expect((await outsider.client.get<Problem>(`/v1/workspace-applications/${first.body.applicationId}`)).status).toBe(404);
  // The queue is a read model: it shows the application moments after the submission.
  await eventually(async () => {
    const queue = await reviewer.get<Page<WorkspaceApplicationView>>('/v1/review/workspace-applications?status=UNDER_REVIEW&limit=100');
    return queue.body.items.some((a) => a.applicationId === first.body.applicationId) ? true : undefined;
  }, 30_000, 'the application in the review queue');
  const rejected = await reviewer.post<{ status: string }>(`/v1/review/workspace-applications/${first.body.applicationId}/reject`, { reason: 'The business licence is unreadable' });
  expect([rejected.status, rejected.body.status]).toEqual([200, 'REJECTED']);
  const again = await reviewer.post<Problem>(`/v1/review/workspace-applications/${first.body.applicationId}/approve`);
  expect([again.status, again.body.code]).toEqual([422, 'APPLICATION_ALREADY_DECIDED']);
  expect((await owner.client.get<WorkspaceApplicationView>(`/v1/workspace-applications/${first.body.applicationId}`)).body).toMatchObject({
    status: 'REJECTED',
    reason: 'The business licence is unreadable',
  });
  await eventually(async () => ((await readMail(owner.email)).find((m) => /needs changes/.test(m.subject) && m.text.includes('unreadable')) ? true : undefined), 30_000, 'the rejection mail');

  const reapplied = await owner.client.post<{ applicationId: string }>('/v1/workspace-applications', application(company));
  expect(reapplied.status).toBe(201);
  const id = reapplied.body.applicationId;
  expect((await putLogo(owner.client, id, Buffer.from('GIF89a-not-allowed'), 'image/gif')).status).toBe(415);
  expect((await putLogo(owner.client, id, Buffer.from('not an image at all'), 'image/png')).body.code).toBe('INVALID_LOGO');
  expect((await putLogo(owner.client, id, pngBytes(600, 100), 'image/png')).body.code).toBe('INVALID_LOGO');
  expect((await putLogo(outsider.client, id, pngBytes(256, 256), 'image/png')).status).toBe(404);
  expect((await putLogo(owner.client, id, pngBytes(256, 240), 'image/png')).status).toBe(204);

  const approved = await reviewer.post<{ status: string; workspaceId: string }>(`/v1/review/workspace-applications/${id}/approve`);
  expect([approved.status, approved.body.status]).toEqual([200, 'APPROVED']);
  const workspaceId = approved.body.workspaceId;
  await eventually(async () => ((await readMail(owner.email)).find((m) => /is approved/.test(m.subject)) ? true : undefined), 30_000, 'the approval mail');

  const history = await eventually(async () => {
    const page = await owner.client.get<Page<WorkspaceApplicationView>>('/v1/workspace-applications');
    return page.body.items[0]?.status === 'APPROVED' ? page : undefined;
  }, 30_000, 'the decision in the applicant\'s history');
  expect(history.body.items.map((a) => [a.applicationId, a.status])).toEqual([
    [id, 'APPROVED'],
    [first.body.applicationId, 'REJECTED'],
  ]);
  const me = await eventually(async () => {
    const body = (await owner.client.get<MeView>('/v1/me')).body;
    return body.workspaces.length ? body : undefined;
  }, 30_000, 'the workspace in /v1/me');
  expect(me.workspaces).toEqual([{ workspaceId, name: company, type: 'ISV', role: 'OWNER' }]);
  expect((await owner.client.get<WorkspaceView>(`/v1/workspaces/${workspaceId}`)).body).toMatchObject({ name: company, myRole: 'OWNER', countryRegion: 'SG' });
  const publicView = (await outsider.client.get<WorkspaceView>(`/v1/workspaces/${workspaceId}`)).body;
  expect(publicView).toMatchObject({ workspaceId, name: company, type: 'ISV' });
  expect(publicView).not.toHaveProperty('businessAddress');
  const logo = await fetch(`${api.baseUrl}/v1/workspaces/${workspaceId}/logo`);
  expect(logo.headers.get('content-type')).toContain('image/png');
  expect(Buffer.from(await logo.arrayBuffer()).equals(pngBytes(256, 240))).toBe(true);

  // Members: invite a developer by email; only the invitee can accept.
  const developer = await signUp(api, readMail, 'dev');
  const invited = await owner.client.post<{ invitationId: string }>(`/v1/workspaces/${workspaceId}/invitations`, { email: developer.email, role: 'DEVELOPER' });
  expect(invited.status).toBe(201);
  const invitationMail = await eventually(async () => (await readMail(developer.email)).find((m) => /invited to join/.test(m.subject)), 30_000, 'the invitation mail');
  expect(invitationMail.text).toContain(invited.body.invitationId);
  expect((await outsider.client.post<Problem>(`/v1/invitations/${invited.body.invitationId}/accept`)).status).toBe(404);
  expect((await developer.client.post<{ status: string }>(`/v1/invitations/${invited.body.invitationId}/accept`)).body.status).toBe('ACCEPTED');
  const members = await eventually(async () => {
    const page = (await owner.client.get<Page<MemberView>>(`/v1/workspaces/${workspaceId}/members`)).body;
    return page.items.length === 2 ? page.items : undefined;
  }, 30_000, 'two members');
  expect(members.map((m) => [m.username, m.role])).toEqual([
    [owner.username, 'OWNER'],
    [developer.username, 'DEVELOPER'],
  ]);
  expect((await outsider.client.get<Problem>(`/v1/workspaces/${workspaceId}/members`)).body.code).toBe('WORKSPACE_NOT_FOUND');
  expect((await developer.client.post<Problem>(`/v1/workspaces/${workspaceId}/invitations`, { email: 'x@example.io', role: 'ADMIN' })).body.code).toBe('FORBIDDEN_WORKSPACE_ROLE');
  expect((await owner.client.call<Problem>('DELETE', `/v1/workspaces/${workspaceId}/members/${owner.accountId}`)).body.code).toBe('OWNER_CANNOT_BE_REMOVED');
  expect((await owner.client.call('DELETE', `/v1/workspaces/${workspaceId}/members/${developer.accountId}`)).status).toBe(204);

  // An invitation can be declined by the invitee, or withdrawn by the Owner; neither can then be accepted.
  const toDecline = await owner.client.post<{ invitationId: string }>(`/v1/workspaces/${workspaceId}/invitations`, { email: outsider.email, role: 'OPERATOR' });
  expect((await outsider.client.post<{ status: string }>(`/v1/invitations/${toDecline.body.invitationId}/decline`)).body.status).toBe('DECLINED');
  const toWithdraw = await owner.client.post<{ invitationId: string }>(`/v1/workspaces/${workspaceId}/invitations`, { email: outsider.email, role: 'ADMIN' });
  expect((await owner.client.call('DELETE', `/v1/workspaces/${workspaceId}/invitations/${toWithdraw.body.invitationId}`)).status).toBe(204);
  for (const invitation of [toDecline, toWithdraw]) {
    const late = await outsider.client.post<Problem>(`/v1/invitations/${invitation.body.invitationId}/accept`);
    expect([late.status, late.body.code]).toEqual([422, 'INVITATION_NOT_PENDING']);
  }
  const invitations = await eventually(async () => {
    const page = (await owner.client.get<Page<{ invitationId: string; status: string }>>(`/v1/workspaces/${workspaceId}/invitations`)).body;
    return page.items.length === 3 && page.items[0].status === 'WITHDRAWN' ? page.items : undefined;
  }, 30_000, 'the three invitations listed');
  expect(invitations.map((i) => i.status)).toEqual(['WITHDRAWN', 'DECLINED', 'ACCEPTED']);
  return { workspaceId, owner, reviewer };
}
