import { catalogService } from '@mpp/catalog';
import { GatewayConfig, startGatewayServer } from '@mpp/gateway';
import { identityService } from '@mpp/identity';
import { insightsService } from '@mpp/insights';
import { integrationsService } from '@mpp/integrations';
import { miniprogramsService } from '@mpp/miniprograms';
import { orderingService } from '@mpp/ordering';
import { exitOnConfigError, runStandalone } from '@mpp/runtime';

/** The whole platform in this process: every service, and the gateway in front of them. */
export const runPlatform = () =>
  runStandalone([identityService, catalogService, orderingService, miniprogramsService, insightsService, integrationsService], (bus, logger, listenWhen) =>
    startGatewayServer(bus, exitOnConfigError(logger, () => GatewayConfig.fromEnv()), logger, [], listenWhen),
  );
