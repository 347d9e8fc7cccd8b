import './tracing';
import { catalogService } from '@mpp/catalog';
import { GatewayConfig, startGatewayServer } from '@mpp/gateway';
import { identityService } from '@mpp/identity';
import { insightsService } from '@mpp/insights';
import { integrationsService } from '@mpp/integrations';
import { miniprogramsService } from '@mpp/miniprograms';
import { orderingService } from '@mpp/ordering';
import { exitOnConfigError, runStandalone } from '@mpp/runtime';

// `npm start`: the whole platform in one process on embedded defaults (PGlite under ./data, no Kafka).
runStandalone([identityService, catalogService, orderingService, miniprogramsService, insightsService, integrationsService], (bus, logger) =>
  startGatewayServer(bus, exitOnConfigError(logger, () => GatewayConfig.fromEnv()), logger),
).catch((error: unknown) => {
  process.stderr.write(`standalone failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
