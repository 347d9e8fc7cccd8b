import type { NestExpressApplication } from '@nestjs/platform-express';
import pino from 'pino';
import request from 'supertest';
import { ServiceName } from '@mpp/contracts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileBlobStore, signAccessToken } from '@mpp/platform';
import { createGatewayApp } from '../gateway-app';
import { GatewayRoutesModule } from '../routes/gateway-routes.module';
import { FakeRequestBus, TEST_JWT_SECRET, testGatewayConfig } from './test-gateway';

/** Reasons every rejection route refuses (400 naming `reason`): a reviewer's reason is 1 to 1,000 characters of text. */
export const BAD_REASONS: [string, object][] = [
  ['missing', {}],
  ['empty', { reason: '' }],
  ['blank', { reason: ' \t ' }],
  ['of 1001 characters', { reason: 'r'.repeat(1001) }],
  ['not text', { reason: 42 }],
];

/**
 * The real routes on a gateway whose bus is scripted, with the assertions every route spec makes. Call it
 * inside a describe: it registers the hooks that start the app, stop it and empty the bus before each test.
 */
export function routesHarness(service: ServiceName, env: Record<string, string> = {}) {
  const bus = new FakeRequestBus();
  const blobs = new FileBlobStore(mkdtempSync(path.join(tmpdir(), 'mpp-routes-blobs-')));
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await createGatewayApp({
      module: GatewayRoutesModule.withBus(bus, blobs),
      config: testGatewayConfig(env),
      logger: pino({ level: 'silent' }),
      apiVersion: '0.0.1-test',
    });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    bus.sent.length = 0;
    bus.answer = async () => undefined;
  });

  const lastSent = () => {
    expect(bus.sent).toHaveLength(1);
    return bus.sent[0];
  };
  const expectProblem = (res: request.Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(bus.sent).toHaveLength(0);
  };
  return {
    bus,
    blobs,
    app: () => app,
    server: () => request(app.getHttpServer()),
    /** An Authorization header for the account, with a session id. */
    token: (accountId: string, roles: string[]) =>
      signAccessToken(TEST_JWT_SECRET, { accountId, roles, sessionId: `fam-${accountId}`, expiresInSeconds: 600 }).then((jwt) => `Bearer ${jwt}`),
    lastSent,
    /** The one request sent: to this service, of this type and payload, as this account, with a correlation id. */
    expectSent(type: string, payload: object, accountId = 'acc-1') {
      const { service: to, message } = lastSent();
      expect(to).toBe(service);
      expect(message.type).toBe(type);
      expect(message.payload).toEqual(payload);
      expect(message.meta.actor).toMatchObject({ accountId });
      expect(message.meta.correlationId).toEqual(expect.any(String));
    },
    /** 400 VALIDATION_FAILED naming the field, and nothing sent. */
    expectInvalid(res: request.Response, field: string) {
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    },
    /** 404 with the code, and nothing sent. */
    expectNotFound: (res: request.Response, code: string) => expectProblem(res, 404, code),
    /** A reviewers-only route: 403 FORBIDDEN_ROLE with `otherToken`, 401 UNAUTHENTICATED without a token; nothing sent. */
    async expectReviewersOnly(method: 'get' | 'post', path: string, otherToken: string) {
      const forbidden = await request(app.getHttpServer())[method](path).set('Authorization', otherToken).send({ reason: 'x' });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe('FORBIDDEN_ROLE');
      const anonymous = await request(app.getHttpServer())[method](path).send({ reason: 'x' });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
      expect(bus.sent).toHaveLength(0);
    },
  };
}
