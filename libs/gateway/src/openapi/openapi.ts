import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_JSON } from '../errors/problem-details';
import { FieldErrorSchema, ProblemDetailsSchema } from './problem-details.schema';

export const OPENAPI_TITLE = 'Mini Program Platform API';
export const BEARER_SCHEME = 'bearer';
export const UPLOAD_KEY_SCHEME = 'uploadKey';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

// Every operation can fail with a problem+json answer, and one that takes a body refuses a body of another media
// type than it lists with 415 (MediaTypeGuard); say it once for all of them.
function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  const content = { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } };
  const problem = { description: 'An error (RFC 9457 problem details).', content };
  const unsupported = { description: 'UNSUPPORTED_MEDIA_TYPE: the body is not of a media type listed for the request body.', content };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses = { ...operation.responses, default: operation.responses.default ?? problem };
      if (operation.requestBody) operation.responses['415'] ??= unsupported;
    }
  }
  return document;
}

/** Builds the OpenAPI document from the app's controllers (routes need a bearer token unless @Public()). */
export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(OPENAPI_TITLE)
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An upload key (mpp_uk_…): POST /v1/mini-programs/{id}/versions only.' }, UPLOAD_KEY_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  return withProblemResponses(SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsSchema, FieldErrorSchema] }));
}

/** Serves Swagger UI at /docs and the document at /docs/openapi.json. */
export function setupOpenApi(app: INestApplication, version: string): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, version), {
    jsonDocumentUrl: 'docs/openapi.json',
    raw: ['json'],
    customSiteTitle: OPENAPI_TITLE,
  });
}
