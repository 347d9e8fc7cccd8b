import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { useAsyncContext } from './async-context';

let provider: NodeTracerProvider | undefined;

/** Paths scraped and probed every few seconds: a trace each would bury the ones worth reading. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/**
 * Starts tracing for the process; it must run before http and pg are first required, so each app's
 * `tracing.ts` is the first import of its main. Spans are always made (log lines carry their ids, requests and events
 * carry `traceparent`); they leave the process only when OTEL_EXPORTER_OTLP_ENDPOINT is set (OTLP over HTTP).
 * OTEL_SDK_DISABLED=true turns all of it off; OTEL_TRACES_SAMPLER and its _ARG choose the sampler, as in every SDK.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): void {
  if (provider || env.OTEL_SDK_DISABLED === 'true') return;
  const spanProcessors: SpanProcessor[] = env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [];
  provider = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || `mpp-${service}` }), spanProcessors });
  // The process's one async context (`useAsyncContext`), not a second context manager of the SDK's own.
  useAsyncContext();
  provider.register({ contextManager: null });
  // No kafkajs instrumentation: requests and events carry `traceparent` themselves (in the request's meta, the event's
  // CloudEvents attributes and the Kafka headers), and our senders gather the messages of many requests into one
  // producer.send, where an instrumentation would parent them all on whichever request flushed.
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Incoming only: our one outgoing HTTP is webhook deliveries, and our trace ids are not for customers' endpoints.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? ''), disableOutgoingRequestInstrumentation: true }),
      // Queries inside a traced request, apply or delivery; not the pollers' idle looks at their tables.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
}

/**
 * Names the server span of the request under way after its route, once the caller knows it: the http instrumentation
 * then calls the span `POST /v1/orders/:id/confirm` and sets `http.route` when the response ends. The gateway says
 * which route matched. The express instrumentation would too, but it wraps every layer of every request (one of the
 * largest parts of tracing's cost in the gateway's profile) and needs Express loaded outside the bundle to patch it.
 * Undefined when the request is not traced.
 */
export function serverSpanRouteSetter(): ((route: string) => void) | undefined {
  const metadata = getRPCMetadata(context.active());
  return metadata?.type === RPCType.HTTP ? (route) => void (metadata.route = route) : undefined;
}

/** Sends the spans not exported yet, for at most `ms` (a collector away must not hold up a stop); never throws. */
export async function stopTracing(ms = 3000): Promise<void> {
  const stopping = provider;
  provider = undefined;
  if (!stopping) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([stopping.shutdown().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
