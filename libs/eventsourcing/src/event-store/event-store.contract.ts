import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from './event-store.errors';
import { EventStore, NewEvent, StoredEvent } from './event-store.port';

export interface ContractTarget {
  store: EventStore;
  /**
   * Runs `work` against a store bound to one open transaction that commits when `work` resolves.
   * Only adapters with interleaving transactions (PostgreSQL) provide it; it drives the out-of-order commit tests.
   */
  inTransaction?: (work: (store: EventStore) => Promise<void>) => Promise<void>;
  close(): Promise<void>;
}

const event = (type = 'ThingHappened', data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { correlationId: randomUUID(), occurredAt: new Date().toISOString() },
});
const stream = (name: string) => `contract-${name}-${randomUUID()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the whole log after `after`, in pages, as a log reader would. */
async function readAllAfter(store: EventStore, after: string | null): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after, limit: 100 });
    out.push(...page);
    if (page.length < 100) return out;
    after = page[page.length - 1].logPosition;
  }
}

/** The one behaviour every event store adapter must show. Register it from an adapter's *.int.spec.ts. */
export function describeEventStoreContract(
  adapter: string,
  connect: () => Promise<ContractTarget>,
  capabilities: { interleavingTransactions: boolean },
): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let target: ContractTarget;
    let store: EventStore;
    beforeAll(async () => {
      target = await connect();
      store = target.store;
    });
    afterAll(() => target?.close());

    describe('append with expected version', () => {
      it('creates a stream with no_stream and refuses a second no_stream append', async () => {
        const id = stream('new');
        await expect(store.append(id, [event()], { expectedVersion: 'no_stream' })).resolves.toMatchObject({ nextVersion: 1 });
        const conflict = store.append(id, [event()], { expectedVersion: 'no_stream' });
        await expect(conflict).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(conflict).rejects.toMatchObject({ actual: 1, streamId: id });
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('appends at the exact version and refuses a stale one without writing', async () => {
        const id = stream('exact');
        await store.append(id, [event(), event()], { expectedVersion: 'no_stream' });
        await expect(store.append(id, [event()], { expectedVersion: 2 })).resolves.toMatchObject({ nextVersion: 3 });
        await expect(store.append(id, [event()], { expectedVersion: 2 })).rejects.toMatchObject({ actual: 3 });
        await expect(store.append(stream('missing'), [event()], { expectedVersion: 4 })).rejects.toMatchObject({ actual: 0 });
        expect(await store.readStream(id)).toHaveLength(3);
      });

      it('appends with any whatever the version', async () => {
        const id = stream('any');
        await store.append(id, [event()], { expectedVersion: 'any' });
        await expect(store.append(id, [event()], { expectedVersion: 'any' })).resolves.toMatchObject({ nextVersion: 2 });
      });

      it('lets exactly one of several concurrent writers at the same version win', async () => {
        const id = stream('race');
        await store.append(id, [event()], { expectedVersion: 'no_stream' });
        const results = await Promise.allSettled(
          Array.from({ length: 6 }, () => store.append(id, [event()], { expectedVersion: 1 })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof WrongExpectedVersionError)).toHaveLength(5);
      });

      it('appends a batch atomically: a conflicting batch leaves nothing behind', async () => {
        const id = stream('batch');
        await store.append(id, [event('A')], { expectedVersion: 'no_stream' });
        await expect(store.append(id, [event('B'), event('C'), event('D')], { expectedVersion: 0 })).rejects.toThrow(
          WrongExpectedVersionError,
        );
        expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A']);
        const ok = await store.append(id, [event('B'), event('C'), event('D')], { expectedVersion: 1 });
        expect(ok.nextVersion).toBe(4);
        expect((await store.readStream(id)).map((e) => e.streamPosition)).toEqual([1, 2, 3, 4]);
      });

      it('refuses a batch whose event id is already stored, and stores none of it', async () => {
        const id = stream('dup');
        const first = event('A');
        await store.append(id, [first], { expectedVersion: 'no_stream' });
        await expect(store.append(id, [event('B'), { ...first }], { expectedVersion: 1 })).rejects.toThrow();
        expect(await store.readStream(id)).toHaveLength(1);
      });
    });

    describe('read a stream', () => {
      it('reads forward and backward with data and metadata intact', async () => {
        const id = stream('read');
        const written = [event('A', { n: 1, nested: { ok: true } }), event('B', { n: 2 }), event('C', { n: 3 })];
        await store.append(id, written, { expectedVersion: 'no_stream' });
        const forward = await store.readStream(id);
        expect(forward.map((e) => [e.type, e.streamPosition, e.data])).toEqual([
          ['A', 1, { n: 1, nested: { ok: true } }],
          ['B', 2, { n: 2 }],
          ['C', 3, { n: 3 }],
        ]);
        expect(forward[0]).toMatchObject({ eventId: written[0].eventId, streamId: id, metadata: written[0].metadata });
        const backward = await store.readStream(id, { direction: 'backward', limit: 2 });
        expect(backward.map((e) => e.type)).toEqual(['C', 'B']);
        const from2 = await store.readStream(id, { fromPosition: 2 });
        expect(from2.map((e) => e.type)).toEqual(['B', 'C']);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(stream('nothing'))).toEqual([]);
      });
    });

    describe('the global log', () => {
      it('reads from a position, in commit order, in pages', async () => {
        const start = await store.headPosition();
        const a = stream('log-a');
        const b = stream('log-b');
        await store.append(a, [event('A1'), event('A2')], { expectedVersion: 'no_stream' });
        await store.append(b, [event('B1')], { expectedVersion: 'no_stream' });
        await store.append(a, [event('A3')], { expectedVersion: 2 });
        const mine = (await readAllAfter(store, start)).filter((e) => e.streamId === a || e.streamId === b);
        expect(mine.map((e) => e.type)).toEqual(['A1', 'A2', 'B1', 'A3']);
        const afterSecond = (await readAllAfter(store, mine[1].logPosition)).filter((e) => e.streamId === a || e.streamId === b);
        expect(afterSecond.map((e) => e.type)).toEqual(['B1', 'A3']);
        expect(await store.countAfter(mine[1].logPosition)).toBeGreaterThanOrEqual(2);
        expect(await store.headPosition()).toBe(mine[3].logPosition);
      });

      it('delivers old and new events to a catch-up subscription, in order', async () => {
        const start = await store.headPosition();
        const id = stream('sub');
        await store.append(id, [event('Old1'), event('Old2')], { expectedVersion: 'no_stream' });
        const seen: string[] = [];
        let caughtUp = false;
        const subscription = store.subscribe({
          after: start,
          onEvent: async (e) => {
            if (e.streamId === id) seen.push(e.type);
          },
          onCaughtUp: () => (caughtUp = true),
        });
        try {
          await waitFor(() => seen.length === 2);
          expect(caughtUp).toBe(true);
          await store.append(id, [event('New1')], { expectedVersion: 2 });
          await store.append(id, [event('New2')], { expectedVersion: 3 });
          await waitFor(() => seen.length === 4);
          expect(seen).toEqual(['Old1', 'Old2', 'New1', 'New2']);
        } finally {
          await subscription.stop();
        }
      });

      it('keeps a transaction usable after a version conflict inside it: the writer reads again and appends at the right version', async () => {
        if (!target.inTransaction) return expect(target.inTransaction).toBeUndefined();
        const id = stream('in-tx');
        await store.append(id, [event('First')], { expectedVersion: 'no_stream' });
        await target.inTransaction(async (tx) => {
          await expect(tx.append(id, [event('Stale')], { expectedVersion: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
          const [last] = await tx.readStream(id, { direction: 'backward', limit: 1 });
          await tx.append(id, [event('Second')], { expectedVersion: last.streamPosition });
        });
        expect((await store.readStream(id)).map((e) => e.type)).toEqual(['First', 'Second']);
      });

      // Only where transactions interleave can a lower-numbered event commit after a higher one (not in PGlite).
      if (capabilities.interleavingTransactions) it('never skips an event whose transaction commits after a later-numbered one', async () => {
        if (!target.inTransaction) throw new Error(`${adapter} claims interleaving transactions but gives no inTransaction`);
        const start = await store.headPosition();
        const slow = stream('slow');
        const fast = stream('fast');
        let releaseSlow!: () => void;
        const slowMayCommit = new Promise<void>((resolve) => (releaseSlow = resolve));
        let slowAppended!: () => void;
        const slowHasAppended = new Promise<void>((resolve) => (slowAppended = resolve));
        // The slow writer takes the lower sequence number, then holds its transaction open.
        const slowWriter = target.inTransaction(async (tx) => {
          await tx.append(slow, [event('Slow')], { expectedVersion: 'no_stream' });
          slowAppended();
          await slowMayCommit;
        });
        await slowHasAppended;
        await store.append(fast, [event('Fast')], { expectedVersion: 'no_stream' });
        // A naive reader would see Fast now, move its checkpoint past Slow's number and never see Slow.
        const early = (await readAllAfter(store, start)).filter((e) => e.streamId === slow || e.streamId === fast);
        const checkpoint = early.length ? early[early.length - 1].logPosition : start;
        releaseSlow();
        await slowWriter;
        const late = (await readAllAfter(store, checkpoint)).filter((e) => e.streamId === slow || e.streamId === fast);
        expect([...early, ...late].map((e) => e.type).sort()).toEqual(['Fast', 'Slow']);
      });

      it('gives a log reader every event exactly once while 8 writers commit out of order', async () => {
        const start = await store.headPosition();
        const writers = 8;
        const perWriter = 25;
        const streams = Array.from({ length: writers }, (_, i) => stream(`w${i}`));
        const seen: StoredEvent[] = [];
        const subscription = store.subscribe({
          after: start,
          batchSize: 7,
          onEvent: async (e) => {
            if (streams.includes(e.streamId)) seen.push(e);
          },
        });
        try {
          await Promise.all(
            streams.map(async (id) => {
              for (let i = 0; i < perWriter; i++) {
                const write = async (s: EventStore) => {
                  await s.append(id, [event('W', { i })], { expectedVersion: i });
                  // Hold the transaction open for a random while, so commits land out of sequence order.
                  if (target.inTransaction) await sleep(Math.random() * 8);
                };
                if (target.inTransaction) await target.inTransaction(write);
                else await write(store);
              }
            }),
          );
          await waitFor(() => seen.length >= writers * perWriter, 30_000);
          await sleep(200);
          expect(seen).toHaveLength(writers * perWriter);
          expect(new Set(seen.map((e) => e.eventId)).size).toBe(writers * perWriter);
          for (const id of streams) {
            expect(seen.filter((e) => e.streamId === id).map((e) => e.data.i)).toEqual([...Array(perWriter).keys()]);
          }
        } finally {
          await subscription.stop();
        }
      }, 30_000); // 200 appends by 8 writers and a reader: seconds on a busy machine, whatever the store
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}
