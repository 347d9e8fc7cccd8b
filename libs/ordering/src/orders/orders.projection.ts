import {
  AUTHORIZATION_EVENTS,
  AuthorizationEventV1,
  AuthorizationView,
  ORDER_CANCELED,
  ORDER_COMPLETED,
  ORDER_CONFIRMED,
  ORDER_PLACED,
  ORDER_STATUS_AFTER,
  OrderEvent,
  OrderView,
  upcastOrderEvent,
} from '@mpp/contracts';
import { applyInOrder, Projection, RowBuffer, RowBuffers, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';

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
  apply: (tx, event, t) => applyInOrder(tx, ordersProjection, [event], t),
  // Set-based: a batch reads the orders and authorizations it touches in one statement each and writes each changed
  // row once, so a rebuild of a million events is a few statements per page, not a few per event.
  applyBatch: applyEvents,
};

type OrderRow = {
  order_id: string;
  merchant_workspace_id: string;
  isv_workspace_id: string;
  mini_program_id: string;
  service_id: string;
  status: string;
  updated_at: string;
  view: OrderView;
};
type AuthorizationRow = {
  authorization_id: string;
  order_id: string;
  mini_program_id: string;
  merchant_workspace_id: string;
  isv_workspace_id: string;
  status: string;
  updated_at: string;
  view: AuthorizationView;
};
interface Tables {
  orders: RowBuffer<OrderRow>;
  authorizations: RowBuffer<AuthorizationRow>;
}

const isOrderEvent = (event: StoredEvent) => event.streamId.startsWith('Order-') && !AUTHORIZATION_EVENTS.includes(event.type);

async function applyEvents(tx: SqlClient, events: StoredEvent[], t: TableNames, rows: RowBuffers): Promise<void> {
  const tables: Tables = { orders: rows.of(t('orders'), ['order_id']), authorizations: rows.of(t('authorizations'), ['authorization_id']) };
  // Both versions of the order events carry the order's and the authorization's ids in the same fields.
  const ids = (e: StoredEvent) => e.data as { orderId?: string; authorizationId?: string };
  await tables.orders.load(tx, events.filter(isOrderEvent).map((e) => ({ order_id: ids(e).orderId })));
  await tables.authorizations.load(tx, events.flatMap((e) => (ids(e).authorizationId && (isOrderEvent(e) || AUTHORIZATION_EVENTS.includes(e.type)) ? [{ authorization_id: ids(e).authorizationId }] : [])));
  for (const event of events) {
    if (AUTHORIZATION_EVENTS.includes(event.type)) applyAuthorizationEvent(tables, event);
    else if (isOrderEvent(event)) applyOrderEvent(tables, event, upcastOrderEvent(event));
  }
}

function applyOrderEvent(tables: Tables, stored: StoredEvent, event: OrderEvent): void {
  const before = tables.orders.get({ order_id: event.data.orderId })?.view;
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
  // The parties are the placement's: a later step never changes them.
  const parties = before ?? view;
  tables.orders.put({
    order_id: view.orderId,
    merchant_workspace_id: parties.merchantWorkspaceId,
    isv_workspace_id: parties.isvWorkspaceId,
    mini_program_id: parties.miniProgramId,
    service_id: parties.serviceId,
    status: view.status,
    updated_at: view.updatedAt,
    view,
  });
  if (event.type === ORDER_CONFIRMED) {
    const { authorizationId, scopes, at } = event.data;
    const { orderId, miniProgramId, merchantWorkspaceId, isvWorkspaceId } = view;
    putAuthorization(tables, { authorizationId, orderId, miniProgramId, merchantWorkspaceId, isvWorkspaceId, status: 'ACTIVE', scopes, grantedAt: at, updatedAt: at, version: 0 });
  }
  if ((event.type === ORDER_COMPLETED || event.type === ORDER_CANCELED) && event.data.authorizationId) {
    const { authorizationId, at } = event.data;
    const row = tables.authorizations.get({ authorization_id: authorizationId });
    if (row?.status === 'ACTIVE') tables.authorizations.put({ ...row, status: 'ENDED', updated_at: at, view: { ...row.view, status: 'ENDED', updatedAt: at } });
  }
}

function applyAuthorizationEvent(tables: Tables, event: StoredEvent): void {
  const d = event.data as unknown as AuthorizationEventV1;
  const before = tables.authorizations.get({ authorization_id: d.authorizationId })?.view;
  // REVOKED and ENDED are final: a grant recorded late (after a crash) cannot revive what the order's end showed ended,
  // and an end the order's completion already showed keeps the time it showed.
  const final = before !== undefined && before.status !== 'ACTIVE';
  const status = final ? before.status : d.status;
  const updatedAt = final ? before.updatedAt : d.at;
  putAuthorization(tables, {
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

function putAuthorization(tables: Tables, view: AuthorizationView): void {
  // As an upsert keeps the row's first order and parties: only status, time and view change.
  const row = tables.authorizations.get({ authorization_id: view.authorizationId });
  tables.authorizations.put({
    authorization_id: view.authorizationId,
    order_id: row?.order_id ?? view.orderId,
    mini_program_id: row?.mini_program_id ?? view.miniProgramId,
    merchant_workspace_id: row?.merchant_workspace_id ?? view.merchantWorkspaceId,
    isv_workspace_id: row?.isv_workspace_id ?? view.isvWorkspaceId,
    status: view.status,
    updated_at: view.updatedAt,
    view,
  });
}
