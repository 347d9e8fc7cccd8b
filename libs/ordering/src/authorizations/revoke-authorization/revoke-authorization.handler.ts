import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuthorizationChanges } from '../authorization-changes';
import { RevokeAuthorization } from './revoke-authorization.command';

@CommandHandler(RevokeAuthorization)
export class RevokeAuthorizationHandler implements ICommandHandler<RevokeAuthorization> {
  constructor(private readonly changes: AuthorizationChanges) {}

  execute({ payload, meta }: RevokeAuthorization) {
    return this.changes.make(payload.authorizationId, meta, (side) => ({ type: 'RevokeAuthorization', side }));
  }
}
