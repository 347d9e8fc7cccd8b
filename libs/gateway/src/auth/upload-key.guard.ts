import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { AUTHENTICATE_UPLOAD_KEY, UPLOAD_KEY_PREFIX } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { apiKeyHash } from '@mpp/platform';
import { correlationIdOf } from '../http/correlation-id.middleware';
import { BEARER_SCHEME, UPLOAD_KEY_SCHEME } from '../openapi/openapi';
import { actorOf, setActor } from './actor';

export const UPLOAD_KEY_ACCEPTED = 'mpp:uploadKeyAccepted';

/** The upload key in an `Authorization: Bearer mpp_uk_…` header, if that is what it carries. */
export function uploadKeyOf(header: string | undefined): string | undefined {
  const token = header?.match(/^Bearer (\S+)$/i)?.[1];
  return token?.startsWith(UPLOAD_KEY_PREFIX) ? token : undefined;
}

/**
 * Authenticates an upload key on the one route that takes it (API.md: POST /v1/mini-programs/{id}/versions): the
 * gateway passes on the key's SHA-256, the mini program and the caller's address (X-Forwarded-For only from
 * TRUSTED_PROXIES: Express's `req.ip`), and miniprograms answers whose upload it is. Runs after JwtAuthGuard, which
 * lets such a header through to it on this route only; a caller signed in with an access token passes as it is.
 */
@Injectable()
export class UploadKeyGuard implements CanActivate {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    if (actorOf(req)) return true;
    const key = uploadKeyOf(req.headers.authorization);
    if (!key) return true;
    const holder = await this.bus.send(AUTHENTICATE_UPLOAD_KEY, { keyHash: apiKeyHash(key), miniProgramId: String(req.params.id), ip: req.ip ?? req.socket.remoteAddress ?? '' }, { correlationId: correlationIdOf(req) });
    setActor(req, { accountId: holder.accountId, platformRoles: [] });
    return true;
  }
}

/** The route takes an upload key as well as an access token (either, in OpenAPI's terms). */
export const AcceptsUploadKey = () => applyDecorators(SetMetadata(UPLOAD_KEY_ACCEPTED, true), UseGuards(UploadKeyGuard), ApiBearerAuth(BEARER_SCHEME), ApiBearerAuth(UPLOAD_KEY_SCHEME));
