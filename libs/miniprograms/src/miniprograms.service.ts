import { ServiceDefinition } from '@mpp/runtime';
import { MiniprogramsModule } from './miniprograms.module';

export const miniprogramsService: ServiceDefinition = {
  name: 'miniprograms',
  module: MiniprogramsModule,
  projections: [],
  consumes: [],
  registerRequests: () => undefined,
};
