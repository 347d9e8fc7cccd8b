import { AppError } from '@mpp/platform';
import { Decider } from './decider';
import { AggregateStore } from './aggregate-store';
import { EventStore, NewEvent, StoredEvent } from '../event-store/event-store.port';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';

type Counter = { total: number };
type Add = { amount: number };
type Added = { type: 'Added'; data: { amount: number } };
const counter: Decider<Counter, Add, Added> = {
  initialState: () => ({ total: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.amount }),
  decide: (c, s) => {
    if (s.total + c.amount > 10) throw AppError.rule('COUNTER_FULL', 'at most 10');
    return [{ type: 'Added', data: { amount: c.amount } }];
  },
};

/** An in-memory stream store whose first `conflicts` appends lose a race: enough to test the retry logic. */
function memoryStore(conflicts = 0): EventStore & { appends: number } {
  const streams = new Map<string, StoredEvent[]>();
  return {
    appends: 0,
    async append(streamId: string, events: NewEvent[], { expectedVersion }) {
      this.appends++;
      const current = streams.get(streamId) ?? [];
      if (conflicts > 0) {
        conflicts--;
        current.push({ ...events[0], eventId: 'other', data: { amount: 1 }, streamId, streamPosition: current.length + 1, logPosition: '', recordedAt: '' });
        streams.set(streamId, current);
        throw new WrongExpectedVersionError(streamId, expectedVersion, current.length);
      }
      const stored = events.map((e, i) => ({ ...e, streamId, streamPosition: current.length + i + 1, logPosition: '', recordedAt: '' }));
      streams.set(streamId, [...current, ...stored]);
      return { nextVersion: current.length + events.length, logPosition: '' };
    },
    async readStream(streamId: string) {
      return streams.get(streamId) ?? [];
    },
  } as EventStore & { appends: number };
}

const meta = { metadata: { correlationId: 'c1' } };

describe('AggregateStore', () => {
  it('appends the decided events at the loaded version', async () => {
    const store = memoryStore();
    const aggregates = new AggregateStore(store);
    await aggregates.handle(counter, 's', { amount: 3 }, meta);
    const result = await aggregates.handle(counter, 's', { amount: 4 }, meta);
    expect(result).toMatchObject({ version: 2, state: { total: 7 } });
  });

  it('decides again on a concurrent write and then succeeds', async () => {
    const store = memoryStore(2);
    const result = await new AggregateStore(store).handle(counter, 's', { amount: 2 }, meta);
    expect(result.state.total).toBe(4);
    expect(store.appends).toBe(3);
  });

  it('gives up with a 409 after a bounded number of attempts', async () => {
    const store = memoryStore(99);
    await expect(new AggregateStore(store, undefined, undefined, 3).handle(counter, 's', { amount: 1 }, meta)).rejects.toMatchObject({
      code: 'CONCURRENT_MODIFICATION',
      category: 'conflict',
    });
    expect(store.appends).toBe(3);
  });

  it('refuses a stale If-Match version without deciding or retrying', async () => {
    const store = memoryStore();
    const aggregates = new AggregateStore(store);
    await aggregates.handle(counter, 's', { amount: 1 }, meta);
    await expect(aggregates.handle(counter, 's', { amount: 1 }, { ...meta, expectedVersion: 0 })).rejects.toMatchObject({
      code: 'STALE_VERSION',
      category: 'precondition_failed',
    });
    expect(store.appends).toBe(1);
  });

  it('passes a refusal of the decider through and appends nothing', async () => {
    const store = memoryStore();
    await expect(new AggregateStore(store).handle(counter, 's', { amount: 11 }, meta)).rejects.toMatchObject({ code: 'COUNTER_FULL' });
    expect(store.appends).toBe(0);
  });

  it('loads the state as of a version', async () => {
    const store = memoryStore();
    const aggregates = new AggregateStore(store);
    for (const amount of [1, 2, 3]) await aggregates.handle(counter, 's', { amount }, meta);
    expect((await aggregates.load(counter, 's', { upToVersion: 2 })).state.total).toBe(3);
  });
});
