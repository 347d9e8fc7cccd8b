import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createLogger } from '../logging/logger';
import { AppError } from '../errors/app-error';
import { trace, context } from '@opentelemetry/api';
import { currentTraceparent, linkOf, querying, traceContextOf, traced, traceFields, withoutSqlSpans } from './trace-context';

// Our spans with the SDK's in-memory exporter: how a carried traceparent continues a trace, what ends a span, what a
// log line carries.
describe('trace context', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterEach(() => exporter.reset());
  afterAll(() => provider.shutdown());

  const CALLER = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('continues the trace a message carries, and carries it on as the current span', async () => {
    const carried = await traced('handle x.Do', { parent: traceContextOf(CALLER) }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return traced('append Thing', {}, () => currentTraceparent());
    });
    const [append, handle] = exporter.getFinishedSpans();
    expect([handle.name, handle.spanContext().traceId, handle.parentSpanContext?.spanId]).toEqual(['handle x.Do', '4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7']);
    expect(append.parentSpanContext?.spanId).toBe(handle.spanContext().spanId);
    expect(carried).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${append.spanContext().spanId}-01`);
  });

  it('starts a new trace when nothing or something malformed is carried', () => {
    for (const carried of [undefined, 'not-a-traceparent', 42]) traced('apply p', { parent: traceContextOf(carried) }, () => undefined);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(3);
    expect(spans.every((s) => s.parentSpanContext === undefined)).toBe(true);
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(3);
    expect([linkOf(undefined), linkOf('garbage')]).toEqual([undefined, undefined]);
    expect(linkOf(CALLER)?.context.spanId).toBe('00f067aa0ba902b7');
  });

  it('ends a span whatever its work does: a value, a throw, a rejection (marked as errors)', async () => {
    expect(traced('sync', {}, () => 7)).toBe(7);
    expect(() => traced('throws', {}, () => { throw new Error('no'); })).toThrow('no');
    await expect(traced('rejects', {}, async () => Promise.reject(new Error('later')))).rejects.toThrow('later');
    const status = Object.fromEntries(exporter.getFinishedSpans().map((s) => [s.name, s.status.code]));
    expect(status).toEqual({ sync: 0, throws: 2, rejects: 2 });
  });

  it('keeps a refused request\'s code on its span without an error status or stack; a fault of ours stays an error', async () => {
    await expect(traced('refused', {}, async () => Promise.reject(AppError.notFound('ORDER_NOT_FOUND', 'no such order')))).rejects.toThrow('no such order');
    expect(() => traced('unavailable', {}, () => { throw new AppError('SERVICE_UNAVAILABLE', 'unavailable', 'down'); })).toThrow('down');
    const spans = Object.fromEntries(exporter.getFinishedSpans().map((s) => [s.name, [s.status.code, s.attributes['mpp.error.code'], s.events.map((e) => e.name)]]));
    expect(spans).toEqual({ refused: [0, 'ORDER_NOT_FOUND', []], unavailable: [2, 'SERVICE_UNAVAILABLE', ['exception']] });
  });

  // The pg instrumentation makes a span only under a parent span: what a driver call sees as its parent decides.
  it('leaves the SQL of withoutSqlSpans without a parent span, and keeps our spans and the carried trace under it', async () => {
    const parentOfQuery = () => querying(() => trace.getSpan(context.active())?.spanContext().spanId);
    const seen = await traced('apply p', { parent: traceContextOf(CALLER) }, (apply) => ({
      traced: parentOfQuery(),
      apply: apply.spanContext().spanId,
      untraced: withoutSqlSpans(async () => {
        await new Promise((r) => setTimeout(r, 1));
        const inReactor = traced('append Thing', {}, (append) => ({ append: append.spanContext().spanId, query: parentOfQuery(), carried: currentTraceparent() }));
        return { query: parentOfQuery(), carried: currentTraceparent(), inReactor };
      }),
    }));
    const untraced = await seen.untraced;
    expect(seen.traced).toBe(seen.apply);
    expect(untraced.query).toBeUndefined();
    expect(untraced.carried).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${seen.apply}-01`);
    expect(untraced.inReactor.query).toBeUndefined();
    expect(untraced.inReactor.carried).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${untraced.inReactor.append}-01`);
    const append = exporter.getFinishedSpans().find((s) => s.name === 'append Thing');
    expect(append?.parentSpanContext?.spanId).toBe(seen.apply);
  });

  it("puts the active span's ids on every log line, and nothing outside a trace", () => {
    const lines: string[] = [];
    const logger = createLogger('t');
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0);
    try {
      logger.info('outside');
      const ids = traced('work', {}, (span) => {
        logger.info('inside');
        return span.spanContext();
      });
      const [outside, inside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(outside.trace_id).toBeUndefined();
      expect([inside.trace_id, inside.span_id]).toEqual([ids.traceId, ids.spanId]);
      expect(traceFields()).toEqual({});
    } finally {
      write.mockRestore();
    }
  });
});
