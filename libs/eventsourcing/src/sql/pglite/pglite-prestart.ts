import { prestartPgliteThread } from './pglite-thread';

// Kept apart from the PGlite adapter (pglite-sql-client.ts, which loads the platform library with it): a process
// prestarts its database before it loads anything else, and this file needs only the thread's and the template's.

// PostgreSQL's default 128 MB buffer pool is all touched at start inside the WASM heap, so all of it resident; an
// embedded database of a laptop's data is read through the OS's file cache as well with 16 MB (about 100 MB less RSS).
export const ON_DISK = { postgresqlconf: `shared_buffers = '16MB'` };

/**
 * Starts PostgreSQL on the existing database in `dataDir` ahead of time, for the PgliteDatabase made later on it to
 * take over (PgliteThread's prestart): called before a process loads the rest of its code.
 */
export function prestartPgliteDatabase(dataDir: string): void {
  prestartPgliteThread(dataDir, ON_DISK);
}

export { tuneWasmForPglite } from './pglite-thread';
export { copyPgliteTemplate } from './pglite-template';
