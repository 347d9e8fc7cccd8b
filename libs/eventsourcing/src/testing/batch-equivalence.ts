import { SampleAppend } from '../decider/sample-log';
import { SqlEventStore } from '../event-store/sql-event-store';
import { applyInOrder, liveTables, Projection, TableNames } from '../projections/projection';
import { RebuildOptions, rebuildIntoShadow } from '../projections/projection-rebuild';
import { SqlClient } from '../sql/sql-client';

export type TableRows = Record<string, unknown[]>;

/**
 * What a set-based projection owes (applyBatch gives what apply gives): appends `appends` to a fresh store in `sql`,
 * replays the log into one copy of the projection's tables an event at a time through `apply`, and for each page size
 * into another through applyBatch a transaction per page (as the live runner has them) and by a rebuild in pages of
 * that size, holding `heldRows` rows across pages (written when they number more, and at the end); then once more by a
 * rebuild holding every row to the end. Returns each copy's rows of every table, as jsonb in one order, to compare.
 */
export async function replayOneByOneAndInPages(
  sql: SqlClient,
  projection: Projection,
  appends: Iterable<SampleAppend>,
  pageSizes: number[],
  heldRows = 50,
): Promise<{ oneByOne: TableRows; inPages: TableRows[]; events: number }> {
  const store = await new SqlEventStore(sql).init();
  let appended = 0;
  for (const { streamId, events } of appends) {
    await store.append(streamId, events, { expectedVersion: 'any' });
    appended += events.length;
  }
  // A log reader sees the events below the oldest transaction still running on the server, which other databases
  // share (the tests running beside): wait, at most 30 s, until every event appended is in the log it reads.
  let events = await store.readAll({ limit: 1_000_000 });
  for (const until = Date.now() + 30_000; events.length < appended && Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    events = await store.readAll({ limit: 1_000_000 });
  }
  const rowsOf = async (t: TableNames) => {
    const rows: TableRows = {};
    for (const table of projection.tables) rows[table] = (await sql.query<{ row: unknown }>(`SELECT to_jsonb(x) AS row FROM ${t(table)} x ORDER BY to_jsonb(x)::text`)).rows.map((r) => r.row);
    return rows;
  };
  const copy = async (name: string, apply: (t: TableNames) => Promise<void>): Promise<TableRows> => {
    const t: TableNames = (table) => `${table}__${name}`;
    await sql.exec(projection.schema(t));
    await apply(t);
    return rowsOf(t);
  };
  // A rebuild's result is in the projection's live tables (made on the first, swapped in by each).
  const rebuilt = async (options: RebuildOptions) => {
    await rebuildIntoShadow(sql, store, projection, options);
    return rowsOf(liveTables);
  };
  const oneByOne = await copy('one', async (t) => {
    for (const event of events) await sql.transaction((tx) => projection.apply(tx, event, t));
  });
  const inPages: TableRows[] = [];
  for (const size of pageSizes) {
    inPages.push(
      await copy(`pages_${size}`, async (t) => {
        for (let i = 0; i < events.length; i += size) await sql.transaction((tx) => applyInOrder(tx, projection, events.slice(i, i + size), t));
      }),
    );
    inPages.push(await rebuilt({ batchSize: size, heldRows }));
  }
  inPages.push(await rebuilt({ batchSize: Math.max(...pageSizes) }));
  return { oneByOne, inPages, events: events.length };
}
