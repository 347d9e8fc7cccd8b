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

/** How long one source may take in a scrape: a database or broker that hangs must not hold up the whole /metrics. */
const SOURCE_MS = 2000;
/** `work`'s value, or undefined when it fails or takes longer than SOURCE_MS. */
async function withinTime<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), SOURCE_MS)));
  try {
    return await Promise.race([work.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** One reading of every runner per scrape, shared by the two lag gauges. */
let reading: { at: number; lags: Promise<RunnerLag[]> } | undefined;
type RunnerLag = { service: string; projection: string; events: number; seconds: number };

const runnersOf = (service: RunningService): ProjectionRunner[] => [...service.runners, ...service.extraRunners];

function readLags(): Promise<RunnerLag[]> {
  if (reading && Date.now() - reading.at < 1000) return reading.lags;
  const lags = Promise.all(
    [...observed].flatMap((service) =>
      runnersOf(service).map(async (runner) => {
        const lag = await withinTime(runner.lag());
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
        const read = await withinTime(service.infra.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM dead_letters WHERE status = 'PARKED'`));
        if (read?.rows[0]) this.set({ service: service.definition.name }, read.rows[0].n);
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
/** One admin client per process, connecting once however many scrapes ask at the same time; dropped after a failure. */
let admin: { kafka: Kafka; admin: Admin; connected: Promise<Admin> } | undefined;

function adminOf(kafka: Kafka): Promise<Admin> {
  if (admin?.kafka !== kafka) {
    const client = kafka.admin();
    admin = { kafka, admin: client, connected: client.connect().then(() => client) };
  }
  return admin.connected;
}

function dropAdmin(): void {
  const failed = admin;
  admin = undefined;
  void failed?.admin.disconnect().catch(() => undefined);
}

/** Each topic's lag for a group: committed offsets against the ends (from the low watermark where it never committed). */
async function groupLag(kafka: Kafka, group: string, topics: string[]): Promise<{ topic: string; lag: number }[]> {
  const client = await adminOf(kafka);
  const committed = await client.fetchOffsets({ groupId: group, topics });
  return Promise.all(
    committed.map(async ({ topic, partitions }) => {
      const ends = new Map((await client.fetchTopicOffsets(topic)).map((p) => [p.partition, p]));
      const lag = partitions.reduce((sum, p) => {
        const end = ends.get(p.partition);
        if (!end) return sum;
        const from = Number(p.offset) < 0 ? Number(end.low) : Number(p.offset);
        return sum + Math.max(0, Number(end.high) - from);
      }, 0);
      return { topic, lag };
    }),
  );
}

new Gauge({
  name: 'mpp_kafka_consumer_lag',
  help: 'Messages a consumer group has not committed yet, summed over the partitions of each topic.',
  labelNames: ['service', 'group', 'topic'],
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const groups = [...consumerGroups];
    const lags = await Promise.all(groups.map(([group, { kafka, topics }]) => withinTime(groupLag(kafka, group, topics))));
    // A broker away or slow: this scrape goes without it, and the next one connects afresh.
    if (lags.some((l) => l === undefined)) dropAdmin();
    groups.forEach(([group, { service }], i) => lags[i]?.forEach(({ topic, lag }) => this.set({ service, group, topic }, lag)));
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
      await closing.disconnect().catch(() => undefined);
    }
  };
}
