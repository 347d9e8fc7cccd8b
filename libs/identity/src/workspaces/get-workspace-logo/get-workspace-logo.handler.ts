import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { LOGO_STORE } from '../../identity.tokens';
import { defaultLogoSvg } from '../../logos/default-logo';
import { LogoStore } from '../../logos/logo-store';
import { workspaceDecider, workspaceStreamId } from '../workspace.decider';
import { GetWorkspaceLogo } from './get-workspace-logo.query';
import { workspaceNotFound } from '../../identity.errors';

/** The uploaded logo, or the generated one. Public: logos show on market pages. */
@QueryHandler(GetWorkspaceLogo)
export class GetWorkspaceLogoHandler implements IQueryHandler<GetWorkspaceLogo> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(LOGO_STORE) private readonly logos: LogoStore,
  ) {}

  async execute({ payload }: GetWorkspaceLogo) {
    const { state } = await this.aggregates.load(workspaceDecider, workspaceStreamId(payload.workspaceId));
    if (state.status === 'NONE') throw workspaceNotFound();
    const stored = state.profile?.logo ? await this.logos.get(state.profile.logo.sha256) : undefined;
    if (stored) return { contentType: stored.contentType, dataBase64: stored.data.toString('base64') };
    return { contentType: 'image/svg+xml', dataBase64: Buffer.from(defaultLogoSvg(state.name)).toString('base64') };
  }
}
