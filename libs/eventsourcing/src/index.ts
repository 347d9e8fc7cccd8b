export * from './event-store/event-store.port';
export * from './event-store/event-store.errors';
export * from './event-store/log-position';
export * from './event-store/sql-event-store';
export * from './event-store/catch-up-subscription';
export * from './sql/sql-client';
export * from './sql/postgres-sql-client';
export * from './sql/pglite-sql-client';
