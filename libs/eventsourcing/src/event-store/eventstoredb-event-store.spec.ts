import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AppendExpectedRevision, EventData, Position, ReadPosition, ReadRevision } from '@eventstore/db-client';
import { describeEventStoreContract } from './event-store.contract';
import { WrongExpectedVersionError } from './event-store.errors';
import { NewEvent } from './event-store.port';
import {
  DuplicateEventIdError,
  EsdbRecordedEvent,
  EventStoreDbEventStore,
  formatEsdbPosition,
  fromEsdbCurrentRevision,
  fromEsdbRecordedEvent,
  isEsdbSystemEvent,
  parseEsdbPosition,
  toEsdbExpectedRevision,
} from './eventstoredb-event-store';

// Unit tests of the adapter's own logic against a stand-in for the gRPC client; the real server's
// contract run is eventstoredb-event-store.int.spec.ts.

/**
 * A stand-in for the gRPC client, with the server behaviour the adapter relies on as documented: $all ordered by
 * (commit, prepare) with one commit position per batch, system events in between, reads of $all that include the
 * event at the start position (in both directions, the less convenient case), missing streams failing the read with
 * StreamNotFoundError, and expected-revision checks failing with the client's WrongExpectedVersionError.
 * It checks the adapter's mapping, paging and filtering, not EventStoreDB.
 */
class FakeEsdbClient {
  private readonly all: EsdbRecordedEvent[] = [];
  private readonly streams = new Map<string, EsdbRecordedEvent[]>();
  private nextPrepare = 1_000n;
  private appends = 0;
  disposed = false;

  constructor() {
    for (let i = 0; i < 40; i++) this.write(`$$fake-system-${i}`, [{ id: randomUUID(), type: '$metadata', data: {}, metadata: undefined }]);
  }

  async appendToStream(streamName: string, events: EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}) {
    await Promise.resolve();
    const stream = this.streams.get(streamName);
    const current = stream ? BigInt(stream.length - 1) : NO_STREAM;
    const expected = options.expectedRevision ?? ANY;
    const ok =
      expected === ANY ||
      (expected === NO_STREAM && !stream) ||
      (expected === 'stream_exists' && !!stream) ||
      (typeof expected === 'bigint' && expected === current);
    if (!ok) throw new EsdbWrongExpectedVersionError(undefined, { streamName, expected, current });
    const written = this.write(
      streamName,
      events.map((e) => ({ id: e.id, type: e.type, data: roundTrip(e.data), metadata: roundTrip(e.metadata) })),
    );
    // Now and then the server writes its own events: some with $ types, some in $ streams with plain types.
    if (++this.appends % 3 === 0) this.write('$stats-fake', [{ id: randomUUID(), type: '$statsCollected', data: {}, metadata: undefined }]);
    if (this.appends % 5 === 0) this.write('$projections-fake-result', [{ id: randomUUID(), type: 'Result', data: {}, metadata: undefined }]);
    // Like the server, reply with the transaction's position, not the last event's.
    return { success: true, nextExpectedRevision: written[written.length - 1].revision, position: written[0].position };
  }

  readStream(streamName: string, options: { direction?: string; fromRevision?: ReadRevision; maxCount?: number | bigint } = {}) {
    const stream = this.streams.get(streamName);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    let events: EsdbRecordedEvent[] = [];
    if (stream && options.direction === BACKWARDS) {
      const from = options.fromRevision === undefined || options.fromRevision === END ? BigInt(stream.length) : (options.fromRevision as bigint);
      events = stream.filter((e) => e.revision <= from).reverse().slice(0, max);
    } else if (stream) {
      const from = options.fromRevision === undefined || options.fromRevision === START ? 0n : (options.fromRevision as bigint);
      events = stream.filter((e) => e.revision >= from).slice(0, max);
    }
    return Readable.from(
      (async function* () {
        if (!stream) throw new StreamNotFoundError(undefined, streamName);
        for (const event of events) yield { event };
      })(),
    );
  }

  readAll(options: { direction?: string; fromPosition?: ReadPosition; maxCount?: number | bigint } = {}) {
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromPosition;
    const cmp = (a: Position, b: Position) => (a.commit === b.commit ? Number(a.prepare - b.prepare) : Number(a.commit - b.commit));
    let events: EsdbRecordedEvent[];
    if (options.direction === BACKWARDS) {
      events = [...this.all].reverse().filter((e) => from === undefined || from === END || (from !== START && cmp(e.position!, from) <= 0));
    } else {
      events = this.all.filter((e) => from === undefined || from === START || (from !== END && cmp(e.position!, from) >= 0));
    }
    return Readable.from(events.slice(0, max).map((event) => ({ event })));
  }

  async dispose() {
    this.disposed = true;
  }

  private write(streamId: string, events: { id: string; type: string; data: unknown; metadata: unknown }[]) {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const commit = this.nextPrepare + BigInt(events.length) * 100n;
    const written = events.map((e, i) => ({
      streamId,
      id: e.id,
      revision: BigInt(stream.length + i),
      type: e.type,
      created: new Date(),
      isJson: true,
      data: e.data,
      metadata: e.metadata,
      position: { commit, prepare: this.nextPrepare + BigInt(i) * 100n },
    }));
    this.nextPrepare = commit + 100n;
    stream.push(...written);
    this.all.push(...written);
    return written;
  }
}

