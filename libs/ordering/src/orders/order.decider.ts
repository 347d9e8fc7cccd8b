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
  ORDER_STATUS_AFTER,
  OrderEvent,
  OrderStatus,
  upcastOrderEvent,
} from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { ISV_SIDE_ONLY, MERCHANT_SIDE_ONLY, ORDER_EXISTS, ORDER_FINISHED, ORDER_NOT_CANCELABLE, ORDER_NOT_IN_DEVELOPMENT, ORDER_NOT_NEW, ORDER_NOT_PENDING_CONFIRMATION, ORDER_NOT_UNDER_APPROVAL, orderNotFound } from '../ordering.errors';

export type { OrderEvent };

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

/**
 * DOMAIN.md's order: NEW → (ISV accepts) PENDING_CONFIRMATION → (merchant confirms) IN_DEVELOPMENT → (ISV
 * requests closure) UNDER_APPROVAL → (merchant approves) COMPLETED, or back to IN_DEVELOPMENT when the merchant
 * rejects the closure. NEW → REJECTED by the ISV; CANCELED by the merchant from NEW or PENDING_CONFIRMATION, by
 * either side from IN_DEVELOPMENT with a reason.
 */
export const orderDecider: Decider<OrderState, OrderCommand, OrderEvent> = {
  exposesVersion: true,
  initialState: () => ({ status: 'NONE' }),
  upcast: upcastOrderEvent,

  evolve(state, event) {
    if (event.type === ORDER_PLACED) {
      const { note, at, ...parties } = event.data;
      return { ...parties, status: 'NEW', ...(note ? { note } : {}), placedAt: at, updatedAt: at };
    }
    if (state.status === 'NONE') return state;
    return {
      ...state,
      status: ORDER_STATUS_AFTER[event.type],
      ...(event.type === ORDER_CONFIRMED ? { authorizationId: event.data.authorizationId } : {}),
      // The reason shown is the last step's: a closure rejected and then re-requested has none.
      reason: 'reason' in event.data ? event.data.reason : undefined,
      updatedAt: event.data.at,
    };
  },

  decide(command, state, { now }) {
    const at = now.toISOString();
    if (command.type === 'PlaceOrder') {
      if (state.status !== 'NONE') throw AppError.conflict(ORDER_EXISTS, 'this order exists already');
      const note = command.note?.trim();
      return [{ type: ORDER_PLACED, data: { ...command.parties, ...(note ? { note } : {}), at } }];
    }
    if (state.status === 'NONE') throw orderNotFound();
    const { orderId } = state;
    const by = command.side;
    if (command.type === 'CancelOrder') {
      if (FINISHED_ORDER_STATUSES.includes(state.status)) throw refuse(ORDER_FINISHED, `the order is ${state.status} already`);
      if (!CANCELABLE[by].includes(state.status)) {
        throw refuse(ORDER_NOT_CANCELABLE, by === 'ISV' ? 'the ISV cancels only an order IN_DEVELOPMENT (reject a NEW one)' : `an order ${state.status} cannot be canceled`);
      }
      const reason = state.status === 'IN_DEVELOPMENT' ? needsReason(command.reason) : command.reason?.trim() || undefined;
      return [{ type: ORDER_CANCELED, data: { orderId, by, ...(state.authorizationId ? { authorizationId: state.authorizationId } : {}), ...(reason ? { reason } : {}), at } }];
    }
    if (by !== STEP_SIDE[command.type]) {
      throw AppError.forbidden(STEP_SIDE[command.type] === 'ISV' ? ISV_SIDE_ONLY : MERCHANT_SIDE_ONLY, `only the ${STEP_SIDE[command.type] === 'ISV' ? 'ISV' : 'merchant'} takes this step`);
    }
    const [from, code] = STEP_FROM[command.type];
    if (state.status !== from) {
      if (FINISHED_ORDER_STATUSES.includes(state.status)) throw refuse(ORDER_FINISHED, `the order is ${state.status} already`);
      throw refuse(code, `the order is ${state.status}, not ${from}`);
    }
    switch (command.type) {
      case 'AcceptOrder':
        return [{ type: ORDER_ACCEPTED, data: { orderId, by, at } }];
      case 'RejectOrder':
        return [{ type: ORDER_REJECTED, data: { orderId, by, reason: needsReason(command.reason), at } }];
      case 'ConfirmOrder':
        return [{ type: ORDER_CONFIRMED, data: { orderId, by, authorizationId: command.authorizationId, scopes: command.scopes, at } }];
      case 'RequestClosure':
        return [{ type: ORDER_CLOSURE_REQUESTED, data: { orderId, by, at } }];
      case 'ApproveClosure':
        return [{ type: ORDER_COMPLETED, data: { orderId, by, ...(state.authorizationId ? { authorizationId: state.authorizationId } : {}), at } }];
      case 'RejectClosure':
        return [{ type: ORDER_CLOSURE_REJECTED, data: { orderId, by, reason: needsReason(command.reason), at } }];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const orderStreamId = (orderId: string) => `Order-${orderId}`;
