import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry and the metrics every part of it reports into: one place that names them all
 * (the dashboard in observability/ reads these names). Standalone serves it at the gateway's /metrics; each cluster
 * app at its own /metrics (the gateway's port, the services' health port). Gauges computed at scrape time (lags,
 * dead letters) are registered by the runtime, which knows the runners.
 */
export const metricsRegistry = new Registry();

let processMetrics = false;
/** Node's own figures (CPU, memory, event loop lag, GC), once per process. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** ok: answered; rejected: refused with a code (the caller's input or state); failed: our fault or a dependency down. */
export type RequestOutcome = 'ok' | 'rejected' | 'failed';

export const requestDuration = new Histogram<'service' | 'type' | 'outcome'>({
  name: 'mpp_request_duration_seconds',
  help: 'Time a service took to answer a request, by request type and outcome (ok, rejected, failed).',
  labelNames: ['service', 'type', 'outcome'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const eventsAppended = new Counter<'service' | 'type'>({
  name: 'mpp_events_appended_total',
  help: 'Events appended to the services event stores, by event type.',
  labelNames: ['service', 'type'],
  registers: [metricsRegistry],
});

export const httpRequestDuration = new Histogram<'method' | 'route' | 'status'>({
  name: 'http_request_duration_seconds',
  help: 'Duration of HTTP requests, by method, route pattern and status.',
  labelNames: ['method', 'route', 'status'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const webhookDeliveries = new Counter<'outcome'>({
  name: 'mpp_webhook_deliveries_total',
  help: 'Webhook delivery attempts, by outcome (delivered: a 2xx in time; failed: anything else).',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});

export const webhookDeliveryDuration = new Histogram({
  name: 'mpp_webhook_delivery_duration_seconds',
  help: 'Time from sending a webhook delivery to its answer (or its failure).',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});
