import { startTestInfrastructure } from './test-infrastructure';

/** Jest global setup for integration and e2e tiers: PostgreSQL and Kafka up, their addresses in the environment. */
export default async function globalSetup(): Promise<void> {
  const infra = await startTestInfrastructure();
  process.env.MPP_TEST_PG_URL = infra.postgresUrl;
  process.env.MPP_TEST_KAFKA_BROKERS = infra.kafkaBrokers;
}
