import { REVOKE_AUTHORIZATION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The merchant revokes an ACTIVE grant: REVOKED. */
export class RevokeAuthorization extends RequestCommand(REVOKE_AUTHORIZATION) {}
