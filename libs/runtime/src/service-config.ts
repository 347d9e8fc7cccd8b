import path from 'node:path';
import { ServiceName } from '@mpp/contracts';
import { EventStore, PostgresSqlClient, SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { EnvReader, Logger } from '@mpp/platform';
import { openStandaloneDatabase } from './standalone-storage';

/** Where a service keeps its data, read from the environment at boot. */
export interface StorageConfig {
  /** PostgreSQL database of this service; when absent, its schema of standalone's embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  poolSize: number;
  eventStore: 'sql' | 'eventstoredb';
  eventStoreUrl?: string;
}

export function readStorageConfig(env: EnvReader, options: { requireDatabase: boolean }): StorageConfig {
  const eventStore = env.oneOf('EVENT_STORE', ['sql', 'eventstoredb'] as const, 'sql');
  return {
    databaseUrl: options.requireDatabase ? env.url('DATABASE_URL', ['postgres', 'postgresql']) : undefined,
    dataDir: env.string('DATA_DIR', './data'),
    poolSize: env.int('DB_POOL_SIZE', 10, { min: 1, max: 200 }),
    eventStore,
    eventStoreUrl: eventStore === 'eventstoredb' ? env.url('EVENTSTORE_URL', ['esdb', 'esdb+discover']) : undefined,
  };
}

// PGlite and the EventStoreDB client are loaded only by a process configured for them: a cluster service
// restarted after a crash answers sooner without them (about a fifth of its load time).
export async function openDatabase(service: ServiceName, config: StorageConfig, logger: Logger): Promise<SqlClient> {
  if (config.databaseUrl) return new PostgresSqlClient({ connectionString: config.databaseUrl, max: config.poolSize, application_name: `mpp-${service}` });
  return openStandaloneDatabase(path.resolve(config.dataDir), service, logger);
}

/** The event store: the service's own database by default, EventStoreDB when configured. */
export async function openEventStore(config: StorageConfig, sql: SqlClient): Promise<EventStore> {
  if (config.eventStore === 'eventstoredb' && config.eventStoreUrl) {
    const { EventStoreDbEventStore } = await import('@mpp/eventsourcing/eventstoredb');
    return new EventStoreDbEventStore(config.eventStoreUrl);
  }
  return new SqlEventStore(sql).init();
}
