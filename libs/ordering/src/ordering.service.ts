import { ServiceDefinition } from '@mpp/runtime';
import { OrderingModule } from './ordering.module';

export const orderingService: ServiceDefinition = {
  name: 'ordering',
  module: OrderingModule,
  projections: [],
  consumes: [],
  registerRequests: () => undefined,
};
