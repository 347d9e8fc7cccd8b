import { ICommandHandler } from '@nestjs/cqrs';
import { ACCEPT_ORDER, GET_ORDER, OrderStepReply, OrderView, PLACE_ORDER, RequestMeta, serviceOf } from '@mpp/contracts';
import { RequestBus } from './request-bus';
import { RequestCommand, RequestQuery } from './request-classes';

// The request map is a compile-time contract: `npm run typecheck` (tsc) checks the @ts-expect-error lines below,
// each of which must be an error, so a wrong payload or reply cannot compile. Jest runs the runtime part.

class AcceptOrder extends RequestCommand(ACCEPT_ORDER) {}
class GetOrder extends RequestQuery(GET_ORDER) {}

export function compileTimeChecks(bus: RequestBus, meta: RequestMeta) {
  // A payload of the map, and its reply.
  const step: Promise<OrderStepReply> = bus.send(ACCEPT_ORDER, { orderId: 'o-1' }, meta);
  const order: Promise<OrderView> = bus.send(GET_ORDER, { orderId: 'o-1' }, meta);
  // @ts-expect-error a field the payload does not have
  void bus.send(ACCEPT_ORDER, { orderId: 'o-1', reason: 'x' }, meta);
  // @ts-expect-error a payload missing a field
  void bus.send(PLACE_ORDER, { serviceId: 's-1' }, meta);
  // @ts-expect-error a request type that is not in the map
  void bus.send('ordering.ChangeOrder', { orderId: 'o-1' }, meta);
  // @ts-expect-error the reply of another request
  const wrong: Promise<OrderView> = bus.send(ACCEPT_ORDER, { orderId: 'o-1' }, meta);
  // @ts-expect-error a command built with another request's payload
  void new AcceptOrder({ serviceId: 's-1', miniProgramId: 'mp-1' }, meta);

  const answers: ICommandHandler<AcceptOrder> = { execute: async () => ({ status: 'NEW', version: 1 }) };
  // @ts-expect-error a handler answering something else than its request's reply
  const answersWrong: ICommandHandler<AcceptOrder> = { execute: async () => ({ orderId: 'o-1' }) };
  return [step, order, wrong, answers, answersWrong];
}

describe('the request map', () => {
  it('names the service that answers each request, and each request class its type and dispatch', () => {
    expect([serviceOf(ACCEPT_ORDER), serviceOf(GET_ORDER)]).toEqual(['ordering', 'ordering']);
    expect([AcceptOrder.type, AcceptOrder.dispatch, AcceptOrder.replayable]).toEqual([ACCEPT_ORDER, 'command', true]);
    expect([GetOrder.type, GetOrder.dispatch]).toEqual([GET_ORDER, 'query']);
    expect(new AcceptOrder({ orderId: 'o-1' }, { correlationId: 'c' })).toMatchObject({ payload: { orderId: 'o-1' }, meta: { correlationId: 'c' } });
  });
});
