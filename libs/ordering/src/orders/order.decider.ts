import {
  AuthorizationScope,
  FINISHED_ORDER_STATUSES,
  ORDER_ACCEPTED,
  ORDER_CANCELED,
  ORDER_CLOSURE_REJECTED,
  ORDER_CLOSURE_REQUESTED,
  ORDER_COMPLETED,
  ORDER_CONFIRMED,
  ORDER_PLACED,
  ORDER_REJECTED,
  OrderEventV1,
  OrderStatus,
} from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { ISV_SIDE_ONLY, MERCHANT_SIDE_ONLY, ORDER_EXISTS, ORDER_FINISHED, ORDER_NOT_CANCELABLE, ORDER_NOT_IN_DEVELOPMENT, ORDER_NOT_NEW, ORDER_NOT_PENDING_CONFIRMATION, ORDER_NOT_UNDER_APPROVAL, orderNotFound } from '../ordering.errors';

export type OrderEvent = { type: string; data: OrderEventV1 };

/** Which party a caller acts for: the ordering merchant or the ISV whose service was ordered. */
export type OrderSide = 'MERCHANT' | 'ISV';

export interface OrderParties {
  orderId: string;
  serviceId: string;
  miniProgramId: string;
  merchantWorkspaceId: string;
  isvWorkspaceId: string;
}

export type OrderCommand =
  | { type: 'PlaceOrder'; parties: OrderParties; note?: string }
  | { type: 'AcceptOrder'; side: OrderSide }
  | { type: 'RejectOrder'; side: OrderSide; reason: string }
  | { type: 'ConfirmOrder'; side: OrderSide; authorizationId: string; scopes: AuthorizationScope[] }
  | { type: 'CancelOrder'; side: OrderSide; reason?: string }
  | { type: 'RequestClosure'; side: OrderSide }
  | { type: 'ApproveClosure'; side: OrderSide }
  | { type: 'RejectClosure'; side: OrderSide; reason: string };

export type OrderState =
  | { status: 'NONE' }
  | (OrderParties & { status: OrderStatus; authorizationId?: string; note?: string; reason?: string; placedAt: string; updatedAt: string });

type Existing = Exclude<OrderState, { status: 'NONE' }>;

const refuse = (code: string, message: string) => AppError.rule(code, message);
const needsReason = (reason: string | undefined) => {
  if (!reason?.trim()) throw AppError.badInput('a reason is needed', [{ field: 'reason', message: 'must not be empty' }]);
  return reason.trim();
};

/** Who takes which step (DOMAIN.md 3); the wrong party is refused before the state is looked at. */
const STEP_SIDE: Record<Exclude<OrderCommand['type'], 'PlaceOrder' | 'CancelOrder'>, OrderSide> = {
  AcceptOrder: 'ISV',
  RejectOrder: 'ISV',
  ConfirmOrder: 'MERCHANT',
  RequestClosure: 'ISV',
  ApproveClosure: 'MERCHANT',
  RejectClosure: 'MERCHANT',
};

/** The state a step starts from, and the code refusing it elsewhere. */
const STEP_FROM: Record<Exclude<OrderCommand['type'], 'PlaceOrder' | 'CancelOrder'>, [OrderStatus, string]> = {
  AcceptOrder: ['NEW', ORDER_NOT_NEW],
  RejectOrder: ['NEW', ORDER_NOT_NEW],
  ConfirmOrder: ['PENDING_CONFIRMATION', ORDER_NOT_PENDING_CONFIRMATION],
  RequestClosure: ['IN_DEVELOPMENT', ORDER_NOT_IN_DEVELOPMENT],
  ApproveClosure: ['UNDER_APPROVAL', ORDER_NOT_UNDER_APPROVAL],
  RejectClosure: ['UNDER_APPROVAL', ORDER_NOT_UNDER_APPROVAL],
};

/** Where each side may cancel from: the merchant before work starts or during it, the ISV only during it. */
const CANCELABLE: Record<OrderSide, OrderStatus[]> = {
  MERCHANT: ['NEW', 'PENDING_CONFIRMATION', 'IN_DEVELOPMENT'],
  ISV: ['IN_DEVELOPMENT'],
};

const event = (type: string, state: Existing, status: OrderStatus, at: string, extra: Partial<OrderEventV1> = {}): OrderEvent => ({
  type,
  data: {
    orderId: state.orderId,
    serviceId: state.serviceId,
    miniProgramId: state.miniProgramId,
    merchantWorkspaceId: state.merchantWorkspaceId,
    isvWorkspaceId: state.isvWorkspaceId,
    status,
    ...(state.authorizationId ? { authorizationId: state.authorizationId } : {}),
    ...extra,
    at,
  },
});

