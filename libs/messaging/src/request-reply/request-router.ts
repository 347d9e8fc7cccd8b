import { Reply, RequestMessage, ServiceName } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { AppError, Logger } from '@mpp/platform';
import { CommandLog } from './command-log';
import { RequestHandler } from './request-bus';

/** SQLSTATE class 22: data exceptions, raised by values no column can hold. */
const isDataException = (error: unknown) => typeof (error as { code?: unknown })?.code === 'string' && /^22[0-9A-Z]{3}$/.test((error as { code: string }).code);

/**
 * A service's entry point for requests, whatever the transport: finds the handler by message type,
 * applies Idempotency-Key replay, and turns the outcome into a Reply (refusals keep their code; anything
 * unexpected is logged and answered as INTERNAL_ERROR without details).
 */
export class RequestRouter {
  private readonly handlers = new Map<string, RequestHandler>();
  /** Requests whose body or answer holds secrets (passwords, tokens): never kept for Idempotency-Key replay. */
  private readonly neverReplayed = new Set<string>();
  private readonly commandLog: CommandLog;

  constructor(
    readonly service: ServiceName,
    sql: SqlClient,
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

  async handle(message: RequestMessage): Promise<Reply> {
    const handler = this.handlers.get(message.type);
    if (!handler) {
      return { ok: false, error: new AppError('UNKNOWN_REQUEST', 'bad_input', `${this.service} does not handle ${message.type}`).toBody() };
    }
    const execute = () => this.execute(handler, message);
    return message.meta.commandId && !this.neverReplayed.has(message.type) ? this.commandLog.run(message, execute) : execute();
  }

  private async execute(handler: RequestHandler, message: RequestMessage): Promise<Reply> {
    const started = performance.now();
    const context = { type: message.type, correlationId: message.meta.correlationId, actor: message.meta.actor?.accountId };
    try {
      const result = (await handler(message)) ?? null;
      this.logger.debug({ ...context, ms: Math.round(performance.now() - started) }, 'request handled');
      return { ok: true, result };
    } catch (error) {
      if (error instanceof AppError) {
        this.logger.info({ ...context, code: error.code, ms: Math.round(performance.now() - started) }, 'request refused');
        return { ok: false, error: error.toBody() };
      }
      if (isDataException(error)) {
        // The database refused a value (e.g. a NUL character in text): the caller's input, not our failure.
        this.logger.info({ ...context, sqlstate: (error as { code: string }).code }, 'request refused by the database');
        return { ok: false, error: AppError.badInput('a value in the request cannot be stored', undefined, 'UNSTORABLE_VALUE').toBody() };
      }
      this.logger.error({ ...context, err: error }, 'request failed');
      return { ok: false, error: new AppError('INTERNAL_ERROR', 'internal', 'something went wrong on our side').toBody() };
    }
  }
}
