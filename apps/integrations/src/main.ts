import './tracing';
import { integrationsService } from '@mpp/integrations';
import { runClusterService } from '@mpp/runtime';

// The integrations service as its own process: PostgreSQL (DATABASE_URL) and Kafka (KAFKA_BROKERS).
void runClusterService(integrationsService);
