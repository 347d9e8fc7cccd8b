import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';

export const ACCEPTED_MEDIA_TYPES = 'mpp:acceptedMediaTypes';

/**
 * The request body media types a route (or controller) reads itself instead of JSON, e.g. image/png; any other
 * body is a 415 (MediaTypeGuard). Also documents them as the route's request body types.
 */
export const Accepts = (...mediaTypes: string[]) => applyDecorators(SetMetadata(ACCEPTED_MEDIA_TYPES, mediaTypes), ApiConsumes(...mediaTypes));
