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
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of queued) {
      const messages = byTopic.get(topic);
      if (messages) messages.push(message);
      else byTopic.set(topic, [message]);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    try {
      await this.producer.sendBatch({ topicMessages });
      for (const q of queued) q.resolve();
    } catch (error) {
      for (const q of queued) q.reject(error);
    }
  }
}
