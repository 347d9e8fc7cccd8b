import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { outsideTrace, traceContextOf, traced } from '@mpp/platform';
import { AmbientTransaction } from './ambient-transaction';

const tick = () => new Promise((resolve) => setImmediate(resolve));
const CALLER = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('AmbientTransaction', () => {
  it('is seen through awaits and callbacks of its own work, without any tracing set up, and not after', async () => {
    const ambient = new AmbientTransaction<string>();
    const seen = await ambient.run('tx-1', async () => {
      await tick();
      const inTimer = await new Promise((resolve) => setTimeout(() => resolve(ambient.current), 1));
      return [ambient.current, inTimer];
    });
    expect(seen).toEqual(['tx-1', 'tx-1']);
    expect(ambient.current).toBeUndefined();
  });

  it('belongs to one database: another ambient transaction does not see it, and both nest', async () => {
    const first = new AmbientTransaction<string>();
    const second = new AmbientTransaction<string>();
    const seen = await first.run('a', () => second.run('b', async () => (await tick(), [first.current, second.current])));
    expect(seen).toEqual(['a', 'b']);
    await first.run('a', async () => expect(second.current).toBeUndefined());
  });

  it('survives a span that continues a carried trace, and is left by work run outside any trace', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register({ contextManager: null });
    try {
      const ambient = new AmbientTransaction<string>();
      const inSpan = await ambient.run('tx', () => traced('receive', { parent: traceContextOf(CALLER) }, async () => (await tick(), [ambient.current, trace.getSpan(context.active())?.spanContext().traceId])));
      expect(inSpan).toEqual(['tx', '4bf92f3577b34da6a3ce929d0e0e4736']);
      // No carried trace: a new trace, the transaction still there.
      const newTrace = await ambient.run('tx', () => traced('outer', {}, () => traced('apply', { parent: traceContextOf(undefined) }, async () => ambient.current)));
      expect(newTrace).toBe('tx');
      const apply = exporter.getFinishedSpans().find((span) => span.name === 'apply');
      expect(apply?.parentSpanContext).toBeUndefined();
      expect(await ambient.run('tx', () => outsideTrace(async () => ambient.current))).toBeUndefined();
    } finally {
      await provider.shutdown();
      trace.disable();
    }
  });
});
