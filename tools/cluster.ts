// `npm run start:cluster`: every app as its own process against a local Kafka broker and PostgreSQL.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { launchCluster } from '@mpp/runtime';

const root = path.resolve(__dirname, '..', '..');
const run = (script: string, ...args: string[]) =>
  execFileSync('bash', [path.join(root, 'scripts', script), ...args], { stdio: 'inherit', cwd: root });

async function main(): Promise<void> {
  const kafkaBrokers = process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
  const databaseUrlTemplate = process.env.DATABASE_URL_TEMPLATE ?? 'postgres://postgres@127.0.0.1:5432/mpp_{service}';
  if (!process.env.KAFKA_BROKERS) run('kafka.sh', 'start');
  if (!process.env.DATABASE_URL_TEMPLATE) run('postgres.sh', 'ensure');
  const gatewayPort = Number(process.env.PORT ?? 3000);
  const cluster = await launchCluster({
    root,
    databaseUrlTemplate,
    kafkaBrokers,
    gatewayPort,
    healthPortBase: Number(process.env.HEALTH_PORT_BASE ?? 3100),
    // A fresh secret per run unless one is given: tokens from an earlier run stop working, as they should.
    jwtSecret: process.env.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    // Likewise the usage pseudonym key: set USAGE_PSEUDONYM_KEY to keep visitors the same across runs.
    usagePseudonymKey: process.env.USAGE_PSEUDONYM_KEY,
    // And the key webhook secrets are sealed with: set WEBHOOK_SECRETS_KEY to keep an earlier run's webhooks signing.
    webhookSecretsKey: process.env.WEBHOOK_SECRETS_KEY,
    onOutput: (app, line) => process.stdout.write(`${app.padEnd(12)} | ${line}\n`),
    restartOnExit: true,
    // The broker scripts/kafka.sh starts allows 3 s sessions; a broker of yours may not (its default minimum is 6 s).
    env: process.env.KAFKA_BROKERS ? {} : { KAFKA_REQUEST_SESSION_TIMEOUT_MS: process.env.KAFKA_REQUEST_SESSION_TIMEOUT_MS ?? '3000' },
  });
  process.stdout.write(
    `\nMini Program Platform (cluster) is running: ${[...cluster.processes.keys()].join(', ')}\n  API   ${cluster.gatewayUrl}/v1\n  Docs  ${cluster.gatewayUrl}/docs\n  Kafka ${kafkaBrokers}\n  Data  ${databaseUrlTemplate}\nPress Ctrl-C to stop.\n`,
  );
  const stop = () => void cluster.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`cluster failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
