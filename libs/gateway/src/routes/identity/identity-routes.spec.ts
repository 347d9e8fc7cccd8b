import type { NestExpressApplication } from '@nestjs/platform-express';
import { tmpdir } from 'node:os';
import pino from 'pino';
import request from 'supertest';
import {
  END_SESSION,
  GET_MAILBOX,
  GET_ME,
  REFRESH_SESSION,
  REGISTER_ACCOUNT,
  REQUEST_VERIFICATION_CODE,
  RESET_PASSWORD,
  START_SESSION,
} from '@mpp/contracts';
import { AppError, FileBlobStore, signAccessToken } from '@mpp/platform';
import { createGatewayApp } from '../../gateway-app';
import { FakeRequestBus, TEST_JWT_SECRET, testGatewayConfig } from '../../testing/test-gateway';
import { GatewayRoutesModule } from '../gateway-routes.module';

// The real route module on the gateway conventions, talking to a scripted bus (test-gateway.ts only mounts its own controller).

describe('identity routes', () => {
  let app: NestExpressApplication;
  let bus: FakeRequestBus;
  let auth: string;

  beforeAll(async () => {
    bus = new FakeRequestBus();
    app = await createGatewayApp({
      module: GatewayRoutesModule.withBus(bus, new FileBlobStore(tmpdir())),
      config: testGatewayConfig(),
      logger: pino({ level: 'silent' }),
      apiVersion: '0.0.1-test',
    });
    auth = `Bearer ${await signAccessToken(TEST_JWT_SECRET, { accountId: 'acc-1', roles: ['REVIEWER'], sessionId: 'fam-1', expiresInSeconds: 600 })}`;
  });
  afterAll(() => app.close());

  beforeEach(() => {
    bus.sent.length = 0;
    bus.answer = async () => undefined;
  });

  const http = () => request(app.getHttpServer());
  const lastSent = () => {
    expect(bus.sent).toHaveLength(1);
    return bus.sent[0];
  };
  const expectInvalid = (res: request.Response, field: string) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(bus.sent).toHaveLength(0);
  };

  const signUp = { email: 'ada@example.com', code: '042917', username: 'ada.lovelace', password: 'correct-horse-7', acceptTerms: true };

  describe('POST /v1/verification-codes', () => {
    it('asks identity for a code and answers 202 with no body, without a token', async () => {
      bus.answer = async () => ({ leaked: 'nothing' });

      const res = await http().post('/v1/verification-codes').send({ email: 'ada@example.com', purpose: 'SIGN_UP' });

      expect(res.status).toBe(202);
      expect(res.text).toBe('');
      const { service, message } = lastSent();
      expect(service).toBe('identity');
      expect(message.type).toBe(REQUEST_VERIFICATION_CODE);
      expect(message.payload).toEqual({ email: 'ada@example.com', purpose: 'SIGN_UP' });
      expect(message.meta.actor).toBeUndefined();
      expect(message.meta.correlationId).toEqual(expect.any(String));
    });

    it('accepts RESET_PASSWORD', async () => {
      const res = await http().post('/v1/verification-codes').send({ email: 'ada@example.com', purpose: 'RESET_PASSWORD' });

      expect(res.status).toBe(202);
      expect(lastSent().message.payload).toEqual({ email: 'ada@example.com', purpose: 'RESET_PASSWORD' });
    });

    it.each([
      ['not an address', 'not-an-email'],
      ['empty', ''],
      ['longer than 254 characters', `${'a'.repeat(250)}@example.com`],
    ])('refuses an email that is %s', async (_case, email) => {
      expectInvalid(await http().post('/v1/verification-codes').send({ email, purpose: 'SIGN_UP' }), 'email');
    });

    it.each([['LOGIN'], ['sign_up'], [undefined]])('refuses the purpose %j', async (purpose) => {
      expectInvalid(await http().post('/v1/verification-codes').send({ email: 'ada@example.com', purpose }), 'purpose');
    });

    it('passes on 429 from identity', async () => {
      bus.answer = async () => {
        throw new AppError('VERIFICATION_CODE_TOO_SOON', 'rate_limited', 'wait a minute');
      };

      const res = await http().post('/v1/verification-codes').send({ email: 'ada@example.com', purpose: 'SIGN_UP' });

      expect(res.status).toBe(429);
      expect(res.body.code).toBe('VERIFICATION_CODE_TOO_SOON');
    });
  });

  describe('POST /v1/accounts', () => {
    it('registers through identity and answers 201 {accountId}', async () => {
      bus.answer = async () => ({ accountId: 'acc-9' });

      const res = await http().post('/v1/accounts').send(signUp);

      expect(res.status).toBe(201);
      expect(res.body).toEqual({ accountId: 'acc-9' });
      const { service, message } = lastSent();
      expect(service).toBe('identity');
      expect(message.type).toBe(REGISTER_ACCOUNT);
      expect(message.payload).toEqual(signUp);
    });

    it.each([
      ['email', 'not an address', { email: 'ada@' }],
      ['code', 'of 5 digits', { code: '12345' }],
      ['code', 'of 7 digits', { code: '1234567' }],
      ['code', 'of letters', { code: 'abcdef' }],
      ['code', 'a number', { code: 123456 }],
      ['username', 'of 2 characters', { username: 'ad' }],
      ['username', 'of 33 characters', { username: 'a'.repeat(33) }],
      ['username', 'with a space', { username: 'ada lovelace' }],
      ['password', 'of 6 characters', { password: 'short7' }],
      ['password', 'of letters only', { password: 'lettersonly' }],
      ['password', 'of digits only', { password: '1234567890' }],
      ['password', 'of 129 characters', { password: `a1${'x'.repeat(127)}` }],
      ['acceptTerms', 'false', { acceptTerms: false }],
      ['acceptTerms', 'the string "true"', { acceptTerms: 'true' }],
    ])('refuses a %s %s', async (field, _case, change) => {
      expectInvalid(await http().post('/v1/accounts').send({ ...signUp, ...change }), field);
    });

    it('says why a password is refused', async () => {
      const res = await http().post('/v1/accounts').send({ ...signUp, password: 'lettersonly' });

      expect(res.body.errors).toEqual([{ field: 'password', message: 'password must have at least 8 characters with letters and digits' }]);
    });

    it('refuses a missing acceptTerms with a clear message', async () => {
      const { acceptTerms: _omitted, ...body } = signUp;

      const res = await http().post('/v1/accounts').send(body);

      expectInvalid(res, 'acceptTerms');
      expect(res.body.errors).toEqual([{ field: 'acceptTerms', message: 'the Terms of Service must be accepted' }]);
    });

    it('refuses an unknown field', async () => {
      expectInvalid(await http().post('/v1/accounts').send({ ...signUp, isAdmin: true }), 'isAdmin');
    });
  });

  describe('POST /v1/sessions', () => {
    it('signs in through identity and answers 201 with the tokens', async () => {
      const tokens = { accessToken: 'at', refreshToken: 'fam-1.rt', expiresIn: 900 };
      bus.answer = async () => tokens;

      const res = await http().post('/v1/sessions').send({ login: 'ada.lovelace', password: 'whatever' });

      expect(res.status).toBe(201);
      expect(res.body).toEqual(tokens);
      const { service, message } = lastSent();
      expect(service).toBe('identity');
      expect(message.type).toBe(START_SESSION);
      expect(message.payload).toEqual({ login: 'ada.lovelace', password: 'whatever' });
    });

    it.each([
      ['login', { login: '', password: 'x' }],
      ['login', { login: 'a'.repeat(255), password: 'x' }],
      ['password', { login: 'ada', password: '' }],
      ['password', { login: 'ada', password: 'p'.repeat(129) }],
      ['remember', { login: 'ada', password: 'x', remember: true }],
    ])('refuses a bad %s', async (field, body) => {
      expectInvalid(await http().post('/v1/sessions').send(body), field);
    });
  });

  describe('POST /v1/sessions/refresh', () => {
    it('refreshes through identity and answers 201 with the new pair', async () => {
      const tokens = { accessToken: 'at2', refreshToken: 'fam-1.rt2', expiresIn: 900 };
      bus.answer = async () => tokens;

      const res = await http().post('/v1/sessions/refresh').send({ refreshToken: 'fam-1.rt' });

      expect(res.status).toBe(201);
      expect(res.body).toEqual(tokens);
      expect(lastSent().message).toMatchObject({ type: REFRESH_SESSION, payload: { refreshToken: 'fam-1.rt' } });
    });

    it.each([
      ['empty', ''],
      ['longer than 300 characters', 'r'.repeat(301)],
      ['not a string', 42],
    ])('refuses a refresh token that is %s', async (_case, refreshToken) => {
      expectInvalid(await http().post('/v1/sessions/refresh').send({ refreshToken }), 'refreshToken');
    });
  });

  describe('DELETE /v1/sessions/current', () => {
    it('ends the caller\'s session and answers 204', async () => {
      const res = await http().delete('/v1/sessions/current').set('Authorization', auth);

      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const { service, message } = lastSent();
      expect(service).toBe('identity');
      expect(message.type).toBe(END_SESSION);
      expect(message.payload).toEqual({});
      expect(message.meta.actor).toEqual({ accountId: 'acc-1', platformRoles: ['REVIEWER'], sessionId: 'fam-1' });
    });

    it('needs a token', async () => {
      const res = await http().delete('/v1/sessions/current');

      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(bus.sent).toHaveLength(0);
    });
  });

  describe('POST /v1/password-resets', () => {
    const reset = { email: 'ada@example.com', code: '042917', newPassword: 'battery-staple-9' };

    it('resets through identity and answers 204', async () => {
      const res = await http().post('/v1/password-resets').send(reset);

      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const { service, message } = lastSent();
      expect(service).toBe('identity');
      expect(message.type).toBe(RESET_PASSWORD);
      expect(message.payload).toEqual(reset);
    });

    it.each([
      ['email', { email: 'nope' }],
      ['code', { code: '12345' }],
      ['newPassword', { newPassword: 'abc1' }],
      ['newPassword', { newPassword: 'onlyletters' }],
      ['password', { password: 'battery-staple-9' }],
    ])('refuses a bad %s', async (field, change) => {
      expectInvalid(await http().post('/v1/password-resets').send({ ...reset, ...change }), field);
    });

    it('says why a new password is refused', async () => {
      const res = await http().post('/v1/password-resets').send({ ...reset, newPassword: 'short' });

      expect(res.body.errors).toEqual([{ field: 'newPassword', message: 'newPassword must have at least 8 characters with letters and digits' }]);
    });
  });

  describe('GET /v1/me', () => {
    it('asks identity about the caller and answers 200', async () => {
      const me = {
        accountId: 'acc-1',
        email: 'ada@example.com',
        username: 'ada.lovelace',
        platformRoles: ['REVIEWER'],
        workspaces: [{ workspaceId: 'ws-1', name: 'Acme', type: 'ISV', role: 'OWNER' }],
      };
      bus.answer = async () => me;

      const res = await http().get('/v1/me').set('Authorization', auth);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(me);
      const { service, message } = lastSent();
      expect(service).toBe('identity');
      expect(message.type).toBe(GET_ME);
      expect(message.payload).toEqual({});
      expect(message.meta.actor).toMatchObject({ accountId: 'acc-1', sessionId: 'fam-1' });
    });

    it('needs a token', async () => {
      const res = await http().get('/v1/me');

      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(bus.sent).toHaveLength(0);
    });
  });

  describe('GET /v1/dev/mailbox', () => {
    it('asks identity for the mails of an address, without a token', async () => {
      const items = [{ to: 'ada@example.com', subject: 'Your code', text: '042917', sentAt: '2025-01-01T00:00:00.000Z' }];
      bus.answer = async () => ({ items });

      const res = await http().get('/v1/dev/mailbox?to=ada@example.com');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items });
      expect(lastSent().message).toMatchObject({ type: GET_MAILBOX, payload: { to: 'ada@example.com' } });
    });

    it.each([[''], ['?to='], ['?to=nobody']])('refuses the query %j', async (query) => {
      expectInvalid(await http().get(`/v1/dev/mailbox${query}`), 'to');
    });

    it('answers 404 when identity has the mailbox off', async () => {
      bus.answer = async () => {
        throw AppError.notFound('NOT_FOUND', 'no such route');
      };

      const res = await http().get('/v1/dev/mailbox?to=ada@example.com');

      expect(res.status).toBe(404);
    });
  });

  describe('bad input on the public routes', () => {
    const routes: [string, string, object][] = [
      ['/v1/verification-codes', 'email', { email: 'ada@example.com', purpose: 'SIGN_UP' }],
      ['/v1/accounts', 'email', signUp],
      ['/v1/sessions', 'login', { login: 'ada@example.com', password: 'correct-horse-7' }],
      ['/v1/password-resets', 'email', { email: 'ada@example.com', code: '042917', newPassword: 'battery-staple-9' }],
    ];
    const expectRefused = (res: request.Response, code: string) => {
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(bus.sent).toHaveLength(0);
    };

    it.each(routes)('POST %s refuses 5,000 levels of nesting with 400 JSON_TOO_DEEP', async (path) => {
      expectRefused(await http().post(path).set('Content-Type', 'application/json').send('{"a":'.repeat(5000) + '1' + '}'.repeat(5000)), 'JSON_TOO_DEEP');
      expectRefused(await http().post(path).set('Content-Type', 'application/json').send('['.repeat(5000) + ']'.repeat(5000)), 'JSON_TOO_DEEP');
    });

    it.each(routes)('POST %s refuses a lone surrogate or NUL in %s with 400 MALFORMED_TEXT naming it', async (path, field, body) => {
      for (const text of ['ada\ud800@example.com', 'ada\u0000@example.com']) {
        const res = await http().post(path).send({ ...body, [field]: text });
        expectRefused(res, 'MALFORMED_TEXT');
        expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
      }
    });
  });

  describe('OpenAPI', () => {
    it('documents every identity route, its answer and who may call it', async () => {
      const res = await http().get('/docs/openapi.json');
      const { paths, components } = res.body;

      expect(paths['/v1/verification-codes'].post.responses['202']).toBeDefined();
      expect(paths['/v1/accounts'].post.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/AccountCreatedResponse' });
      expect(paths['/v1/sessions'].post.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SessionTokensResponse' });
      expect(paths['/v1/sessions/refresh'].post.responses['201']).toBeDefined();
      expect(paths['/v1/sessions/current'].delete.responses['204']).toBeDefined();
      expect(paths['/v1/password-resets'].post.responses['204']).toBeDefined();
      expect(paths['/v1/me'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/MeResponse' });
      expect(paths['/v1/dev/mailbox'].get.summary).toMatch(/404/);
      expect(paths['/v1/dev/mailbox'].get.parameters).toEqual([expect.objectContaining({ name: 'to', in: 'query', required: true })]);
      for (const [path, method] of [['/v1/verification-codes', 'post'], ['/v1/accounts', 'post'], ['/v1/sessions', 'post'], ['/v1/sessions/refresh', 'post'], ['/v1/password-resets', 'post'], ['/v1/dev/mailbox', 'get']]) {
        expect(paths[path][method].security).toEqual([{}]);
        expect(paths[path][method].tags).toEqual(['Identity']);
      }
      expect(paths['/v1/me'].get.security).toBeUndefined();
      expect(paths['/v1/sessions/current'].delete.security).toBeUndefined();
      expect(components.schemas.RegisterAccountRequest.required).toEqual(expect.arrayContaining(['email', 'code', 'username', 'password', 'acceptTerms']));
      expect(components.schemas.MeResponse.properties.workspaces).toEqual({ type: 'array', items: { $ref: '#/components/schemas/WorkspaceMembershipResponse' } });
      expect(components.schemas.MailboxResponse.properties.items).toEqual(expect.objectContaining({ type: 'array', items: { $ref: '#/components/schemas/MailResponse' } }));
    });
  });
});
