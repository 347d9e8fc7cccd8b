import { Body, Controller, Get, HttpCode, Inject, Module, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { RequestMessage, RequestMeta, ServiceName } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import type { Logger } from '@mpp/platform';
import { signAccessToken } from '@mpp/platform';
import { Public, Roles } from '../auth/auth.decorators';
import { createGatewayApp } from '../gateway-app';
import { GatewayConfig } from '../gateway.config';
import { ReadinessCheck } from '../health/readiness';
import { Accepts } from '../http/accepts.decorator';
import { ListQueryDto } from '../pagination/list-query.dto';
import { ApiPageResponse, Page } from '../pagination/page';
import { RequestContext } from '../request/request-context.decorator';

// Test-only fixtures: a tiny app on the gateway conventions whose controller talks to a scripted RequestBus.

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters';
/** The key test gateways pseudonymize usage events' user ids with. */
export const TEST_USAGE_PSEUDONYM_KEY = 'test-pseudonym-key-of-at-least-32-characters';

/** A test gateway's configuration: the test secrets, and whatever else `env` sets. */
export const testGatewayConfig = (env: Record<string, string> = {}) => GatewayConfig.fromEnv({ JWT_SECRET: TEST_JWT_SECRET, USAGE_PSEUDONYM_KEY: TEST_USAGE_PSEUDONYM_KEY, ...env });

type Answer = (service: ServiceName, message: RequestMessage) => Promise<unknown>;

/** Records what the gateway sent and answers what the test scripted (by default: echoes the payload, version 1). */
export class FakeRequestBus extends RequestBus {
  readonly sent: { service: ServiceName; message: RequestMessage }[] = [];
  answer: Answer = async (_service, message) => ({ ...(message.payload as object), version: 1 });

  async request<Result = unknown>(service: ServiceName, message: RequestMessage): Promise<Result> {
    this.sent.push({ service, message });
    return (await this.answer(service, message)) as Result;
  }

  async close(): Promise<void> {}

  lastMeta(): RequestMeta {
    const last = this.sent.at(-1);
    if (!last) throw new Error('nothing was sent on the bus');
    return last.message.meta;
  }
}

class AddressDto {
  @IsString()
  city!: string;
}

class CreateThingDto {
  @IsString()
  @MaxLength(100)
  name!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}

class ThingDto {
  thingId!: string;
  name!: string;
  version!: number;
}

@ApiTags('things')
@Controller('v1/things')
class ThingsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  create(@Body() body: CreateThingDto, @RequestContext() meta: RequestMeta): Promise<ThingDto> {
    return this.bus.request('catalog', { type: 'test.CreateThing', payload: body, meta });
  }

  @Get()
  @ApiPageResponse(ThingDto)
  list(@Query() query: ListQueryDto, @RequestContext() meta: RequestMeta): Promise<Page<ThingDto>> {
    return this.bus.request('catalog', { type: 'test.ListThings', payload: query, meta });
  }

  @Get(':id')
  get(@Param('id') thingId: string, @RequestContext() meta: RequestMeta): Promise<ThingDto> {
    return this.bus.request('catalog', { type: 'test.GetThing', payload: { thingId }, meta });
  }

  @Put(':id/name')
  rename(@Param('id') thingId: string, @Body() body: CreateThingDto, @RequestContext() meta: RequestMeta): Promise<ThingDto> {
    return this.bus.request('catalog', { type: 'test.RenameThing', payload: { thingId, ...body }, meta });
  }

  @Post('raw')
  @HttpCode(200)
  raw(@Body() body: unknown): unknown {
    return body;
  }

  @Put(':id/picture')
  @HttpCode(204)
  @Accepts('image/png')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  picture(): void {}

  @Public()
  @Get('public/ping')
  ping(@RequestContext() meta: RequestMeta): { pong: true; accountId: string | null } {
    return { pong: true, accountId: meta.actor?.accountId ?? null };
  }

  @Roles('REVIEWER')
  @Get('review/queue')
  reviewQueue(): Page<ThingDto> {
    return { items: [], nextCursor: null };
  }

  @Get('fail/boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }
}

export interface TestGateway {
  app: NestExpressApplication;
  bus: FakeRequestBus;
  logLines: () => Record<string, unknown>[];
  token: (claims?: { accountId?: string; roles?: string[]; expiresInSeconds?: number; issuedAt?: Date }) => Promise<string>;
}

/** A logger whose JSON lines the test can read. */
function memoryLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  // No redaction here: the gateway must redact on its own.
  const logger = pino({ level: 'info' }, stream);
  const lines = () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

/** Starts the test app; `env` overrides the gateway's configuration variables. */
export async function startTestGateway(env: Record<string, string> = {}, readinessChecks: ReadinessCheck[] = []): Promise<TestGateway> {
  const bus = new FakeRequestBus();

  @Module({ controllers: [ThingsController], providers: [{ provide: REQUEST_BUS, useValue: bus }] })
  class TestAppModule {}

  const { logger, lines } = memoryLogger();
  const config = testGatewayConfig(env);
  const app = await createGatewayApp({ module: TestAppModule, config, readinessChecks, logger, apiVersion: '0.0.1-test' });
  const token: TestGateway['token'] = (claims = {}) =>
    signAccessToken(TEST_JWT_SECRET, {
      accountId: claims.accountId ?? 'acc-1',
      roles: claims.roles ?? [],
      expiresInSeconds: claims.expiresInSeconds ?? 600,
      issuedAt: claims.issuedAt,
    });
  return { app, bus, logLines: lines, token };
}

/**
 * The test app around a describe's tests, signed in as acc-1: started before all, closed after all, the bus's
 * record emptied before each. Call it inside a describe.
 */
export function testGatewayHarness(env: Record<string, string> = {}) {
  let gw: TestGateway;
  let auth: string;
  beforeAll(async () => {
    gw = await startTestGateway(env);
    auth = `Bearer ${await gw.token()}`;
  });
  afterAll(() => gw.app.close());
  beforeEach(() => {
    gw.bus.sent.length = 0;
  });
  return {
    gw: () => gw,
    /** An Authorization header value for acc-1. */
    auth: () => auth,
    http: () => request(gw.app.getHttpServer()),
  };
}