// What the server hands back: the JSON it was sent, or nothing.
const roundTrip = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

const fakeStore = (options: ConstructorParameters<typeof EventStoreDbEventStore>[1] = {}) => {
  const client = new FakeEsdbClient();
  return { client, store: new EventStoreDbEventStore(client as unknown as EventStoreDBClient, options) };
};

// The adapter's own logic (mapping, paging past system events, exclusive positions, duplicate ids, subscription)
// against the shared contract, without a server.
describeEventStoreContract(
  'EventStoreDB adapter on a fake client (no server)',
  async () => {
    const { store } = fakeStore({ pollIntervalMs: 20 });
    return { store, close: () => store.close() };
  },
  { interleavingTransactions: false },
);

const newEvent = (type = 'ThingHappened'): NewEvent => ({
  eventId: randomUUID(),
  type,
  data: { n: 1 },
  metadata: { correlationId: randomUUID(), occurredAt: new Date().toISOString() },
});

describe('EventStoreDbEventStore without a server', () => {
  it('refuses a malformed connection string with a clear error that does not repeat the string', () => {
    expect(() => new EventStoreDbEventStore('not a url')).toThrow(/invalid EventStoreDB connection string.*esdb:\/\//);
    expect(() => new EventStoreDbEventStore('http://admin:secret@127.0.0.1:2113')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') }),
    );
  });

  it('accepts a well-formed connection string without connecting, and closes', async () => {
    const store = new EventStoreDbEventStore('esdb://127.0.0.1:2113?tls=false');
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('maps expected versions (number of events) to expected revisions (last revision)', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision(0)).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision(1)).toBe(0n);
    expect(toEsdbExpectedRevision(42)).toBe(41n);
    expect(() => toEsdbExpectedRevision(-1)).toThrow(/invalid expected version/);
    expect(() => toEsdbExpectedRevision(1.5)).toThrow(/invalid expected version/);
  });

  it('maps the current revision of a conflict to our version', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe(0);
    expect(fromEsdbCurrentRevision(undefined)).toBe(0);
    expect(fromEsdbCurrentRevision(-1n)).toBe(0);
    expect(fromEsdbCurrentRevision(0n)).toBe(1);
    expect(fromEsdbCurrentRevision(9n)).toBe(10);
  });

  it('formats and parses log positions as commit:prepare', () => {
    const position = { commit: 18446744073709551615n, prepare: 1234n };
    expect(formatEsdbPosition(position)).toBe('18446744073709551615:1234');
    expect(parseEsdbPosition(formatEsdbPosition(position))).toEqual(position);
    expect(() => parseEsdbPosition('12')).toThrow(/not a log position/);
    expect(() => parseEsdbPosition('a:b')).toThrow(/not a log position/);
  });

  it('tells system events apart', () => {
    expect(isEsdbSystemEvent({ type: '$metadata', streamId: '$$orders-1' })).toBe(true);
    expect(isEsdbSystemEvent({ type: 'Result', streamId: '$projections-x-result' })).toBe(true);
    expect(isEsdbSystemEvent({ type: 'OrderPlaced', streamId: 'orders-1' })).toBe(false);
  });

  it('maps recorded events, including ones written by other tools', () => {
    const base = { streamId: 'orders-1', id: randomUUID(), revision: 4n, type: 'OrderPlaced', created: new Date('2024-01-02T03:04:05.678Z') };
    const metadata = { correlationId: 'c', occurredAt: '2024-01-01T00:00:00.000Z' };
    expect(
      fromEsdbRecordedEvent({ ...base, isJson: true, data: { a: 1 }, metadata, position: { commit: 10n, prepare: 9n } }),
    ).toEqual({
      eventId: base.id,
      type: 'OrderPlaced',
      data: { a: 1 },
      metadata,
      streamId: 'orders-1',
      streamPosition: 5,
      logPosition: '10:9',
      recordedAt: '2024-01-02T03:04:05.678Z',
    });
    const binary = fromEsdbRecordedEvent({ ...base, isJson: false, data: Uint8Array.from([1, 2, 3]), metadata: undefined });
    expect(binary).toMatchObject({ data: { binary: 'AQID' }, metadata: { correlationId: base.id, occurredAt: '2024-01-02T03:04:05.678Z' }, logPosition: '' });
    const jsonBytes = fromEsdbRecordedEvent({ ...base, isJson: false, data: Buffer.from('{"b":2}'), metadata: undefined });
    expect(jsonBytes.data).toEqual({ b: 2 });
  });

  it('maps a conflict to our WrongExpectedVersionError with the stream version', async () => {
    const { store } = fakeStore();
    await store.append('s-1', [newEvent(), newEvent()], { expectedVersion: 'no_stream' });
    await expect(store.append('s-1', [newEvent()], { expectedVersion: 1 })).rejects.toEqual(
      expect.objectContaining({ name: 'WrongExpectedVersionError', streamId: 's-1', expected: 1, actual: 2 }),
    );
    await expect(store.append('s-2', [newEvent()], { expectedVersion: 3 })).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('checks a batch before any I/O: not empty, valid expected version, UUID ids, no id twice', async () => {
    const { store } = fakeStore();
    await expect(store.append('s', [], { expectedVersion: 'any' })).rejects.toThrow(/at least one event/);
    await expect(store.append('s', [newEvent()], { expectedVersion: -2 })).rejects.toThrow(/invalid expected version/);
    await expect(store.append('s', [{ ...newEvent(), eventId: 'not-a-uuid' }], { expectedVersion: 'any' })).rejects.toThrow(/UUID/);
    const twice = newEvent();
    await expect(store.append('s', [twice, { ...twice }], { expectedVersion: 'any' })).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream('s')).toEqual([]);
  });

  it('returns the last appended event’s own log position, not the transaction’s', async () => {
    const { store } = fakeStore();
    const result = await store.append('s', [newEvent('A'), newEvent('B')], { expectedVersion: 'no_stream' });
    const events = await store.readStream('s');
    expect(result).toEqual({ nextVersion: 2, logPosition: events[1].logPosition });
    expect(await store.readAll({ after: result.logPosition, limit: 10 })).toEqual([]);
  });

  it('reads backward from beyond the end as from the last event, and from before the start as nothing', async () => {
    const { store } = fakeStore();
    await store.append('s', [newEvent('A'), newEvent('B'), newEvent('C')], { expectedVersion: 'no_stream' });
    expect((await store.readStream('s', { direction: 'backward', fromPosition: 99, limit: 2 })).map((e) => e.type)).toEqual(['C', 'B']);
    expect((await store.readStream('s', { direction: 'backward', fromPosition: 2 })).map((e) => e.type)).toEqual(['B', 'A']);
    expect(await store.readStream('s', { direction: 'backward', fromPosition: 0 })).toEqual([]);
    expect(await store.readStream('s', { fromPosition: 4 })).toEqual([]);
  });

  it('pages the log past system events and counts only our events', async () => {
    const { store } = fakeStore();
    expect(await store.headPosition()).toBeNull();
    expect(await store.readAll({ after: null, limit: 10 })).toEqual([]);
    for (let i = 0; i < 10; i++) await store.append(`s-${i}`, [newEvent(`E${i}`)], { expectedVersion: 'no_stream' });
    const page1 = await store.readAll({ after: null, limit: 4 });
    const page2 = await store.readAll({ after: page1[3].logPosition, limit: 4 });
    const page3 = await store.readAll({ after: page2[3].logPosition, limit: 4 });
    expect([...page1, ...page2, ...page3].map((e) => e.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9']);
    expect(await store.countAfter(null)).toBe(10);
    expect(await store.countAfter(page1[3].logPosition)).toBe(6);
    expect(await store.headPosition()).toBe(page3[1].logPosition);
  });

  it('leaves a client it was given open on close, and stops its subscriptions', async () => {
    const { client, store } = fakeStore({ pollIntervalMs: 10 });
    const seen: string[] = [];
    store.subscribe({ onEvent: async (e) => void seen.push(e.type) });
    await store.append('s', [newEvent('A')], { expectedVersion: 'no_stream' });
    await waitFor(() => seen.length === 1);
    await store.close();
    expect(client.disposed).toBe(false);
    await client.appendToStream('s', [{ id: randomUUID(), contentType: 'application/json', type: 'B', data: {}, metadata: undefined }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['A']);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
