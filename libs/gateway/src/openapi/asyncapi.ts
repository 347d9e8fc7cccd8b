import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { buildAsyncApiDocument } from '@mpp/contracts';

/**
 * Serves the AsyncAPI document of the Kafka topics at /docs/asyncapi.json. Like Swagger's /docs/openapi.json it is a
 * plain route of the HTTP adapter, outside Nest's guards: public.
 */
export function setupAsyncApi(app: INestApplication, version: string): void {
  const document = JSON.stringify(buildAsyncApiDocument(version));
  app.getHttpAdapter().get('/docs/asyncapi.json', (_req: Request, res: Response) => res.type('application/json').send(document));
}
