import { catalogService } from '@mpp/catalog';
import { SERVICES, ServiceName } from '@mpp/contracts';
import { identityService } from '@mpp/identity';
import { insightsService } from '@mpp/insights';
import { integrationsService } from '@mpp/integrations';
import { miniprogramsService } from '@mpp/miniprograms';
import { orderingService } from '@mpp/ordering';
import { ServiceDefinition } from '@mpp/application';
import { InvalidArgumentError } from 'commander';

export const definitions: Record<ServiceName, ServiceDefinition> = {
  identity: identityService,
  catalog: catalogService,
  ordering: orderingService,
  miniprograms: miniprogramsService,
  insights: insightsService,
  integrations: integrationsService,
};

/** Parses a service argument; commander shows the message and the usage. */
export function serviceArgument(value: string): ServiceName {
  if (!(SERVICES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${SERVICES.join(', ')}`);
  return value as ServiceName;
}
