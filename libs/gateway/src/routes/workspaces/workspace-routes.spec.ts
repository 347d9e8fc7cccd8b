import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ACCEPT_INVITATION,
  APPROVE_WORKSPACE_APPLICATION,
  DECLINE_INVITATION,
  GET_WORKSPACE,
  GET_WORKSPACE_APPLICATION,
  GET_WORKSPACE_LOGO,
  INVITE_MEMBER,
  LIST_MY_WORKSPACE_APPLICATIONS,
  LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW,
  LIST_WORKSPACE_INVITATIONS,
  LIST_WORKSPACE_MEMBERS,
  REJECT_WORKSPACE_APPLICATION,
  REMOVE_MEMBER,
  SUBMIT_WORKSPACE_APPLICATION,
  UPLOAD_APPLICATION_LOGO,
  WITHDRAW_INVITATION,
} from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { BAD_REASONS, routesHarness } from '../../testing/routes-harness';
import { LOGO_MAX_BYTES } from './application-logo';

// The real route module on the gateway conventions, talking to a scripted bus.

describe('workspace routes', () => {
  const { bus, app, server, token, lastSent, expectSent, expectInvalid, expectNotFound, expectReviewersOnly } = routesHarness('identity');
  let applicant: string;
  let reviewer: string;
  beforeAll(async () => {
    applicant = await token('acc-1', []);
    reviewer = await token('rev-1', ['REVIEWER']);
  });

  const application = {
    type: 'ISV',
    companyName: 'Acme Ltd',
    businessAddress: '1 Harbour Street, Singapore 049320',
    countryRegion: 'SG',
    businessRepresentative: 'Ada Lovelace',
    website: 'https://acme.example',
    contactPhone: '+65 6123-4567',
    contactEmail: 'support@acme.example',
    acceptTerms: true,
    acceptPrivacyPolicy: true,
  };
  const page = { items: [{ id: 'x' }], nextCursor: 'c2' };

  describe('POST /v1/workspace-applications', () => {
    const submit = (body: object) => server().post('/v1/workspace-applications').set('Authorization', applicant).send(body);

    it('submits through identity as the caller and answers 201 {applicationId, status}', async () => {
      bus.answer = async () => ({ applicationId: 'app-1', status: 'UNDER_REVIEW' });

      const res = await submit(application);

      expect(res.status).toBe(201);
      expect(res.body).toEqual({ applicationId: 'app-1', status: 'UNDER_REVIEW' });
      expectSent(SUBMIT_WORKSPACE_APPLICATION, application);
    });

    it('leaves the optional fields out', async () => {
      const { website: _w, contactPhone: _p, contactEmail: _e, ...required } = application;

      const res = await submit({ ...required, type: 'MERCHANT' });

      expect(res.status).toBe(201);
      expect(lastSent().message.payload).toEqual({ ...required, type: 'MERCHANT' });
    });

    it.each([
      ['type', 'not a workspace type', { type: 'BANK' }],
      ['companyName', 'empty', { companyName: '' }],
      ['companyName', 'blank', { companyName: '   ' }],
      ['companyName', 'of 101 characters', { companyName: 'a'.repeat(101) }],
      ['businessAddress', 'of 301 characters', { businessAddress: 'a'.repeat(301) }],
      ['countryRegion', 'in lower case', { countryRegion: 'sg' }],
      ['countryRegion', 'of 3 letters', { countryRegion: 'SGP' }],
      ['businessRepresentative', 'missing', { businessRepresentative: undefined }],
      ['website', 'not a URL', { website: 'not a url' }],
      ['website', 'not http(s)', { website: 'javascript:alert(1)' }],
      ['website', 'an ftp URL', { website: 'ftp://acme.example' }],
      ['website', 'of 201 characters', { website: `https://acme.example/${'a'.repeat(180)}` }],
      ['contactPhone', 'with letters', { contactPhone: 'call me' }],
      ['contactPhone', 'of 4 digits', { contactPhone: '1234' }],
      ['contactEmail', 'not an address', { contactEmail: 'support@' }],
      ['acceptTerms', 'false', { acceptTerms: false }],
      ['acceptPrivacyPolicy', 'false', { acceptPrivacyPolicy: false }],
      ['acceptPrivacyPolicy', 'missing', { acceptPrivacyPolicy: undefined }],
      ['workspaceId', 'an unknown field', { workspaceId: 'ws-1' }],
    ])('refuses a %s that is %s', async (field, _case, change) => {
      expectInvalid(await submit({ ...application, ...change }), field);
    });

    it('says what a country code must be', async () => {
      const res = await submit({ ...application, countryRegion: 'Singapore' });

      expect(res.body.errors).toEqual([{ field: 'countryRegion', message: 'countryRegion must be an ISO 3166-1 alpha-2 code' }]);
    });

    it('says the Privacy Policy must be accepted', async () => {
      const res = await submit({ ...application, acceptPrivacyPolicy: false });

      expect(res.body.errors).toEqual([{ field: 'acceptPrivacyPolicy', message: 'the Privacy Policy must be accepted' }]);
    });

    it('needs a token', async () => {
      const res = await server().post('/v1/workspace-applications').send(application);

      expect(res.status).toBe(401);
      expect(bus.sent).toHaveLength(0);
    });

    it('passes on 409 from identity', async () => {
      bus.answer = async () => {
        throw AppError.conflict('APPLICATION_UNDER_REVIEW', 'you have an application under review');
      };

      const res = await submit(application);

      expect(res.status).toBe(409);
      expect(res.body.code).toBe('APPLICATION_UNDER_REVIEW');
    });
  });

  describe('GET /v1/workspace-applications', () => {
    it('lists the caller\'s applications with the default page size', async () => {
      bus.answer = async () => page;

      const res = await server().get('/v1/workspace-applications').set('Authorization', applicant);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(page);
      expectSent(LIST_MY_WORKSPACE_APPLICATIONS, { limit: 20 });
    });

    it('passes limit and cursor', async () => {
      await server().get('/v1/workspace-applications?limit=5&cursor=abc').set('Authorization', applicant);

      expectSent(LIST_MY_WORKSPACE_APPLICATIONS, { limit: 5, cursor: 'abc' });
    });

    it('refuses a bad limit', async () => {
      expectInvalid(await server().get('/v1/workspace-applications?limit=0').set('Authorization', applicant), 'limit');
    });
  });

  describe('GET /v1/workspace-applications/:id', () => {
    it('answers the application with its version as ETag', async () => {
      const view = { applicationId: 'app-1', status: 'UNDER_REVIEW', hasLogo: false, version: 3 };
      bus.answer = async () => view;

      const res = await server().get('/v1/workspace-applications/app-1').set('Authorization', applicant);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(view);
      expect(res.headers.etag).toBe('"3"');
      expectSent(GET_WORKSPACE_APPLICATION, { applicationId: 'app-1' });
    });

    it.each([['app_1'], ['app%201'], ['%C3%A9t%C3%A9'], ['app%00'], ['a'.repeat(65)]])('answers 404 for the id %s without asking identity', async (id) => {
      expectNotFound(await server().get(`/v1/workspace-applications/${id}`).set('Authorization', applicant), 'APPLICATION_NOT_FOUND');
    });
  });

  describe('PUT /v1/workspace-applications/:id/logo', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10, 0x80]);
    const upload = (id = 'app-1') => server().put(`/v1/workspace-applications/${id}/logo`).set('Authorization', applicant);

    it('sends the exact bytes as base64 with the content type and answers 204', async () => {
      const res = await upload().set('Content-Type', 'image/png').send(png);

      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectSent(UPLOAD_APPLICATION_LOGO, { applicationId: 'app-1', contentType: 'image/png', dataBase64: png.toString('base64') });
      expect(Buffer.from((lastSent().message.payload as { dataBase64: string }).dataBase64, 'base64').equals(png)).toBe(true);
    });

    it('accepts JPEG, with parameters and in any case', async () => {
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x01]);

      const res = await upload().set('Content-Type', 'Image/JPEG; q=1').send(jpeg);

      expect(res.status).toBe(204);
      expect(lastSent().message.payload).toMatchObject({ contentType: 'image/jpeg', dataBase64: jpeg.toString('base64') });
    });

    it('accepts exactly 2 MB', async () => {
      const res = await upload().set('Content-Type', 'image/png').send(Buffer.alloc(LOGO_MAX_BYTES, 1));

      expect(res.status).toBe(204);
      expect(Buffer.from((lastSent().message.payload as { dataBase64: string }).dataBase64, 'base64')).toHaveLength(LOGO_MAX_BYTES);
    });

    it.each([['image/gif'], ['multipart/form-data; boundary=x'], ['application/octet-stream'], ['application/json']])('answers %s with 415', async (type) => {
      const res = await upload().set('Content-Type', type).send(Buffer.from('GIF89a'));

      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(bus.sent).toHaveLength(0);
    });

    it('answers a compressed body with 415', async () => {
      const res = await upload().set('Content-Type', 'image/png').set('Content-Encoding', 'gzip').send(png);

      expect(res.status).toBe(415);
      expect(bus.sent).toHaveLength(0);
    });

    it('answers 2 MB + 1 byte with 413 PAYLOAD_TOO_LARGE and sends nothing', async () => {
      const res = await upload().set('Content-Type', 'image/png').send(Buffer.alloc(LOGO_MAX_BYTES + 1, 1));

      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(bus.sent).toHaveLength(0);
    });

    it('stops at 2 MB + 1 byte of a chunked body without a Content-Length', async () => {
      const listening = app().getHttpServer().listen(0, '127.0.0.1');
      await new Promise((resolve) => listening.once('listening', resolve));
      try {
        const { port } = listening.address() as AddressInfo;
        const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
          const req = http.request(
            { host: '127.0.0.1', port, method: 'PUT', path: '/v1/workspace-applications/app-1/logo', headers: { Authorization: applicant, 'Content-Type': 'image/png', Connection: 'close' } },
            (res) => {
              let body = '';
              res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode, body }));
            },
          );
          req.on('error', reject);
          const chunk = Buffer.alloc(256 * 1024, 1);
          for (let sent = 0; sent <= LOGO_MAX_BYTES; sent += chunk.length) req.write(chunk);
          req.end();
        });

        expect(answer.status).toBe(413);
        expect(JSON.parse(answer.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
        expect(bus.sent).toHaveLength(0);
      } finally {
        await new Promise((resolve) => listening.close(resolve));
      }
    });

    it('answers an empty body with 400 naming the logo', async () => {
      expectInvalid(await upload().set('Content-Type', 'image/png').send(Buffer.alloc(0)), 'logo');
      expectInvalid(await upload(), 'logo');
    });

    it('answers a bad id with 404 before reading the body', async () => {
      expectNotFound(await upload('app.1').set('Content-Type', 'image/png').send(png), 'APPLICATION_NOT_FOUND');
    });

    it('needs a token', async () => {
      const res = await server().put('/v1/workspace-applications/app-1/logo').set('Content-Type', 'image/png').send(png);

      expect(res.status).toBe(401);
      expect(bus.sent).toHaveLength(0);
    });
  });

  describe('/v1/review/workspace-applications', () => {
    it('lists applications of a status for a reviewer', async () => {
      bus.answer = async () => page;

      const res = await server().get('/v1/review/workspace-applications?status=UNDER_REVIEW&limit=10&cursor=c1').set('Authorization', reviewer);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(page);
      expectSent(LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW, { status: 'UNDER_REVIEW', limit: 10, cursor: 'c1' }, 'rev-1');
    });

    it('lists every status without a filter', async () => {
      await server().get('/v1/review/workspace-applications').set('Authorization', reviewer);

      expectSent(LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW, { limit: 20 }, 'rev-1');
    });

    it('refuses an unknown status', async () => {
      expectInvalid(await server().get('/v1/review/workspace-applications?status=PENDING').set('Authorization', reviewer), 'status');
    });

    it('approves and answers 200 {status, workspaceId}', async () => {
      bus.answer = async () => ({ status: 'APPROVED', workspaceId: 'ws-1' });

      const res = await server().post('/v1/review/workspace-applications/app-1/approve').set('Authorization', reviewer);

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'APPROVED', workspaceId: 'ws-1' });
      expectSent(APPROVE_WORKSPACE_APPLICATION, { applicationId: 'app-1' }, 'rev-1');
    });

    it('rejects with the reason and answers 200 {status}', async () => {
      bus.answer = async () => ({ status: 'REJECTED' });

      const res = await server().post('/v1/review/workspace-applications/app-1/reject').set('Authorization', reviewer).send({ reason: 'Address unclear' });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'REJECTED' });
      expectSent(REJECT_WORKSPACE_APPLICATION, { applicationId: 'app-1', reason: 'Address unclear' }, 'rev-1');
    });

    it.each(BAD_REASONS)('refuses a reason that is %s', async (_case, body) => {
      expectInvalid(await server().post('/v1/review/workspace-applications/app-1/reject').set('Authorization', reviewer).send(body), 'reason');
    });

    it('passes on 409 from identity', async () => {
      bus.answer = async () => {
        throw AppError.conflict('APPLICATION_DECIDED', 'already decided');
      };

      const res = await server().post('/v1/review/workspace-applications/app-1/approve').set('Authorization', reviewer);

      expect(res.status).toBe(409);
      expect(res.body.code).toBe('APPLICATION_DECIDED');
    });

    it.each([
      ['get', '/v1/review/workspace-applications'],
      ['post', '/v1/review/workspace-applications/app-1/approve'],
      ['post', '/v1/review/workspace-applications/app-1/reject'],
    ] as const)('%s %s: 403 FORBIDDEN_ROLE for a non-reviewer, 401 without a token', (method, path) => expectReviewersOnly(method, path, applicant));

    it('answers a bad id with 404', async () => {
      expectNotFound(await server().post('/v1/review/workspace-applications/app$1/approve').set('Authorization', reviewer), 'APPLICATION_NOT_FOUND');
    });
  });

  describe('/v1/workspaces/:id', () => {
    it('answers the workspace', async () => {
      const view = { workspaceId: 'ws-1', name: 'Acme Ltd', type: 'ISV', logoUrl: '/v1/workspaces/ws-1/logo', createdAt: '2025-01-01T00:00:00.000Z', myRole: 'OWNER', version: 2 };
      bus.answer = async () => view;

      const res = await server().get('/v1/workspaces/ws-1').set('Authorization', applicant);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(view);
      expect(res.headers.etag).toBe('"2"');
      expectSent(GET_WORKSPACE, { workspaceId: 'ws-1' });
    });

    it('needs a token', async () => {
      expect((await server().get('/v1/workspaces/ws-1')).status).toBe(401);
    });

    it('answers a bad id with 404', async () => {
      expectNotFound(await server().get('/v1/workspaces/ws%2F1').set('Authorization', applicant), 'WORKSPACE_NOT_FOUND');
    });
  });

  describe('GET /v1/workspaces/:id/logo', () => {
    it('serves the image bytes with their type to anyone, cacheable and not sniffable', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
      bus.answer = async () => ({ contentType: 'image/png', dataBase64: png.toString('base64') });

      const res = await server().get('/v1/workspaces/ws-1/logo').buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => done(null, Buffer.concat(chunks)));
      });

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.isBuffer(res.body) && res.body.equals(png)).toBe(true);
      const { message } = lastSent();
      expect(message.type).toBe(GET_WORKSPACE_LOGO);
      expect(message.payload).toEqual({ workspaceId: 'ws-1' });
      expect(message.meta.actor).toBeUndefined();
    });

    it('serves the generated SVG', async () => {
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>A</text></svg>';
      bus.answer = async () => ({ contentType: 'image/svg+xml', dataBase64: Buffer.from(svg).toString('base64') });

      const res = await server().get('/v1/workspaces/ws-1/logo').set('Authorization', applicant);

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(res.headers['content-security-policy']).toContain('sandbox');
      expect(Buffer.from(res.body as Buffer).toString()).toBe(svg);
    });

    it('does not mark an error as cacheable', async () => {
      bus.answer = async () => {
        throw AppError.notFound('WORKSPACE_NOT_FOUND', 'no such workspace');
      };

      const res = await server().get('/v1/workspaces/ws-9/logo');

      expect(res.status).toBe(404);
      expect(res.headers['cache-control']).toBeUndefined();
    });

    it('answers a bad id with 404', async () => {
      expectNotFound(await server().get('/v1/workspaces/ws%3Cscript%3E/logo'), 'WORKSPACE_NOT_FOUND');
    });
  });

  describe('members', () => {
    it('lists them', async () => {
      bus.answer = async () => page;

      const res = await server().get('/v1/workspaces/ws-1/members?limit=50&cursor=m1').set('Authorization', applicant);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(page);
      expectSent(LIST_WORKSPACE_MEMBERS, { workspaceId: 'ws-1', limit: 50, cursor: 'm1' });
    });

    it('removes one and answers 204', async () => {
      const res = await server().delete('/v1/workspaces/ws-1/members/acc-2').set('Authorization', applicant);

      expect(res.status).toBe(204);
      expectSent(REMOVE_MEMBER, { workspaceId: 'ws-1', accountId: 'acc-2' });
    });

    it('passes on 422 from identity', async () => {
      bus.answer = async () => {
        throw AppError.rule('OWNER_CANNOT_BE_REMOVED', 'the Owner cannot be removed');
      };

      const res = await server().delete('/v1/workspaces/ws-1/members/acc-1').set('Authorization', applicant);

      expect(res.status).toBe(422);
      expect(res.body.code).toBe('OWNER_CANNOT_BE_REMOVED');
    });

    it('answers a bad account id with 404', async () => {
      expectNotFound(await server().delete('/v1/workspaces/ws-1/members/acc~2').set('Authorization', applicant), 'MEMBER_NOT_FOUND');
    });
  });

  describe('OpenAPI', () => {
    it('documents the routes under Workspaces, the logo upload as an image body and the logo as public', async () => {
      const doc = (await server().get('/docs/openapi.json')).body;

      const upload = doc.paths['/v1/workspace-applications/{id}/logo'].put;
      expect(upload.tags).toEqual(['Workspaces']);
      expect(Object.keys(upload.requestBody.content)).toEqual(['image/png', 'image/jpeg']);
      expect(upload.responses['415']).toMatchObject({ content: { 'application/problem+json': expect.any(Object) } });
      expect(doc.paths['/v1/workspaces/{id}/logo'].get.security).toEqual([{}]);
      expect(doc.components.schemas.SubmitWorkspaceApplicationRequest.properties.countryRegion).toMatchObject({ pattern: '^[A-Z]{2}$' });
      expect(doc.paths['/v1/review/workspace-applications'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['status', 'limit', 'cursor']),
      );
    });
  });

  it.each([
    ['/v1/workspace-applications', 'contactEmail', application],
    ['/v1/workspaces/ws-1/invitations', 'email', { email: 'grace@example.com', role: 'DEVELOPER' }],
  ])('POST %s refuses a lone surrogate or NUL in %s with 400 MALFORMED_TEXT naming it', async (path, field, body) => {
    for (const text of ['grace\udc00@example.com', 'grace\u0000@example.com']) {
      const res = await server().post(path).set('Authorization', applicant).send({ ...body, [field]: text });
      expect([res.status, res.body.code, res.body.errors]).toEqual([400, 'MALFORMED_TEXT', [{ field, message: expect.any(String) }]]);
      expect(bus.sent).toHaveLength(0);
    }
  });

  describe('invitations', () => {
    it('invites and answers 201 {invitationId}', async () => {
      bus.answer = async () => ({ invitationId: 'inv-1' });

      const res = await server().post('/v1/workspaces/ws-1/invitations').set('Authorization', applicant).send({ email: 'grace@example.com', role: 'DEVELOPER' });

      expect(res.status).toBe(201);
      expect(res.body).toEqual({ invitationId: 'inv-1' });
      expectSent(INVITE_MEMBER, { workspaceId: 'ws-1', email: 'grace@example.com', role: 'DEVELOPER' });
    });

    it.each([
      ['role', { email: 'grace@example.com', role: 'OWNER' }],
      ['role', { email: 'grace@example.com', role: 'admin' }],
      ['role', { email: 'grace@example.com' }],
      ['email', { email: 'grace', role: 'ADMIN' }],
    ])('refuses a bad %s', async (field, body) => {
      expectInvalid(await server().post('/v1/workspaces/ws-1/invitations').set('Authorization', applicant).send(body), field);
    });

    it('lists them', async () => {
      bus.answer = async () => page;

      const res = await server().get('/v1/workspaces/ws-1/invitations').set('Authorization', applicant);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(page);
      expectSent(LIST_WORKSPACE_INVITATIONS, { workspaceId: 'ws-1', limit: 20 });
    });

    it('withdraws one and answers 204', async () => {
      const res = await server().delete('/v1/workspaces/ws-1/invitations/inv-1').set('Authorization', applicant);

      expect(res.status).toBe(204);
      expectSent(WITHDRAW_INVITATION, { workspaceId: 'ws-1', invitationId: 'inv-1' });
    });

    it.each([
      ['accept', ACCEPT_INVITATION],
      ['decline', DECLINE_INVITATION],
    ])('%ss as the invitee and answers 200 with identity\'s answer', async (action, type) => {
      bus.answer = async () => ({ invitationId: 'inv-1', workspaceId: 'ws-1' });

      const res = await server().post(`/v1/invitations/inv-1/${action}`).set('Authorization', applicant);

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ invitationId: 'inv-1', workspaceId: 'ws-1' });
      expectSent(type, { invitationId: 'inv-1' });
    });

    it('needs a token to accept', async () => {
      expect((await server().post('/v1/invitations/inv-1/accept')).status).toBe(401);
      expect(bus.sent).toHaveLength(0);
    });

    it('answers bad ids with 404', async () => {
      expectNotFound(await server().post('/v1/invitations/inv%201/accept').set('Authorization', applicant), 'INVITATION_NOT_FOUND');
      expectNotFound(await server().delete('/v1/workspaces/ws-1/invitations/inv.1').set('Authorization', applicant), 'INVITATION_NOT_FOUND');
      expectNotFound(await server().get('/v1/workspaces/ws!1/invitations').set('Authorization', applicant), 'WORKSPACE_NOT_FOUND');
    });
  });
});
