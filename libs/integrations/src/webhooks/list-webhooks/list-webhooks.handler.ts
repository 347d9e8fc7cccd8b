import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WebhookView, WorkspaceEventType } from '@mpp/contracts';
import { awaitProjection, EventStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { EVENT_STORE, SQL_CLIENT } from '@mpp/application';
import { requireOwnerOrAdmin } from '../../workspace-access';
import { webhooksProjection } from '../webhooks.projection';
import { ListWebhooks } from './list-webhooks.query';

/**
 * The workspace's endpoints, oldest first (a workspace has few); secrets are never shown again. Read once the
 * webhooks projection has caught up with the store: an endpoint just created, changed or deleted shows as such
 * (it lagged a moment, and a caller listing right after creating saw nothing).
 */
@QueryHandler(ListWebhooks)
export class ListWebhooksHandler implements IQueryHandler<ListWebhooks> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ payload, meta }: ListWebhooks): Promise<{ items: WebhookView[] }> {
    await requireOwnerOrAdmin(this.sql, payload.workspaceId, signedIn(meta).accountId);
    await awaitProjection(this.sql, this.store, webhooksProjection.name);
    const { rows } = await this.sql.query<{
      webhook_id: string; url: string; event_types: WorkspaceEventType[]; description: string; enabled: boolean; disabled_reason: 'MEMBER' | 'FAILING' | null;
      created_at: Date; previous_valid_until: Date | null;
    }>(
      `SELECT webhook_id, url, event_types, description, enabled, disabled_reason, created_at, CASE WHEN previous_valid_until > now() THEN previous_valid_until END AS previous_valid_until
         FROM webhook_endpoints WHERE workspace_id = $1 ORDER BY created_at, webhook_id`,
      [payload.workspaceId],
    );
    return {
      items: rows.map((r) => ({
        webhookId: r.webhook_id,
        workspaceId: payload.workspaceId,
        url: r.url,
        eventTypes: r.event_types,
        description: r.description,
        enabled: r.enabled,
        ...(r.disabled_reason ? { disabledReason: r.disabled_reason } : {}),
        createdAt: new Date(r.created_at).toISOString(),
        ...(r.previous_valid_until ? { previousSecretValidUntil: new Date(r.previous_valid_until).toISOString() } : {}),
      })),
    };
  }
}
