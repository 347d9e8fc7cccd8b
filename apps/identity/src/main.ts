import './tracing';
import { identityService } from '@mpp/identity';
import { runClusterService } from '@mpp/runtime';

// The identity service as its own process: PostgreSQL (DATABASE_URL) and Kafka (KAFKA_BROKERS).
void runClusterService(identityService);
