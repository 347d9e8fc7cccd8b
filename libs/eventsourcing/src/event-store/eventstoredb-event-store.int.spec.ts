import { describeEventStoreContract } from './event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// The real thing, wherever an EventStoreDB runs: jest includes this file only when EVENTSTORE_URL is set
// (e.g. esdb://127.0.0.1:2113?tls=false, from docker compose).
const eventStoreUrl = process.env.EVENTSTORE_URL ?? '';

describeEventStoreContract(
  'EventStoreDB',
  async () => {
    const store = new EventStoreDbEventStore(eventStoreUrl);
    return { store, close: () => store.close() };
  },
  { interleavingTransactions: false },
);
