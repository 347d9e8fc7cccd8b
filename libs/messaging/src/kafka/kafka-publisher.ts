import { Partitioners, Producer } from 'kafkajs';
import { Kafka } from 'kafkajs';
import { EventEnvelope } from '@mpp/contracts';
import { EventPublisher } from '../events/event-publisher';

/** Publishes envelopes keyed by stream id (so one aggregate's events keep their order), acknowledged by all replicas. */
export class KafkaPublisher implements EventPublisher {
  readonly producer: Producer;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async publish(topic: string, envelopes: EventEnvelope[]): Promise<void> {
    await this.producer.send({
      topic,
      acks: -1,
      messages: envelopes.map((e) => ({
        key: e.subject,
        value: JSON.stringify(e),
        headers: { 'ce_id': e.id, 'ce_type': e.type, 'content-type': 'application/cloudevents+json', ...(e.traceparent ? { traceparent: e.traceparent } : {}) },
      })),
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
