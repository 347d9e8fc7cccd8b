import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '@mpp/eventsourcing';
import { EVENT_STORE } from '@mpp/application';
import { SERVICE_NAMES } from './catalog.tokens';
import { GetMarketServiceHandler } from './market/get-market-service/get-market-service.handler';
import { SearchMarketHandler } from './market/search-market/search-market.handler';
import { ApproveServiceHandler } from './services/approve-service/approve-service.handler';
import { ArchiveServiceHandler } from './services/archive-service/archive-service.handler';
import { CreateServiceHandler } from './services/create-service/create-service.handler';
import { EditServiceHandler } from './services/edit-service/edit-service.handler';
import { GetServiceHandler } from './services/get-service/get-service.handler';
import { GetServiceHistoryHandler } from './services/get-service-history/get-service-history.handler';
import { ListServicesForReviewHandler } from './services/list-services-for-review/list-services-for-review.handler';
import { ListWorkspaceServicesHandler } from './services/list-workspace-services/list-workspace-services.handler';
import { RejectServiceHandler } from './services/reject-service/reject-service.handler';
import { ServiceNames } from './services/service-names';
import { ServiceReader } from './services/service-reader';
import { ServiceReviews } from './services/service-reviews';
import { ServiceSteps } from './services/service-steps';
import { SubmitServiceHandler } from './services/submit-service/submit-service.handler';
import { ServiceTemplates } from './templates/service-templates';
import { WithdrawServiceHandler } from './services/withdraw-service/withdraw-service.handler';

const handlers = [
  CreateServiceHandler,
  EditServiceHandler,
  SubmitServiceHandler,
  WithdrawServiceHandler,
  ArchiveServiceHandler,
  ApproveServiceHandler,
  RejectServiceHandler,
  GetServiceHandler,
  GetServiceHistoryHandler,
  ListWorkspaceServicesHandler,
  ListServicesForReviewHandler,
  SearchMarketHandler,
  GetMarketServiceHandler,
];
const collaborators = [ServiceSteps, ServiceReviews, ServiceReader, ServiceTemplates, { provide: SERVICE_NAMES, useFactory: (store: EventStore) => new ServiceNames(store), inject: [EVENT_STORE] }];

@Module({ imports: [CqrsModule.forRoot()], providers: [...collaborators, ...handlers] })
export class CatalogModule {}
