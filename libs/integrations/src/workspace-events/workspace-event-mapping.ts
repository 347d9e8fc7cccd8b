import {
  AUTHORIZATION_ENDED,
  AUTHORIZATION_GRANTED,
  AUTHORIZATION_REVOKED,
  AUTHORIZATION_SCOPES_CHANGED,
  AuthorizationEventV1,
  BATCH_JOB_COMPLETED,
  BATCH_JOB_PAUSED,
  BatchJobCompletedV1,
  BatchJobPausedV1,
  GRAY_RELEASE_STARTED,
  ORDER_ACCEPTED,
  ORDER_CANCELED,
  ORDER_CLOSURE_REJECTED,
  ORDER_CLOSURE_REQUESTED,
  ORDER_COMPLETED,
  ORDER_CONFIRMED,
  ORDER_PLACED,
  ORDER_REJECTED,
  ROLLED_BACK,
  upcastOrderEvent,
  VERSION_APPROVED,
  VERSION_REJECTED,
  VERSION_RELEASED,
  VERSION_SUBMITTED,
  WorkspaceEventType,
} from '@mpp/contracts';

// Which workspaces hear of a public event, and as what (API.md Integrations): a pure function of the event and of
// what integrations knows at that point of its inbox (the order's parties, the mini program's merchant and the ISV
// holding its authorization), so a rebuild from the inbox makes the same feed.

/** An order's parties, as OrderPlaced told them. */
export interface KnownOrder {
  orderId: string;
  serviceId: string;
  miniProgramId: string;
  merchantWorkspaceId: string;
  isvWorkspaceId: string;
}

/** A mini program's merchant, and the ISV holding an ACTIVE authorization on it, if one does. */
export interface KnownMiniProgram {
  miniProgramId: string;
  merchantWorkspaceId: string;
  isvWorkspaceId?: string;
}

export interface MappedEvent {
  type: WorkspaceEventType;
  data: Record<string, unknown>;
  /** The workspaces whose feed and webhooks get it, each once. */
  workspaces: string[];
}

export const ORDER_EVENT_TYPES: Record<string, WorkspaceEventType> = {
  [ORDER_PLACED]: 'order.placed',
  [ORDER_ACCEPTED]: 'order.accepted',
  [ORDER_REJECTED]: 'order.rejected',
  [ORDER_CONFIRMED]: 'order.confirmed',
  [ORDER_CLOSURE_REQUESTED]: 'order.closure_requested',
  [ORDER_CLOSURE_REJECTED]: 'order.closure_rejected',
  [ORDER_COMPLETED]: 'order.completed',
  [ORDER_CANCELED]: 'order.canceled',
};
const AUTHORIZATION_EVENT_TYPES: Record<string, WorkspaceEventType> = {
  [AUTHORIZATION_GRANTED]: 'authorization.granted',
  [AUTHORIZATION_SCOPES_CHANGED]: 'authorization.scopes_changed',
  [AUTHORIZATION_REVOKED]: 'authorization.revoked',
  [AUTHORIZATION_ENDED]: 'authorization.ended',
};
export const VERSION_EVENT_TYPES: Record<string, WorkspaceEventType> = {
  [VERSION_SUBMITTED]: 'version.submitted',
  [VERSION_APPROVED]: 'version.approved',
  [VERSION_REJECTED]: 'version.rejected',
  [VERSION_RELEASED]: 'version.released',
  [GRAY_RELEASE_STARTED]: 'version.gray_released',
  [ROLLED_BACK]: 'version.rolled_back',
};
const BATCH_JOB_EVENT_TYPES: Record<string, WorkspaceEventType> = {
  [BATCH_JOB_PAUSED]: 'batch_job.paused',
  [BATCH_JOB_COMPLETED]: 'batch_job.completed',
};

const both = (a: string, b?: string) => (b && b !== a ? [a, b] : [a]);
/** The event's fields that are set, in a fixed order (so the same event maps to the same JSON). */
const defined = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== ''));

/** The workspace event a public event makes, or undefined for one no workspace hears of (or of what it cannot place). */
export function workspaceEventOf(event: { type: string; data: object }, known: { order?: KnownOrder; miniProgram?: KnownMiniProgram }): MappedEvent | undefined {
  const orderType = ORDER_EVENT_TYPES[event.type];
  if (orderType) {
    const e = upcastOrderEvent(event);
    const order = e.type === ORDER_PLACED ? { ...e.data } : known.order;
    if (!order) return undefined;
    const step = e.data as unknown as Record<string, unknown>;
    const data = defined({
      orderId: order.orderId,
      serviceId: order.serviceId,
      miniProgramId: order.miniProgramId,
      merchantWorkspaceId: order.merchantWorkspaceId,
      isvWorkspaceId: order.isvWorkspaceId,
      by: step.by,
      note: step.note,
      reason: step.reason,
      authorizationId: step.authorizationId,
      scopes: step.scopes,
    });
    return { type: orderType, data, workspaces: both(order.merchantWorkspaceId, order.isvWorkspaceId) };
  }
  const authorizationType = AUTHORIZATION_EVENT_TYPES[event.type];
  if (authorizationType) {
    const a = event.data as AuthorizationEventV1;
    const data = defined({
      authorizationId: a.authorizationId,
      orderId: a.orderId,
      miniProgramId: a.miniProgramId,
      merchantWorkspaceId: a.merchantWorkspaceId,
      isvWorkspaceId: a.isvWorkspaceId,
      status: a.status,
      scopes: a.scopes,
      reason: a.reason,
    });
    return { type: authorizationType, data, workspaces: both(a.merchantWorkspaceId, a.isvWorkspaceId) };
  }
  const versionType = VERSION_EVENT_TYPES[event.type];
  if (versionType) {
    const mp = known.miniProgram;
    if (!mp) return undefined;
    const v = event.data as { version?: string; releaseMode?: string; note?: string; reason?: string; percent?: number; from?: string; to?: string };
    const data = defined({
      miniProgramId: mp.miniProgramId,
      version: event.type === ROLLED_BACK ? v.to : v.version,
      previousVersion: event.type === ROLLED_BACK ? v.from : undefined,
      releaseMode: v.releaseMode,
      note: v.note,
      reason: v.reason,
      grayPercent: v.percent,
    });
    return { type: versionType, data, workspaces: both(mp.merchantWorkspaceId, mp.isvWorkspaceId) };
  }
  const batchJobType = BATCH_JOB_EVENT_TYPES[event.type];
  if (batchJobType) {
    const j = event.data as BatchJobPausedV1 & Partial<BatchJobCompletedV1>;
    const data = defined({ jobId: j.jobId, kind: j.kind, dryRun: j.dryRun, total: j.total, counts: j.counts, status: j.status, reason: j.reason });
    return { type: batchJobType, data, workspaces: [j.isvWorkspaceId] };
  }
  return undefined;
}
