import { randomBytes } from 'node:crypto';
import { ApiClient, eventually } from '../api-client';
import { OtlpReceiver, ReceivedSpan } from '../otlp-receiver';
import { ReadMail } from './account.journey';
import { approvedWorkspace, miniProgram, onlineService } from './onboarding';

/**
 * ARCHITECTURE.md's observability through the gateway: one order confirmation sent with a W3C `traceparent` yields
 * one trace, continuing the caller's, that holds the gateway's request, ordering's handling (decide, append), the
 * relay of its events (or their in-process delivery), and miniprograms receiving them and applying them to a read model. `processOf` names the
 * process (OTel service.name) each service runs in: its own in the cluster, one in standalone.
 */
export async function tracesJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient, receiver: OtlpReceiver, processOf: (service: string) => string) {
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'tracing-isv');
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'tracing-shop');
  const serviceId = await onlineService({ workspaceId: isv.workspaceId, client: isv.client }, reviewer, 'Traced development');
  const miniProgramId = await miniProgram({ workspaceId: merchant.workspaceId, client: merchant.client }, 'Traced shop');
  const placed = await eventually(async () => {
    const response = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId });
    return response.status === 201 ? response.body : undefined;
  }, 30_000, 'ordering knowing the service and the mini program');
  expect((await isv.client.post(`/v1/orders/${placed.orderId}/accept`)).status).toBe(200);

  // The caller's own trace: its span is the parent of the gateway's.
  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  const confirmed = await merchant.client.post(`/v1/orders/${placed.orderId}/confirm`, {}, { traceparent: `00-${traceId}-${callerSpanId}-01` });
  expect(confirmed.status).toBe(200);

  const miniprograms = processOf('miniprograms');
  const isApplyIn = (spans: ReceivedSpan[], s: ReceivedSpan) => s.service === miniprograms && s.name.startsWith('apply ') && hasAncestor(spans, s, (a) => a.name.startsWith('receive ordering.'));
  const spans = await eventually(async () => {
    const trace = receiver.trace(traceId);
    // Each process exports its spans in its own batches (a child can come before its parent): wait for a whole trace.
    const joined = trace.every((s) => rootOf(trace, s).parentSpanId === callerSpanId);
    return joined && trace.some((s) => isApplyIn(trace, s)) && trace.some(isTransport) ? trace : undefined;
  }, 30_000, 'the confirmation trace, whole, reaching miniprograms read model');

  // One trace: every span leads up to the caller's span.
  for (const span of spans) expect([span.name, rootOf(spans, span).parentSpanId]).toEqual([span.name, callerSpanId]);
  const named = (name: string) => spans.filter((s) => s.name === name);
  const gatewayRoot = spans.find((s) => s.parentSpanId === callerSpanId);
  // The gateway's request, named after the route that served it, as a trace viewer lists it.
  expect(gatewayRoot).toMatchObject({ service: processOf('gateway'), kind: 2, name: 'POST /v1/orders/:id/confirm', attributes: { 'http.route': '/v1/orders/:id/confirm' } });
  expect(named('send ordering.ConfirmOrder').map((s) => s.service)).toEqual([processOf('gateway')]);
  const handled = named('handle ordering.ConfirmOrder');
  expect(handled.map((s) => s.service)).toEqual([processOf('ordering')]);
  const underHandle = (name: string) => named(name).filter((s) => hasAncestor(spans, s, (a) => a === handled[0]));
  expect(underHandle('decide Order').length).toBeGreaterThan(0);
  expect(underHandle('append Order').length).toBeGreaterThan(0);
  // The transport's reader of ordering's events: its relay to Kafka (cluster), its in-process delivery (standalone).
  expect(spans.filter(isTransport).every((s) => s.service === processOf('ordering'))).toBe(true);
  const received = spans.filter((s) => s.name.startsWith('receive ordering.') && s.service === miniprograms);
  expect(received.length).toBeGreaterThan(0);
  expect(spans.filter((s) => isApplyIn(spans, s)).length).toBeGreaterThan(0);
  // An apply's span times its one transaction, an append's span its append: their statements make no spans (they were
  // most of a trace's spans).
  expect(spans.filter((s) => s.name.startsWith('pg.') && hasAncestor(spans, s, (a) => a.name.startsWith('apply ') || a.name.startsWith('append '))).map((s) => s.name)).toEqual([]);
  return { traceId, spans };
}

const isTransport = (s: ReceivedSpan) => s.name === 'apply relay' || s.name.startsWith('apply inbound:');

const parentOf = (spans: ReceivedSpan[], span: ReceivedSpan) => spans.find((s) => s.spanId === span.parentSpanId);

function hasAncestor(spans: ReceivedSpan[], span: ReceivedSpan, test: (s: ReceivedSpan) => boolean): boolean {
  for (let at = parentOf(spans, span); at; at = parentOf(spans, at)) if (test(at)) return true;
  return false;
}

/** The topmost span of the trace above `span` that the receiver has: its parent is the caller's span when all is joined. */
function rootOf(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan {
  let at = span;
  for (let parent = parentOf(spans, at); parent; parent = parentOf(spans, at)) at = parent;
  return at;
}
