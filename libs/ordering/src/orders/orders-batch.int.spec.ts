import { replayOneByOneAndInPages } from '@mpp/eventsourcing/testing';
import { testDatabases } from '@mpp/testing';
import { sampleOrderingHistory } from '../sample-history';
import { ordersProjection } from './orders.projection';

const backends = testDatabases('orders_batch', { max: 2 });

describe.each(backends)('the orders projection applied in pages (%s)', (_name, open) => {
  it('gives the rows that applying one event at a time gives, whatever the page size', async () => {
    const { sql, drop } = await open();
    try {
      // Few orders in progress at a time: a page holds several steps of one order, and an order's steps span pages.
      const { oneByOne, inPages, events } = await replayOneByOneAndInPages(sql, ordersProjection, sampleOrderingHistory({ events: 600, seed: 7, concurrent: 20 }), [7, 200]);
      expect(events).toBeGreaterThanOrEqual(600);
      expect(oneByOne.orders.length).toBeGreaterThan(50);
      expect(oneByOne.authorizations.length).toBeGreaterThan(30);
      for (const rows of inPages) expect(rows).toEqual(oneByOne);
    } finally {
      await sql.close();
      await drop();
    }
  }, 120_000);
});
