import {
  AUTHORIZATION_ENDED,
  AUTHORIZATION_GRANTED,
  AUTHORIZATION_REVOKED,
  AuthorizationEventV1,
  MINI_PROGRAM_CREATED,
  miniProgramIdOfSubject,
  MiniProgramCreatedV1,
  ORDER_PLACED,
  OrderPlacedV2,
  upcastOrderEvent,
} from '@mpp/contracts';
import { Projection, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';
import { KnownMiniProgram, KnownOrder, ORDER_EVENT_TYPES, VERSION_EVENT_TYPES, workspaceEventOf } from './workspace-event-mapping';

/**
 * Each workspace's event feed (DOMAIN.md 7): the events of its orders, authorizations, versions and batch jobs, as
 * workspace-event-mapping.ts makes them from the inbox. `seq` numbers the inbox's events that concern anyone, in the
 * order the inbox is read, so a rebuild numbers them the same and feed cursors stay good; an event's rows for its
 * merchant and its ISV share their seq and its event id. It also keeps what the mapping needs to know: each order's
 * parties, and each mini program's merchant and authorized ISV at that point of the inbox.
 */
export const workspaceEventsProjection: Projection = {
  name: 'workspace-events',
  source: 'inbox',
  tables: ['workspace_events', 'event_orders', 'event_mini_programs'],
  schema: (t) => `
    CREATE TABLE ${t('workspace_events')} (
      workspace_id text NOT NULL, seq bigint NOT NULL, event_id text NOT NULL, type text NOT NULL, occurred_at timestamptz NOT NULL, data jsonb NOT NULL,
      PRIMARY KEY (workspace_id, seq)
    );
    CREATE INDEX ON ${t('workspace_events')} (seq);
    CREATE TABLE ${t('event_orders')} (
      order_id text PRIMARY KEY, service_id text NOT NULL, mini_program_id text NOT NULL, merchant_workspace_id text NOT NULL, isv_workspace_id text NOT NULL
    );
    CREATE TABLE ${t('event_mini_programs')} (mini_program_id text PRIMARY KEY, merchant_workspace_id text NOT NULL, isv_workspace_id text);`,
  async apply(tx, event, t) {
    await remember(tx, event, t);
    const mapped = workspaceEventOf(event, await known(tx, event, t));
    if (!mapped) return;
    const { rows } = await tx.query<{ seq: string }>(`SELECT coalesce(max(seq), 0) + 1 AS seq FROM ${t('workspace_events')}`);
    await tx.query(
      `INSERT INTO ${t('workspace_events')} (workspace_id, seq, event_id, type, occurred_at, data)
       SELECT w, $2, $3, $4, $5, $6::jsonb FROM unnest($1::text[]) AS w ON CONFLICT DO NOTHING`,
      [mapped.workspaces, rows[0].seq, event.eventId, mapped.type, event.metadata.occurredAt, JSON.stringify(mapped.data)],
    );
  },
};

/** Keeps the parties the mapping of later events needs. */
async function remember(tx: SqlClient, event: StoredEvent, t: TableNames): Promise<void> {
  switch (event.type) {
    case ORDER_PLACED: {
      const o = upcastOrderEvent(event).data as OrderPlacedV2;
      await tx.query(
        `INSERT INTO ${t('event_orders')} (order_id, service_id, mini_program_id, merchant_workspace_id, isv_workspace_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [o.orderId, o.serviceId, o.miniProgramId, o.merchantWorkspaceId, o.isvWorkspaceId],
      );
      return;
    }
    case MINI_PROGRAM_CREATED: {
      const m = event.data as unknown as MiniProgramCreatedV1;
      await tx.query(`INSERT INTO ${t('event_mini_programs')} (mini_program_id, merchant_workspace_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [m.miniProgramId, m.ownerWorkspaceId]);
      return;
    }
    case AUTHORIZATION_GRANTED: {
      const a = event.data as unknown as AuthorizationEventV1;
      await tx.query(`UPDATE ${t('event_mini_programs')} SET isv_workspace_id = $2 WHERE mini_program_id = $1`, [a.miniProgramId, a.isvWorkspaceId]);
      return;
    }
    case AUTHORIZATION_REVOKED:
    case AUTHORIZATION_ENDED: {
      const a = event.data as unknown as AuthorizationEventV1;
      await tx.query(`UPDATE ${t('event_mini_programs')} SET isv_workspace_id = NULL WHERE mini_program_id = $1 AND isv_workspace_id = $2`, [a.miniProgramId, a.isvWorkspaceId]);
      return;
    }
  }
}

/** What the mapping needs to place the event: its order's parties, or its mini program's. */
async function known(tx: SqlClient, event: StoredEvent, t: TableNames): Promise<{ order?: KnownOrder; miniProgram?: KnownMiniProgram }> {
  if (ORDER_EVENT_TYPES[event.type] && event.type !== ORDER_PLACED) {
    const { rows } = await tx.query<KnownOrder>(
      `SELECT order_id AS "orderId", service_id AS "serviceId", mini_program_id AS "miniProgramId", merchant_workspace_id AS "merchantWorkspaceId",
              isv_workspace_id AS "isvWorkspaceId" FROM ${t('event_orders')} WHERE order_id = $1`,
      [(event.data as { orderId?: string }).orderId ?? ''],
    );
    return { order: rows[0] };
  }
  if (VERSION_EVENT_TYPES[event.type]) {
    const { rows } = await tx.query<{ merchantWorkspaceId: string; isvWorkspaceId: string | null }>(
      `SELECT merchant_workspace_id AS "merchantWorkspaceId", isv_workspace_id AS "isvWorkspaceId" FROM ${t('event_mini_programs')} WHERE mini_program_id = $1`,
      [miniProgramIdOfSubject(event.streamId) ?? ''],
    );
    const row = rows[0];
    return row ? { miniProgram: { miniProgramId: miniProgramIdOfSubject(event.streamId) as string, merchantWorkspaceId: row.merchantWorkspaceId, isvWorkspaceId: row.isvWorkspaceId ?? undefined } } : {};
  }
  return {};
}
