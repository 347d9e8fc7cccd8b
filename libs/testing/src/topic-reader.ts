import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@mpp/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { eventually } from './api-client';

/** Reads a topic from the start with a fresh consumer group until `done` holds for what arrived: what another service would receive. */
export async function readTopicUntil(
  brokers: string,
  topic: string,
  done: (seen: { key: string; envelope: EventEnvelope }[]) => boolean,
  timeoutMs = 30_000,
): Promise<{ key: string; envelope: EventEnvelope }[]> {
  const kafka = new Kafka({ clientId: 'e2e-probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `e2e-probe-${randomUUID()}` });
  const seen: { key: string; envelope: EventEnvelope }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        try {
          seen.push({ key: message.key?.toString() ?? '', envelope: JSON.parse(message.value?.toString() ?? '{}') as EventEnvelope });
        } catch {
          // not an envelope (tests put garbage on topics on purpose)
        }
      },
    });
    await eventually(async () => (done(seen) ? true : undefined), timeoutMs, `the expected messages on ${topic}`);
    return seen;
  } finally {
    await consumer.disconnect();
  }
}
