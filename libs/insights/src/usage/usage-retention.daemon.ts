import { Daemon } from '@mpp/application';
import { Logger } from '@mpp/platform';
import { utcDate } from '../figures/periods';
import { UsageLog } from './usage-log';

const HOUR_MS = 3_600_000;

/**
 * Keeps the raw usage events to their 90 days: drops the expired days at start and every hour after (the first
 * hour of a UTC day drops the day that just expired). `npm run ops -- usage drop-expired` does the same by hand.
 */
export class UsageRetentionDaemon implements Daemon {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly log: UsageLog,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.dropExpired();
    this.timer = setInterval(() => void this.dropExpired(), HOUR_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private dropExpired(): Promise<void> {
    this.running = this.log
      .dropExpired(utcDate(new Date()))
      .then((dropped) => {
        if (dropped.length > 0) this.logger.info({ dropped }, 'usage events past retention dropped');
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'usage events past retention could not be dropped; trying again in an hour'));
    return this.running;
  }
}
