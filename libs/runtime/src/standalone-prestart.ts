import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyPgliteTemplate, prestartPgliteDatabase, tuneWasmForPglite } from '@mpp/eventsourcing/pglite-prestart';

// Loaded by `npm start` on its own, before the app's bundle is even read: only Node's modules and the PGlite
// thread's file (not the adapter, which loads the platform library: about 0.2 s more before PostgreSQL could start),
// so that PostgreSQL's start (most of a restart) runs beside the loading of everything else.

/** The one database of standalone's layout: DATA_DIR/pglite, a schema per service. */
export const standaloneDatabaseDir = (dataDir: string) => path.join(dataDir, 'pglite');

/** Where the standalone holding a data directory writes its pid. */
export const standalonePidFile = (dataDir: string) => path.join(dataDir, 'standalone.pid');

/** The pid of a standalone that is running on this data directory, if any. */
export function runningStandalonePid(dataDir: string): number | undefined {
  const pidFile = standalonePidFile(dataDir);
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the directory.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/** A DATA_DIR no start has used yet: absent, or holding files only (secrets a user put there), no database. */
function isNewDataDir(dataDir: string): boolean {
  return !existsSync(dataDir) || !readdirSync(dataDir, { withFileTypes: true }).some((entry) => entry.isDirectory());
}

/**
 * A start's head start: takes DATA_DIR and starts PostgreSQL on its database, which the platform's storage then
 * takes over when it opens the same database (prestartPgliteDatabase). A restart's database is there; a first
 * start's, on a new DATA_DIR, is copied from the machine's initdb template first. Only these plain cases; anything
 * else (the earlier layout, a directory in use, no template yet, a setting the platform would refuse) is left to the
 * platform's own start, which says what is wrong.
 */
export function prestartStandaloneDatabase(env: NodeJS.ProcessEnv = process.env): void {
  // Before the bundle is read from V8's code cache, on every start (first start and restart alike), since standalone
  // runs PGlite in any case: the cache a run writes then matches the next run's V8 settings.
  tuneWasmForPglite();
  if ((env.STANDALONE_LAYOUT || 'one-database') !== 'one-database') return;
  // As EnvReader reads it: unset or empty is the default.
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const databaseDir = standaloneDatabaseDir(dataDir);
  if (runningStandalonePid(dataDir) !== undefined) return;
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    if (!isNewDataDir(dataDir)) return;
    mkdirSync(dataDir, { recursive: true });
    if (!copyPgliteTemplate(databaseDir)) return;
  }
  writeFileSync(standalonePidFile(dataDir), String(process.pid));
  prestartPgliteDatabase(databaseDir);
}
