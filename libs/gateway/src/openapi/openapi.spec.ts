import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { startTestGateway, TestGateway } from '../testing/test-gateway';

describe('OpenAPI document', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.app.close());

  const fetchDocument = async () => {
    const res = await request(gw.app.getHttpServer()).get('/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.body;
  };

  it('is a valid OpenAPI 3 document titled for the platform', async () => {
    const document = await fetchDocument();

    expect(document.openapi).toMatch(/^3\./);
    expect(document.info).toEqual(expect.objectContaining({ title: 'Mini Program Platform API', version: '0.0.1-test' }));
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });

  it('declares the bearer scheme and requires it unless a route is public', async () => {
    const document = await fetchDocument();

    expect(document.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/v1/things/public/ping'].get.security).toEqual([{}]);
    expect(document.paths['/v1/things/{id}'].get.security).toBeUndefined();
  });

  it('documents problem+json errors on every operation', async () => {
    const document = await fetchDocument();

    expect(document.components.schemas.ProblemDetails.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'correlationId']));
    expect(document.paths['/v1/things'].post.responses.default.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
  });

  it('documents lists as {items, nextCursor} and the list query', async () => {
    const document = await fetchDocument();
    const list = document.paths['/v1/things'].get;

    expect(list.responses['200'].content['application/json'].schema.properties).toEqual({
      items: { type: 'array', items: { $ref: '#/components/schemas/ThingDto' } },
      nextCursor: expect.objectContaining({ type: 'string', nullable: true }),
    });
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['limit', 'cursor']));
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await request(gw.app.getHttpServer()).get('/docs');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('swagger-ui');
  });
});
