import { INestApplicationContext, Type } from '@nestjs/common';
import { Reply, RequestMessage, ServiceName } from '@mpp/contracts';
import { EventLog, EventStore, Projection, SqlClient } from '@mpp/eventsourcing';
import { AnyRequestClass } from '@mpp/messaging';

/** Answers requests exactly as the service answers them from the gateway: same handlers, Idempotency-Key log, errors. */
export interface RequestDispatch {
  handle(message: RequestMessage): Promise<Reply>;
  /** Several at once, each answered as `handle` would (RequestRouter.handleTogether: for requests that refuse before they write). */
  handleTogether(messages: RequestMessage[]): Promise<Reply[]>;
}

/** A loop a service runs besides answering requests (a batch job runner): started with it, stopped before it stops. */
export interface Daemon {
  start(): Promise<void>;
  /** Stops taking up work and settles what it has under way. */
  stop(): Promise<void>;
}

/** What a bounded context gives the runtime; the same definition runs in standalone and in the cluster. */
export interface ServiceDefinition {
  name: ServiceName;
  /** The Nest module with its command, query and request handlers; infrastructure comes through service.tokens. */
  module: Type<unknown>;
  /** Its read models; each is fed from its own store or from its inbox. */
  projections: Projection[];
  /**
   * Logs it keeps besides its event store and inbox, by the name its projections give as `source` (insights' usage
   * events): opened once per process on its database, handed to its handlers as SERVICE_LOGS.
   */
  logs?: Record<string, (sql: SqlClient) => Promise<EventLog>>;
  /** The services whose events it receives into its inbox. */
  consumes: ServiceName[];
  /** Readers of one of its logs (its `source`: its store, its inbox) that act outside it (sending email, say): never rebuilt, never parked. */
  workers?(context: INestApplicationContext): Projection[];
  /**
   * Long-running loops of its own that act through the service's requests (a process manager such as the batch job
   * runner), started once requests are answered, in standalone and in the cluster alike.
   */
  daemons?(context: INestApplicationContext, requests: RequestDispatch): Daemon[];
  /** The event types other services may see; the rest of its store stays inside. Omitted: every event. */
  publishes?: readonly string[];
  /** Runs once after boot, before requests are served (e.g. the first staff account from configuration). */
  onStart?(context: INestApplicationContext): Promise<void>;
  /** The requests it answers: one class per verb or query, each handled through @nestjs/cqrs. */
  requests?: readonly AnyRequestClass[];
}

/** A service's logs by the names projections give as `source`: its store, its inbox, and those of its own. */
export type ServiceLogs = ReadonlyMap<string, EventLog>;

/** Opens the service's logs: 'store' and 'inbox' as given, then each of `definition.logs`. */
export async function openServiceLogs(definition: ServiceDefinition, sql: SqlClient, store: EventStore, inbox: EventLog): Promise<ServiceLogs> {
  const logs = new Map<string, EventLog>([
    ['store', store],
    ['inbox', inbox],
  ]);
  for (const [name, open] of Object.entries(definition.logs ?? {})) logs.set(name, await open(sql));
  return logs;
}

/** The log that feeds a projection; a source the service does not keep is a mistake in its definition. */
export function logOf(logs: ServiceLogs, projection: Projection): EventLog {
  const log = logs.get(projection.source);
  if (!log) throw new Error(`projection "${projection.name}" reads the log "${projection.source}", which this service does not keep`);
  return log;
}
