import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  APPROVE_SERVICE,
  ARCHIVE_SERVICE,
  CATALOG_PUBLIC_EVENTS,
  CREATE_SERVICE,
  CreateServicePayload,
  GET_MARKET_SERVICE,
  GET_SERVICE,
  GET_SERVICE_HISTORY,
  LIST_PLATFORM_NOTICES,
  LIST_SERVICES_FOR_REVIEW,
  LIST_WORKSPACE_SERVICES,
  REJECT_SERVICE,
  RequestMessage,
  SEARCH_MARKET,
  ServiceStatus,
  SUBMIT_SERVICE,
  UPDATE_SERVICE,
  UpdateServicePayload,
  WITHDRAW_SERVICE,
} from '@mpp/contracts';
import { knownWorkspacesProjection } from '@mpp/messaging';
import { ServiceDefinition } from '@mpp/runtime';
import { CatalogModule } from './catalog.module';
import { MarketFilters, SearchMarket } from './market/search-market/search-market.query';
import { ListPlatformNotices } from './platform-notices/list-platform-notices/list-platform-notices.query';
import { platformNoticesProjection } from './platform-notices/platform-notices.projection';
import { ChangeService } from './services/change-service/change-service.command';
import { CreateService } from './services/create-service/create-service.command';
import { DecideService } from './services/decide-service/decide-service.command';
import { GetService } from './services/get-service/get-service.query';
import { ListServices } from './services/list-services/list-services.query';
import { servicesProjection } from './services/services.projection';


type Ids = { serviceId: string; workspaceId: string; reason?: string; limit: number; cursor?: string; status?: ServiceStatus };

/** Catalog: ISV services, their review, the Service Market; and the thin slice's projection of identity's notices. */
export const catalogService: ServiceDefinition = {
  name: 'catalog',
  module: CatalogModule,
  projections: [knownWorkspacesProjection, servicesProjection, platformNoticesProjection],
  consumes: ['identity'],
  publishes: CATALOG_PUBLIC_EVENTS,
  registerRequests(context, router) {
    const commands = context.get(CommandBus);
    const queries = context.get(QueryBus);
    const p = (m: RequestMessage) => m.payload as Ids;
    router.register(CREATE_SERVICE, (m) => commands.execute(new CreateService(m.payload as CreateServicePayload, m.meta)));
    router.register(UPDATE_SERVICE, (m) => {
      const { serviceId, changes } = m.payload as UpdateServicePayload;
      return commands.execute(new ChangeService(serviceId, { kind: 'EDIT', changes }, m.meta));
    });
    router.register(SUBMIT_SERVICE, (m) => commands.execute(new ChangeService(p(m).serviceId, { kind: 'SUBMIT' }, m.meta)));
    router.register(WITHDRAW_SERVICE, (m) => commands.execute(new ChangeService(p(m).serviceId, { kind: 'WITHDRAW' }, m.meta)));
    router.register(ARCHIVE_SERVICE, (m) => commands.execute(new ChangeService(p(m).serviceId, { kind: 'ARCHIVE' }, m.meta)));
    router.register(APPROVE_SERVICE, (m) => commands.execute(new DecideService(p(m).serviceId, 'APPROVE', undefined, m.meta)));
    router.register(REJECT_SERVICE, (m) => commands.execute(new DecideService(p(m).serviceId, 'REJECT', p(m).reason, m.meta)));
    router.register(GET_SERVICE, (m) => queries.execute(new GetService(p(m).serviceId, 'SERVICE', m.meta)));
    router.register(GET_SERVICE_HISTORY, (m) => queries.execute(new GetService(p(m).serviceId, 'HISTORY', m.meta)));
    router.register(LIST_WORKSPACE_SERVICES, (m) => queries.execute(new ListServices({ workspaceId: p(m).workspaceId }, p(m).limit, p(m).cursor, p(m).status, m.meta)));
    router.register(LIST_SERVICES_FOR_REVIEW, (m) => queries.execute(new ListServices('REVIEW', p(m).limit, p(m).cursor, p(m).status, m.meta)));
    router.register(SEARCH_MARKET, (m) => queries.execute(new SearchMarket(m.payload as MarketFilters)));
    router.register(GET_MARKET_SERVICE, (m) => queries.execute(new SearchMarket({ limit: 1 }, p(m).serviceId)));
    router.register(LIST_PLATFORM_NOTICES, (m) => {
      const { limit, cursor, status } = m.payload as { limit: number; cursor?: string; status?: 'PUBLISHED' | 'WITHDRAWN' };
      return queries.execute(new ListPlatformNotices(limit, cursor, status));
    });
  },
};
