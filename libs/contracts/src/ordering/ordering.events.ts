// ordering's public events on ordering.events, for miniprograms and anyone else. An order's events say what
// happened (schema version 2: `OrderAccepted {by}`); an authorization's carry the authorization as it is after.

export const ORDER_PLACED = 'ordering.OrderPlaced';
export const ORDER_ACCEPTED = 'ordering.OrderAccepted';
export const ORDER_REJECTED = 'ordering.OrderRejected';
export const ORDER_CONFIRMED = 'ordering.OrderConfirmed';
export const ORDER_CLOSURE_REQUESTED = 'ordering.OrderClosureRequested';
export const ORDER_CLOSURE_REJECTED = 'ordering.OrderClosureRejected';
export const ORDER_COMPLETED = 'ordering.OrderCompleted';
export const ORDER_CANCELED = 'ordering.OrderCanceled';

export const AUTHORIZATION_GRANTED = 'ordering.AuthorizationGranted';
export const AUTHORIZATION_SCOPES_CHANGED = 'ordering.AuthorizationScopesChanged';
export const AUTHORIZATION_REVOKED = 'ordering.AuthorizationRevoked';
export const AUTHORIZATION_ENDED = 'ordering.AuthorizationEnded';

export type OrderStatus = 'NEW' | 'PENDING_CONFIRMATION' | 'IN_DEVELOPMENT' | 'UNDER_APPROVAL' | 'COMPLETED' | 'REJECTED' | 'CANCELED';
export const ORDER_STATUSES: readonly OrderStatus[] = ['NEW', 'PENDING_CONFIRMATION', 'IN_DEVELOPMENT', 'UNDER_APPROVAL', 'COMPLETED', 'REJECTED', 'CANCELED'];
/** An order in one of these is finished: the (mini program, service) pair may be ordered again. */
export const FINISHED_ORDER_STATUSES: readonly OrderStatus[] = ['COMPLETED', 'REJECTED', 'CANCELED'];

/**
 * What an authorization lets the ISV do. STATISTICS (reading the mini program's figures, DOMAIN.md 6) came
 * sixth: authorizations granted before keep the five they were given until the merchant widens them.
 */
export type AuthorizationScope = 'MEMBERS' | 'UPLOAD' | 'CONFIGURE' | 'SUBMIT_REVIEW' | 'RELEASE' | 'STATISTICS';
/** Every scope, in canonical order: also the default a confirmation grants. */
export const AUTHORIZATION_SCOPES: readonly AuthorizationScope[] = ['MEMBERS', 'UPLOAD', 'CONFIGURE', 'SUBMIT_REVIEW', 'RELEASE', 'STATISTICS'];
export type AuthorizationStatus = 'ACTIVE' | 'REVOKED' | 'ENDED';

/** Which party took an order's step. */
export type OrderParty = 'MERCHANT' | 'ISV';

/** An order placed: the parties, the service and the mini program (version 2). */
export interface OrderPlacedV2 {
  orderId: string;
  serviceId: string;
  miniProgramId: string;
  merchantWorkspaceId: string;
  isvWorkspaceId: string;
  note?: string;
  at: string;
}

/** A step of an order after its placement, and who took it (version 2). */
export interface OrderStepV2 {
  orderId: string;
  by: OrderParty;
  at: string;
}

/** Rejected, or its closure rejected: why. */
export interface OrderRefusedV2 extends OrderStepV2 {
  reason: string;
}

/** Confirmed: the authorization it grants, with its scopes. */
export interface OrderConfirmedV2 extends OrderStepV2 {
  authorizationId: string;
  scopes: AuthorizationScope[];
}

/** Completed or canceled: the authorization it ends, if it had one, and why (a cancellation's reason). */
export interface OrderEndedV2 extends OrderStepV2 {
  authorizationId?: string;
  reason?: string;
}

/** An order's events, typed by their type (version 2). */
export type OrderEvent =
  | { type: typeof ORDER_PLACED; data: OrderPlacedV2 }
  | { type: typeof ORDER_ACCEPTED | typeof ORDER_CLOSURE_REQUESTED; data: OrderStepV2 }
  | { type: typeof ORDER_REJECTED | typeof ORDER_CLOSURE_REJECTED; data: OrderRefusedV2 }
  | { type: typeof ORDER_CONFIRMED; data: OrderConfirmedV2 }
  | { type: typeof ORDER_COMPLETED | typeof ORDER_CANCELED; data: OrderEndedV2 };

