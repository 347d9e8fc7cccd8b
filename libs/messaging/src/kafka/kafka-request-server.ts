import { Consumer, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { Reply, RequestMessage, requestsTopic } from '@mpp/contracts';
import { AppError, Logger } from '@mpp/platform';
import { RequestRouter } from '../request-reply/request-router';
import { headerValue, MAX_MESSAGE_BYTES } from './kafka-connection';

/**
 * Answers requests from `<service>.requests`: handles each message of a batch concurrently (requests are
 * independent; aggregates guard their own concurrency) and sends the reply to the topic named in `reply-to`.
 * A request whose deadline has passed is dropped: its caller has already given up.
 */
export class KafkaRequestServer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private joined!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.joined = resolve));

  constructor(
    kafka: Kafka,
    private readonly router: RequestRouter,
    private readonly logger: Logger,
  ) {
    this.consumer = kafka.consumer({ groupId: `${router.service}.requests`, sessionTimeout: 15_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 1000, maxBytesPerPartition: MAX_MESSAGE_BYTES });
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: true });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.joined());
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [requestsTopic(this.router.service)], fromBeginning: false });
    await this.consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch, resolveOffset }) => {
        await Promise.all(batch.messages.map((message) => this.answer(message)));
        resolveOffset(batch.lastOffset());
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  /** Never throws: a failing message must not make kafkajs re-run the whole batch (and its commands). */
  private async answer(message: KafkaMessage): Promise<void> {
    const replyTo = headerValue(message.headers, 'reply-to');
    const requestId = headerValue(message.headers, 'request-id');
    const deadline = Number(headerValue(message.headers, 'deadline'));
    if (!replyTo || !requestId || !Number.isFinite(deadline)) {
      return this.logger.warn({ offset: message.offset }, 'request without reply-to, request-id or deadline dropped');
    }
    if (Date.now() > deadline) return this.logger.warn({ requestId }, 'request past its deadline dropped');
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
      await this.producer.send({ topic: replyTo, messages: [{ key: requestId, value: JSON.stringify(reply), headers: { 'request-id': requestId } }] });
    } catch (error) {
      this.logger.error({ err: error, requestId, replyTo }, 'reply could not be sent; the caller will time out');
    }
  }
}
