import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, requireExpectedVersion } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { LOGO_STORE } from '../../identity.tokens';
import { inspectLogo } from '../../logos/logo-image';
import { LogoStore } from '../../logos/logo-store';
import { signedIn } from '@mpp/messaging';
import { applicationStreamId, workspaceApplicationDecider } from '../workspace-application.decider';
import { UploadApplicationLogo } from './upload-application-logo.command';
import { applicationNotFound } from '../../identity.errors';

@CommandHandler(UploadApplicationLogo)
export class UploadApplicationLogoHandler implements ICommandHandler<UploadApplicationLogo> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(LOGO_STORE) private readonly logos: LogoStore,
  ) {}

  async execute({ payload, meta }: UploadApplicationLogo) {
    const actor = signedIn(meta);
    const streamId = applicationStreamId(payload.applicationId);
    // Checked before the bytes are looked at or stored: nobody learns anything about others' applications.
    const { state, version } = await this.aggregates.load(workspaceApplicationDecider, streamId);
    if (state.status === 'NONE' || state.submitted.applicantAccountId !== actor.accountId) throw applicationNotFound();
    requireExpectedVersion(meta.expectedVersion, version);
    const bytes = Buffer.from(payload.dataBase64, 'base64');
    const image = inspectLogo(bytes, payload.contentType);
    const sha256 = await this.logos.put(bytes, image.contentType);
    await this.aggregates.handle(workspaceApplicationDecider, streamId, { type: 'UploadApplicationLogo', sha256, contentType: image.contentType, size: bytes.length }, { metadata: meta });
    return {};
  }
}
