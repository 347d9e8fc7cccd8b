import { Message, Producer, TopicMessages } from 'kafkajs';

interface Queued {
  topic: string;
  message: Message;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Sends single messages (requests, replies) through one producer, gathering the ones sent in the same turn of
 * the event loop into one produce request. kafkajs has no linger: each `send` is its own request to the broker,
 * and under load that is most of what the broker and our processes spend on a request/reply round trip. Waiting
 * for the end of the turn (setImmediate) adds no time: the messages gathered are the ones whose sockets or
 * queries were ready together anyway. Each caller's promise settles with the produce request its message went in.
 */
export class GatheringSender {
  private queued: Queued[] = [];

  constructor(private readonly producer: Producer) {}

  send(topic: string, message: Message): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.queued.length === 0) setImmediate(() => void this.flush());
      this.queued.push({ topic, message, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const queued = this.queued;
    this.queued = [];
    // One after the other, so messages keep the order they were sent in.
    for (const chunk of chunksOf(queued)) await this.sendChunk(chunk);
  }

  private async sendChunk(chunk: Queued[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of chunk) {
      const messages = byTopic.get(topic);
      if (messages) messages.push(message);
      else byTopic.set(topic, [message]);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    try {
      await this.producer.sendBatch({ topicMessages });
      for (const q of chunk) q.resolve();
    } catch (error) {
      for (const q of chunk) q.reject(error);
    }
  }
}

/**
 * At most this many bytes of values in one produce request. The broker's message.max.bytes (8 MB) bounds a record
 * batch, i.e. everything gathered for one partition: a few replies carrying logos (2 MB, base64) would exceed it
 * together and all fail. A larger message goes on its own, as it would without gathering.
 */
const MAX_GATHERED_BYTES = 1024 * 1024;

function chunksOf(queued: Queued[]): Queued[][] {
  const chunks: Queued[][] = [];
  let current: Queued[] = [];
  let bytes = 0;
  for (const q of queued) {
    const size = q.message.value ? Buffer.byteLength(q.message.value) : 0;
    if (current.length > 0 && bytes + size > MAX_GATHERED_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(q);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
