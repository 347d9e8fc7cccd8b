import { context } from '@opentelemetry/api';
import { useAsyncContext } from '@mpp/platform';

/**
 * The transaction a database has open in the current async context. One per database, so a transaction on one
 * database never captures the queries of another. It is a value of the process's one async context (OpenTelemetry's,
 * see `useAsyncContext`), under a key of its own: work run in a new trace keeps it, work run outside any trace
 * (`outsideTrace`) leaves it.
 */
export class AmbientTransaction<Tx> {
  // A symbol of its own: the API's createContextKey is Symbol.for, one key for every instance of the same name.
  private readonly key = Symbol('mpp.ambient-transaction');

  constructor() {
    useAsyncContext();
  }

  get current(): Tx | undefined {
    return context.active().getValue(this.key) as Tx | undefined;
  }

  /** Runs `work` with `tx` as the ambient transaction; queries it makes through the client go to `tx`. */
  run<T>(tx: Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
    return context.with(context.active().setValue(this.key, tx), () => work(tx));
  }
}
