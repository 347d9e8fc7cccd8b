import { AppError } from '@mpp/platform';
import { Decider } from './decider';
import { AggregateStore, requireExpectedVersion } from './aggregate-store';
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
    async readStream(streamId: string, options?: { fromPosition?: number }) {
      return (streams.get(streamId) ?? []).filter((e) => e.streamPosition >= (options?.fromPosition ?? 1));
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

  describe('If-Match (the request meta\'s expectedVersion)', () => {
    const versioned: Decider<Counter, Add, Added> = { ...counter, exposesVersion: true };
    const ifMatch = (expectedVersion: number) => ({ metadata: { correlationId: 'c1', expectedVersion } });
    const stale = { code: 'STALE_VERSION', category: 'precondition_failed' };

    it('refuses a stale version of an aggregate that exposes it, without appending or retrying', async () => {
      const store = memoryStore();
      const aggregates = new AggregateStore(store);
      await aggregates.handle(versioned, 's', { amount: 1 }, meta);
      await expect(aggregates.handle(versioned, 's', { amount: 1 }, ifMatch(0))).rejects.toMatchObject(stale);
      expect(store.appends).toBe(1);
      await expect(aggregates.handle(versioned, 's', { amount: 1 }, ifMatch(1))).resolves.toMatchObject({ version: 2 });
    });

    it('refuses it when another writer appends between load and append, without retrying', async () => {
      const store = memoryStore(1);
      await expect(new AggregateStore(store).handle(versioned, 's', { amount: 1 }, ifMatch(0))).rejects.toMatchObject(stale);
      expect(store.appends).toBe(1);
    });

    it('answers the decider\'s refusal first: a caller refused anyway learns nothing of the version', async () => {
      const store = memoryStore();
      await expect(new AggregateStore(store).handle(versioned, 's', { amount: 11 }, ifMatch(5))).rejects.toMatchObject({ code: 'COUNTER_FULL' });
      expect(store.appends).toBe(0);
    });

    it('does not apply to an aggregate clients never see the version of, nor to a stream being created', async () => {
      const aggregates = new AggregateStore(memoryStore());
      await expect(aggregates.handle(counter, 'a', { amount: 1 }, ifMatch(5))).resolves.toMatchObject({ version: 1 });
      await expect(aggregates.handle(versioned, 'b', { amount: 1 }, { ...ifMatch(5), mustBeNew: true })).resolves.toMatchObject({ version: 1 });
    });

    it('is the same check for a handler that writes elsewhere first', () => {
      expect(() => requireExpectedVersion(2, 3)).toThrow(expect.objectContaining(stale));
      expect(() => requireExpectedVersion(3, 3)).not.toThrow();
      expect(() => requireExpectedVersion(undefined, 3)).not.toThrow();
    });
  });

  it('passes a refusal of the decider through and appends nothing', async () => {
    const store = memoryStore();
    await expect(new AggregateStore(store).handle(counter, 's', { amount: 11 }, meta)).rejects.toMatchObject({ code: 'COUNTER_FULL' });
    expect(store.appends).toBe(0);
  });

  it('decides a dry run and answers the state it would leave, appending nothing', async () => {
    const store = memoryStore();
    const aggregates = new AggregateStore(store);
    await aggregates.handle(counter, 's', { amount: 3 }, meta);
    await expect(aggregates.handle(counter, 's', { amount: 4 }, { metadata: { ...meta.metadata, dryRun: true } })).resolves.toMatchObject({ version: 1, state: { total: 7 } });
    await expect(aggregates.handle(counter, 's', { amount: 8 }, { metadata: { ...meta.metadata, dryRun: true } })).rejects.toMatchObject({ code: 'COUNTER_FULL' });
    expect(store.appends).toBe(1);
    expect((await aggregates.load(counter, 's')).state.total).toBe(3);
  });

  it('decides on the state the caller holds, and reads the stream afresh only after a conflict', async () => {
    const store = memoryStore();
    const aggregates = new AggregateStore(store);
    await aggregates.handle(counter, 's', { amount: 1 }, meta);
    // The held state is taken as it is: the stream is not read first.
    await expect(aggregates.handle(counter, 's', { amount: 2 }, { ...meta, from: { state: { total: 5 }, version: 1 } })).resolves.toMatchObject({ version: 2, state: { total: 7 } });
    // Another writer got there first: the append conflicts, the stream is read and the command decided again.
    const racing = memoryStore(1);
    await expect(new AggregateStore(racing).handle(counter, 's', { amount: 2 }, { ...meta, from: { state: { total: 0 }, version: 0 } })).resolves.toMatchObject({
      version: 2,
      state: { total: 3 },
    });
    expect(racing.appends).toBe(2);
  });

  it('loads the state as of a version', async () => {
    const store = memoryStore();
    const aggregates = new AggregateStore(store);
    for (const amount of [1, 2, 3]) await aggregates.handle(counter, 's', { amount }, meta);
    expect((await aggregates.load(counter, 's', { upToVersion: 2 })).state.total).toBe(3);
  });

  it('brings a state read elsewhere at some version up to the stream end, folding only the events after it', async () => {
    const aggregates = new AggregateStore(memoryStore());
    for (const amount of [1, 2, 3]) await aggregates.handle(counter, 's', { amount }, meta);
    // A snapshot that is not the fold of the first two events shows that only the third is folded on it.
    expect(await aggregates.loadFrom(counter, 's', { state: { total: 100 }, version: 2 })).toMatchObject({ state: { total: 103 }, version: 3 });
    expect(await aggregates.loadFrom(counter, 's', { state: { total: 6 }, version: 3 })).toEqual({ state: { total: 6 }, version: 3, events: [] });
  });

  it("answers a read model row's view while its stream has nothing newer, the state brought up to date when it lags, the stream when there is no row", async () => {
    const aggregates = new AggregateStore(memoryStore());
    for (const amount of [1, 2, 3]) await aggregates.handle(counter, 's', { amount }, meta);
    const upToDate = await aggregates.latestOf(counter, 's', { state: { total: 6 }, version: 3, view: 'row view' });
    expect(upToDate).toMatchObject({ state: { total: 6 }, version: 3, view: 'row view' });
    const lagging = await aggregates.latestOf(counter, 's', { state: { total: 3 }, version: 2, view: 'stale view' });
    expect(lagging).toMatchObject({ state: { total: 6 }, version: 3 });
    expect(lagging.view).toBeUndefined();
    expect(await aggregates.latestOf(counter, 's', undefined)).toMatchObject({ state: { total: 6 }, version: 3 });
  });
});
