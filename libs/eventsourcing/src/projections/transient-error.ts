// SQLSTATE classes of failures that go away by themselves: connection (08), transaction rollback such as
// serialization failures and deadlocks (40), insufficient resources (53), operator intervention (57), system (58).
const TRANSIENT_SQLSTATE_CLASSES = ['08', '40', '53', '57', '58'];
const TRANSIENT_NODE_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'];

/**
 * Whether retrying can help: a database or broker that is down or busy, rather than an event the reader can
 * never handle (bad data, a constraint, a bug). Only the latter may ever be parked as a dead letter.
 */
export function isTransientError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && code.length === 5 && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  if (typeof code === 'string' && TRANSIENT_NODE_CODES.includes(code)) return true;
  if (typeof name === 'string' && name.startsWith('KafkaJS')) return true;
  // The last ones: pg's own words for a lost connection, and an embedded database closing with its process.
  return typeof message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed|PGlite is closed/i.test(message);
}
