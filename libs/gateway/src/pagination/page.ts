import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

export type { Page } from '@mpp/contracts';

/** Documents a 200 answer as a Page of `item` in OpenAPI. */
export function ApiPageResponse(item: Type<unknown>, description = 'One page of the list.') {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          nextCursor: { type: 'string', nullable: true, description: 'Pass as ?cursor= to get the next page; null on the last page.' },
        },
      },
    }),
  );
}
