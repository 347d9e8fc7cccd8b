// Requests the gateway sends to ordering (DOMAIN.md section 3).
import type { AuthorizationEventV1, AuthorizationScope, OrderStatus } from './ordering.events';

export const PLACE_ORDER = 'ordering.PlaceOrder';
export const CHANGE_ORDER = 'ordering.ChangeOrder';
export const GET_ORDER = 'ordering.GetOrder';
export const GET_ORDER_HISTORY = 'ordering.GetOrderHistory';
export const LIST_WORKSPACE_ORDERS = 'ordering.ListWorkspaceOrders';
export const LIST_AUTHORIZATIONS = 'ordering.ListAuthorizations';
export const GET_AUTHORIZATION = 'ordering.GetAuthorization';
export const GET_AUTHORIZATION_HISTORY = 'ordering.GetAuthorizationHistory';
export const CHANGE_AUTHORIZATION_SCOPES = 'ordering.ChangeAuthorizationScopes';
export const REVOKE_AUTHORIZATION = 'ordering.RevokeAuthorization';

export interface PlaceOrderPayload {
  serviceId: string;
  miniProgramId: string;
  note?: string;
}

/** One step of an order: who may take it is the order's business (merchant side or ISV side). */
export type OrderStep =
  | { step: 'ACCEPT' }
  | { step: 'REJECT'; reason: string }
  | { step: 'CONFIRM'; scopes?: AuthorizationScope[] }
  | { step: 'CANCEL'; reason?: string }
  | { step: 'REQUEST_CLOSURE' }
  | { step: 'APPROVE_CLOSURE' }
  | { step: 'REJECT_CLOSURE'; reason: string };

export interface ChangeOrderPayload {
  orderId: string;
  change: OrderStep;
}

export interface GetOrderPayload {
  orderId: string;
  /** "As of": the order as it was at this time (ISO 8601) or after this many events. */
  at?: string;
  version?: number;
}

export interface OrderView {
  orderId: string;
  status: OrderStatus;
  serviceId: string;
  serviceName?: string;
  miniProgramId: string;
  merchantWorkspaceId: string;
  isvWorkspaceId: string;
  authorizationId?: string;
  note?: string;
  reason?: string;
  placedAt: string;
  updatedAt: string;
  version: number;
}

/** An authorization as its parties read it: the event's picture, with when it was granted and last changed. */
export interface AuthorizationView extends Omit<AuthorizationEventV1, 'reason' | 'at'> {
  grantedAt: string;
  updatedAt: string;
  version: number;
}

/** One transition in an order's or authorization's history, oldest first. */
export interface HistoryItem {
  type: string;
  status: string;
  actor: string;
  at: string;
  version: number;
  reason?: string;
  scopes?: AuthorizationScope[];
}
