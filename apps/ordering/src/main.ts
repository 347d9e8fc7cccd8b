import './tracing';
import { orderingService } from '@mpp/ordering';
import { runClusterService } from '@mpp/runtime';

// The ordering service as its own process: PostgreSQL (DATABASE_URL) and Kafka (KAFKA_BROKERS).
void runClusterService(orderingService);
