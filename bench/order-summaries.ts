/*
 * The read model the rebuild benchmark replays: "orders by status", one row per order stream, with an index on
 * status (the query it serves). Orders are seeded through SqlEventStore.append, in two waves so that an order's
 * events are not all next to each other in the log, as in production.
 */
import { randomUUID } from 'node:crypto';
import type { NewEvent, Projection, SqlClient, SqlEventStore, StoredEvent, TableNames } from '@mpp/eventsourcing';
import { forEachConcurrent } from './bench-util';

// ---------------------------------------------------------------------------------------------- the events

const STATUS_OF: Record<string, string> = {
  OrderPlaced: 'placed',
  OrderPaid: 'paid',
  OrderShipped: 'shipped',
  OrderCancelled: 'cancelled',
};

function orderEvent(type: string, data: Record<string, unknown>): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: { correlationId: randomUUID(), actor: { accountId: 'bench' }, occurredAt: new Date().toISOString() },
  };
}

/** Order n's life in two appends: placed with 1-4 lines; then paid and shipped, or (one in ten) cancelled. */
function orderLife(n: number): { opening: NewEvent[]; closing: NewEvent[] } {
  const orderId = `order-${n}`;
  const opening = [orderEvent('OrderPlaced', { orderId, customerId: `customer-${n % 5000}`, currency: 'EUR' })];
  for (let line = 0; line < 1 + (n % 4); line++) {
    opening.push(orderEvent('ItemAdded', { orderId, sku: `SKU-${(n * 31 + line) % 10_000}`, quantity: 1 + line, unitPriceCents: 250 + (n % 700) }));
  }
  const closing =
    n % 10 === 0
      ? [orderEvent('OrderCancelled', { orderId, reason: 'customer request' })]
      : [orderEvent('OrderPaid', { orderId, method: 'card' }), orderEvent('OrderShipped', { orderId, carrier: 'DHL' })];
  return { opening, closing };
}

const openingLength = (n: number) => 2 + (n % 4);
const eventsOfOrder = (n: number) => openingLength(n) + (n % 10 === 0 ? 1 : 2);

/**
 * Appends orders until the log holds at least `targetEvents` events. Each transaction carries `perTransaction`
 * appends (through the store, with exact expected versions), so seeding is not bound by one commit per append.
 * Returns the number of events written.
 */
export async function seedOrders(
  sql: SqlClient,
  store: SqlEventStore,
  targetEvents: number,
  options: { writers: number; perTransaction: number },
): Promise<number> {
  const orders: number[] = [];
  let events = 0;
  for (let n = 0; events < targetEvents; n++) {
    orders.push(n);
    events += eventsOfOrder(n);
  }
  const chunks = (list: number[]) =>
    Array.from({ length: Math.ceil(list.length / options.perTransaction) }, (_, i) =>
      list.slice(i * options.perTransaction, (i + 1) * options.perTransaction),
    );
  // Wave 1 opens every order; wave 2 closes them in another order, so each order's events are split in the log.
  await forEachConcurrent(chunks(orders), options.writers, (chunk) =>
    sql.transaction(async (tx) => {
      const inTx = store.withClient(tx);
      for (const n of chunk) {
        await inTx.append(`order-${n}`, orderLife(n).opening, { expectedVersion: 0 });
      }
    }),
  );
  const shuffled = orders.map((n) => [n, (n * 2_654_435_761) % 4_294_967_296] as const).sort((a, b) => a[1] - b[1]).map(([n]) => n);
  await forEachConcurrent(chunks(shuffled), options.writers, (chunk) =>
    sql.transaction(async (tx) => {
      const inTx = store.withClient(tx);
      for (const n of chunk) {
        await inTx.append(`order-${n}`, orderLife(n).closing, { expectedVersion: openingLength(n) });
      }
    }),
  );
  return events;
}

// ------------------------------------------------------------------------------------------ the projection

/** What a run of events does to one order row; a batch folds to one of these per order. */
interface OrderDelta {
  orderId: string;
  customerId: string | null;
  status: string | null;
  items: number;
  totalCents: number;
  events: number;
  lastType: string;
  updatedAt: string;
}

