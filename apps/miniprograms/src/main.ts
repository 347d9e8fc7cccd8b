import './tracing';
import { miniprogramsService } from '@mpp/miniprograms';
import { runClusterService } from '@mpp/runtime';

// The miniprograms service as its own process: PostgreSQL (DATABASE_URL) and Kafka (KAFKA_BROKERS).
void runClusterService(miniprogramsService);
