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
  apply: (tx, event, t) => applyEvents(tx, [event], t),
  // Set-based: a batch costs a handful of statements whatever its size (one per event was the feed's bottleneck at
  // 200 events/s). The parties are read once for the batch and kept in memory while its events are mapped in order.
  applyBatch: applyEvents,
  batchSize: 1000,
};

async function applyEvents(tx: SqlClient, events: StoredEvent[], t: TableNames): Promise<void> {
  const known = await knownParties(tx, events, t);
  const rows: { workspace: string; seq: number; eventId: string; type: string; at: string; data: string }[] = [];
  const { rows: head } = await tx.query<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM ${t('workspace_events')}`);
  let seq = Number(head[0].seq);
  for (const event of events) {
    remember(known, event);
    const mapped = workspaceEventOf(event, partiesOf(known, event));
    if (!mapped) continue;
    seq++;
    for (const workspace of mapped.workspaces) rows.push({ workspace, seq, eventId: event.eventId, type: mapped.type, at: event.metadata.occurredAt, data: JSON.stringify(mapped.data) });
  }
  await saveParties(tx, known, t);
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO ${t('workspace_events')} (workspace_id, seq, event_id, type, occurred_at, data)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[]) ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.workspace), rows.map((r) => r.seq), rows.map((r) => r.eventId), rows.map((r) => r.type), rows.map((r) => r.at), rows.map((r) => r.data)],
  );
}

/** The orders' and mini programs' parties a batch needs, as stored before it, and which of them it changed. */
interface Parties {
  orders: Map<string, KnownOrder>;
  miniPrograms: Map<string, KnownMiniProgram>;
  changedOrders: Set<string>;
  changedMiniPrograms: Set<string>;
}

const orderIdOf = (event: StoredEvent) => (ORDER_EVENT_TYPES[event.type] ? ((event.data as { orderId?: string }).orderId ?? '') : undefined);
const miniProgramIdOf = (event: StoredEvent): string | undefined => {
  if (VERSION_EVENT_TYPES[event.type]) return miniProgramIdOfSubject(event.streamId) ?? '';
  if (event.type === MINI_PROGRAM_CREATED || event.type === AUTHORIZATION_GRANTED || event.type === AUTHORIZATION_REVOKED || event.type === AUTHORIZATION_ENDED) {
    return (event.data as { miniProgramId?: string }).miniProgramId ?? '';
  }
  return undefined;
};

async function knownParties(tx: SqlClient, events: StoredEvent[], t: TableNames): Promise<Parties> {
  const orderIds = [...new Set(events.map(orderIdOf).filter((id): id is string => id !== undefined))];
  const miniProgramIds = [...new Set(events.map(miniProgramIdOf).filter((id): id is string => id !== undefined))];
  const orders = orderIds.length
    ? (
        await tx.query<KnownOrder>(
          `SELECT order_id AS "orderId", service_id AS "serviceId", mini_program_id AS "miniProgramId", merchant_workspace_id AS "merchantWorkspaceId",
                  isv_workspace_id AS "isvWorkspaceId" FROM ${t('event_orders')} WHERE order_id = ANY($1::text[])`,
          [orderIds],
        )
      ).rows
    : [];
  const miniPrograms = miniProgramIds.length
    ? (
        await tx.query<{ miniProgramId: string; merchantWorkspaceId: string; isvWorkspaceId: string | null }>(
          `SELECT mini_program_id AS "miniProgramId", merchant_workspace_id AS "merchantWorkspaceId", isv_workspace_id AS "isvWorkspaceId"
             FROM ${t('event_mini_programs')} WHERE mini_program_id = ANY($1::text[])`,
          [miniProgramIds],
        )
      ).rows
    : [];
  return {
    orders: new Map(orders.map((o) => [o.orderId, o])),
    miniPrograms: new Map(miniPrograms.map((m) => [m.miniProgramId, { miniProgramId: m.miniProgramId, merchantWorkspaceId: m.merchantWorkspaceId, isvWorkspaceId: m.isvWorkspaceId ?? undefined }])),
    changedOrders: new Set(),
    changedMiniPrograms: new Set(),
  };
}

/** Writes back the parties the batch changed: one statement per table. */
async function saveParties(tx: SqlClient, known: Parties, t: TableNames): Promise<void> {
  const orders = [...known.changedOrders].map((id) => known.orders.get(id) as KnownOrder);
  if (orders.length) {
    await tx.query(
      `INSERT INTO ${t('event_orders')} (order_id, service_id, mini_program_id, merchant_workspace_id, isv_workspace_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
      [orders.map((o) => o.orderId), orders.map((o) => o.serviceId), orders.map((o) => o.miniProgramId), orders.map((o) => o.merchantWorkspaceId), orders.map((o) => o.isvWorkspaceId)],
    );
  }
  const programs = [...known.changedMiniPrograms].map((id) => known.miniPrograms.get(id) as KnownMiniProgram);
  if (programs.length) {
    await tx.query(
      `INSERT INTO ${t('event_mini_programs')} (mini_program_id, merchant_workspace_id, isv_workspace_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (mini_program_id) DO UPDATE SET isv_workspace_id = EXCLUDED.isv_workspace_id`,
      [programs.map((m) => m.miniProgramId), programs.map((m) => m.merchantWorkspaceId), programs.map((m) => m.isvWorkspaceId ?? null)],
    );
  }
}

/** Keeps the parties the mapping of later events needs (in memory; saveParties writes them). */
function remember(known: Parties, event: StoredEvent): void {
  switch (event.type) {
    case ORDER_PLACED: {
      const o = upcastOrderEvent(event).data as OrderPlacedV2;
      if (known.orders.has(o.orderId)) return;
      known.orders.set(o.orderId, { orderId: o.orderId, serviceId: o.serviceId, miniProgramId: o.miniProgramId, merchantWorkspaceId: o.merchantWorkspaceId, isvWorkspaceId: o.isvWorkspaceId });
      known.changedOrders.add(o.orderId);
      return;
    }
    case MINI_PROGRAM_CREATED: {
      const m = event.data as unknown as MiniProgramCreatedV1;
      if (known.miniPrograms.has(m.miniProgramId)) return;
      known.miniPrograms.set(m.miniProgramId, { miniProgramId: m.miniProgramId, merchantWorkspaceId: m.ownerWorkspaceId });
      known.changedMiniPrograms.add(m.miniProgramId);
      return;
    }
    case AUTHORIZATION_GRANTED:
    case AUTHORIZATION_REVOKED:
    case AUTHORIZATION_ENDED: {
      const a = event.data as unknown as AuthorizationEventV1;
      const program = known.miniPrograms.get(a.miniProgramId);
      if (!program) return;
      if (event.type === AUTHORIZATION_GRANTED) program.isvWorkspaceId = a.isvWorkspaceId;
      else if (program.isvWorkspaceId === a.isvWorkspaceId) program.isvWorkspaceId = undefined;
      else return;
      known.changedMiniPrograms.add(a.miniProgramId);
      return;
    }
  }
}

/** What the mapping needs to place the event: its order's parties, or its mini program's. */
function partiesOf(known: Parties, event: StoredEvent): { order?: KnownOrder; miniProgram?: KnownMiniProgram } {
  const orderId = orderIdOf(event);
  if (orderId !== undefined) return { order: known.orders.get(orderId) };
  if (VERSION_EVENT_TYPES[event.type]) {
    const program = known.miniPrograms.get(miniProgramIdOfSubject(event.streamId) ?? '');
    return program ? { miniProgram: { ...program } } : {};
  }
  return {};
}
