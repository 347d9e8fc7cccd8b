import { Consumer, ConsumerConfig, ConsumerRunConfig, Kafka, logLevel, LogEntry } from 'kafkajs';
import { Logger } from '@mpp/platform';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Requests and replies may carry a workspace logo (2 MB, base64); brokers are set to accept 8 MB messages. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/**
 * Every consumer group of ours: a member is declared dead after 15 s of silence, and a fetch waits up to 1 s for
 * data (the broker answers as soon as a message arrives, so this is what idle consumers poll at, not a delay).
 * Heartbeats every 3 s (kafkajs' default): kafkajs sends one after a batch once the interval has passed and
 * waits for it before fetching again, so each is a pause in the flow of requests and replies.
 */
export function consumerConfig(groupId: string): ConsumerConfig {
  return { groupId, sessionTimeout: 15_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 1000, maxBytesPerPartition: MAX_MESSAGE_BYTES };
}

/** The session of request servers and reply readers unless KAFKA_REQUEST_SESSION_TIMEOUT_MS says otherwise. */
export const DEFAULT_REQUEST_SESSION_MS = 6_000;

/**
 * Request servers and reply readers: a member killed without leaving (kill -9, a crash) holds its partitions
 * until its session expires, and the instance restarted in its place waits for that before it is given them.
 * kafkajs has no static membership, so the session is short: by default as short as brokers allow by default
 * (group.min.session.timeout.ms, 6 s); our own brokers (scripts/kafka.sh, compose) allow 3 s and our apps use
 * it there. Heartbeats come four times a session; these consumers hand each batch off at once, so no batch
 * comes near it. Event consumers keep the longer session: their batches do work before returning.
 */
export function requestConsumerConfig(groupId: string, sessionTimeoutMs = DEFAULT_REQUEST_SESSION_MS): ConsumerConfig {
  return { ...consumerConfig(groupId), sessionTimeout: sessionTimeoutMs, heartbeatInterval: Math.round(sessionTimeoutMs / 4) };
}

/**
 * Runs a consumer until stopped, whatever it meets. kafkajs restarts a consumer itself after a retriable error,
 * but one that crashes on an error it deems final (seen once in CI after the broker came back, leaving a service
 * deaf to its requests for good) stays stopped while the process lives on. Such a crash is logged and the
 * consumer joined again a second later, and again while that fails. Call the returned function before
 * disconnecting.
 */
export function runUntilStopped(consumer: Consumer, run: ConsumerRunConfig, logger: Logger, name: string): { started: Promise<void>; halt: () => void } {
  let halted = false;
  let timer: NodeJS.Timeout | undefined;
  const again = () => {
    timer = setTimeout(() => {
      if (halted) return;
      consumer
        .connect()
        .then(() => consumer.run(run))
        .then(() => logger.warn({ consumer: name }, 'consumer running again after its crash'))
        .catch((error: unknown) => {
          logger.error({ err: error, consumer: name }, 'consumer could not start again; trying once more');
          again();
        });
    }, 1_000);
  };
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (halted || payload.restart) return;
    logger.error({ err: payload.error, consumer: name }, 'consumer crashed for good; joining again in 1 s');
    again();
  });
  return {
    started: consumer.run(run),
    halt: () => {
      halted = true;
      clearTimeout(timer);
    },
  };
}

/** A kafkajs client whose own log lines go through our pino logger. */
export function createKafka(clientId: string, brokers: string[], logger: Logger): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    // Backoff capped at 1 s: kafkajs' default cap (30 s) left clients asleep for up to half a minute after a
    // broker came back; 30 tries cover a broker restart of about half a minute.
    retry: { initialRetryTime: 200, maxRetryTime: 1_000, retries: 30 },
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...extra } = log;
        logger[LEVELS[level] ?? 'info']({ kafka: namespace, ...extra }, message);
      },
  });
}

/**
 * Creates the topics that do not exist yet (3 partitions unless said otherwise). Several services start at
 * once and create the same topics; a fresh broker answers with retriable errors meanwhile, so this tries
 * again until every topic is there.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3, timeoutMs = 60_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t));
        if (missing.length === 0) return;
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })) });
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 200 * attempt)));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** Kafka header values arrive as Buffers (or arrays of them); read one as a string. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null ? undefined : first.toString();
}
