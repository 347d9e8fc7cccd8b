import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { SERVICES, ServiceName } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { Logger } from '@mpp/platform';
import { standaloneDatabaseDir } from './standalone-prestart';

/** How standalone lays out its data under DATA_DIR. */
export type StandaloneLayout = 'one-database' | 'database-per-service';

/** Standalone's databases: one client per service, and the one close of them all. */
export interface StandaloneStorage {
  /** The service's client; with `owner`, closing it closes the storage (an operator's command opens one service). */
  client(service: ServiceName, options?: { owner?: boolean }): Promise<SqlClient>;
  close(): Promise<void>;
}

/** Where a migration builds the database before it takes its place. */
const MIGRATING_DIR = 'pglite.migrating';
/** Where the directories of the earlier layout are kept once copied (never deleted by us). */
const EARLIER_LAYOUT_DIR = 'four-database-layout';

/** The services whose own database of the earlier layout (DATA_DIR/<service>, a PGlite data directory) is still in place. */
const earlierLayoutServices = (dataDir: string) => SERVICES.filter((service) => existsSync(path.join(dataDir, service, 'PG_VERSION')));

/**
 * Opens standalone's storage under `dataDir`. The layout is one PGlite database with a schema per service (each service
 * still owns its tables and event store). A new directory starts from the machine's initdb template. A directory
 * of the earlier layout (one database per service) is copied into the new one first, exactly (pg_dump), and its
 * databases are then moved under DATA_DIR/four-database-layout, kept: its data is never left behind nor started
 * without. `database-per-service` opens the earlier layout itself, kept to measure against and to make fixtures of it.
 */
export async function openStandaloneStorage(
  dataDir: string,
  logger: Logger,
  layout: StandaloneLayout = 'one-database',
): Promise<StandaloneStorage> {
  const { createFromPgliteTemplate, PgliteDatabase, PgliteSqlClient } = await import('@mpp/eventsourcing/pglite');
  if (layout === 'database-per-service') {
    const clients: SqlClient[] = [];
    return {
      async client(service) {
        const client = new PgliteSqlClient(path.join(dataDir, service));
        clients.push(client);
        return client;
      },
      close: async () => void (await Promise.all(clients.map((c) => c.close()))),
    };
  }
  const databaseDir = standaloneDatabaseDir(dataDir);
  if (!existsSync(databaseDir) && earlierLayoutServices(dataDir).length) await copyEarlierLayout(dataDir, logger);
  setEarlierLayoutAside(dataDir, logger);
  if (!existsSync(databaseDir)) await createFromPgliteTemplate(databaseDir);
  // Without its database the process can serve nothing: it stops, saying why, rather than answer 500s and retry forever.
  const onLost = (error: Error) => {
    logger.fatal({ err: error, databaseDir }, 'the database (PGlite) stopped; stopping');
    process.stderr.write(`the database (PGlite) stopped: ${error.message}\n`);
    process.exit(1);
  };
  const database = new PgliteDatabase(databaseDir, { onLost });
  return { client: (service, options) => database.schema(service, options), close: () => database.close() };
}

/** One service's database of standalone, for an operator's command (nothing else may have it open). */
export async function openStandaloneDatabase(dataDir: string, service: ServiceName, logger: Logger): Promise<SqlClient> {
  return (await openStandaloneStorage(dataDir, logger)).client(service, { owner: true });
}

/** Copies every database of the earlier layout into a new database of the current one, built aside and then put in place. */
async function copyEarlierLayout(dataDir: string, logger: Logger): Promise<void> {
  const { copyDatabaseIntoSchema, createFromPgliteTemplate } = await import('@mpp/eventsourcing/pglite');
  const { PGlite } = await import('@electric-sql/pglite');
  const services = earlierLayoutServices(dataDir);
  logger.warn({ dataDir, services }, `DATA_DIR has one database per service (the earlier layout): copying ${services.join(', ')} into one database, a schema each`);
  const migrating = path.join(dataDir, MIGRATING_DIR);
  // A copy a killed process left half done is started again from the untouched originals.
  rmSync(migrating, { recursive: true, force: true });
  await createFromPgliteTemplate(migrating);
  const target = new PGlite(migrating);
  try {
    for (const service of services) {
      const started = Date.now();
      const source = new PGlite(path.join(dataDir, service));
      try {
        await copyDatabaseIntoSchema(source, target, service);
      } finally {
        await source.close();
      }
      logger.warn({ service, ms: Date.now() - started }, `copied ${service} into the one database`);
    }
  } finally {
    await target.close();
  }
  renameSync(migrating, standaloneDatabaseDir(dataDir));
}

/** Moves the earlier layout's databases, once copied, under DATA_DIR/four-database-layout. */
function setEarlierLayoutAside(dataDir: string, logger: Logger): void {
  const services = earlierLayoutServices(dataDir);
  if (!services.length || !existsSync(standaloneDatabaseDir(dataDir))) return;
  const aside = path.join(dataDir, EARLIER_LAYOUT_DIR);
  mkdirSync(aside, { recursive: true });
  for (const service of services) {
    // A directory of that name already aside (an earlier run set it there) keeps its place; this one goes next to it.
    const taken = new Set(readdirSync(aside));
    let name: string = service;
    for (let n = 2; taken.has(name); n++) name = `${service}.${n}`;
    renameSync(path.join(dataDir, service), path.join(aside, name));
  }
  logger.warn({ kept: aside }, `the earlier layout's databases are now in ${aside}; their data is in ${standaloneDatabaseDir(dataDir)}; delete them once you have checked it`);
}
