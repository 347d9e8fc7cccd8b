import { Projection } from '@mpp/eventsourcing';
import { WEBHOOK_CREATED, WEBHOOK_DELETED, WEBHOOK_DISABLED, WEBHOOK_SECRET_ROTATED, WEBHOOK_UPDATED, WebhookEvent } from './webhook.decider';

/**
 * The webhook endpoints: what the lists show, and what the dispatcher reads to fan events out and sign them (the
 * secrets sealed, as in the events). A deleted endpoint's row goes; its deliveries are no longer sent.
 */
export const webhooksProjection: Projection = {
  name: 'webhooks',
  source: 'store',
  tables: ['webhook_endpoints'],
  schema: (t) => `
    CREATE TABLE ${t('webhook_endpoints')} (
      webhook_id text PRIMARY KEY, workspace_id text NOT NULL, url text NOT NULL, event_types text[] NOT NULL, description text NOT NULL,
      enabled boolean NOT NULL, disabled_reason text, sealed_secret text NOT NULL, previous_sealed_secret text, previous_valid_until timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX ON ${t('webhook_endpoints')} (workspace_id, created_at);`,
  async apply(tx, event, t) {
    const e = { type: event.type, data: event.data } as WebhookEvent;
    const webhookId = event.streamId.slice('Webhook-'.length);
    switch (e.type) {
      case WEBHOOK_CREATED:
        await tx.query(
          `INSERT INTO ${t('webhook_endpoints')} (webhook_id, workspace_id, url, event_types, description, enabled, sealed_secret, created_at)
           VALUES ($1, $2, $3, $4, $5, true, $6, $7) ON CONFLICT DO NOTHING`,
          [e.data.webhookId, e.data.workspaceId, e.data.url, e.data.eventTypes, e.data.description, e.data.sealedSecret, e.data.at],
        );
        break;
      case WEBHOOK_UPDATED:
        await tx.query(
          `UPDATE ${t('webhook_endpoints')} SET url = coalesce($2, url), event_types = coalesce($3, event_types), description = coalesce($4, description),
             enabled = coalesce($5, enabled), disabled_reason = CASE WHEN $5::boolean IS NULL THEN disabled_reason WHEN $5 THEN NULL ELSE 'MEMBER' END
           WHERE webhook_id = $1`,
          [webhookId, e.data.url ?? null, e.data.eventTypes ?? null, e.data.description ?? null, e.data.enabled ?? null],
        );
        break;
      case WEBHOOK_SECRET_ROTATED:
        await tx.query(
          `UPDATE ${t('webhook_endpoints')} SET previous_sealed_secret = sealed_secret, previous_valid_until = $3, sealed_secret = $2 WHERE webhook_id = $1`,
          [webhookId, e.data.sealedSecret, e.data.previousValidUntil],
        );
        break;
      case WEBHOOK_DISABLED:
        await tx.query(`UPDATE ${t('webhook_endpoints')} SET enabled = false, disabled_reason = 'FAILING' WHERE webhook_id = $1`, [webhookId]);
        break;
      case WEBHOOK_DELETED:
        await tx.query(`DELETE FROM ${t('webhook_endpoints')} WHERE webhook_id = $1`, [webhookId]);
        break;
    }
  },
};
