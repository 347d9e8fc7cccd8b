import { SqlClient } from '../sql/sql-client';
import { ensureCheckpoint, lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoints';
import { EventLog, Projection, shadowTables } from './projection';
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
  await new ProjectionRunner(sql, log, projection, options).init();
  await sql.exec(projection.tables.map((t) => `DROP TABLE IF EXISTS "${shadowTables(t)}"`).join('; '));
  await ensureCheckpoint(sql, shadowName);
  await sql.query(`UPDATE checkpoints SET position = NULL, processed = 0 WHERE name = $1`, [shadowName]);
  const shadow = await new ProjectionRunner(sql, log, projection, options, shadowName, shadowTables).init();
  const total = await log.countAfter(null);
  let applied = await shadow.catchUp((n) => options.onProgress?.({ applied: n, total }));

  await sql.transaction(async (tx) => {
    await lockCheckpoint(tx, projection.name);
    // Whatever arrived since the catch-up, applied inside the swap so nothing falls between the two tables.
    // Read through the transaction: PGlite has one connection, which the transaction holds.
    const txLog = log.withClient?.(tx) ?? log;
    let after = (await readCheckpoint(tx, shadowName))?.position ?? null;
    for (;;) {
      const events = await txLog.readAll({ after, limit: 1000 });
      if (events.length === 0) break;
      if (projection.applyBatch) await projection.applyBatch(tx, events, shadowTables);
      else for (const event of events) await projection.apply(tx, event, shadowTables);
      after = events[events.length - 1].logPosition;
      applied += events.length;
    }
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
