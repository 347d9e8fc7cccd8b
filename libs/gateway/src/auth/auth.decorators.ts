import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC = 'mpp:isPublic';
export const REQUIRED_ROLES = 'mpp:requiredRoles';

/** Opts a route (or controller) out of authentication; a valid token, when sent, still identifies the caller. */
export const Public = () =>
  // An empty requirement tells OpenAPI readers no credentials are needed.
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/** Requires one of these platform roles (403 FORBIDDEN_ROLE otherwise). */
export const Roles = (...roles: string[]) => SetMetadata(REQUIRED_ROLES, roles);
