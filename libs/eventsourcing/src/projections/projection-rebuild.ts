import { SqlClient } from '../sql/sql-client';
import { ensureCheckpoint, lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoints';
import { StoredEvent } from '../event-store/event-store.port';
import { applyInOrder, EventLog, Projection, shadowTables, TableNames } from './projection';
import { RowBuffers } from './row-buffer';
import { ProjectionRunner, RunnerOptions } from './projection-runner';

/**
 * Events per page read and per transaction when a rebuild or a verification replays a log (unless `batchSize` says
 * otherwise): large, since a set-based projection costs a few statements per page whatever its size and writes each
 * row it changes once per page (a mini program's twenty events a few times, not twenty). 50,000 rebuilt a million
 * events in about half the time 10,000 took (bench:replay), for some 100 MB of events in memory.
 */
export const REPLAY_PAGE = 50_000;

/**
 * Rows a replay holds in memory across pages (all its projections' buffers, see RowBuffers) before it writes them
 * while it goes on with the next pages: a mini program's events span a few pages, and held it is written about once
 * and never read back. 20,000 rows are some 100 MB at most (a mini program's state and view are the largest); many
 * more leave more to write at the end, when nothing else is left to do meanwhile.
 */
export const REPLAY_HELD_ROWS = 20_000;

export interface RebuildProgress {
  applied: number;
  /** Events in the log when the rebuild started (the log may grow meanwhile). */
  total: number;
}

export interface RebuildOptions extends RunnerOptions {
  onProgress?: (progress: RebuildProgress) => void;
  /** Rows held across pages before they are written (REPLAY_HELD_ROWS unless said; specs make it small). */
  heldRows?: number;
}

/**
 * Truncate-and-replay: empties the projection's tables and resets its checkpoint in one transaction,
 * then replays the whole log. Readers see an empty or partial read model until it has caught up.
 */
export async function rebuildByTruncate(sql: SqlClient, log: EventLog, projection: Projection, options: RebuildOptions = {}) {
  const runner = await new ProjectionRunner(sql, log, projection, { ...options, batchSize: options.batchSize ?? REPLAY_PAGE }).init();
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
  return (await rebuildAllIntoShadow(sql, log, [projection], options))[0];
}

/**
 * Blue/green rebuild of several projections of one log (a service's, `ops projections rebuild <service>`): the log
 * is read once for all of them, each page applied to every one in one transaction, then each is swapped in its own.
 */
export async function rebuildAllIntoShadow(sql: SqlClient, log: EventLog, projections: readonly Projection[], options: RebuildOptions = {}) {
  const total = await log.countAfter(null);
  const built = await buildShadows(sql, log, projections, options, total);
  const results: { applied: number; total: number }[] = [];
  for (const projection of projections) {
    let applied = built;
    const shadowName = `${projection.name}__next`;
    await sql.transaction(async (tx) => {
      await lockCheckpoint(tx, projection.name);
      // Whatever arrived since the catch-up, applied inside the swap so nothing falls between the two tables.
      const caughtUp = await applyPending(tx, log, projection, shadowName, shadowTables);
      const after = caughtUp.position;
      applied += caughtUp.applied;
      for (const table of projection.tables) {
        await tx.exec(`DROP TABLE "${table}"; ALTER TABLE "${shadowTables(table)}" RENAME TO "${table}"`);
      }
      await tx.query(`UPDATE checkpoints SET position = $2, processed = $3, updated_at = now() WHERE name = $1`, [projection.name, after, applied]);
      await tx.query(`DELETE FROM checkpoints WHERE name = $1`, [shadowName]);
    });
    options.onProgress?.({ applied, total: Math.max(total, applied) });
    results.push({ applied, total });
  }
  return results;
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

/**
 * Replays the whole log into the projections' shadow tables (made afresh) under their checkpoints `<name>__next`,
 * holding rows across pages. A page that fails then (a bad event) starts it all again page by page, where each
 * projection's runner takes a failing page one event at a time and parks the bad one, as live: held rows are in no
 * table, so the page cannot be taken again on its own.
 */
async function buildShadows(sql: SqlClient, log: EventLog, projections: readonly Projection[], options: RebuildOptions, total: number): Promise<number> {
  const fresh = async () => {
    for (const projection of projections) {
      await new ProjectionRunner(sql, log, projection).init();
      await sql.exec(projection.tables.map((t) => `DROP TABLE IF EXISTS "${shadowTables(t)}"`).join('; '));
      await ensureCheckpoint(sql, `${projection.name}__next`);
      await sql.query(`UPDATE checkpoints SET position = NULL, processed = 0 WHERE name = $1`, [`${projection.name}__next`]);
      await new ProjectionRunner(sql, log, projection, {}, `${projection.name}__next`, shadowTables).init();
    }
  };
  const build = (heldRows: number, runner?: RunnerOptions) =>
    replay(sql, log, projections, (p) => `${p.name}__next`, shadowTables, { pageSize: options.batchSize, heldRows, onProgress: (n) => options.onProgress?.({ applied: n, total }), runner });
  await fresh();
  try {
    return await build(options.heldRows ?? REPLAY_HELD_ROWS);
  } catch (error) {
    options.onError?.(error);
    await fresh();
    return build(0, options);
  }
}

/**
 * Replays the log into projections that stand at one position under their checkpoints (`checkpointOf`), into the
 * tables `t`, up to and including the event at `upTo` when given (else to the end); returns how many events. Each
 * page is read once, while the page before is being applied (the database and this process work at once), and applied
 * to every projection in one transaction that moves their checkpoints; the checkpoints are locked there, and a
 * checkpoint moved by someone else (another replay of the same projection) stops this one. With `heldRows`, the
 * rows set-based projections change are held across pages: once they number more than that, they are written in a
 * transaction of their own while the next pages are applied (the database writes while this process folds), and
 * what is left at the end (tables lag their checkpoints meanwhile: a failure ends the replay).
 * Else, with `runner` options, a page that fails is taken again by each projection's runner (which parks the event it
 * cannot apply); without, the failure ends the replay.
 */
async function replay(
  sql: SqlClient,
  log: EventLog,
  projections: readonly Projection[],
  checkpointOf: (projection: Projection) => string,
  t: TableNames,
  options: { upTo?: string | null; pageSize?: number; heldRows?: number; onProgress?: (applied: number) => void; runner?: RunnerOptions },
): Promise<number> {
  const limit = options.pageSize ?? REPLAY_PAGE;
  const read = (after: string | null) => {
    const page = log.readAll({ after, limit });
    page.catch(() => undefined); // awaited below; a failure meanwhile is not left unhandled
    return page;
  };
  let after = (await readCheckpoint(sql, checkpointOf(projections[0])))?.position ?? null;
  let applied = 0;
  let next = read(after);
  const held = options.heldRows ? projections.map(() => new RowBuffers()) : undefined;
  // The held rows being written meanwhile: once written, the buffers forget them (the next pages read them back).
  let writing: { done: Promise<unknown>; over: boolean } | undefined;
  const written = async () => {
    await writing?.done;
    writing = undefined;
    held?.forEach((rows) => rows.forget());
  };
  const write = () => {
    const writes = held!.map((rows) => rows.takeChanges());
    const done = sql.transaction(async (tx) => {
      for (const w of writes) await w(tx);
    });
    writing = { done, over: false };
    const started = writing;
    done.then(
      () => (started.over = true),
      () => (started.over = true), // awaited by written()
    );
  };
  const done = async () => {
    if (held) {
      await written();
      write();
      await written();
    }
    return applied;
  };
  for (;;) {
    if (options.upTo !== undefined && after === options.upTo) return done();
    const page = await next;
    const end = options.upTo === undefined ? -1 : page.findIndex((e) => e.logPosition === options.upTo);
    const events: StoredEvent[] = end === -1 ? page : page.slice(0, end + 1);
    if (events.length === 0) {
      if (options.upTo === undefined || options.upTo === null) return done();
      throw new Error(`the log has no event at ${options.upTo}, where ${projections[0].name} stands`);
    }
    const last = events[events.length - 1].logPosition;
    next = read(last);
    try {
      await sql.transaction(async (tx) => {
        for (const [i, projection] of projections.entries()) {
          const checkpoint = checkpointOf(projection);
          if ((await lockCheckpoint(tx, checkpoint)) !== after) throw new Error(`${checkpoint} moved under this replay: is another one of ${projection.name} under way?`);
          await applyInOrder(tx, projection, events, t, held?.[i]);
          await saveCheckpoint(tx, checkpoint, last, events.length);
        }
      });
    } catch (error) {
      if (held) await writing?.done.catch(() => undefined);
      if (!options.runner || held) throw error;
      // As the live runner does with a batch that fails: each projection takes the page one event at a time, so only a
      // bad event is retried and parked as a dead letter, and the replay goes on.
      for (const projection of projections) {
        const runner = new ProjectionRunner(sql, log, projection, { ...options.runner, batchSize: events.length }, checkpointOf(projection), t);
        if ((await runner.step()) !== events.length) throw error;
      }
    }
    if (writing?.over) await written();
    if (held && !writing && held.reduce((n, rows) => n + rows.size, 0) > options.heldRows!) write();
    after = last;
    applied += events.length;
    options.onProgress?.(applied);
  }
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
    const events = await txLog.readAll({ after, limit: REPLAY_PAGE });
    if (events.length === 0) return { applied, position: after };
    await applyInOrder(tx, projection, events, t);
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
      const done = applied;
      applied += await replay(sql, log, [projection], () => checkpoint, verifyTables, { upTo: live, pageSize: options.batchSize, heldRows: options.heldRows ?? REPLAY_HELD_ROWS, onProgress: (n) => options.onProgress?.({ applied: done + n, total }) });
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
