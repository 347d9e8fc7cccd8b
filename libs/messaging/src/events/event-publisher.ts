import { EventEnvelope } from '@mpp/contracts';

/** Where a relay sends envelopes: a Kafka topic in the cluster. Resolves once the broker has them (acks=all). */
export interface EventPublisher {
  publish(topic: string, envelopes: EventEnvelope[]): Promise<void>;
}
