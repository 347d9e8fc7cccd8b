import { CATALOG_PUBLIC_EVENTS } from '@mpp/contracts';
import { knownWorkspacesProjection } from '@mpp/workspace-replica';
import { ServiceDefinition } from '@mpp/application';
import { CatalogModule } from './catalog.module';
import { GetMarketService } from './market/get-market-service/get-market-service.query';
import { SearchMarket } from './market/search-market/search-market.query';
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
import { knownTemplatesProjection } from './templates/known-templates.projection';
import { WithdrawService } from './services/withdraw-service/withdraw-service.command';

/** Catalog: ISV services, their review, the Service Market (DOMAIN.md 2). */
export const catalogService: ServiceDefinition = {
  name: 'catalog',
  module: CatalogModule,
  projections: [knownWorkspacesProjection, knownTemplatesProjection, servicesProjection],
  // miniprograms: which templates each ISV has and whether one is PUBLISHED (a template service's steps ask).
  consumes: ['identity', 'miniprograms'],
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
};
