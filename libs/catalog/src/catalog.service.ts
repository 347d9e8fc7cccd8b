import { QueryBus } from '@nestjs/cqrs';
import { CATALOG_PUBLIC_EVENTS, LIST_PLATFORM_NOTICES } from '@mpp/contracts';
import { knownWorkspacesProjection } from '@mpp/workspace-replica';
import { ServiceDefinition } from '@mpp/application';
import { CatalogModule } from './catalog.module';
import { GetMarketService } from './market/get-market-service/get-market-service.query';
import { SearchMarket } from './market/search-market/search-market.query';
import { ListPlatformNotices } from './platform-notices/list-platform-notices/list-platform-notices.query';
import { platformNoticesProjection } from './platform-notices/platform-notices.projection';
import { ApproveService } from './services/approve-service/approve-service.command';
import { ArchiveService } from './services/archive-service/archive-service.command';
import { CreateService } from './services/create-service/create-service.command';
import { EditService } from './services/edit-service/edit-service.command';
import { GetService } from './services/get-service/get-service.query';
import { GetServiceHistory } from './services/get-service-history/get-service-history.query';
import { ListServicesForReview } from './services/list-services-for-review/list-services-for-review.query';
import { ListWorkspaceServices } from './services/list-workspace-services/list-workspace-services.query';
import { RejectService } from './services/reject-service/reject-service.command';
import { servicesProjection } from './services/services.projection';
import { SubmitService } from './services/submit-service/submit-service.command';
import { WithdrawService } from './services/withdraw-service/withdraw-service.command';

/** Catalog: ISV services, their review, the Service Market (DOMAIN.md 2); and the thin slice's projection of identity's notices. */
export const catalogService: ServiceDefinition = {
  name: 'catalog',
  module: CatalogModule,
  projections: [knownWorkspacesProjection, servicesProjection, platformNoticesProjection],
  consumes: ['identity'],
  publishes: CATALOG_PUBLIC_EVENTS,
  requests: [
    CreateService,
    EditService,
    SubmitService,
    WithdrawService,
    ArchiveService,
    ApproveService,
    RejectService,
    GetService,
    GetServiceHistory,
    ListWorkspaceServices,
    ListServicesForReview,
    SearchMarket,
    GetMarketService,
  ],
  // The platform-notices slice is about to be deleted; until then it keeps its hand-written registration.
  registerRequests(context, router) {
    const queries = context.get(QueryBus);
    router.register(LIST_PLATFORM_NOTICES, (m) => {
      const { limit, cursor, status } = m.payload as { limit: number; cursor?: string; status?: 'PUBLISHED' | 'WITHDRAWN' };
      return queries.execute(new ListPlatformNotices(limit, cursor, status));
    });
  },
};