/**
 * DOMAIN.md's order: NEW → (ISV accepts) PENDING_CONFIRMATION → (merchant confirms) IN_DEVELOPMENT → (ISV
 * requests closure) UNDER_APPROVAL → (merchant approves) COMPLETED, or back to IN_DEVELOPMENT when the merchant
 * rejects the closure. NEW → REJECTED by the ISV; CANCELED by the merchant from NEW or PENDING_CONFIRMATION, by
 * either side from IN_DEVELOPMENT with a reason.
 */
export const orderDecider: Decider<OrderState, OrderCommand, OrderEvent> = {
  exposesVersion: true,
  initialState: () => ({ status: 'NONE' }),

  evolve(state, { data }) {
    if (state.status === 'NONE') {
      const { orderId, serviceId, miniProgramId, merchantWorkspaceId, isvWorkspaceId, note, status, at } = data;
      return { orderId, serviceId, miniProgramId, merchantWorkspaceId, isvWorkspaceId, status, ...(note ? { note } : {}), placedAt: at, updatedAt: at };
    }
    return {
      ...state,
      status: data.status,
      ...(data.authorizationId ? { authorizationId: data.authorizationId } : {}),
      // The reason shown is the last step's: a closure rejected and then re-requested has none.
      reason: data.reason,
      updatedAt: data.at,
    };
  },

  decide(command, state, { now }) {
    const at = now.toISOString();
    if (command.type === 'PlaceOrder') {
      if (state.status !== 'NONE') throw AppError.conflict(ORDER_EXISTS, 'this order exists already');
      const placed: Existing = { ...command.parties, status: 'NEW', placedAt: at, updatedAt: at };
      return [event(ORDER_PLACED, placed, 'NEW', at, command.note?.trim() ? { note: command.note.trim() } : {})];
    }
    if (state.status === 'NONE') throw orderNotFound();
    if (command.type === 'CancelOrder') {
      if (FINISHED_ORDER_STATUSES.includes(state.status)) throw refuse(ORDER_FINISHED, `the order is ${state.status} already`);
      if (!CANCELABLE[command.side].includes(state.status)) {
        throw refuse(ORDER_NOT_CANCELABLE, command.side === 'ISV' ? 'the ISV cancels only an order IN_DEVELOPMENT (reject a NEW one)' : `an order ${state.status} cannot be canceled`);
      }
      const reason = state.status === 'IN_DEVELOPMENT' ? needsReason(command.reason) : command.reason?.trim() || undefined;
      return [event(ORDER_CANCELED, state, 'CANCELED', at, { canceledBy: command.side, ...(reason ? { reason } : {}) })];
    }
    if (command.side !== STEP_SIDE[command.type]) {
      throw AppError.forbidden(STEP_SIDE[command.type] === 'ISV' ? ISV_SIDE_ONLY : MERCHANT_SIDE_ONLY, `only the ${STEP_SIDE[command.type] === 'ISV' ? 'ISV' : 'merchant'} takes this step`);
    }
    const [from, code] = STEP_FROM[command.type];
    if (state.status !== from) {
      if (FINISHED_ORDER_STATUSES.includes(state.status)) throw refuse(ORDER_FINISHED, `the order is ${state.status} already`);
      throw refuse(code, `the order is ${state.status}, not ${from}`);
    }
    switch (command.type) {
      case 'AcceptOrder':
        return [event(ORDER_ACCEPTED, state, 'PENDING_CONFIRMATION', at)];
      case 'RejectOrder':
        return [event(ORDER_REJECTED, state, 'REJECTED', at, { reason: needsReason(command.reason) })];
      case 'ConfirmOrder':
        return [event(ORDER_CONFIRMED, state, 'IN_DEVELOPMENT', at, { authorizationId: command.authorizationId, scopes: command.scopes })];
      case 'RequestClosure':
        return [event(ORDER_CLOSURE_REQUESTED, state, 'UNDER_APPROVAL', at)];
      case 'ApproveClosure':
        return [event(ORDER_COMPLETED, state, 'COMPLETED', at)];
      case 'RejectClosure':
        return [event(ORDER_CLOSURE_REJECTED, state, 'IN_DEVELOPMENT', at, { reason: needsReason(command.reason) })];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const orderStreamId = (orderId: string) => `Order-${orderId}`;
