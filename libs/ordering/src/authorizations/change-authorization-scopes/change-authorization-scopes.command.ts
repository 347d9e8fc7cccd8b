import { CHANGE_AUTHORIZATION_SCOPES } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The merchant narrows or widens an ACTIVE grant. */
export class ChangeAuthorizationScopes extends RequestCommand(CHANGE_AUTHORIZATION_SCOPES) {}
