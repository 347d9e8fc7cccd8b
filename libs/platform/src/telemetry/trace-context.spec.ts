import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createLogger } from '../logging/logger';
import { currentTraceparent, linkOf, traceContextOf, traced, traceFields } from './trace-context';

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
