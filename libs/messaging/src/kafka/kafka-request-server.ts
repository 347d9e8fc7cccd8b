import { Consumer, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { Reply, RequestMessage, requestsTopic } from '@mpp/contracts';
import { AppError, Logger } from '@mpp/platform';
import { RequestRouter } from '../request-reply/request-router';
import { requestConsumerConfig, headerValue, runUntilStopped } from './kafka-connection';
import { OffsetCommits } from './offset-commits';
import { GatheringSender } from './gathering-sender';

/** How many requests one service instance works on at once; the next message waits for a free place. */
const MAX_IN_FLIGHT = 64;

/**
 * Answers requests from `<service>.requests` as they arrive, up to MAX_IN_FLIGHT at once (requests are
 * independent; aggregates guard their own concurrency), and sends the reply to the topic named in `reply-to`.
 * It does not wait for a batch to be answered before fetching the next: a request that arrived while a slow one
 * was being handled would otherwise queue behind it. A request counts as done once it is taken (OffsetCommits
 * commits it), so one whose instance dies mid-way is not answered and its caller times out (a command is then
 * retried under the same Idempotency-Key, which the command log answers once). A request whose deadline has
 * passed is dropped: its caller has already given up.
 */
export class KafkaRequestServer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly replies: GatheringSender;
  private readonly commits: OffsetCommits;
  /** Stops the consumer from being joined again after a crash; a no-op until started. */
  private halt: () => void = () => undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Request ids taken, each until its deadline: a request read again (after a rebalance whose commit failed) is
   * not handled twice here; the first one answers.
   */
  private readonly takenIds = new Map<string, number>();
  private stopping = false;
  private joined!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.joined = resolve));

  constructor(
    kafka: Kafka,
    private readonly router: RequestRouter,
    private readonly logger: Logger,
    sessionTimeoutMs?: number,
  ) {
    this.consumer = kafka.consumer(requestConsumerConfig(`${router.service}.requests`, sessionTimeoutMs));
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: true });
    this.replies = new GatheringSender(this.producer);
    this.commits = new OffsetCommits(this.consumer, logger);
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.joined());
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [requestsTopic(this.router.service)], fromBeginning: false });
    const running = runUntilStopped(
      this.consumer,
      {
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 3,
        eachBatch: async ({ batch, resolveOffset }) => {
          for (const message of batch.messages) {
            while (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
            // Once stopping, requests are left to the group's other members, or to this service when it is back.
            if (this.stopping) return;
            this.take(message);
            resolveOffset(message.offset);
            this.commits.markDone(batch.topic, batch.partition, message.offset);
          }
        },
      },
      this.logger,
      `${this.router.service}.requests`,
    );
    this.halt = running.halt;
    await running.started;
  }

  /** Stops taking requests, commits what it took, then lets the ones under way send their replies. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.commits.stop();
    this.halt();
    await this.consumer.disconnect();
    await Promise.all(this.inFlight);
    await this.producer.disconnect();
  }

  /** Starts answering a request, unless it cannot be answered, its caller has given up, or it was taken already. */
  private take(message: KafkaMessage): void {
    const replyTo = headerValue(message.headers, 'reply-to');
    const requestId = headerValue(message.headers, 'request-id');
    const deadline = Number(headerValue(message.headers, 'deadline'));
    if (!replyTo || !requestId || !Number.isFinite(deadline)) {
      return this.logger.warn({ offset: message.offset }, 'request without reply-to, request-id or deadline dropped');
    }
    const now = Date.now();
    if (now > deadline) return this.logger.warn({ requestId }, 'request past its deadline dropped');
    // Deadlines arrive in about the order requests were sent: forget from the oldest while they have passed.
    for (const [id, until] of this.takenIds) {
      if (until >= now) break;
      this.takenIds.delete(id);
    }
    if (this.takenIds.has(requestId)) return;
    this.takenIds.set(requestId, deadline);
    const answered: Promise<void> = this.answer(message, replyTo, requestId).finally(() => this.inFlight.delete(answered));
    this.inFlight.add(answered);
  }

  /** Never throws: nothing waits for it but stop(), so a failure is answered (or logged) here. */
  private async answer(message: KafkaMessage, replyTo: string, requestId: string): Promise<void> {
    let reply: Reply;
    try {
      const request = JSON.parse(message.value?.toString() ?? '') as RequestMessage;
      if (typeof request !== 'object' || request === null || typeof request.type !== 'string' || typeof request.meta !== 'object' || request.meta === null) {
        throw new AppError('MALFORMED_REQUEST', 'bad_input', 'the request is not a request message');
      }
      reply = await this.router.handle(request);
    } catch (error) {
      if (!(error instanceof AppError)) this.logger.error({ err: error, requestId }, 'request could not be handled');
      reply = { ok: false, error: (error instanceof AppError ? error : new AppError('INTERNAL_ERROR', 'internal', 'something went wrong on our side')).toBody() };
    }
    try {
      await this.replies.send(replyTo, { key: requestId, value: JSON.stringify(reply), headers: { 'request-id': requestId } });
    } catch (error) {
      this.logger.error({ err: error, requestId, replyTo }, 'reply could not be sent; the caller will time out');
    }
  }
}
