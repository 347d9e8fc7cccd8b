import { ORDER_ACCEPTED, ORDER_CANCELED, ORDER_CLOSURE_REJECTED, ORDER_CLOSURE_REQUESTED, ORDER_COMPLETED, ORDER_CONFIRMED, ORDER_PLACED, ORDER_REJECTED, OrderStatus } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { deciderSpecification, SPEC_NOW } from '@mpp/eventsourcing/testing';
import { OrderCommand, orderDecider, OrderEvent, OrderSide } from './order.decider';

const parties = { orderId: 'o1', serviceId: 's1', miniProgramId: 'mp1', merchantWorkspaceId: 'm1', isvWorkspaceId: 'i1' };
const spec = deciderSpecification(orderDecider);
const decide = (events: OrderEvent[], command: OrderCommand) => spec.given(events).when(command).decided();
const then = (events: OrderEvent[], command: OrderCommand) => spec.given(events).when(command).events();

const placed = decide([], { type: 'PlaceOrder', parties, note: ' Stamps, please. ' });
const accepted = then(placed, { type: 'AcceptOrder', side: 'ISV' });
const confirmed = then(accepted, { type: 'ConfirmOrder', side: 'MERCHANT', authorizationId: 'a1', scopes: ['UPLOAD'] });
const underApproval = then(confirmed, { type: 'RequestClosure', side: 'ISV' });
const completed = then(underApproval, { type: 'ApproveClosure', side: 'MERCHANT' });
const rejected = then(placed, { type: 'RejectOrder', side: 'ISV', reason: 'Too busy' });
const canceled = then(placed, { type: 'CancelOrder', side: 'MERCHANT' });

/** A history reaching each status. */
const AT: Record<OrderStatus, OrderEvent[]> = {
  NEW: placed,
  PENDING_CONFIRMATION: accepted,
  IN_DEVELOPMENT: confirmed,
  UNDER_APPROVAL: underApproval,
  COMPLETED: completed,
  REJECTED: rejected,
  CANCELED: canceled,
};
const STATUSES = Object.keys(AT) as OrderStatus[];

/** Each step with the side that may take it and the one status it starts from. */
const STEPS: { name: string; command: (side: OrderSide) => OrderCommand; side: OrderSide; from: OrderStatus; to: OrderStatus; code: string }[] = [
  { name: 'accept', command: (side) => ({ type: 'AcceptOrder', side }), side: 'ISV', from: 'NEW', to: 'PENDING_CONFIRMATION', code: 'ORDER_NOT_NEW' },
  { name: 'reject', command: (side) => ({ type: 'RejectOrder', side, reason: 'No capacity' }), side: 'ISV', from: 'NEW', to: 'REJECTED', code: 'ORDER_NOT_NEW' },
  { name: 'confirm', command: (side) => ({ type: 'ConfirmOrder', side, authorizationId: 'a2', scopes: ['UPLOAD'] }), side: 'MERCHANT', from: 'PENDING_CONFIRMATION', to: 'IN_DEVELOPMENT', code: 'ORDER_NOT_PENDING_CONFIRMATION' },
  { name: 'request closure', command: (side) => ({ type: 'RequestClosure', side }), side: 'ISV', from: 'IN_DEVELOPMENT', to: 'UNDER_APPROVAL', code: 'ORDER_NOT_IN_DEVELOPMENT' },
  { name: 'approve closure', command: (side) => ({ type: 'ApproveClosure', side }), side: 'MERCHANT', from: 'UNDER_APPROVAL', to: 'COMPLETED', code: 'ORDER_NOT_UNDER_APPROVAL' },
  { name: 'reject closure', command: (side) => ({ type: 'RejectClosure', side, reason: 'The stamps do not count' }), side: 'MERCHANT', from: 'UNDER_APPROVAL', to: 'IN_DEVELOPMENT', code: 'ORDER_NOT_UNDER_APPROVAL' },
];
const FINISHED: OrderStatus[] = ['COMPLETED', 'REJECTED', 'CANCELED'];
const other = (side: OrderSide): OrderSide => (side === 'ISV' ? 'MERCHANT' : 'ISV');

