import { SqlClient } from '../sql/sql-client';
import { ensureCheckpoint, lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoints';
import { EventLog, liveTables, Projection, shadowTables, TableNames } from './projection';
import { ProjectionRunner, RunnerOptions } from './projection-runner';

export interface RebuildProgress {
  applied: number;
  /** Events in the log when the rebuild started (the log may grow meanwhile). */
  total: number;
}

export interface RebuildOptions extends RunnerOptions {
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Truncate-and-replay: empties the projection's tables and resets its checkpoint in one transaction,
 * then replays the whole log. Readers see an empty or partial read model until it has caught up.
 */
export async function rebuildByTruncate(sql: SqlClient, log: EventLog, projection: Projection, options: RebuildOptions = {}) {
  const runner = await new ProjectionRunner(sql, log, projection, options).init();
  const total = await log.countAfter(null);
  await sql.transaction(async (tx) => {
    await lockCheckpoint(tx, projection.name);
    if (projection.tables.length) await tx.exec(`TRUNCATE ${projection.tables.map((t) => `"${t}"`).join(', ')}`);
    await saveCheckpoint(tx, projection.name, null, 0);
  });
  const applied = await runner.catchUp((n) => options.onProgress?.({ applied: n, total }));
  return { applied, total };
}

/**
 * Blue/green rebuild: replays the log into shadow tables while the live ones keep serving, then, with the
 * live checkpoint locked (the live runner waits), applies the last events and swaps the tables in one transaction.
 */
export async function rebuildIntoShadow(sql: SqlClient, log: EventLog, projection: Projection, options: RebuildOptions = {}) {
  const shadowName = `${projection.name}__next`;
  const total = await log.countAfter(null);
  let applied = await buildShadow(sql, log, projection, options, total);

  await sql.transaction(async (tx) => {
    await lockCheckpoint(tx, projection.name);
    // Whatever arrived since the catch-up, applied inside the swap so nothing falls between the two tables.
    const caughtUp = await applyPending(tx, log, projection, shadowName, shadowTables);
    const after = caughtUp.position;
    applied += caughtUp.applied;
    for (const table of projection.tables) {
      await tx.exec(`DROP TABLE "${table}"; ALTER TABLE "${shadowTables(table)}" RENAME TO "${table}"`);
    }
    await tx.query(`UPDATE checkpoints SET position = $2, processed = $3, updated_at = now() WHERE name = $1`, [
      projection.name,
      after,
      applied,
    ]);
    await tx.query(`DELETE FROM checkpoints WHERE name = $1`, [shadowName]);
  });
  options.onProgress?.({ applied, total: Math.max(total, applied) });
  return { applied, total };
}

export interface ProjectionStatus {
  name: string;
  source: Projection['source'];
  position: string | null;
  processed: number;
  lag: number;
  updatedAt: string | null;
}

/** Where a projection is and how far behind its log. */
export async function projectionStatus(sql: SqlClient, log: EventLog, projection: Projection): Promise<ProjectionStatus> {
  const checkpoint = await readCheckpoint(sql, projection.name);
  const position = checkpoint?.position ?? null;
  return {
    name: projection.name,
    source: projection.source,
    position,
    processed: checkpoint?.processed ?? 0,
    lag: await log.countAfter(position),
    updatedAt: checkpoint?.updatedAt ?? null,
  };
}

/** Replays the whole log into the projection's shadow tables (made afresh) under the checkpoint `<name>__next`. */
async function buildShadow(sql: SqlClient, log: EventLog, projection: Projection, options: RebuildOptions, total: number): Promise<number> {
  const shadowName = `${projection.name}__next`;
  await new ProjectionRunner(sql, log, projection, options).init();
  await sql.exec(projection.tables.map((t) => `DROP TABLE IF EXISTS "${shadowTables(t)}"`).join('; '));
  await ensureCheckpoint(sql, shadowName);
  await sql.query(`UPDATE checkpoints SET position = NULL, processed = 0 WHERE name = $1`, [shadowName]);
  const shadow = await new ProjectionRunner(sql, log, projection, options, shadowName, shadowTables).init();
  return shadow.catchUp((n) => options.onProgress?.({ applied: n, total }));
}

/**
 * Applies, in the transaction `tx`, the events after the checkpoint `checkpoint` to the tables `t`; returns how many
 * and the position reached. Reads through the transaction: PGlite has one connection, which the transaction holds.
 */
async function applyPending(tx: SqlClient, log: EventLog, projection: Projection, checkpoint: string, t: TableNames) {
  const txLog = log.withClient?.(tx) ?? log;
  let after = (await readCheckpoint(tx, checkpoint))?.position ?? null;
  let applied = 0;
  for (;;) {
    const events = await txLog.readAll({ after, limit: 1000 });
    if (events.length === 0) return { applied, position: after };
    if (projection.applyBatch) await projection.applyBatch(tx, events, t);
    else for (const event of events) await projection.apply(tx, event, t);
    after = events[events.length - 1].logPosition;
    applied += events.length;
  }
}

/** A table of a verified projection: rows only the live table has, rows only the rebuilt one has (a few of each). */
export interface TableDifference {
  table: string;
  rows: number;
  onlyLive: number;
  onlyRebuilt: number;
  examples: { side: 'live' | 'rebuilt'; row: unknown }[];
}

class Verified extends Error {
  constructor(readonly tables: TableDifference[]) {
    super('verified; rolled back');
  }
}

/**
 * The operator's check that a read model is right: replays the log into shadow tables, then, with the live
 * checkpoint locked (the live runner waits), brings both to the same position and compares every table row by row
 * (as jsonb, whatever the column order). That transaction is rolled back and the shadow tables dropped: nothing
 * is swapped and the live tables are as they were. Equal when every table has no row on either side.
 */
export async function verifyProjection(sql: SqlClient, log: EventLog, projection: Projection, options: RebuildOptions = {}): Promise<{ applied: number; tables: TableDifference[] }> {
  const total = await log.countAfter(null);
  const applied = await buildShadow(sql, log, projection, options, total);
  try {
    await sql.transaction(async (tx) => {
      await lockCheckpoint(tx, projection.name);
      await applyPending(tx, log, projection, projection.name, liveTables);
      await applyPending(tx, log, projection, `${projection.name}__next`, shadowTables);
      const tables: TableDifference[] = [];
      for (const table of projection.tables) tables.push(await compareTables(tx, table, shadowTables(table)));
      throw new Verified(tables);
    });
    throw new Error('the verifying transaction did not roll back');
  } catch (error) {
    if (!(error instanceof Verified)) throw error;
    await sql.exec(projection.tables.map((t) => `DROP TABLE IF EXISTS "${shadowTables(t)}"`).join('; '));
    await sql.query(`DELETE FROM checkpoints WHERE name = $1`, [`${projection.name}__next`]);
    return { applied, tables: error.tables };
  }
}

async function compareTables(tx: SqlClient, live: string, rebuilt: string, examples = 10): Promise<TableDifference> {
  const only = (a: string, b: string) => `SELECT to_jsonb(x) AS row FROM "${a}" x EXCEPT ALL SELECT to_jsonb(y) FROM "${b}" y`;
  const { rows } = await tx.query<{ side: 'live' | 'rebuilt'; n: number; sample: unknown[] | null }>(
    `SELECT 'live' AS side, count(*)::int AS n, (array_agg(row))[1:${examples}] AS sample FROM (${only(live, rebuilt)}) d
     UNION ALL
     SELECT 'rebuilt', count(*)::int, (array_agg(row))[1:${examples}] FROM (${only(rebuilt, live)}) d`,
  );
  const count = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${live}"`)).rows[0].n;
  const of = (side: 'live' | 'rebuilt') => rows.find((r) => r.side === side);
  return {
    table: live,
    rows: count,
    onlyLive: of('live')?.n ?? 0,
    onlyRebuilt: of('rebuilt')?.n ?? 0,
    examples: rows.flatMap((r) => (r.sample ?? []).map((row) => ({ side: r.side, row }))),
  };
}
