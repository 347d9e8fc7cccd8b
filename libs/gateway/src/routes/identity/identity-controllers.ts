import { AccountsController } from './accounts.controller';
import { DevMailboxController } from './dev-mailbox.controller';
import { MeController } from './me.controller';
import { PasswordResetsController } from './password-resets.controller';
import { SessionsController } from './sessions.controller';
import { VerificationCodesController } from './verification-codes.controller';

/** Identity's routes (API.md "Identity"); GatewayRoutesModule mounts them. */
export const identityControllers = [
  VerificationCodesController,
  AccountsController,
  SessionsController,
  PasswordResetsController,
  MeController,
  DevMailboxController,
];