describe('order decider', () => {
  it('places a NEW order carrying both parties and the trimmed note', () => {
    expect(placed).toEqual([{ type: ORDER_PLACED, data: { ...parties, note: 'Stamps, please.', at: SPEC_NOW.toISOString() } }]);
    spec.given(placed).when({ type: 'PlaceOrder', parties }).thenRefuses('ORDER_EXISTS', 'conflict');
  });

  it('goes NEW → PENDING_CONFIRMATION → IN_DEVELOPMENT → UNDER_APPROVAL → COMPLETED, each event saying what happened and who did it', () => {
    expect(completed.map((e, i) => [e.type, fold(orderDecider, completed.slice(0, i + 1)).status])).toEqual([
      [ORDER_PLACED, 'NEW'],
      [ORDER_ACCEPTED, 'PENDING_CONFIRMATION'],
      [ORDER_CONFIRMED, 'IN_DEVELOPMENT'],
      [ORDER_CLOSURE_REQUESTED, 'UNDER_APPROVAL'],
      [ORDER_COMPLETED, 'COMPLETED'],
    ]);
    expect(confirmed[2].data).toMatchObject({ authorizationId: 'a1', scopes: ['UPLOAD'] });
    expect(completed.slice(1).map((e) => e.data)).toEqual([
      { orderId: 'o1', by: 'ISV', at: SPEC_NOW.toISOString() },
      { orderId: 'o1', by: 'MERCHANT', authorizationId: 'a1', scopes: ['UPLOAD'], at: SPEC_NOW.toISOString() },
      { orderId: 'o1', by: 'ISV', at: SPEC_NOW.toISOString() },
      // The end names the authorization it ends, so its consumers end it with the order.
      { orderId: 'o1', by: 'MERCHANT', authorizationId: 'a1', at: SPEC_NOW.toISOString() },
    ]);
    expect(fold(orderDecider, completed)).toMatchObject({ status: 'COMPLETED', authorizationId: 'a1', note: 'Stamps, please.' });
  });

  it('takes a rejected closure back to IN_DEVELOPMENT with its reason, and a later closure without it', () => {
    const back = then(underApproval, { type: 'RejectClosure', side: 'MERCHANT', reason: ' Missing the member card ' });
    expect(back[4]).toMatchObject({ type: ORDER_CLOSURE_REJECTED, data: { by: 'MERCHANT', reason: 'Missing the member card' } });
    expect(fold(orderDecider, back)).toMatchObject({ status: 'IN_DEVELOPMENT', reason: 'Missing the member card' });
    const again = then(back, { type: 'RequestClosure', side: 'ISV' });
    expect(fold(orderDecider, again)).toMatchObject({ status: 'UNDER_APPROVAL', reason: undefined });
  });

  for (const step of STEPS) {
    it(`lets only the ${step.side} ${step.name}, only from ${step.from}`, () => {
      expect(fold(orderDecider, then(AT[step.from], step.command(step.side))).status).toBe(step.to);
      spec.given(AT[step.from]).when(step.command(other(step.side))).thenRefuses(step.side === 'ISV' ? 'ISV_SIDE_ONLY' : 'MERCHANT_SIDE_ONLY', 'forbidden');
      for (const status of STATUSES.filter((s) => s !== step.from)) {
        spec.given(AT[status]).when(step.command(step.side)).thenRefuses(FINISHED.includes(status) ? 'ORDER_FINISHED' : step.code, 'rule_violation');
      }
    });
  }

  it('lets the merchant cancel NEW, PENDING_CONFIRMATION and IN_DEVELOPMENT orders, and the ISV only IN_DEVELOPMENT ones', () => {
    const cancel = (side: OrderSide, reason?: string): OrderCommand => ({ type: 'CancelOrder', side, reason });
    spec.given(AT.NEW).when(cancel('MERCHANT')).then([{ type: ORDER_CANCELED, data: { orderId: 'o1', by: 'MERCHANT', at: SPEC_NOW.toISOString() } }]);
    expect(decide(AT.PENDING_CONFIRMATION, cancel('MERCHANT', 'Changed our mind'))[0].data).toMatchObject({ by: 'MERCHANT', reason: 'Changed our mind' });
    expect(decide(AT.IN_DEVELOPMENT, cancel('MERCHANT', 'Budget cut'))[0].data).toMatchObject({ by: 'MERCHANT', authorizationId: 'a1' });
    expect(decide(AT.IN_DEVELOPMENT, cancel('ISV', 'Key developer left'))[0].data).toMatchObject({ by: 'ISV', reason: 'Key developer left' });
    expect(fold(orderDecider, then(AT.NEW, cancel('MERCHANT'))).status).toBe('CANCELED');
    spec.given(AT.NEW).when(cancel('ISV', 'x')).thenRefuses('ORDER_NOT_CANCELABLE', 'rule_violation');
    spec.given(AT.PENDING_CONFIRMATION).when(cancel('ISV', 'x')).thenRefuses('ORDER_NOT_CANCELABLE', 'rule_violation');
    for (const side of ['MERCHANT', 'ISV'] as const) {
      spec.given(AT.UNDER_APPROVAL).when(cancel(side, 'x')).thenRefuses('ORDER_NOT_CANCELABLE', 'rule_violation');
      for (const status of FINISHED) spec.given(AT[status]).when(cancel(side, 'x')).thenRefuses('ORDER_FINISHED', 'rule_violation');
      // Work has started: a reason is owed.
      expect(() => decide(AT.IN_DEVELOPMENT, cancel(side, '  '))).toThrow(expect.objectContaining({ category: 'bad_input', errors: [expect.objectContaining({ field: 'reason' })] }));
    }
  });

  it('needs a reason to reject an order or a closure', () => {
    expect(() => decide(AT.NEW, { type: 'RejectOrder', side: 'ISV', reason: ' ' })).toThrow(expect.objectContaining({ category: 'bad_input' }));
    expect(() => decide(AT.UNDER_APPROVAL, { type: 'RejectClosure', side: 'MERCHANT', reason: '' })).toThrow(expect.objectContaining({ category: 'bad_input' }));
    expect(types(rejected)).toEqual([ORDER_PLACED, ORDER_REJECTED]);
  });

  it('reads the events stored before version 2 (the whole order on each) as what happened, to the same state', () => {
    // Today's stored shape (version 1), as ordering wrote it until November 2026.
    const v1 = (type: string, status: string, extra: object = {}) => ({ type, data: { ...parties, status, at: SPEC_NOW.toISOString(), ...extra } });
    const stored = [
      v1(ORDER_PLACED, 'NEW', { note: 'Stamps, please.' }),
      v1(ORDER_ACCEPTED, 'PENDING_CONFIRMATION'),
      v1(ORDER_CONFIRMED, 'IN_DEVELOPMENT', { authorizationId: 'a1', scopes: ['UPLOAD'] }),
      v1(ORDER_CLOSURE_REQUESTED, 'UNDER_APPROVAL', { authorizationId: 'a1' }),
      v1(ORDER_COMPLETED, 'COMPLETED', { authorizationId: 'a1' }),
    ];
    const read = stored.map((e) => orderDecider.upcast?.(e));
    expect(read).toEqual(completed);
    expect(fold(orderDecider, read as OrderEvent[])).toEqual(fold(orderDecider, completed));
    const canceledV1 = v1(ORDER_CANCELED, 'CANCELED', { canceledBy: 'ISV', reason: 'Key developer left', authorizationId: 'a1' });
    expect(orderDecider.upcast?.(canceledV1)).toEqual({ type: ORDER_CANCELED, data: { orderId: 'o1', by: 'ISV', authorizationId: 'a1', reason: 'Key developer left', at: SPEC_NOW.toISOString() } });
    // Version 2 and events of other streams pass through as they are.
    expect(orderDecider.upcast?.(completed[1])).toBe(completed[1]);
  });

  it('refuses every step on an order that does not exist', () => {
    spec.given([]).when({ type: 'AcceptOrder', side: 'ISV' }).thenRefuses('ORDER_NOT_FOUND', 'not_found');
    spec.given([]).when({ type: 'CancelOrder', side: 'MERCHANT' }).thenRefuses('ORDER_NOT_FOUND', 'not_found');
  });
});

const types = (events: OrderEvent[]) => events.map((e) => e.type);
