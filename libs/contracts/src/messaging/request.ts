/** Who is calling, as the gateway authenticated them. */
export interface RequestActor {
  accountId: string;
  platformRoles: string[];
  /** The session the access token belongs to, when it was issued by a sign-in. */
  sessionId?: string;
}

export interface RequestMeta {
  correlationId: string;
  /** The client's Idempotency-Key, when it sent one; the service replays its first answer for it. */
  commandId?: string;
  actor?: RequestActor;
  /** From If-Match: the version the client last saw. */
  expectedVersion?: number;
  /**
   * Check the command and answer what it would do, changing nothing (a batch job's dry run): the aggregate store
   * decides but does not append. Never set from outside; the gateway does not pass it through.
   */
  dryRun?: boolean;
  /** The W3C trace context of the sender's span, so the service's spans join the request's trace. */
  traceparent?: string;
}

/** A command or query sent to one service; `type` names it, e.g. "identity.RegisterAccount". */
export interface RequestMessage<Payload = unknown> {
  type: string;
  payload: Payload;
  meta: RequestMeta;
}

export type ErrorCategory =
  | 'bad_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'too_large'
  | 'rule_violation'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface FieldError {
  field: string;
  message: string;
}

/** A refusal as it travels back to the gateway. */
export interface ErrorBody {
  code: string;
  category: ErrorCategory;
  message: string;
  errors?: FieldError[];
}

/** The answer of every list: one page of items and the cursor of the next page (null on the last). */
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** The payload of a request that carries nothing but its meta, or the reply of one that answers nothing. */
export type Empty = Record<string, never>;

export type Reply<Result = unknown> = { ok: true; result: Result } | { ok: false; error: ErrorBody };
