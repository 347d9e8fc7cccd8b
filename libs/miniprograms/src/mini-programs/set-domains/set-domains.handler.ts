import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MiniProgramChanges } from '../mini-program-changes';
import { SetDomains } from './set-domains.command';

@CommandHandler(SetDomains)
export class SetDomainsHandler implements ICommandHandler<SetDomains> {
  constructor(private readonly changes: MiniProgramChanges) {}

  execute({ payload, meta }: SetDomains) {
    return this.changes.ofMiniProgram(payload.miniProgramId, meta, 'CONFIGURE', { type: 'SetDomains', domains: payload.domains });
  }
}
