import { Attributes, context, Context, createContextKey, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace, Link } from '@opentelemetry/api';
import { ERROR_STATUS, isAppError } from '../errors/app-error';

/**
 * Our own spans, where no instrumentation reaches: request/reply handling, decide and append, each consumer's receive,
 * each projection's apply. Only the OpenTelemetry API is used here: without a registered SDK (unit tests, ops
 * commands) every call is a no-op.
 */
const tracer = () => trace.getTracer('mpp');

export { SpanKind };

/** The W3C `traceparent` of the active span, to carry in a request's meta or an event's metadata; none when not traced. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * The context a carried `traceparent` continues: the active context with the active span replaced by the carried one,
 * or by none (a new trace) when there is none or it is malformed. Values other than the span, such as the ambient
 * transaction, are kept.
 */
export function traceContextOf(traceparent: unknown): Context {
  const untraced = trace.deleteSpan(context.active());
  return typeof traceparent === 'string' ? propagation.extract(untraced, { traceparent }) : untraced;
}

/** A link to the span a carried `traceparent` names: what a batch over many traces keeps of each. */
export function linkOf(traceparent: unknown): Link | undefined {
  const span = trace.getSpanContext(traceContextOf(traceparent));
  return span && trace.isSpanContextValid(span) ? { context: span } : undefined;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The trace to continue, as carried in a message; the active context when absent. */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `fn` in a new active span that ends when it returns or, for a promise, settles; a throw or rejection marks the
 * span as an error and goes on. A refusal of the caller's request (an AppError of a 4xx category: bad input, a rule,
 * not found) is the work done right, not a fault: the span keeps its code (`mpp.error.code`) and no error status or
 * stack, as OpenTelemetry's HTTP conventions leave a 4xx server span unset. Synchronous work (decide) stays synchronous.
 */
export function traced<T>(name: string, options: SpanOptions, fn: (span: Span) => T): T {
  return tracer().startActiveSpan(name, { kind: options.kind, attributes: options.attributes, links: options.links }, options.parent ?? context.active(), (span) => {
    const failed = (error: unknown): never => {
      if (isAppError(error)) span.setAttribute('mpp.error.code', error.code);
      if (!isAppError(error) || ERROR_STATUS[error.category] >= 500) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
      throw error;
    };
    let result: T;
    try {
      result = fn(span);
    } catch (error) {
      return failed(error);
    }
    if (!(result instanceof Promise)) {
      span.end();
      return result;
    }
    return result.then((value: unknown) => {
      span.end();
      return value;
    }, failed) as T;
  });
}

/**
 * Runs `fn` outside any trace and any ambient transaction: for work a request starts but does not wait for (a batch
 * job driven for hours), which would otherwise join that request's trace, and stamp it on every event it appends, for
 * as long as it runs.
 */
export function outsideTrace<T>(fn: () => T): T {
  return context.with(ROOT_CONTEXT, fn);
}

const SQL_UNTRACED = createContextKey('mpp.sql-untraced');

/**
 * Runs `fn` with the SQL it issues left out of the trace; spans of our own under it (a reactor's decide and append)
 * are kept, and so is what messages carry (`traceparent`). For a projection's apply: its span already times its one
 * transaction, and the statements of every apply in every service (BEGIN, the checkpoint's lock and save, the
 * projection's own, COMMIT) were most of a traced request's spans and of tracing's cost.
 */
export function withoutSqlSpans<T>(fn: () => T): T {
  return context.with(context.active().setValue(SQL_UNTRACED, true), fn);
}

/**
 * Calls the driver for one statement: in the active context, or under `withoutSqlSpans` in the same context without
 * its span, where the pg instrumentation (which needs a parent span) makes none.
 */
export function querying<T>(call: () => T): T {
  const active = context.active();
  return active.getValue(SQL_UNTRACED) ? context.with(trace.deleteSpan(active), call) : call();
}

/** The active span's ids for a log line (pino's mixin), or nothing outside a trace. */
export function traceFields(): { trace_id: string; span_id: string } | Record<string, never> {
  const span = trace.getSpanContext(context.active());
  return span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

