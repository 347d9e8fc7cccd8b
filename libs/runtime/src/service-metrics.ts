import type { Admin, Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import { ProjectionRunner } from '@mpp/eventsourcing';
import { metricsRegistry } from '@mpp/platform';
import type { RunningService } from './service-host';

/**
 * The figures that go wrong in an event-driven system, computed when Prometheus scrapes: each projection's lag (also
 * the relay's, the workers' and the inbound readers'), the dead letters parked, and in the cluster each consumer
 * group's lag on Kafka. A source that cannot answer (its database down) is left out of that scrape, not an error.
 */
const observed = new Set<RunningService>();

/** One reading of every runner per scrape, shared by the two lag gauges. */
let reading: { at: number; lags: Promise<RunnerLag[]> } | undefined;
type RunnerLag = { service: string; projection: string; events: number; seconds: number };

const runnersOf = (service: RunningService): ProjectionRunner[] => [...service.runners, ...service.extraRunners];

function readLags(): Promise<RunnerLag[]> {
  if (reading && Date.now() - reading.at < 1000) return reading.lags;
  const lags = Promise.all(
    [...observed].flatMap((service) =>
      runnersOf(service).map(async (runner) => {
        const lag = await runner.lag().catch(() => undefined);
        return lag ? [{ service: service.definition.name, projection: runner.checkpointName, events: Number(lag.events), seconds: lag.seconds }] : [];
      }),
    ),
  ).then((all) => all.flat());
  reading = { at: Date.now(), lags };
  return lags;
}

new Gauge({
  name: 'mpp_projection_lag_events',
  help: 'Events in the log not yet applied by a projection (the relay, workers and inbound readers included).',
  labelNames: ['service', 'projection'],
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const lag of await readLags()) this.set({ service: lag.service, projection: lag.projection }, lag.events);
  },
});

new Gauge({
  name: 'mpp_projection_lag_seconds',
  help: 'Age of the oldest event a projection has not applied yet; 0 when caught up.',
  labelNames: ['service', 'projection'],
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const lag of await readLags()) this.set({ service: lag.service, projection: lag.projection }, lag.seconds);
  },
});

new Gauge({
  name: 'mpp_dead_letters',
  help: 'Events parked in a service dead letters (its projections and Kafka consumers), waiting for an operator (npm run ops -- dlq list).',
  labelNames: ['service'],
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    await Promise.all(
      [...observed].map(async (service) => {
        const { rows } = await service.infra.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM dead_letters WHERE status = 'PARKED'`).catch(() => ({ rows: [] }));
        if (rows[0]) this.set({ service: service.definition.name }, rows[0].n);
      }),
    );
  },
});

/** Reports a started service's lags and dead letters until it stops. */
export function observeService(service: RunningService): () => void {
  observed.add(service);
  return () => observed.delete(service);
}

const consumerGroups = new Map<string, { kafka: Kafka; service: string; topics: string[] }>();
let admin: { kafka: Kafka; admin: Admin } | undefined;

async function adminOf(kafka: Kafka): Promise<Admin> {
  if (admin?.kafka === kafka) return admin.admin;
  const next = kafka.admin();
  await next.connect();
  admin = { kafka, admin: next };
  return next;
}

new Gauge({
  name: 'mpp_kafka_consumer_lag',
  help: 'Messages a consumer group has not committed yet, summed over the partitions of each topic.',
  labelNames: ['service', 'group', 'topic'],
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const [group, { kafka, service, topics }] of consumerGroups) {
      try {
        const client = await adminOf(kafka);
        const committed = await client.fetchOffsets({ groupId: group, topics });
        for (const { topic, partitions } of committed) {
          const ends = new Map((await client.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
          // A partition the group never committed on (-1) is behind by all it holds.
          const lag = partitions.reduce((sum, p) => sum + Math.max(0, (ends.get(p.partition) ?? 0) - Math.max(0, Number(p.offset))), 0);
          this.set({ service, group, topic }, lag);
        }
      } catch {
        // The broker is away: this scrape goes without it.
      }
    }
  },
});

/** Reports a consumer group's lag on its topics (cluster only); returns what stops it, closing the admin client. */
export function observeConsumerGroup(kafka: Kafka, service: string, group: string, topics: string[]): () => Promise<void> {
  consumerGroups.set(group, { kafka, service, topics });
  return async () => {
    consumerGroups.delete(group);
    if (consumerGroups.size === 0 && admin) {
      const closing = admin.admin;
      admin = undefined;
      await closing.disconnect();
    }
  };
}
