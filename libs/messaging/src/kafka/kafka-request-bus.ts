import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { Reply, RequestMessage, requestsTopic, ServiceName, SERVICES } from '@mpp/contracts';
import { AppError, Logger } from '@mpp/platform';
import { RequestBus } from '../request-reply/request-bus';
import { unwrapReply } from '../request-reply/reply';
import { requestConsumerConfig, ensureTopics, headerValue, runUntilStopped } from './kafka-connection';
import { OffsetCommits } from './offset-commits';
import { GatheringSender } from './gathering-sender';

interface Pending {
  resolve: (reply: Reply) => void;
  timer: NodeJS.Timeout;
}

/**
 * The gateway's request/reply over Kafka: each gateway instance has its own reply topic; a request carries
 * `request-id`, `reply-to` and a `deadline`, and waits for the reply with that id or times out with a 503.
 */
export class KafkaRequestBus extends RequestBus {
  private readonly producer: Producer;
  private readonly sender: GatheringSender;
  private readonly consumer: Consumer;
  private readonly commits: OffsetCommits;
  /** Stops the consumer from being joined again after a crash; a no-op until started. */
  private halt: () => void = () => undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly replyTopic: string;

  constructor(
    private readonly kafka: Kafka,
    instanceId: string,
    private readonly logger: Logger,
    private readonly timeoutMs = 10_000,
    sessionTimeoutMs?: number,
  ) {
    super();
    this.replyTopic = `gateway.replies.${instanceId.replace(/[^a-zA-Z0-9._-]/g, '-')}`;
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    this.sender = new GatheringSender(this.producer);
    this.consumer = kafka.consumer(requestConsumerConfig(this.replyTopic, sessionTimeoutMs));
    this.commits = new OffsetCommits(this.consumer, logger);
  }

  /** Creates the topics, joins the reply topic, and resolves when replies can be received. */
  async start(): Promise<void> {
    await ensureTopics(this.kafka, SERVICES.map(requestsTopic));
    await ensureTopics(this.kafka, [this.replyTopic], 1);
    await this.producer.connect();
    await this.consumer.connect();
    const joined = new Promise<void>((resolve) => this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()));
    // From the beginning: a new group starts at "latest" only once its first fetch has looked the offset up, and a
    // reply to a request sent right after start() could land before that and be skipped. Replies to requests of an
    // earlier run of this instance find no pending request and are ignored.
    await this.consumer.subscribe({ topics: [this.replyTopic], fromBeginning: true });
    const running = runUntilStopped(
      this.consumer,
      {
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) this.settle(message);
          this.commits.markDone(batch.topic, batch.partition, batch.lastOffset());
        },
      },
      this.logger,
      this.replyTopic,
    );
    this.halt = running.halt;
    await running.started;
    await joined;
  }

  /** Hands a reply to the request waiting for it; one nobody waits for (timed out, or of an earlier run) is ignored. */
  private settle(message: KafkaMessage): void {
    const id = headerValue(message.headers, 'request-id');
    const pending = id ? this.pending.get(id) : undefined;
    if (!pending || !id) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    try {
      pending.resolve(JSON.parse(message.value?.toString() ?? '') as Reply);
    } catch {
      pending.resolve({ ok: false, error: new AppError('BAD_REPLY', 'internal', 'the service sent an unreadable reply').toBody() });
    }
  }

  async request<Result>(service: ServiceName, message: RequestMessage): Promise<Result> {
    const id = randomUUID();
    const reply = new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.logger.warn({ service, type: message.type, correlationId: message.meta.correlationId }, 'request timed out');
        resolve({ ok: false, error: new AppError('SERVICE_UNAVAILABLE', 'unavailable', `${service} did not answer in time`).toBody() });
      }, this.timeoutMs);
      this.pending.set(id, { resolve, timer });
    });
    try {
      await this.sender.send(requestsTopic(service), {
        key: id,
        value: JSON.stringify(message),
        headers: {
          'request-id': id,
          'reply-to': this.replyTopic,
          deadline: String(Date.now() + this.timeoutMs),
          ...(message.meta.traceparent ? { traceparent: message.meta.traceparent } : {}),
        },
      });
    } catch (error) {
      const pending = this.pending.get(id);
      if (pending) clearTimeout(pending.timer);
      this.pending.delete(id);
      this.logger.error({ err: error, service }, 'request could not be sent');
      throw new AppError('SERVICE_UNAVAILABLE', 'unavailable', `${service} cannot be reached`);
    }
    return unwrapReply<Result>(await reply);
  }

  async close(): Promise<void> {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, error: new AppError('SERVICE_UNAVAILABLE', 'unavailable', 'shutting down').toBody() });
      this.pending.delete(id);
    }
    await this.commits.stop();
    this.halt();
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }
}
