// Requests the gateway sends to ordering (DOMAIN.md section 3).
import type { Answers } from '../messaging/request-map';
import type { Page } from '../messaging/request';
import type { AuthorizationEventV1, AuthorizationScope, AuthorizationStatus, OrderStatus } from './ordering.events';

export const PLACE_ORDER = 'ordering.PlaceOrder';
export const ACCEPT_ORDER = 'ordering.AcceptOrder';
export const REJECT_ORDER = 'ordering.RejectOrder';
export const CONFIRM_ORDER = 'ordering.ConfirmOrder';
export const CANCEL_ORDER = 'ordering.CancelOrder';
export const REQUEST_ORDER_CLOSURE = 'ordering.RequestOrderClosure';
export const APPROVE_ORDER_CLOSURE = 'ordering.ApproveOrderClosure';
export const REJECT_ORDER_CLOSURE = 'ordering.RejectOrderClosure';
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

export interface OrderRef {
  orderId: string;
}

export interface OrderReason extends OrderRef {
  reason: string;
}

export interface ConfirmOrderPayload extends OrderRef {
  /** The scopes granted; all of them when left out. */
  scopes?: AuthorizationScope[];
}

export interface CancelOrderPayload extends OrderRef {
  /** Needed once the order is IN_DEVELOPMENT. */
  reason?: string;
}

/** What every step of an order answers. */
export interface OrderStepReply {
  status: OrderStatus;
  version: number;
  /** From the confirmation on. */
  authorizationId?: string;
}

export interface OrderPlacedReply {
  orderId: string;
  status: 'NEW';
  version: number;
}

export interface ListWorkspaceOrdersPayload {
  workspaceId: string;
  limit: number;
  cursor?: string;
  status?: OrderStatus;
}

export interface AuthorizationRef {
  authorizationId: string;
}

export interface ListAuthorizationsPayload {
  miniProgramId?: string;
  workspaceId?: string;
  status?: AuthorizationStatus;
  limit: number;
  cursor?: string;
}

export interface ChangeAuthorizationScopesPayload extends AuthorizationRef {
  scopes: AuthorizationScope[];
}

export interface AuthorizationChangeReply {
  status: AuthorizationStatus;
  scopes: AuthorizationScope[];
  version: number;
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

export interface HistoryPage {
  items: HistoryItem[];
}

/** ordering's requests: one per verb of DOMAIN.md 3 and per query. */
export interface OrderingRequests {
  [PLACE_ORDER]: Answers<PlaceOrderPayload, OrderPlacedReply>;
  [ACCEPT_ORDER]: Answers<OrderRef, OrderStepReply>;
  [REJECT_ORDER]: Answers<OrderReason, OrderStepReply>;
  [CONFIRM_ORDER]: Answers<ConfirmOrderPayload, OrderStepReply>;
  [CANCEL_ORDER]: Answers<CancelOrderPayload, OrderStepReply>;
  [REQUEST_ORDER_CLOSURE]: Answers<OrderRef, OrderStepReply>;
  [APPROVE_ORDER_CLOSURE]: Answers<OrderRef, OrderStepReply>;
  [REJECT_ORDER_CLOSURE]: Answers<OrderReason, OrderStepReply>;
  [GET_ORDER]: Answers<GetOrderPayload, OrderView>;
  [GET_ORDER_HISTORY]: Answers<OrderRef, HistoryPage>;
  [LIST_WORKSPACE_ORDERS]: Answers<ListWorkspaceOrdersPayload, Page<OrderView>>;
  [LIST_AUTHORIZATIONS]: Answers<ListAuthorizationsPayload, Page<AuthorizationView>>;
  [GET_AUTHORIZATION]: Answers<AuthorizationRef, AuthorizationView>;
  [GET_AUTHORIZATION_HISTORY]: Answers<AuthorizationRef, HistoryPage>;
  [CHANGE_AUTHORIZATION_SCOPES]: Answers<ChangeAuthorizationScopesPayload, AuthorizationChangeReply>;
  [REVOKE_AUTHORIZATION]: Answers<AuthorizationRef, AuthorizationChangeReply>;
}
