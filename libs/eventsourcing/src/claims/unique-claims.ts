import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import { EventStore } from '../event-store/event-store.port';

export interface ClaimHolder {
  holderId: string;
  claimedAt: number;
}

export interface UniqueClaimsOptions {
  /** Event types of the claim streams, e.g. `catalog.ServiceNameClaimed` / `catalog.ServiceNameReleased`. */
  claimed: string;
  released: string;
  /** The data field naming the holder (kept per use, so streams written before stay readable). */
  holderKey: string;
}

/**
 * "At most one X per key" across streams: the key is claimed by appending to a stream named after it, at the
 * version last read (the event store's optimistic concurrency is the lock). A claim ends when it is released or
 * when the caller's `stillHeld` says its holder no longer needs it (e.g. an order that finished), so a holder
 * that dies half-way never blocks the key for ever.
 */
export class UniqueClaims {
  constructor(
    private readonly store: EventStore,
    private readonly options: UniqueClaimsOptions,
  ) {}

  /** The current holder, or undefined when the key is free. */
  async holder(stream: string): Promise<ClaimHolder | undefined> {
    return (await this.last(stream)).holder;
  }

  /**
   * Claims the key for `holderId`; false when another holder keeps it. `stillHeld` decides whether a claim by
   * someone else still counts (default: until released).
   */
  async claim(stream: string, holderId: string, correlationId: string, stillHeld: (holder: ClaimHolder) => Promise<boolean> = async () => true): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { holder, version } = await this.last(stream);
      if (holder?.holderId === holderId) return true;
      if (holder && (await stillHeld(holder))) return false;
      try {
        await this.store.append(stream, [this.event(this.options.claimed, holderId, correlationId)], { expectedVersion: version === 0 ? 'no_stream' : version });
        return true;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
    return false;
  }

  /** Frees the key if `holderId` holds it; a no-op otherwise. */
  async release(stream: string, holderId: string, correlationId: string): Promise<void> {
    const { holder, version } = await this.last(stream);
    if (holder?.holderId !== holderId) return;
    await this.store.append(stream, [this.event(this.options.released, holderId, correlationId)], { expectedVersion: version }).catch((error) => {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    });
  }

  private async last(stream: string): Promise<{ holder?: ClaimHolder; version: number }> {
    const [last] = await this.store.readStream(stream, { direction: 'backward', limit: 1 });
    if (!last) return { version: 0 };
    const holder = last.type === this.options.claimed ? { holderId: String(last.data[this.options.holderKey]), claimedAt: Date.parse(last.metadata.occurredAt) } : undefined;
    return { holder, version: last.streamPosition };
  }

  private event(type: string, holderId: string, correlationId: string) {
    return { eventId: randomUUID(), type, data: { [this.options.holderKey]: holderId }, metadata: { correlationId, occurredAt: new Date().toISOString() } };
  }
}
