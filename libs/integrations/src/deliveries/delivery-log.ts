import { randomUUID } from 'node:crypto';
import { DeliveryAttempt, DeliveryStatus, DeliveryView, WEBHOOK_PING } from '@mpp/contracts';
import { ensureSchema, SqlClient } from '@mpp/eventsourcing';

/**
 * The webhooks' outbox and delivery log (DOMAIN.md 7). Deliveries are made here, not in a projection: a rebuild must
 * never send anything again. The dispatcher moves `webhook_fanout.after` over the feed (workspace_events, by seq)
 * and, in the same transaction, adds one delivery per endpoint of the event's workspace that wants its type, once
 * per endpoint and event (the key), so a crash between the two repeats nothing. A disabled endpoint's deliveries are
 * made too and wait: they are sent once it is enabled again.
 */
export const DELIVERY_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  delivery_id text PRIMARY KEY, webhook_id text NOT NULL, event_id text NOT NULL, event_type text NOT NULL, occurred_at timestamptz NOT NULL,
  data jsonb NOT NULL, status text NOT NULL, attempts_in_round int NOT NULL DEFAULT 0, next_attempt_at timestamptz, created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at);
CREATE TABLE IF NOT EXISTS webhook_delivery_attempts (
  delivery_id text NOT NULL, n int NOT NULL, at timestamptz NOT NULL, status_code int, duration_ms int NOT NULL, error text, response text,
  PRIMARY KEY (delivery_id, n)
);
CREATE TABLE IF NOT EXISTS webhook_fanout (id int PRIMARY KEY, after bigint NOT NULL);
INSERT INTO webhook_fanout (id, after) VALUES (1, 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS webhook_health (webhook_id text PRIMARY KEY, failing_since timestamptz NOT NULL);
ALTER TABLE webhook_health ADD COLUMN IF NOT EXISTS last_failure_at timestamptz`;

/** After the n-th failed attempt of a round, the next comes this much later (API.md); after the last, FAILED. */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000];
/** An endpoint that has failed every attempt for this long is disabled (DOMAIN.md 7). */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3_600_000;
/** How long a claimed delivery is left to its sender before another may take it (a sender killed mid-way). */
const CLAIM_MS = 60_000;
/** Failures further apart than a whole round of retries do not make a run of failing: the next one starts it anew. */
const FAILING_RUN_GAP_MS = 30 * 3_600_000;
/** Deliveries to one endpoint under way at once in a process: a slow endpoint cannot take every slot. */
export const PER_ENDPOINT_AT_ONCE = 4;
/** Events fanned out per transaction. */
const FANOUT_BATCH = 1_000;

/** A delivery due now, with what its sender needs: where, and the sealed secrets that sign it. */
export interface DueDelivery {
  deliveryId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  attemptsInRound: number;
  url: string;
  sealedSecret: string;
  previousSealedSecret: string | null;
  previousValidUntil: Date | null;
}

export interface AttemptOutcome extends Omit<DeliveryAttempt, 'at'> {
  at: Date;
  delivered: boolean;
}

export class DeliveryLog {
  constructor(private readonly sql: SqlClient) {}

  async init(): Promise<this> {
    await ensureSchema(this.sql, DELIVERY_LOG_SCHEMA);
    return this;
  }

  /** Adds the deliveries of the feed's next events; how many events it moved over (0: caught up). */
  async fanOut(): Promise<number> {
    return this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ after: string }>(`SELECT after FROM webhook_fanout WHERE id = 1 FOR UPDATE`);
      const after = Number(rows[0].after);
      const head = await tx.query<{ upto: string | null }>(`SELECT max(seq) AS upto FROM (SELECT seq FROM workspace_events WHERE seq > $1 ORDER BY seq LIMIT $2) s`, [after, FANOUT_BATCH]);
      const upto = head.rows[0].upto === null ? after : Number(head.rows[0].upto);
      if (upto === after) return 0;
      await tx.query(
        `INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, event_type, occurred_at, data, status, next_attempt_at)
         SELECT gen_random_uuid()::text, w.webhook_id, e.event_id, e.type, e.occurred_at, e.data, 'PENDING', now()
           FROM workspace_events e JOIN webhook_endpoints w ON w.workspace_id = e.workspace_id AND e.type = ANY(w.event_types)
          WHERE e.seq > $1 AND e.seq <= $2
          ORDER BY e.seq
         ON CONFLICT (webhook_id, event_id) DO NOTHING`,
        [after, upto],
      );
      await tx.query(`UPDATE webhook_fanout SET after = $1 WHERE id = 1`, [upto]);
      return upto - after;
    });
  }

  /**
   * Takes up to `limit` deliveries due now, oldest first, leaving each to this sender for a while: at most `perEndpoint`
   * of one endpoint counting those `underWay` here already (by webhook id), so an endpoint with 2 under way gets 2 more.
   */
  async claimDue(limit: number, underWay: ReadonlyMap<string, number> = new Map(), perEndpoint = PER_ENDPOINT_AT_ONCE): Promise<DueDelivery[]> {
    const { rows } = await this.sql.query<Record<string, unknown>>(
      `WITH candidates AS (
         SELECT delivery_id FROM (
           SELECT d.delivery_id, d.next_attempt_at, coalesce(u.under_way, 0) AS under_way, row_number() OVER (PARTITION BY d.webhook_id ORDER BY d.next_attempt_at) AS n
             FROM webhook_deliveries d JOIN webhook_endpoints w USING (webhook_id)
             LEFT JOIN unnest($3::text[], $5::int[]) AS u(webhook_id, under_way) USING (webhook_id)
            WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND w.enabled) ranked
          WHERE n <= $4 - under_way ORDER BY next_attempt_at LIMIT $1),
       due AS (SELECT d.delivery_id FROM webhook_deliveries d JOIN candidates USING (delivery_id) WHERE d.status = 'PENDING' FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_deliveries d SET next_attempt_at = now() + $2 * interval '1 millisecond' FROM due, webhook_endpoints w
        WHERE d.delivery_id = due.delivery_id AND w.webhook_id = d.webhook_id
       RETURNING d.delivery_id, d.webhook_id, d.event_id, d.event_type, d.occurred_at, d.data, d.attempts_in_round, w.url, w.sealed_secret,
                 w.previous_sealed_secret, w.previous_valid_until`,
      [limit, CLAIM_MS, [...underWay.keys()], perEndpoint, [...underWay.values()]],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id as string,
      webhookId: r.webhook_id as string,
      eventId: r.event_id as string,
      eventType: r.event_type as string,
      occurredAt: new Date(r.occurred_at as string),
      data: r.data as Record<string, unknown>,
      attemptsInRound: Number(r.attempts_in_round),
      url: r.url as string,
      sealedSecret: r.sealed_secret as string,
      previousSealedSecret: (r.previous_sealed_secret as string | null) ?? null,
      previousValidUntil: r.previous_valid_until ? new Date(r.previous_valid_until as string) : null,
    }));
  }

  /** Forgets an endpoint's run of failures (enabled again, or a new URL): it is judged afresh. */
  async resetHealth(webhookId: string): Promise<void> {
    await this.sql.query(`DELETE FROM webhook_health WHERE webhook_id = $1`, [webhookId]);
  }

  /**
   * Records an attempt and what follows: DELIVERED, the next try per RETRY_DELAYS_MS, or FAILED after the last.
   * Answers whether the endpoint has now failed everything for DISABLE_AFTER_FAILING_MS.
   */
  async recordAttempt(delivery: DueDelivery, outcome: AttemptOutcome): Promise<{ failingTooLong: boolean }> {
    return this.sql.transaction(async (tx) => {
      const n = delivery.attemptsInRound + 1;
      const delay = RETRY_DELAYS_MS[n - 1];
      const status: DeliveryStatus = outcome.delivered ? 'DELIVERED' : delay === undefined ? 'FAILED' : 'PENDING';
      await tx.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, n, at, status_code, duration_ms, error, response)
         VALUES ($1, (SELECT coalesce(max(n), 0) + 1 FROM webhook_delivery_attempts WHERE delivery_id = $1), $2, $3, $4, $5, $6)`,
        [delivery.deliveryId, outcome.at, outcome.statusCode ?? null, outcome.durationMs, outcome.error ?? null, outcome.response ?? null],
      );
      await tx.query(
        `UPDATE webhook_deliveries SET status = $2, attempts_in_round = $3, next_attempt_at = CASE WHEN $2 = 'PENDING' THEN $4::timestamptz ELSE NULL END WHERE delivery_id = $1`,
        [delivery.deliveryId, status, n, new Date(outcome.at.getTime() + (delay ?? 0))],
      );
      if (outcome.delivered) {
        await tx.query(`DELETE FROM webhook_health WHERE webhook_id = $1`, [delivery.webhookId]);
        return { failingTooLong: false };
      }
      // A run of failures: kept while failures follow each other within a round of retries, started anew otherwise.
      const { rows } = await tx.query<{ failing_since: Date }>(
        `INSERT INTO webhook_health AS h (webhook_id, failing_since, last_failure_at) VALUES ($1, $2, $2)
         ON CONFLICT (webhook_id) DO UPDATE SET last_failure_at = EXCLUDED.last_failure_at,
           failing_since = CASE WHEN h.last_failure_at IS NULL OR h.last_failure_at >= EXCLUDED.last_failure_at - $3 * interval '1 millisecond' THEN h.failing_since ELSE EXCLUDED.failing_since END
         RETURNING failing_since`,
        [delivery.webhookId, outcome.at, FAILING_RUN_GAP_MS],
      );
      return { failingTooLong: outcome.at.getTime() - new Date(rows[0].failing_since).getTime() >= DISABLE_AFTER_FAILING_MS };
    });
  }

  /** A test delivery to one endpoint, whatever its types; sent like any other. */
  async ping(webhookId: string, at: Date): Promise<string> {
    const deliveryId = randomUUID();
    await this.sql.query(
      `INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_id, event_type, occurred_at, data, status, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'PENDING', now())`,
      [deliveryId, webhookId, randomUUID(), WEBHOOK_PING, at, JSON.stringify({ webhookId })],
    );
    return deliveryId;
  }

  /** Sends a delivery again now, with the same webhook-id, in a new round of retries; false when there is no such delivery. */
  async redeliver(webhookId: string, deliveryId: string): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      `UPDATE webhook_deliveries SET status = 'PENDING', attempts_in_round = 0, next_attempt_at = now() WHERE webhook_id = $1 AND delivery_id = $2`,
      [webhookId, deliveryId],
    );
    return rowCount > 0;
  }

  /** The endpoint's deliveries, newest first, each with its attempts. */
  async list(webhookId: string, status: DeliveryStatus | undefined, limit = 100): Promise<DeliveryView[]> {
    const { rows } = await this.sql.query<Record<string, unknown>>(
      `SELECT d.delivery_id, d.event_id, d.event_type, d.status, d.next_attempt_at,
              coalesce((SELECT json_agg(json_build_object('at', a.at, 'statusCode', a.status_code, 'durationMs', a.duration_ms, 'error', a.error, 'response', a.response) ORDER BY a.n)
                          FROM webhook_delivery_attempts a WHERE a.delivery_id = d.delivery_id), '[]'::json) AS attempts
         FROM webhook_deliveries d WHERE d.webhook_id = $1 AND ($2::text IS NULL OR d.status = $2)
        ORDER BY d.created_at DESC, d.delivery_id LIMIT $3`,
      [webhookId, status ?? null, limit],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id as string,
      eventId: r.event_id as string,
      eventType: r.event_type as string,
      status: r.status as DeliveryStatus,
      attempts: (r.attempts as Record<string, unknown>[]).map((a) => ({
        at: new Date(a.at as string).toISOString(),
        durationMs: Number(a.durationMs),
        ...(a.statusCode !== null ? { statusCode: Number(a.statusCode) } : {}),
        ...(a.error !== null ? { error: a.error as string } : {}),
        ...(a.response !== null ? { response: a.response as string } : {}),
      })),
      ...(r.status === 'PENDING' && r.next_attempt_at ? { nextAttemptAt: new Date(r.next_attempt_at as string).toISOString() } : {}),
    }));
  }
}
