import { RequestMessage, ServiceName } from '@mpp/contracts';

/** DI token of the RequestBus in the gateway. */
export const REQUEST_BUS = Symbol('REQUEST_BUS');

/**
 * How the gateway talks to the services: send a command or query to one service and wait for its reply.
 * Resolves with the service's result; rejects with an AppError carrying the service's code and category
 * (or SERVICE_UNAVAILABLE / 'unavailable' when no reply comes in time). Kafka in the cluster, a direct call in standalone.
 */
export interface RequestBus {
  request<Result = unknown>(service: ServiceName, message: RequestMessage): Promise<Result>;
  close(): Promise<void>;
}

/** What a service registers to answer requests: returns the result or throws (an AppError for refusals). */
export type RequestHandler = (message: RequestMessage) => Promise<unknown>;
