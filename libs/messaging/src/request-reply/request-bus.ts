import { currentTraceparent, SpanKind, traced } from '@mpp/platform';
import { PayloadOf, ReplyOf, RequestMessage, RequestMeta, RequestType, serviceOf, ServiceName } from '@mpp/contracts';

/** DI token of the RequestBus in the gateway. */
export const REQUEST_BUS = Symbol('REQUEST_BUS');

/**
 * How the gateway talks to the services: send a command or query to one service and wait for its reply.
 * Resolves with the service's result; rejects with an AppError carrying the service's code and category
 * (or SERVICE_UNAVAILABLE / 'unavailable' when no reply comes in time). Kafka in the cluster, a direct call in standalone.
 */
export abstract class RequestBus {
  /** Sends a request of the request map to the service its type names; payload and reply are type-checked against the map. */
  send<T extends RequestType>(type: T, payload: PayloadOf<T>, meta: RequestMeta): Promise<ReplyOf<T>> {
    const service = serviceOf(type);
    return traced(`send ${type}`, { kind: SpanKind.CLIENT, attributes: { 'mpp.request.type': type, 'mpp.service': service } }, () =>
      this.request<ReplyOf<T>>(service, { type, payload, meta: { ...meta, traceparent: currentTraceparent() ?? meta.traceparent } }),
    );
  }

  /** Carries one message to `service`: the transport's part (requests not yet in the request map use it directly). */
  abstract request<Result = unknown>(service: ServiceName, message: RequestMessage): Promise<Result>;
  abstract close(): Promise<void>;
}

/** What a service registers to answer requests: returns the result or throws (an AppError for refusals). */
export type RequestHandler = (message: RequestMessage) => Promise<unknown>;
