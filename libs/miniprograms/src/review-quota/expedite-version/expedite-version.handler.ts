import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReviewQuotas } from '../review-quotas';
import { ExpediteVersion } from './expedite-version.command';

/**
 * Uses one of the paying workspace's expedites this month (429 EXPEDITE_QUOTA_EXHAUSTED past 3): the ISV's, or the
 * merchant's own for its own mini program. Only a version IN_REVIEW (422 VERSION_NOT_IN_REVIEW); expediting an
 * expedited version again answers the same and uses nothing.
 */
@CommandHandler(ExpediteVersion)
export class ExpediteVersionHandler implements ICommandHandler<ExpediteVersion> {
  constructor(private readonly quotas: ReviewQuotas) {}

  async execute({ payload, meta }: ExpediteVersion) {
    await this.quotas.charged('EXPEDITE', payload.miniProgramId, meta, { type: 'ExpediteVersion', version: payload.version });
    return { expedited: true as const };
  }
}
