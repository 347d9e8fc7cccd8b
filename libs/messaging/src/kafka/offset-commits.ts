import { Consumer } from 'kafkajs';
import { Logger } from '@mpp/platform';

const INTERVAL_MS = 1000;

/**
 * Commits the offsets a consumer of ours is done with, instead of kafkajs' autoCommit (run it with
 * `autoCommit: false`). With autoCommit, kafkajs commits after every batch and waits for the broker before it
 * fetches again: under light load a batch is one message, so every request, reply and event paid an extra round
 * trip and a write to __consumer_offsets. Here commits go in the background, one at a time: once a second when
 * something is new, when the group starts to rebalance (before partitions can move, so their next owner does not
 * take again what this member took), and on stop. What a crash leaves uncommitted (a second at most) is read
 * again, which every consumer of ours takes safely.
 */
export class OffsetCommits {
  /** `topic\0partition` → the next offset to read, as done and as committed. */
  private readonly done = new Map<string, string>();
  private readonly committed = new Map<string, string>();
  private committing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly consumer: Consumer,
    private readonly logger: Logger,
  ) {
    consumer.on(consumer.events.REBALANCING, () => void this.flush());
    // A new assignment: partitions that went elsewhere must not be committed from here again.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.done.clear();
      this.committed.clear();
    });
    this.timer = setInterval(() => void this.flush(), INTERVAL_MS);
    this.timer.unref();
  }

  /** This member is done with `offset` of the partition (and everything before it). */
  markDone(topic: string, partition: number, offset: string): void {
    this.done.set(`${topic}\0${partition}`, String(BigInt(offset) + 1n));
  }

  /** Commits what is done and not committed yet; never throws (a failed commit is tried again by the next one). */
  flush(): Promise<void> {
    if (this.committing) return this.committing;
    const changed = [...this.done].filter(([key, offset]) => this.committed.get(key) !== offset);
    if (changed.length === 0) return Promise.resolve();
    const offsets = changed.map(([key, offset]) => {
      const [topic, partition] = key.split('\0');
      return { topic, partition: Number(partition), offset };
    });
    this.committing = this.consumer
      .commitOffsets(offsets)
      .then(() => changed.forEach(([key, offset]) => this.committed.set(key, offset)))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'offsets could not be committed; trying again later'))
      .finally(() => (this.committing = undefined));
    return this.committing;
  }

  /** Stops the timer and commits what is done; call before disconnecting the consumer. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.committing;
    await this.flush();
  }
}
