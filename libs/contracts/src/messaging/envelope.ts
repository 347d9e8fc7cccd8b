/**
 * The CloudEvents-shaped envelope of every event published on Kafka (and on the in-process transport).
 * Extension attributes are lower case, as CloudEvents requires.
 */
export interface EventEnvelope<Data = Record<string, unknown>> {
  specversion: '1.0';
  /** The event id: the same id the event has in its service's store; consumers deduplicate on it. */
  id: string;
  type: string;
  /** The publishing context, e.g. "/mpp/identity". */
  source: string;
  /** The stream id (aggregate) the event belongs to; also the Kafka message key. */
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: Data;
  /** The event's position within its stream, counting from 1. */
  sequence: number;
  correlationid: string;
  causationid?: string;
  /** The account that caused the event, absent for the system. */
  actor?: string;
  actorroles?: string[];
  /** The W3C trace context of the event's append (CloudEvents' distributed tracing extension); also a Kafka header. */
  traceparent?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUIRED_STRINGS = ['id', 'type', 'source', 'subject', 'time', 'correlationid'] as const;

/** Checks an untrusted value is a well-formed envelope; returns why not, or null. */
export function envelopeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  if (record.specversion !== '1.0') return 'specversion must be "1.0"';
  for (const key of REQUIRED_STRINGS) {
    if (typeof record[key] !== 'string' || record[key] === '') return `${key} must be a non-empty string`;
  }
  if (!UUID.test(record.id as string)) return 'id must be a UUID';
  if (Number.isNaN(Date.parse(record.time as string))) return 'time must be an ISO 8601 timestamp';
  if (typeof record.data !== 'object' || record.data === null) return 'data must be an object';
  if (!Number.isInteger(record.sequence) || (record.sequence as number) < 1) return 'sequence must be a positive integer';
  return null;
}
