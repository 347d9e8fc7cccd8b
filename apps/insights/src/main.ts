import './tracing';
import { insightsService } from '@mpp/insights';
import { runClusterService } from '@mpp/runtime';

// The insights service as its own process: PostgreSQL (DATABASE_URL) and Kafka (KAFKA_BROKERS).
void runClusterService(insightsService);
