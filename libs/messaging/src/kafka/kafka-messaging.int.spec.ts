import { randomUUID } from 'node:crypto';
import { KafkaJSNonRetriableError } from 'kafkajs';

import { deadLetterTopic, EventEnvelope, eventsTopic } from '@mpp/contracts';
import { listDeadLetters, PostgresSqlClient, ProjectionRunner, SqlEventStore } from '@mpp/eventsourcing';
import { AppError, createLogger } from '@mpp/platform';
import { createTestDatabase } from '@mpp/testing';
import { eventRelay } from '../events/event-relay';
import { Inbox } from '../events/inbox';
import { RequestRouter } from '../request-reply/request-router';
import { consumerConfig, createKafka, ensureTopics, runUntilStopped } from './kafka-connection';
import { KafkaInboundConsumer } from './kafka-inbound-consumer';
import { KafkaPublisher } from './kafka-publisher';
import { KafkaRequestBus } from './kafka-request-bus';
import { KafkaRequestServer } from './kafka-request-server';

const logger = createLogger('kafka-int', 'silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('not in time');
    await sleep(100);
  }
}

describe('Kafka messaging against the real broker and PostgreSQL', () => {
  const brokers = (process.env.MPP_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const kafka = createKafka('kafka-int', brokers, logger);
  let publisherDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let consumerDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let publisherSql: PostgresSqlClient;
  let consumerSql: PostgresSqlClient;

  beforeAll(async () => {
    [publisherDb, consumerDb] = await Promise.all([createTestDatabase('kafka_pub'), createTestDatabase('kafka_sub')]);
    publisherSql = new PostgresSqlClient({ connectionString: publisherDb.url });
    consumerSql = new PostgresSqlClient({ connectionString: consumerDb.url });
    await ensureTopics(kafka, [eventsTopic('ordering'), deadLetterTopic(eventsTopic('ordering')), 'ordering.requests']);
  });
  afterAll(async () => {
    await publisherSql.close();
    await consumerSql.close();
    await publisherDb.drop();
    await consumerDb.drop();
  });

  it('relays a store to its topic and lands each event once in a consumer inbox; malformed messages go to the DLQ', async () => {
    const store = await new SqlEventStore(publisherSql).init();
    const publisher = new KafkaPublisher(kafka);
    await publisher.connect();
    const relay = await new ProjectionRunner(publisherSql, store, eventRelay('ordering', publisher)).init();
    const inbox = await new Inbox(consumerSql).init();
    await new ProjectionRunner(consumerSql, inbox, { name: 'noop', source: 'inbox', tables: [], schema: () => '', apply: async () => undefined }).init();
    const consumer = new KafkaInboundConsumer(kafka, `int-${randomUUID()}`, [eventsTopic('ordering')], inbox, consumerSql, publisher, logger);
    await consumer.start();
    await consumer.ready;
    relay.start();
    try {
      const streamId = `Order-${randomUUID()}`;
      const meta = { correlationId: 'corr-1', occurredAt: new Date().toISOString(), actor: { accountId: 'acc-1', platformRoles: [] } };
      await store.append(streamId, [1, 2, 3].map((n) => ({ eventId: randomUUID(), type: 'ordering.Step', data: { n }, metadata: meta })), { expectedVersion: 'no_stream' });
      const received = await waitFor(async () => {
        const events = await inbox.readStream(streamId);
        return events.length === 3 ? events : undefined;
      });
      expect(received.map((e) => e.data.n)).toEqual([1, 2, 3]);
      expect(received[0].metadata).toMatchObject({ correlationId: 'corr-1', source: '/mpp/ordering', sequence: 1, actor: { accountId: 'acc-1' } });

      // At least once: the same envelope delivered again changes nothing.
      const again = (await store.readStream(streamId))[0];
      const producer = kafka.producer();
      await producer.connect();
      const envelope: EventEnvelope = {
        specversion: '1.0', id: again.eventId, type: again.type, source: '/mpp/ordering', subject: streamId, time: meta.occurredAt,
        datacontenttype: 'application/json', data: again.data, sequence: 1, correlationid: 'corr-1',
      };
      // Well-formed, but PostgreSQL cannot store a NUL character in jsonb: parked, not retried for ever.
      const unstorable = { ...envelope, id: randomUUID(), subject: `Order-${randomUUID()}`, data: { note: 'nul \u0000 here' } };
      await producer.send({
        topic: eventsTopic('ordering'),
        messages: [
          { key: streamId, value: JSON.stringify(envelope) },
          { key: 'bad', value: 'not json at all' },
          { key: unstorable.subject, value: JSON.stringify(unstorable) },
        ],
      });
      const after = `Order-${randomUUID()}`;
      await store.append(after, [{ eventId: randomUUID(), type: 'ordering.Step', data: { n: 4 }, metadata: meta }], { expectedVersion: 'no_stream' });
      await waitFor(async () => ((await inbox.readStream(after)).length === 1 ? true : undefined));
      expect(await inbox.readStream(streamId)).toHaveLength(3);
      // The topic outlives test runs, so earlier runs' garbage is parked too: look for this run's.
      const parked = await waitFor(async () => {
        const letters = await listDeadLetters(consumerSql);
        return letters.some((l) => l.error.startsWith('cannot be stored')) ? letters : undefined;
      });
      expect(parked).toEqual(expect.arrayContaining([expect.objectContaining({ error: 'not JSON', payload: expect.objectContaining({ topic: 'ordering.events', value: 'not json at all' }) })]));
      const unstored = parked.filter((l) => (l.payload as { key: string }).key === unstorable.subject);
      expect(unstored).toHaveLength(1);
      expect(unstored[0].error).toBe('cannot be stored: unsupported Unicode escape sequence');
      expect(await inbox.readStream(unstorable.subject)).toEqual([]);

      // The raw message is on the dead-letter topic too, with why.
      const dlqConsumer = kafka.consumer({ groupId: `int-dlq-${randomUUID()}` });
      const dead: string[] = [];
      await dlqConsumer.connect();
      await dlqConsumer.subscribe({ topics: [deadLetterTopic('ordering.events')], fromBeginning: true });
      await dlqConsumer.run({ eachMessage: async ({ message }) => void dead.push(message.headers?.['dlq-error']?.toString() ?? '') });
      await waitFor(async () => (dead.includes('not JSON') ? true : undefined));
      await dlqConsumer.disconnect();
      await producer.disconnect();
    } finally {
      await relay.stop();
      await consumer.stop();
      await publisher.disconnect();
    }
  });

  it('answers requests over Kafka, keeps refusals as they were, and times out with 503 when nobody answers', async () => {
    const router = await new RequestRouter('ordering', consumerSql, logger).init();
    router.register('ordering.Echo', async (m) => ({ echoed: m.payload }));
    router.register('ordering.Refuse', async () => {
      throw AppError.rule('ORDER_NOT_ACCEPTABLE', 'no');
    });
    const server = new KafkaRequestServer(kafka, router, logger);
    await server.start();
    await server.ready;
    const bus = new KafkaRequestBus(createKafka('kafka-int-bus', brokers, logger), `int-${randomUUID()}`, logger, 3_000);
    await bus.start();
    try {
      const meta = { correlationId: 'c' };
      await expect(bus.request('ordering', { type: 'ordering.Echo', payload: { a: 1 }, meta })).resolves.toEqual({ echoed: { a: 1 } });
      await expect(bus.request('ordering', { type: 'ordering.Refuse', payload: {}, meta })).rejects.toMatchObject({ code: 'ORDER_NOT_ACCEPTABLE', category: 'rule_violation' });
      await expect(bus.request('ordering', { type: 'ordering.Nope', payload: {}, meta })).rejects.toMatchObject({ code: 'UNKNOWN_REQUEST' });
      const many = await Promise.all(Array.from({ length: 20 }, (_, i) => bus.request('ordering', { type: 'ordering.Echo', payload: i, meta })));
      expect(many).toEqual(Array.from({ length: 20 }, (_, i) => ({ echoed: i })));
      await server.stop();
      await expect(bus.request('ordering', { type: 'ordering.Echo', payload: 1, meta })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', category: 'unavailable' });
    } finally {
      await bus.close();
      await server.stop().catch(() => undefined);
    }
  });

  it('answers requests that arrive while a slow one is under way; a server started after a stop does not take again what was taken', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const handled: number[] = [];
    const router = await new RequestRouter('ordering', consumerSql, logger).init();
    router.register('ordering.Slow', async () => {
      await released;
      return 'slow';
    });
    router.register('ordering.Count', async (m) => {
      handled.push(m.payload as number);
      return m.payload;
    });
    const first = new KafkaRequestServer(kafka, router, logger);
    await first.start();
    await first.ready;
    const bus = new KafkaRequestBus(createKafka('kafka-int-bus', brokers, logger), `int-${randomUUID()}`, logger, 5_000);
    await bus.start();
    let second: KafkaRequestServer | undefined;
    try {
      const meta = { correlationId: 'c' };
      const slow = bus.request('ordering', { type: 'ordering.Slow', payload: {}, meta });
      // Keyed by request id, these spread over the three partitions: some share the slow one's, and are answered anyway.
      const counts = Array.from({ length: 20 }, (_, i) => i);
      await expect(Promise.all(counts.map((i) => bus.request('ordering', { type: 'ordering.Count', payload: i, meta })))).resolves.toEqual(counts);
      release();
      await expect(slow).resolves.toBe('slow');

      await first.stop();
      second = new KafkaRequestServer(kafka, router, logger);
      await second.start();
      await second.ready;
      await expect(bus.request('ordering', { type: 'ordering.Count', payload: 99, meta })).resolves.toBe(99);
      expect(handled.sort((a, b) => a - b)).toEqual([...counts, 99]);
    } finally {
      release();
      await bus.close();
      await first.stop().catch(() => undefined);
      await second?.stop();
    }
  });

  it('a second instance of a service joining the group shares the requests, and none is handled twice', async () => {
    const counter = async (handled: number[]) => {
      const router = await new RequestRouter('ordering', consumerSql, logger).init();
      router.register('ordering.Count', async (m) => {
        handled.push(m.payload as number);
        return m.payload;
      });
      return router;
    };
    const byFirst: number[] = [];
    const bySecond: number[] = [];
    const first = new KafkaRequestServer(kafka, await counter(byFirst), logger);
    await first.start();
    await first.ready;
    const bus = new KafkaRequestBus(createKafka('kafka-int-bus', brokers, logger), `int-${randomUUID()}`, logger, 10_000);
    await bus.start();
    const second = new KafkaRequestServer(kafka, await counter(bySecond), logger);
    try {
      const meta = { correlationId: 'c' };
      const ask = (from: number) => Promise.all(Array.from({ length: 20 }, (_, i) => bus.request('ordering', { type: 'ordering.Count', payload: from + i, meta })));
      await ask(0);
      // The group rebalances: the first member gives up partitions it has taken requests from.
      await second.start();
      const during = ask(20);
      await second.ready;
      await during;
      await ask(40);
      expect([...byFirst, ...bySecond].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
      // Keyed by request id over three partitions, the last twenty reach both members.
      expect(bySecond.some((n) => n >= 40)).toBe(true);
      expect(byFirst.some((n) => n >= 40)).toBe(true);
    } finally {
      await bus.close();
      await first.stop();
      await second.stop();
    }
  });
  it('a consumer that crashes on an error kafkajs deems final joins again and reads what it had not finished', async () => {
    const topic = `int-crash-${randomUUID()}`;
    await ensureTopics(kafka, [topic], 1);
    const producer = kafka.producer();
    await producer.connect();
    const consumer = kafka.consumer(consumerConfig(`int-crash-${randomUUID()}`));
    const crashes: boolean[] = [];
    consumer.on(consumer.events.CRASH, ({ payload }) => crashes.push(payload.restart));
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const running = runUntilStopped(
      consumer,
      {
        eachMessage: async ({ message }) => {
          // The first delivery fails as kafkajs' own final errors do (kafkajs would leave the consumer stopped).
          if (crashes.length === 0) throw new KafkaJSNonRetriableError('final');
          seen.push(message.value?.toString() ?? '');
        },
      },
      logger,
      'int-crash',
    );
    try {
      await running.started;
      await producer.send({ topic, messages: [{ value: 'first' }, { value: 'second' }] });
      await waitFor(async () => (seen.length >= 2 ? true : undefined));
      expect(crashes).toEqual([false]);
      expect(seen).toEqual(['first', 'second']);
    } finally {
      running.halt();
      await consumer.disconnect();
      await producer.disconnect();
    }
  });
});
