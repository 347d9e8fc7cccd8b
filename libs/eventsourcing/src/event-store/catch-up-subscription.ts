import { StoredEvent, SubscribeOptions, Subscription } from './event-store.port';

export interface LogReader {
  readAll(options: { after?: string | null; limit: number }): Promise<StoredEvent[]>;
}

/**
 * Follows a log by reading batches after the last delivered position. Between empty reads it sleeps
 * for `idleMs` or until `wake` is signalled (an append in this process), whichever comes first.
 */
export function catchUpSubscription(
  reader: LogReader,
  options: SubscribeOptions,
  wake: { wait(ms: number): Promise<unknown> },
  idleMs = 100,
): Subscription {
  let running = true;
  let after = options.after ?? null;
  const batchSize = options.batchSize ?? 500;
  const loop = (async () => {
    let failures = 0;
    while (running) {
      try {
        const events = await reader.readAll({ after, limit: batchSize });
        for (const event of events) {
          if (!running) return;
          await options.onEvent(event);
          after = event.logPosition;
        }
        failures = 0;
        if (events.length < batchSize) {
          options.onCaughtUp?.();
          await wake.wait(idleMs);
        }
      } catch (error) {
        if (!running) return;
        options.onError?.(error);
        failures += 1;
        await wake.wait(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

/**
 * A wake-up signal: `wait` resolves after `ms` (false) or at the next `notify` (true), whichever is first. A reader
 * passes the count it saw before reading (`since`): a notify that came while it was busy then wakes it at once
 * instead of being lost.
 */
export class WakeSignal {
  private waiters = new Set<(notified: boolean) => void>();
  private notifications = 0;

  /** How many notifications there have been: read it before reading the log, pass it to `wait`. */
  get count(): number {
    return this.notifications;
  }

  wait(ms: number, since = this.notifications): Promise<boolean> {
    if (since !== this.notifications) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (notified: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(notified);
      };
      const timer = setTimeout(() => done(false), ms);
      this.waiters.add(done);
    });
  }

  notify(): void {
    this.notifications++;
    for (const waiter of [...this.waiters]) waiter(true);
  }
}
