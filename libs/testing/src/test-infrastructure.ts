import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './run-node';

export interface TestInfrastructure {
  postgresUrl: string;
  kafkaBrokers: string;
  kind: 'containers' | 'local' | 'given';
}


function dockerAnswers(): boolean {
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 }).status === 0;
}

let started: Promise<TestInfrastructure> | undefined;

/**
 * Starts PostgreSQL and Kafka once per test run: containers when a Docker engine answers,
 * else the machine's PostgreSQL and a local Kafka broker run from the Apache Kafka jars (scripts/).
 */
export function startTestInfrastructure(): Promise<TestInfrastructure> {
  const { MPP_TEST_PG_URL, MPP_TEST_KAFKA_BROKERS } = process.env;
  if (MPP_TEST_PG_URL && MPP_TEST_KAFKA_BROKERS) {
    // Both given: run against that infrastructure as it is.
    return Promise.resolve({ postgresUrl: MPP_TEST_PG_URL, kafkaBrokers: MPP_TEST_KAFKA_BROKERS, kind: 'given' });
  }
  started ??= dockerAnswers() ? startContainers() : startLocal();
  return started;
}

async function startLocal(): Promise<TestInfrastructure> {
  const run = (script: string, ...args: string[]) =>
    execFileSync('bash', [path.join(repoRoot, 'scripts', script), ...args], { stdio: ['ignore', 'inherit', 'inherit'], cwd: repoRoot });
  run('postgres.sh', 'ensure');
  run('kafka.sh', 'start');
  const port = process.env.KAFKA_PORT ?? '9092';
  return { postgresUrl: 'postgres://postgres@127.0.0.1:5432', kafkaBrokers: `127.0.0.1:${port}`, kind: 'local' };
}

async function startContainers(): Promise<TestInfrastructure> {
  // Loaded only where Docker runs, so machines without it never touch testcontainers.
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const [postgres, kafka] = await Promise.all([
    new PostgreSqlContainer('postgres:16').withUsername('postgres').withPassword('postgres').start(),
    new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().start(),
  ]);
  return {
    postgresUrl: `postgres://postgres:postgres@${postgres.getHost()}:${postgres.getPort()}`,
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    kind: 'containers',
  };
}
