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

const runScript = (script: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync('bash', [path.join(repoRoot, 'scripts', script), ...args], { stdio: ['ignore', 'inherit', 'inherit'], cwd: repoRoot, env: { ...process.env, ...env } });

/** KAFKA_PORT and KAFKA_CONTROLLER_PORT (9092, 9093) moved by `offset`: the ports of another local broker. */
const kafkaPorts = (offset: number) => ({
  KAFKA_PORT: String(Number(process.env.KAFKA_PORT ?? 9092) + offset),
  KAFKA_CONTROLLER_PORT: String(Number(process.env.KAFKA_CONTROLLER_PORT ?? 9093) + offset),
});

/**
 * A local broker from the Apache Kafka jars (scripts/kafka.sh), on the usual ports moved by `offset`: 0 for the test
 * run's own, another for a second run beside it (`npm test`). Its bootstrap address.
 */
export function startLocalKafka(offset = 0): string {
  const ports = kafkaPorts(offset);
  runScript('kafka.sh', ['start'], ports);
  return `127.0.0.1:${ports.KAFKA_PORT}`;
}

export function stopLocalKafka(offset = 0): void {
  runScript('kafka.sh', ['stop'], kafkaPorts(offset));
}

async function startLocal(): Promise<TestInfrastructure> {
  runScript('postgres.sh', ['ensure']);
  return { postgresUrl: 'postgres://postgres@127.0.0.1:5432', kafkaBrokers: startLocalKafka(), kind: 'local' };
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
