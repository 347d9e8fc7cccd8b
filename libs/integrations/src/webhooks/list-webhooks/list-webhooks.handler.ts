import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WebhookView, WorkspaceEventType } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/application';
import { requireOwnerOrAdmin } from '../../workspace-access';
import { ListWebhooks } from './list-webhooks.query';

/** The workspace's endpoints, oldest first (a workspace has few); secrets are never shown again. */
@QueryHandler(ListWebhooks)
export class ListWebhooksHandler implements IQueryHandler<ListWebhooks> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListWebhooks): Promise<{ items: WebhookView[] }> {
    await requireOwnerOrAdmin(this.sql, payload.workspaceId, signedIn(meta).accountId);
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
