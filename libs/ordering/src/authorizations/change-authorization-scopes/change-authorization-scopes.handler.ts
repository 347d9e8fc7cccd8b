import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuthorizationChanges } from '../authorization-changes';
import { ChangeAuthorizationScopes } from './change-authorization-scopes.command';

@CommandHandler(ChangeAuthorizationScopes)
export class ChangeAuthorizationScopesHandler implements ICommandHandler<ChangeAuthorizationScopes> {
  constructor(private readonly changes: AuthorizationChanges) {}

  execute({ payload, meta }: ChangeAuthorizationScopes) {
    return this.changes.make(payload.authorizationId, meta, (side) => ({ type: 'ChangeScopes', side, scopes: payload.scopes }));
  }
}
