import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AccessTokenVerifier, AppError } from '@mpp/platform';
import { GatewayConfig } from '../gateway.config';
import { setActor } from './actor';
import { IS_PUBLIC } from './auth.decorators';
import { UPLOAD_KEY_ACCEPTED, uploadKeyOf } from './upload-key.guard';

// RFC 6750 b64token.
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** Authenticates every route by its bearer JWT unless it is @Public(); 401 UNAUTHENTICATED otherwise. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly tokens: AccessTokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    config: GatewayConfig,
  ) {
    this.tokens = new AccessTokenVerifier(config.jwtSecret);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<Request>();
    const header = req.headers.authorization;
    if (isPublic) {
      await this.identifyIfPossible(req, header);
      return true;
    }
    if (!header) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'Sign in: this route needs an Authorization: Bearer access token.');
    if (uploadKeyOf(header)) {
      // UploadKeyGuard authenticates it on the route that takes one; anywhere else it opens nothing.
      if (this.reflector.getAllAndOverride<boolean | undefined>(UPLOAD_KEY_ACCEPTED, [context.getHandler(), context.getClass()])) return true;
      throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'An upload key uploads versions only (POST /v1/mini-programs/{id}/versions); sign in for anything else.');
    }
    const token = BEARER.exec(header)?.[1];
    if (!token) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'The Authorization header must be "Bearer <access token>".');
    setActor(req, await this.tokens.verify(token));
    return true;
  }

  // A public route serves anonymous callers too, so a bad token there is ignored rather than refused.
  private async identifyIfPossible(req: Request, header: string | undefined): Promise<void> {
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    if (!token) return;
    try {
      setActor(req, await this.tokens.verify(token));
    } catch {
      return;
    }
  }
}
