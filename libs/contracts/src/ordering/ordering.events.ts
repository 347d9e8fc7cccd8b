// ordering's public events on ordering.events (schema version 1), for miniprograms and anyone else.
// Every event carries the whole picture a consumer needs, so none has to keep the order's state.

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

export type AuthorizationScope = 'MEMBERS' | 'UPLOAD' | 'CONFIGURE' | 'SUBMIT_REVIEW' | 'RELEASE';
export const AUTHORIZATION_SCOPES: readonly AuthorizationScope[] = ['MEMBERS', 'UPLOAD', 'CONFIGURE', 'SUBMIT_REVIEW', 'RELEASE'];
export type AuthorizationStatus = 'ACTIVE' | 'REVOKED' | 'ENDED';

/** The data of every order event: the order as it is after the event. */
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
