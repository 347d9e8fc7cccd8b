import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';

const PROBE = createContextKey('mpp.async-context-probe');

/**
 * Makes OpenTelemetry's context the process's one async context, whether tracing is on or not: it carries the active
 * span and, as context values, each database's ambient transaction. One AsyncLocalStorage, not one per purpose: Node
 * 20 pays for each storage on every promise and callback the process creates (each copies its value to every new
 * async resource), so a second storage for transactions made every await dearer, and with one per PGlite schema
 * standalone paid it eight times over. Registers an AsyncLocalStorage context manager unless one already works (the
 * tracing SDK's, or a test's); cheap to call again.
 */
export function useAsyncContext(): void {
  if (context.with(ROOT_CONTEXT.setValue(PROBE, true), () => context.active().getValue(PROBE) === true)) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}
