import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The transaction a database has open in the current async context. One per database, so a transaction on one
 * database never captures the queries of another.
 */
export class AmbientTransaction<Tx> {
  private readonly storage = new AsyncLocalStorage<Tx>();

  get current(): Tx | undefined {
    return this.storage.getStore();
  }

  /** Runs `work` with `tx` as the ambient transaction; queries it makes through the client go to `tx`. */
  run<T>(tx: Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.storage.run(tx, () => work(tx));
  }
}