/** Folds events, in log order, into one delta per order; events of other streams are ignored. */
function fold(events: StoredEvent[]): OrderDelta[] {
  const byOrder = new Map<string, OrderDelta>();
  for (const event of events) {
    if (!event.streamId.startsWith('order-')) continue;
    let delta = byOrder.get(event.streamId);
    if (!delta) {
      delta = { orderId: event.streamId, customerId: null, status: null, items: 0, totalCents: 0, events: 0, lastType: '', updatedAt: '' };
      byOrder.set(event.streamId, delta);
    }
    const data = event.data as { customerId?: string; quantity?: number; unitPriceCents?: number };
    if (event.type === 'OrderPlaced') delta.customerId = data.customerId ?? null;
    if (event.type === 'ItemAdded') {
      delta.items += data.quantity ?? 0;
      delta.totalCents += (data.quantity ?? 0) * (data.unitPriceCents ?? 0);
    }
    delta.status = STATUS_OF[event.type] ?? delta.status;
    delta.events += 1;
    delta.lastType = event.type;
    delta.updatedAt = event.recordedAt;
  }
  return [...byOrder.values()];
}

/** Merges a delta into the row: counters add up, the latest status / customer win when the delta has one. */
const mergeOnConflict = `
  ON CONFLICT (order_id) DO UPDATE SET
    customer_id = coalesce(EXCLUDED.customer_id, o.customer_id),
    status = coalesce(EXCLUDED.status, o.status),
    item_count = o.item_count + EXCLUDED.item_count,
    total_cents = o.total_cents + EXCLUDED.total_cents,
    events = o.events + EXCLUDED.events,
    last_event_type = EXCLUDED.last_event_type,
    updated_at = EXCLUDED.updated_at`;

const columns = `order_id, customer_id, status, item_count, total_cents, events, last_event_type, updated_at`;

/**
 * `variant` "batch" implements applyBatch with one set-based statement per batch (deltas passed as arrays and
 * unnested); "per-event" has only `apply`, one statement per event, as a projection written the simple way would.
 */
export function orderSummaries(variant: 'batch' | 'per-event', table: string): Projection {
  const projection: Projection = {
    name: `bench-${table}`,
    source: 'store',
    tables: [table],
    schema: (t: TableNames) => `
      CREATE TABLE ${t(table)} (
        order_id text PRIMARY KEY,
        customer_id text,
        status text,
        item_count int NOT NULL,
        total_cents bigint NOT NULL,
        events int NOT NULL,
        last_event_type text NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX ON ${t(table)} (status);`,
    async apply(tx, event, t) {
      const [d] = fold([event]);
      if (!d) return;
      await tx.query(
        `INSERT INTO ${t(table)} AS o (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ${mergeOnConflict}`,
        [d.orderId, d.customerId, d.status, d.items, d.totalCents, d.events, d.lastType, d.updatedAt],
      );
    },
  };
  if (variant === 'per-event') return projection;
  return {
    ...projection,
    async applyBatch(tx, events, t) {
      const deltas = fold(events);
      if (deltas.length === 0) return;
      // One order appears once per batch (folded above), so ON CONFLICT never meets the same row twice.
      await tx.query(
        `INSERT INTO ${t(table)} AS o (${columns})
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::int[], $7::text[], $8::timestamptz[])
         ${mergeOnConflict}`,
        [
          deltas.map((d) => d.orderId),
          deltas.map((d) => d.customerId),
          deltas.map((d) => d.status),
          deltas.map((d) => d.items),
          deltas.map((d) => d.totalCents),
          deltas.map((d) => d.events),
          deltas.map((d) => d.lastType),
          deltas.map((d) => d.updatedAt),
        ],
      );
    },
  };
}

/** Orders and summed event counters of a read model, to check a rebuild saw every event. */
export async function readModelTotals(sql: SqlClient, table: string): Promise<{ orders: number; events: number }> {
  const { rows } = await sql.query<{ orders: number; events: number }>(
    `SELECT count(*)::bigint AS orders, coalesce(sum(events), 0)::bigint AS events FROM ${table}`,
  );
  return { orders: Number(rows[0].orders), events: Number(rows[0].events) };
}
