import { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterTopic, envelopeProblem, EventEnvelope } from '@mpp/contracts';
import { isTransientError, parkDeadLetter, SqlClient } from '@mpp/eventsourcing';
import { Logger } from '@mpp/platform';
import { Inbox } from '../events/inbox';
import { KafkaPublisher } from './kafka-publisher';
import { consumerConfig, runUntilStopped } from './kafka-connection';
import { OffsetCommits } from './offset-commits';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A service's consumer group on other services' event topics. Well-formed envelopes land in the inbox
 * (idempotent by event id); a malformed message goes to `<topic>.dlq` and the dead-letter table, and the
 * partition goes on. When the database is unreachable the batch is retried with backoff, never skipped.
 */
export class KafkaInboundConsumer {
  private readonly consumer: Consumer;
  private readonly commits: OffsetCommits;
  /** Stops the consumer from being joined again after a crash; a no-op until started. */
  private halt: () => void = () => undefined;
  private joined!: () => void;
  /** Resolves once the group has been joined and partitions assigned. */
  readonly ready = new Promise<void>((resolve) => (this.joined = resolve));

  constructor(
    kafka: Kafka,
    readonly groupId: string,
    private readonly topics: string[],
    private readonly inbox: Inbox,
    private readonly sql: SqlClient,
    private readonly deadLetters: KafkaPublisher,
    private readonly logger: Logger,
  ) {
    this.consumer = kafka.consumer(consumerConfig(groupId));
    this.commits = new OffsetCommits(this.consumer, logger);
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.joined());
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    const running = runUntilStopped(
      this.consumer,
      {
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 3,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const envelopes: { envelope: EventEnvelope; message: KafkaMessage }[] = [];
          for (const message of batch.messages) {
            const parsed = this.read(message);
            if (typeof parsed === 'string') await this.park(batch.topic, batch.partition, message, parsed);
            else envelopes.push({ envelope: parsed, message });
          }
          const stillOurs = () => isRunning() && !isStale();
          const stored = await this.receive(envelopes.map((e) => e.envelope), stillOurs, heartbeat);
          if (stored === 'unstorable') {
            // One of them can never be stored (bad data the envelope check cannot see): find it, park it, keep the rest.
            for (const { envelope, message } of envelopes) {
              const one = await this.receive([envelope], stillOurs, heartbeat);
              if (one === 'unstorable') await this.park(batch.topic, batch.partition, message, `cannot be stored: ${this.lastError}`);
              if (one === 'stopped') return;
            }
          }
          if (stored === 'stopped' || !stillOurs()) return;
          resolveOffset(batch.lastOffset());
          this.commits.markDone(batch.topic, batch.partition, batch.lastOffset());
        },
      },
      this.logger,
      this.groupId,
    );
    this.halt = running.halt;
    await running.started;
  }

  private lastError = '';

  /** Stores envelopes in the inbox, retrying while the failure is transient; never skips a storable event. */
  private async receive(envelopes: EventEnvelope[], stillOurs: () => boolean, heartbeat: () => Promise<void>): Promise<'stored' | 'unstorable' | 'stopped'> {
    for (let attempt = 1; stillOurs(); attempt++) {
      try {
        await this.inbox.receive(envelopes);
        return 'stored';
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        if (!isTransientError(error)) return 'unstorable';
        this.logger.warn({ err: error, group: this.groupId, attempt }, 'inbox write failed; retrying');
        await sleep(Math.min(10_000, 100 * 2 ** Math.min(attempt, 7)));
        await heartbeat();
      }
    }
    return 'stopped';
  }

  async stop(): Promise<void> {
    await this.commits.stop();
    this.halt();
    await this.consumer.disconnect();
  }

  private read(message: KafkaMessage): EventEnvelope | string {
    let value: unknown;
    try {
      value = JSON.parse(message.value?.toString() ?? '');
    } catch {
      return 'not JSON';
    }
    return envelopeProblem(value) ?? (value as EventEnvelope);
  }

  private async park(topic: string, partition: number, message: KafkaMessage, problem: string): Promise<void> {
    this.logger.warn({ topic, partition, offset: message.offset, problem }, 'malformed message parked on the dead-letter topic');
    const raw = message.value?.toString() ?? '';
    await this.deadLetters.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: { 'dlq-error': problem, 'dlq-group': this.groupId, 'dlq-topic': topic, 'dlq-partition': String(partition), 'dlq-offset': message.offset },
        },
      ],
    });
    await parkDeadLetter(this.sql, {
      consumer: `kafka:${this.groupId}`,
      payload: { topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: raw.slice(0, 100_000) },
      error: problem,
      attempts: 1,
    });
  }
}
