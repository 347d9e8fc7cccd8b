import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '@mpp/platform';
import { actorOf } from './actor';
import { REQUIRED_ROLES } from './auth.decorators';

/** Enforces @Roles(...): the authenticated caller needs one of the platform roles (403 FORBIDDEN_ROLE). Runs after JwtAuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const actor = actorOf(context.switchToHttp().getRequest<Request>());
    if (!actor) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'Sign in: this route needs an Authorization: Bearer access token.');
    if (required.some((role) => actor.platformRoles.includes(role))) return true;
    throw AppError.forbidden('FORBIDDEN_ROLE', `This route needs one of the platform roles: ${required.join(', ')}.`);
  }
}
