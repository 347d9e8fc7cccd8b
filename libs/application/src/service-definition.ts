import { INestApplicationContext, Type } from '@nestjs/common';
import { Reply, RequestMessage, ServiceName } from '@mpp/contracts';
import { Projection } from '@mpp/eventsourcing';
import { AnyRequestClass } from '@mpp/messaging';

/** Answers a request exactly as the service answers one from the gateway: same handlers, Idempotency-Key log, errors. */
export type RequestDispatch = (message: RequestMessage) => Promise<Reply>;

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
  /** The services whose events it receives into its inbox. */
  consumes: ServiceName[];
  /** Readers of its own store that act outside it (sending email, say): never rebuilt, never parked. */
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
