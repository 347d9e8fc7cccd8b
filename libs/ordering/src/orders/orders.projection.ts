import {
  AUTHORIZATION_EVENTS,
  AuthorizationEventV1,
  AuthorizationView,
  ORDER_CANCELED,
  ORDER_COMPLETED,
  ORDER_CONFIRMED,
  ORDER_PLACED,
  ORDER_STATUS_AFTER,
  OrderView,
  upcastOrderEvent,
} from '@mpp/contracts';
import { Projection, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';

/**
 * Orders and authorizations, in one projection so that both change in the same transaction: the order's
 * confirmation shows its authorization ACTIVE, its completion or cancellation shows it ENDED, whatever moment
 * the authorization's own stream records it (see order-authorizations).
 */
export const ordersProjection: Projection = {
  name: 'orders',
  source: 'store',
  tables: ['orders', 'authorizations'],
  schema: (t) => `
    CREATE TABLE ${t('orders')} (
      order_id text PRIMARY KEY, merchant_workspace_id text NOT NULL, isv_workspace_id text NOT NULL, mini_program_id text NOT NULL,
      service_id text NOT NULL, status text NOT NULL, updated_at timestamptz NOT NULL, view jsonb NOT NULL
    );
    CREATE INDEX ON ${t('orders')} (merchant_workspace_id, updated_at DESC, order_id DESC);
    CREATE INDEX ON ${t('orders')} (isv_workspace_id, updated_at DESC, order_id DESC);
    CREATE TABLE ${t('authorizations')} (
      authorization_id text PRIMARY KEY, order_id text NOT NULL, mini_program_id text NOT NULL, merchant_workspace_id text NOT NULL,
      isv_workspace_id text NOT NULL, status text NOT NULL, updated_at timestamptz NOT NULL, view jsonb NOT NULL
    );
    CREATE INDEX ON ${t('authorizations')} (merchant_workspace_id, updated_at DESC);
    CREATE INDEX ON ${t('authorizations')} (isv_workspace_id, updated_at DESC);
    CREATE INDEX ON ${t('authorizations')} (mini_program_id);`,
  apply: (tx, event, t) => (AUTHORIZATION_EVENTS.includes(event.type) ? applyAuthorizationEvent(tx, event, t) : applyOrderEvent(tx, event, t)),
};

async function applyOrderEvent(tx: SqlClient, stored: StoredEvent, t: TableNames): Promise<void> {
  if (!stored.streamId.startsWith('Order-')) return;
  const event = upcastOrderEvent(stored);
  const { rows } = await tx.query<{ view: OrderView }>(`SELECT view FROM ${t('orders')} WHERE order_id = $1`, [event.data.orderId]);
  const before = rows[0]?.view;
  let view: OrderView;
  if (event.type === ORDER_PLACED) {
    const { note, at, ...parties } = event.data;
    view = { ...parties, status: 'NEW', ...(note ? { note } : {}), placedAt: at, updatedAt: at, version: stored.streamPosition };
  } else {
    if (!before) return;
    const { reason: _shownBefore, ...kept } = before;
    view = {
      ...kept,
      status: ORDER_STATUS_AFTER[event.type],
      ...(event.type === ORDER_CONFIRMED ? { authorizationId: event.data.authorizationId } : {}),
      // The reason shown is the last step's, as the order's own state has it.
      ...('reason' in event.data && event.data.reason ? { reason: event.data.reason } : {}),
      updatedAt: event.data.at,
      version: stored.streamPosition,
    };
  }
  await tx.query(
    `INSERT INTO ${t('orders')} (order_id, merchant_workspace_id, isv_workspace_id, mini_program_id, service_id, status, updated_at, view)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
     ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, view = EXCLUDED.view`,
    [view.orderId, view.merchantWorkspaceId, view.isvWorkspaceId, view.miniProgramId, view.serviceId, view.status, view.updatedAt, JSON.stringify(view)],
  );
  if (event.type === ORDER_CONFIRMED) {
    const { authorizationId, scopes, at } = event.data;
    const { orderId, miniProgramId, merchantWorkspaceId, isvWorkspaceId } = view;
    await upsertAuthorization(tx, t, { authorizationId, orderId, miniProgramId, merchantWorkspaceId, isvWorkspaceId, status: 'ACTIVE', scopes, grantedAt: at, updatedAt: at, version: 0 });
  }
  if ((event.type === ORDER_COMPLETED || event.type === ORDER_CANCELED) && event.data.authorizationId) {
    const { authorizationId, at } = event.data;
    await tx.query(
      `UPDATE ${t('authorizations')} SET status = 'ENDED', updated_at = $2, view = view || jsonb_build_object('status', 'ENDED', 'updatedAt', $3::text)
        WHERE authorization_id = $1 AND status = 'ACTIVE'`,
      [authorizationId, at, at],
    );
  }
}

async function applyAuthorizationEvent(tx: SqlClient, event: StoredEvent, t: TableNames): Promise<void> {
  const d = event.data as unknown as AuthorizationEventV1;
  const { rows } = await tx.query<{ view: AuthorizationView }>(`SELECT view FROM ${t('authorizations')} WHERE authorization_id = $1`, [d.authorizationId]);
  const before = rows[0]?.view;
  // REVOKED and ENDED are final: a grant recorded late (after a crash) cannot revive what the order's end showed ended,
  // and an end the order's completion already showed keeps the time it showed.
  const final = before !== undefined && before.status !== 'ACTIVE';
  const status = final ? before.status : d.status;
  const updatedAt = final ? before.updatedAt : d.at;
  await upsertAuthorization(tx, t, {
    authorizationId: d.authorizationId,
    orderId: d.orderId,
    miniProgramId: d.miniProgramId,
    merchantWorkspaceId: d.merchantWorkspaceId,
    isvWorkspaceId: d.isvWorkspaceId,
    status,
    scopes: d.scopes,
    grantedAt: before?.grantedAt ?? d.at,
    updatedAt,
    version: event.streamPosition,
  });
}

async function upsertAuthorization(tx: SqlClient, t: TableNames, view: AuthorizationView): Promise<void> {
  await tx.query(
    `INSERT INTO ${t('authorizations')} (authorization_id, order_id, mini_program_id, merchant_workspace_id, isv_workspace_id, status, updated_at, view)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
     ON CONFLICT (authorization_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, view = EXCLUDED.view`,
    [view.authorizationId, view.orderId, view.miniProgramId, view.merchantWorkspaceId, view.isvWorkspaceId, view.status, view.updatedAt, JSON.stringify(view)],
  );
}
