import { QueryBus } from '@nestjs/cqrs';
import { LIST_PLATFORM_NOTICES } from '@mpp/contracts';
import { ServiceDefinition } from '@mpp/runtime';
import { CatalogModule } from './catalog.module';
import { ListPlatformNotices } from './platform-notices/list-platform-notices/list-platform-notices.query';
import { platformNoticesProjection } from './platform-notices/platform-notices.projection';

/** Catalog: ISV services and the Service Market; for now the thin slice's projection of identity's notices. */
export const catalogService: ServiceDefinition = {
  name: 'catalog',
  module: CatalogModule,
  projections: [platformNoticesProjection],
  consumes: ['identity'],
  registerRequests(context, router) {
    const queries = context.get(QueryBus);
    router.register(LIST_PLATFORM_NOTICES, (m) => {
      const { limit, cursor, status } = m.payload as { limit: number; cursor?: string; status?: 'PUBLISHED' | 'WITHDRAWN' };
      return queries.execute(new ListPlatformNotices(limit, cursor, status));
    });
  },
};
