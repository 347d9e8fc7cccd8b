import { Daemon } from '@mpp/application';
import { AggregateStore } from '@mpp/eventsourcing';
import { Logger, webhookDeliveries, webhookDeliveryDuration } from '@mpp/platform';
import { SecretBox } from '../webhooks/secret-box';
import { webhookDecider, webhookStreamId } from '../webhooks/webhook.decider';
import { DeliveryLog, DueDelivery } from './delivery-log';
import { sendDelivery, SendOutcome } from './webhook-sender';

export interface DispatcherOptions {
  allowPrivateNetworks: boolean;
  /** How often it looks for new events and due deliveries. */
  pollMs?: number;
  /** Deliveries under way at once in this process. */
  concurrency?: number;
  timeoutMs?: number;
}

/**
 * Sends webhooks (DOMAIN.md 7), at least once: it fans the feed's new events out into deliveries (DeliveryLog), takes
 * the due ones (several processes share them: a claim is a row lock skipped by the others, then a lease), POSTs each
 * signed with its endpoint's secrets, and records the attempt with what comes next. A process killed mid-send leaves
 * its claims to expire; the delivery is sent again with the same webhook-id. An endpoint that has failed everything
 * for 5 days is disabled by an event on its stream.
 */
export class WebhookDispatcher implements Daemon {
  private stopping = true;
  private timer?: NodeJS.Timeout;
  private step: Promise<void> = Promise.resolve();
  private readonly inFlight = new Set<Promise<void>>();
  /** Deliveries under way here, by endpoint: an endpoint at its limit (PER_ENDPOINT_AT_ONCE) gets no more until one ends. */
  private readonly perEndpoint = new Map<string, number>();
  private readonly pollMs: number;
  private readonly concurrency: number;

  constructor(
    private readonly log: DeliveryLog,
    private readonly box: SecretBox,
    private readonly aggregates: AggregateStore,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions,
  ) {
    this.pollMs = options.pollMs ?? 200;
    this.concurrency = options.concurrency ?? 32;
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.step;
    await Promise.all(this.inFlight);
    clearTimeout(this.timer);
  }

  /** Runs a step in `ms`; a step already scheduled or running is not doubled (the next one comes after it). */
  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.step = this.step.then(() =>
        this.once()
          .catch((error: unknown) => this.logger.warn({ err: error }, 'webhook dispatcher step failed; trying again'))
          .then((busy) => {
            // Busy (every slot taken or the outbox not yet empty): the next step comes as soon as a slot frees up.
            if (!this.stopping && !this.timer) this.schedule(busy ? this.pollMs * 5 : this.pollMs);
          }),
      );
    }, ms);
  }

  /** Fans out what is new, then starts the due deliveries there is room for; whether it filled every slot. */
  private async once(): Promise<boolean> {
    while (!this.stopping && (await this.log.fanOut()) > 0);
    const room = this.concurrency - this.inFlight.size;
    if (this.stopping || room <= 0) return true;
    // What is under way counts: an endpoint's deliveries fanned out over several steps still get 4 at once at most.
    const due = await this.log.claimDue(room, this.perEndpoint);
    for (const delivery of due) {
      const { webhookId } = delivery;
      this.perEndpoint.set(webhookId, (this.perEndpoint.get(webhookId) ?? 0) + 1);
      const sending: Promise<void> = this.deliver(delivery)
        .catch((error: unknown) => this.logger.error({ err: error, deliveryId: delivery.deliveryId }, 'webhook attempt not recorded; sent again once its claim expires'))
        .finally(() => {
          this.inFlight.delete(sending);
          const left = (this.perEndpoint.get(webhookId) ?? 1) - 1;
          if (left > 0) this.perEndpoint.set(webhookId, left);
          else this.perEndpoint.delete(webhookId);
          // A free slot takes the next due delivery at once rather than at the next poll.
          if (!this.stopping) this.schedule(0);
        });
      this.inFlight.add(sending);
    }
    return due.length === room;
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    const at = new Date();
    const outcome = await this.send(delivery, at);
    webhookDeliveries.inc({ outcome: outcome.delivered ? 'delivered' : 'failed' });
    webhookDeliveryDuration.observe(outcome.durationMs / 1000);
    const { failingTooLong } = await this.log.recordAttempt(delivery, { ...outcome, at });
    const context = { webhookId: delivery.webhookId, deliveryId: delivery.deliveryId, eventType: delivery.eventType, statusCode: outcome.statusCode, ms: outcome.durationMs };
    if (outcome.delivered) this.logger.debug(context, 'webhook delivered');
    else this.logger.info({ ...context, error: outcome.error }, 'webhook attempt failed');
    if (failingTooLong) {
      await this.aggregates.handle(webhookDecider, webhookStreamId(delivery.webhookId), { type: 'DisableFailingWebhook' }, { metadata: { correlationId: delivery.deliveryId } });
      this.logger.warn({ webhookId: delivery.webhookId }, 'webhook endpoint disabled: every delivery failed for 5 days');
    }
  }

  private send(delivery: DueDelivery, at: Date): Promise<SendOutcome> {
    let secrets: string[];
    try {
      secrets = [this.box.open(delivery.sealedSecret)];
      if (delivery.previousSealedSecret && delivery.previousValidUntil && delivery.previousValidUntil > at) secrets.push(this.box.open(delivery.previousSealedSecret));
    } catch {
      // Sealed under another WEBHOOK_SECRETS_KEY: nothing could verify what we would sign.
      return Promise.resolve({ delivered: false, durationMs: 0, error: 'the signing secret cannot be opened (WEBHOOK_SECRETS_KEY changed?); rotate the secret' });
    }
    const body = JSON.stringify({ type: delivery.eventType, timestamp: delivery.occurredAt.toISOString(), data: delivery.data });
    return sendDelivery({ url: delivery.url, messageId: delivery.eventId, timestamp: at, body, secrets }, this.options);
  }
}
