import { Command, Query } from '@nestjs/cqrs';
import { PayloadOf, ReplyOf, RequestMeta, RequestType } from '@mpp/contracts';

/**
 * A request as its service receives it: a @nestjs/cqrs command or query whose class names its request type
 * (`static type`), so a service lists its request classes and the one dispatcher, cqrs' bus, finds the
 * handler. Payload and reply come from the request map in libs/contracts: a handler answering anything else
 * does not compile.
 */
export interface RequestClass<T extends RequestType = RequestType> {
  readonly type: T;
  readonly dispatch: 'command' | 'query';
  /** False for requests whose body or answer holds secrets (passwords, tokens): never kept for Idempotency-Key replay. */
  readonly replayable: boolean;
  new (payload: PayloadOf<T>, meta: RequestMeta): Command<ReplyOf<T>> | Query<ReplyOf<T>>;
}

/** Any request class of the map: a service's list of the requests it answers. */
export type AnyRequestClass = { [T in RequestType]: RequestClass<T> }[RequestType];

/** The base of a command's class: `export class AcceptOrder extends RequestCommand(ACCEPT_ORDER) {}`. */
export function RequestCommand<T extends RequestType>(type: T, options: { replayable?: boolean } = {}) {
  return class extends Command<ReplyOf<T>> {
    static readonly type = type;
    static readonly dispatch = 'command' as const;
    static readonly replayable = options.replayable ?? true;
    constructor(
      readonly payload: PayloadOf<T>,
      readonly meta: RequestMeta,
    ) {
      super();
    }
  };
}

/** The base of a query's class: `export class GetOrder extends RequestQuery(GET_ORDER) {}`. */
export function RequestQuery<T extends RequestType>(type: T) {
  return class extends Query<ReplyOf<T>> {
    static readonly type = type;
    static readonly dispatch = 'query' as const;
    static readonly replayable = true;
    constructor(
      readonly payload: PayloadOf<T>,
      readonly meta: RequestMeta,
    ) {
      super();
    }
  };
}
