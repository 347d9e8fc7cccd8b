import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '@mpp/eventsourcing';
import { EVENT_STORE } from '@mpp/runtime';
import { SERVICE_NAMES } from './catalog.tokens';
import { SearchMarketHandler } from './market/search-market/search-market.handler';
import { ListPlatformNoticesHandler } from './platform-notices/list-platform-notices/list-platform-notices.handler';
import { ChangeServiceHandler } from './services/change-service/change-service.handler';
import { CreateServiceHandler } from './services/create-service/create-service.handler';
import { DecideServiceHandler } from './services/decide-service/decide-service.handler';
import { GetServiceHandler } from './services/get-service/get-service.handler';
import { ListServicesHandler } from './services/list-services/list-services.handler';
import { ServiceNames } from './services/service-names';

const commandHandlers = [CreateServiceHandler, ChangeServiceHandler, DecideServiceHandler];
const queryHandlers = [ListPlatformNoticesHandler, GetServiceHandler, ListServicesHandler, SearchMarketHandler];
const collaborators = [{ provide: SERVICE_NAMES, useFactory: (store: EventStore) => new ServiceNames(store), inject: [EVENT_STORE] }];

@Module({ imports: [CqrsModule.forRoot()], providers: [...collaborators, ...commandHandlers, ...queryHandlers] })
export class CatalogModule {}
