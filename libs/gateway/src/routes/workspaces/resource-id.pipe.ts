import { PipeTransform } from '@nestjs/common';
import { AppError } from '@mpp/platform';

/** What every id the services hand out looks like; anything else cannot name a resource. */
export const RESOURCE_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Checks a path id against RESOURCE_ID and answers 404 with the resource's own code when it cannot exist,
 * as the service would for an id it does not know; the id itself stays opaque.
 */
export class ResourceIdPipe implements PipeTransform<unknown, string> {
  constructor(
    private readonly notFoundCode: string,
    private readonly notFoundMessage: string,
    private readonly pattern: RegExp = RESOURCE_ID,
  ) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !this.pattern.test(value)) throw AppError.notFound(this.notFoundCode, this.notFoundMessage);
    return value;
  }
}

export const applicationIdPipe = new ResourceIdPipe('APPLICATION_NOT_FOUND', 'no such workspace application');
export const workspaceIdPipe = new ResourceIdPipe('WORKSPACE_NOT_FOUND', 'no such workspace');
export const invitationIdPipe = new ResourceIdPipe('INVITATION_NOT_FOUND', 'no such invitation');
export const memberIdPipe = new ResourceIdPipe('MEMBER_NOT_FOUND', 'no such member');
