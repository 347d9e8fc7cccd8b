import { SqlClient } from '../sql/sql-client';
import { ensureCheckpoint, lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoints';
import { EventLog, Projection, shadowTables, TableNames } from './projection';
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

/** Where a verification builds its copy: apart from a shadow rebuild's `__next`, so the two never meet. */
const verifyTables: TableNames = (table) => `${table}__verify`;
const VERIFY_ATTEMPTS = 20;

/**
 * The operator's check that a read model is right: replays the log into a copy of the projection's tables up to
 * where the live projection stands, then compares every table row by row (as jsonb, whatever the column order) in a
 * transaction that holds the live checkpoint's lock and only reads (no transaction id, so no log reader on the
 * server waits for it). When the live projection moved meanwhile, the copy follows it and the comparison is tried
 * again. Nothing is swapped; the copy is dropped whatever happens. Equal when no table has a row on either side.
 */
export async function verifyProjection(sql: SqlClient, log: EventLog, projection: Projection, options: RebuildOptions = {}): Promise<{ applied: number; tables: TableDifference[] }> {
  const checkpoint = `${projection.name}__verify`;
  const drop = async () => {
    await sql.exec(projection.tables.map((t) => `DROP TABLE IF EXISTS "${verifyTables(t)}"`).join('; '));
    await sql.query(`DELETE FROM checkpoints WHERE name = $1`, [checkpoint]);
  };
  await drop();
  try {
    await sql.exec(projection.schema(verifyTables));
    await ensureCheckpoint(sql, checkpoint);
    const total = await log.countAfter(null);
    let applied = 0;
    for (let attempt = 1; attempt <= VERIFY_ATTEMPTS; attempt++) {
      const live = (await readCheckpoint(sql, projection.name))?.position ?? null;
      applied += await applyUpTo(sql, log, projection, checkpoint, live, (n) => options.onProgress?.({ applied: applied + n, total }));
      const tables = await sql.transaction(async (tx) => {
        if ((await lockCheckpoint(tx, projection.name)) !== live) return undefined;
        const differences: TableDifference[] = [];
        for (const table of projection.tables) differences.push(await compareTables(tx, table, verifyTables(table)));
        return differences;
      });
      if (tables) return { applied, tables };
    }
    throw new Error(`${projection.name} kept moving during ${VERIFY_ATTEMPTS} attempts to compare it at one position; try again when it is quieter`);
  } finally {
    await drop();
  }
}

/**
 * Applies to the copy (under `checkpoint`) the events after its position up to and including the one at `upTo`, in
 * committed batches; returns how many. The log is read in the same order the live projection read it.
 */
async function applyUpTo(sql: SqlClient, log: EventLog, projection: Projection, checkpoint: string, upTo: string | null, onProgress: (applied: number) => void): Promise<number> {
  let after = (await readCheckpoint(sql, checkpoint))?.position ?? null;
  let applied = 0;
  while (upTo !== null && after !== upTo) {
    const page = await log.readAll({ after, limit: 1000 });
    const end = page.findIndex((e) => e.logPosition === upTo);
    const events = end === -1 ? page : page.slice(0, end + 1);
    if (events.length === 0) throw new Error(`the log has no event at ${upTo}, where ${projection.name} stands`);
    await sql.transaction(async (tx) => {
      if (projection.applyBatch) await projection.applyBatch(tx, events, verifyTables);
      else for (const event of events) await projection.apply(tx, event, verifyTables);
      await saveCheckpoint(tx, checkpoint, events[events.length - 1].logPosition, events.length);
    });
    after = events[events.length - 1].logPosition;
    applied += events.length;
    onProgress(applied);
  }
  return applied;
}

/** Rows only in `live`, only in `rebuilt` (counted, and the first few of each), in one read-only pass each way. */
async function compareTables(tx: SqlClient, live: string, rebuilt: string, examples = 10): Promise<TableDifference> {
  const only = (a: string, b: string) => `SELECT to_jsonb(x) AS row FROM "${a}" x EXCEPT ALL SELECT to_jsonb(y) FROM "${b}" y`;
  const side = async (name: 'live' | 'rebuilt', a: string, b: string) => {
    const { rows } = await tx.query<{ n: number; row: unknown }>(`SELECT count(*) OVER ()::int AS n, row FROM (${only(a, b)}) d LIMIT ${examples}`);
    return { n: rows[0]?.n ?? 0, examples: rows.map((r) => ({ side: name, row: r.row })) };
  };
  const [onlyLive, onlyRebuilt] = [await side('live', live, rebuilt), await side('rebuilt', rebuilt, live)];
  const count = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${live}"`)).rows[0].n;
  return { table: live, rows: count, onlyLive: onlyLive.n, onlyRebuilt: onlyRebuilt.n, examples: [...onlyLive.examples, ...onlyRebuilt.examples] };
}
