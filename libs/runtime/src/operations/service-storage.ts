import { ServiceName } from '@mpp/contracts';
import { EventStore, SqlClient } from '@mpp/eventsourcing';
import { Inbox } from '@mpp/messaging';
import { ConfigError, createLogger, EnvReader } from '@mpp/platform';
import { openDatabase, openEventStore, readStorageConfig } from '../service-config';
import { runningStandalonePid } from '../standalone-prestart';

/** A service's storage as an operator opens it: its database, event store and inbox. */
export interface ServiceStorage {
  service: ServiceName;
  sql: SqlClient;
  store: EventStore;
  inbox: Inbox;
  close(): Promise<void>;
}

/**
 * The database URL of one service from `DATABASE_URL_TEMPLATE` (e.g. postgres://host/mpp_{service}) or
 * `<SERVICE>_DATABASE_URL`; with neither, its schema of standalone's embedded PGlite under DATA_DIR.
 */
export function databaseUrlFor(service: ServiceName, env: EnvReader): string | undefined {
  const own = env.optional(`${service.toUpperCase()}_DATABASE_URL`);
  const template = env.optional('DATABASE_URL_TEMPLATE');
  return own ?? template?.replace('{service}', service);
}

export async function openServiceStorage(service: ServiceName, env = new EnvReader(), logger = createLogger('ops')): Promise<ServiceStorage> {
  const databaseUrl = databaseUrlFor(service, env);
  const config = { ...readStorageConfig(env, { requireDatabase: false }), databaseUrl, poolSize: 4 };
  if (!databaseUrl) refuseWhileStandaloneRuns(config.dataDir);
  const sql = await openDatabase(service, config, logger);
  const store = await openEventStore(config, sql);
  const inbox = await new Inbox(sql).init();
  return {
    service,
    sql,
    store,
    inbox,
    async close() {
      await store.close();
      await sql.close();
    },
  };
}

/** PGlite allows one process per data directory: refuse rather than corrupt a running standalone's data. */
function refuseWhileStandaloneRuns(dataDir: string): void {
  const pid = runningStandalonePid(dataDir);
  if (pid === undefined) return;
  throw new ConfigError('DATA_DIR', `is in use by a running standalone (pid ${pid}); stop it first, or set DATABASE_URL_TEMPLATE for a cluster`);
}
