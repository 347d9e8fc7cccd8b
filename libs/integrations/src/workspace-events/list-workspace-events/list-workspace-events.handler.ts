import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkspaceEventsPage, WorkspaceEventType } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AppError, decodeCursor, encodeCursor } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { requireMember } from '../../workspace-access';
import { ListWorkspaceEvents } from './list-workspace-events.query';

/**
 * The events after `after`, oldest first. The cursor names the last event a client has seen (by its place in the
 * feed), so a client that stores it catches up after downtime; with nothing new, the same cursor comes back.
 */
@QueryHandler(ListWorkspaceEvents)
export class ListWorkspaceEventsHandler implements IQueryHandler<ListWorkspaceEvents> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListWorkspaceEvents): Promise<WorkspaceEventsPage> {
    await requireMember(this.sql, payload.workspaceId, signedIn(meta).accountId);
    const after = decodeCursor<{ seq: number }>(payload.after, { seq: 'number' })?.seq ?? 0;
    // A cursor we made holds a place in the feed: a whole number, never a fraction or beyond what a bigint holds.
    if (!Number.isSafeInteger(after) || after < 0) throw AppError.badInput('the cursor is not one this API gave out', [{ field: 'after', message: 'invalid cursor' }], 'INVALID_CURSOR');
    const { rows } = await this.sql.query<{ seq: string; event_id: string; type: WorkspaceEventType; occurred_at: Date; data: Record<string, unknown> }>(
      `SELECT seq, event_id, type, occurred_at, data FROM workspace_events
        WHERE workspace_id = $1 AND seq > $2 AND ($3::text[] IS NULL OR type = ANY($3)) ORDER BY seq LIMIT $4`,
      [payload.workspaceId, after, payload.types?.length ? payload.types : null, payload.limit],
    );
    const last = rows.length ? Number(rows[rows.length - 1].seq) : after;
    return {
      items: rows.map((r) => ({ eventId: r.event_id, type: r.type, occurredAt: new Date(r.occurred_at).toISOString(), data: r.data })),
      nextCursor: encodeCursor({ seq: last }),
    };
  }
}