/** The status an order has after each of its events. */
export const ORDER_STATUS_AFTER: Record<OrderEvent['type'], OrderStatus> = {
  [ORDER_PLACED]: 'NEW',
  [ORDER_ACCEPTED]: 'PENDING_CONFIRMATION',
  [ORDER_REJECTED]: 'REJECTED',
  [ORDER_CONFIRMED]: 'IN_DEVELOPMENT',
  [ORDER_CLOSURE_REQUESTED]: 'UNDER_APPROVAL',
  [ORDER_CLOSURE_REJECTED]: 'IN_DEVELOPMENT',
  [ORDER_COMPLETED]: 'COMPLETED',
  [ORDER_CANCELED]: 'CANCELED',
};

/** Who takes each step (DOMAIN.md 3); a cancellation says it itself. */
const STEP_PARTY: Partial<Record<OrderEvent['type'], OrderParty>> = {
  [ORDER_ACCEPTED]: 'ISV',
  [ORDER_REJECTED]: 'ISV',
  [ORDER_CONFIRMED]: 'MERCHANT',
  [ORDER_CLOSURE_REQUESTED]: 'ISV',
  [ORDER_CLOSURE_REJECTED]: 'MERCHANT',
  [ORDER_COMPLETED]: 'MERCHANT',
};

/**
 * An order event as stored in either version, read as version 2. Version 1 (until November 2026) carried the
 * whole order after the event; the upcaster keeps what the event says happened, so stores and topics written
 * before still load and replay.
 */
export function upcastOrderEvent(event: { type: string; data: object }): OrderEvent {
  const data = event.data as Partial<OrderEventV1> & Record<string, unknown>;
  if (!(event.type in ORDER_STATUS_AFTER) || !('status' in data)) return event as OrderEvent;
  const { orderId = '', at = '' } = data;
  const by = event.type === ORDER_CANCELED ? (data.canceledBy ?? 'MERCHANT') : (STEP_PARTY[event.type as OrderEvent['type']] ?? 'MERCHANT');
  switch (event.type) {
    case ORDER_PLACED: {
      const { serviceId = '', miniProgramId = '', merchantWorkspaceId = '', isvWorkspaceId = '', note } = data;
      return { type: ORDER_PLACED, data: { orderId, serviceId, miniProgramId, merchantWorkspaceId, isvWorkspaceId, ...(note ? { note } : {}), at } };
    }
    case ORDER_REJECTED:
    case ORDER_CLOSURE_REJECTED:
      return { type: event.type, data: { orderId, by, reason: data.reason ?? '', at } };
    case ORDER_CONFIRMED:
      return { type: ORDER_CONFIRMED, data: { orderId, by, authorizationId: data.authorizationId ?? '', scopes: data.scopes ?? [], at } };
    case ORDER_COMPLETED:
    case ORDER_CANCELED:
      return { type: event.type, data: { orderId, by, ...(data.authorizationId ? { authorizationId: data.authorizationId } : {}), ...(data.reason ? { reason: data.reason } : {}), at } };
    default:
      return { type: event.type as typeof ORDER_ACCEPTED, data: { orderId, by, at } };
  }
}

/** Version 1 of every order event's data: the order as it was after the event (read by upcastOrderEvent only). */
export interface OrderEventV1 {
  orderId: string;
  serviceId: string;
  miniProgramId: string;
  merchantWorkspaceId: string;
  isvWorkspaceId: string;
  status: OrderStatus;
  /** From the confirmation on. */
  authorizationId?: string;
  /** OrderConfirmed: the scopes granted. */
  scopes?: AuthorizationScope[];
  /** OrderPlaced: the merchant's note. */
  note?: string;
  /** Rejections and cancellations. */
  reason?: string;
  /** OrderCanceled: which side canceled. */
  canceledBy?: 'MERCHANT' | 'ISV';
  at: string;
}

/** The data of every authorization event: the authorization as it is after the event. */
export interface AuthorizationEventV1 {
  authorizationId: string;
  orderId: string;
  miniProgramId: string;
  merchantWorkspaceId: string;
  isvWorkspaceId: string;
  status: AuthorizationStatus;
  scopes: AuthorizationScope[];
  /** AuthorizationEnded: why (the order COMPLETED or CANCELED). */
  reason?: string;
  at: string;
}

/** The events of an authorization's stream (AuthorizationEventV1); the rest of ordering.events are an order's. */
export const AUTHORIZATION_EVENTS: readonly string[] = [AUTHORIZATION_GRANTED, AUTHORIZATION_SCOPES_CHANGED, AUTHORIZATION_REVOKED, AUTHORIZATION_ENDED];

export const ORDERING_PUBLIC_EVENTS: readonly string[] = [
  ORDER_PLACED,
  ORDER_ACCEPTED,
  ORDER_REJECTED,
  ORDER_CONFIRMED,
  ORDER_CLOSURE_REQUESTED,
  ORDER_CLOSURE_REJECTED,
  ORDER_COMPLETED,
  ORDER_CANCELED,
  ...AUTHORIZATION_EVENTS,
];
