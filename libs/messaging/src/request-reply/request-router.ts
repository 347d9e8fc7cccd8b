import { Reply, RequestMessage, ServiceName } from '@mpp/contracts';
import { isTransientError, SqlClient } from '@mpp/eventsourcing';
import { AppError, Logger, RequestOutcome, requestDuration, SpanKind, traceContextOf, traced } from '@mpp/platform';
import { CommandLog } from './command-log';
import { RequestHandler } from './request-bus';
import { AnyRequestClass } from './request-classes';

/** The buses of @nestjs/cqrs, as far as the router uses them. */
interface Dispatchers {
  commands: { execute(command: object): Promise<unknown> };
  queries: { execute(query: object): Promise<unknown> };
}

/** SQLSTATE class 22: data exceptions, raised by values no column can hold. */
const isDataException = (error: unknown) => typeof (error as { code?: unknown })?.code === 'string' && /^22[0-9A-Z]{3}$/.test((error as { code: string }).code);

/**
 * A service's entry point for requests, whatever the transport: finds the handler by message type,
 * applies Idempotency-Key replay, and turns the outcome into a Reply: refusals keep their code, a database
 * or broker that is down is SERVICE_UNAVAILABLE (503, retry later), anything else is logged and answered as
 * INTERNAL_ERROR without details. It never throws.
 */
export class RequestRouter {
  private readonly handlers = new Map<string, RequestHandler>();
  /** Requests whose body or answer holds secrets (passwords, tokens): never kept for Idempotency-Key replay. */
  private readonly neverReplayed = new Set<string>();
  private readonly commandLog: CommandLog;

  constructor(
    readonly service: ServiceName,
    private readonly sql: SqlClient,
    private readonly logger: Logger,
  ) {
    this.commandLog = new CommandLog(sql);
  }

  async init(): Promise<this> {
    await this.commandLog.init();
    return this;
  }

  register(type: string, handler: RequestHandler, options: { replayable?: boolean } = {}): void {
    if (this.handlers.has(type)) throw new Error(`${type} already has a handler`);
    this.handlers.set(type, handler);
    if (options.replayable === false) this.neverReplayed.add(type);
  }

  /** Answers each request class's type by dispatching an instance of it on cqrs' command or query bus. */
  registerClasses(classes: readonly AnyRequestClass[], { commands, queries }: Dispatchers): void {
    for (const Request of classes) {
      const bus = Request.dispatch === 'command' ? commands : queries;
      this.register(Request.type, (m) => bus.execute(new Request(m.payload as never, m.meta)), { replayable: Request.replayable });
    }
  }

  /** Answers in a span that continues the sender's trace, timed by request type and outcome. */
  handle(message: RequestMessage): Promise<Reply> {
    return this.answered(message, (handler, started) => this.answer(handler, message, started));
  }

  /**
   * Answers several requests as `handle` answers each, in one pipelined transaction when the database pipelines
   * (CommandLog.runTogether): a batch job's items, which differ only in their target, make the same few statements side
   * by side, so they cost a few round trips in all instead of a few each. Each is still its own request: its handler,
   * its rules, its Idempotency-Key and answer. Only for requests with Idempotency-Keys whose handlers refuse before they
   * write (their one write, an aggregate's append, comes after every check). Should the transaction fail as a whole
   * (a conflict, a request failing without an answer), nothing of it is kept and each request is answered alone.
   */
  async handleTogether(messages: RequestMessage[]): Promise<Reply[]> {
    const alone = () => Promise.all(messages.map((message) => this.handle(message)));
    const fit = messages.length > 1 && this.sql.pipelined && messages.every((m) => m.meta.commandId && this.handlers.has(m.type) && !this.neverReplayed.has(m.type));
    if (!fit) return alone();
    try {
      return await this.commandLog.runTogether(messages, (message) => this.answered(message, (handler, started) => this.execute(handler, message, started)));
    } catch (error) {
      this.logger.info({ err: error, requests: messages.length, type: messages[0].type }, 'requests run together failed as a whole; answering each alone');
      return alone();
    }
  }

  private answered(message: RequestMessage, answer: (handler: RequestHandler, started: number) => Promise<Reply>): Promise<Reply> {
    const handler = this.handlers.get(message.type);
    if (!handler) {
      return Promise.resolve({ ok: false, error: new AppError('UNKNOWN_REQUEST', 'bad_input', `${this.service} does not handle ${message.type}`).toBody() });
    }
    const attributes = { 'mpp.request.type': message.type, 'mpp.service': this.service };
    return traced(`handle ${message.type}`, { kind: SpanKind.SERVER, attributes, parent: traceContextOf(message.meta.traceparent) }, async (span) => {
      const started = performance.now();
      const reply = await answer(handler, started);
      const outcome = outcomeOf(reply);
      if (!reply.ok) span.setAttribute('mpp.error.code', reply.error.code);
      requestDuration.observe({ service: this.service, type: message.type, outcome }, (performance.now() - started) / 1000);
      return reply;
    });
  }

  private async answer(handler: RequestHandler, message: RequestMessage, started: number): Promise<Reply> {
    const execute = () => this.execute(handler, message, started);
    try {
      return await (message.meta.commandId && !this.neverReplayed.has(message.type) ? this.commandLog.run(message, execute) : execute());
    } catch (error) {
      // The Idempotency-Key log itself failed (its database is down, say).
      return this.failure(error, message, started);
    }
  }

  private async execute(handler: RequestHandler, message: RequestMessage, started: number): Promise<Reply> {
    try {
      const result = (await handler(message)) ?? null;
      this.logger.debug({ ...contextOf(message), ms: Math.round(performance.now() - started) }, 'request handled');
      return { ok: true, result };
    } catch (error) {
      return this.failure(error, message, started);
    }
  }

  private failure(error: unknown, message: RequestMessage, started: number): Reply {
    const context = { ...contextOf(message), ms: Math.round(performance.now() - started) };
    if (error instanceof AppError) {
      this.logger.info({ ...context, code: error.code }, 'request refused');
      return { ok: false, error: error.toBody() };
    }
    if (isDataException(error)) {
      // The database refused a value (e.g. a NUL character in text): the caller's input, not our failure.
      this.logger.info({ ...context, sqlstate: (error as { code: string }).code }, 'request refused by the database');
      return { ok: false, error: AppError.badInput('a value in the request cannot be stored', undefined, 'UNSTORABLE_VALUE').toBody() };
    }
    if (isTransientError(error)) {
      // Nothing was acknowledged (the transaction rolled back or never began): the caller may retry as it is.
      this.logger.warn({ ...context, err: error }, 'request failed on a dependency that is down; answered 503');
      return { ok: false, error: new AppError('SERVICE_UNAVAILABLE', 'unavailable', `${this.service} cannot reach its database; retry shortly`).toBody() };
    }
    this.logger.error({ ...context, err: error }, 'request failed');
    return { ok: false, error: new AppError('INTERNAL_ERROR', 'internal', 'something went wrong on our side').toBody() };
  }
}

/** Our failures (5xx) against refusals the caller caused. */
const outcomeOf = (reply: Reply): RequestOutcome => (reply.ok ? 'ok' : reply.error.category === 'internal' || reply.error.category === 'unavailable' ? 'failed' : 'rejected');

const contextOf = (message: RequestMessage) => ({ type: message.type, correlationId: message.meta.correlationId, actor: message.meta.actor?.accountId });
