import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReviewQuotas } from '../../review-quota/review-quotas';
import { SubmitVersion } from './submit-version.command';

@CommandHandler(SubmitVersion)
export class SubmitVersionHandler implements ICommandHandler<SubmitVersion> {
  constructor(private readonly quotas: ReviewQuotas) {}

  /**
   * An ISV's submission uses one unit of its workspace's monthly review quota (429 REVIEW_QUOTA_EXHAUSTED when none
   * is left), committed with the submission; a merchant's submission of its own mini program uses none. A refused
   * submission uses nothing, and a withdrawal gives nothing back.
   */
  execute({ payload, meta }: SubmitVersion) {
    return this.quotas.charged('REVIEW', payload.miniProgramId, meta, { type: 'SubmitVersion', version: payload.version, releaseMode: payload.releaseMode, note: payload.note });
  }
}
