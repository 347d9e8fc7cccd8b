import './tracing';
import { catalogService } from '@mpp/catalog';
import { runClusterService } from '@mpp/runtime';

// The catalog service as its own process: PostgreSQL (DATABASE_URL) and Kafka (KAFKA_BROKERS).
void runClusterService(catalogService);
