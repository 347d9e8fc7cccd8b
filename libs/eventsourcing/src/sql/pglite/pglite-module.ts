import type * as Pglite from '@electric-sql/pglite';

/**
 * PGlite's module, loaded on first use rather than at import: a process whose database runs on PGlite's own thread
 * (npm start) never needs it on its main thread, and its start does not wait for it.
 */
export function pgliteModule(): typeof Pglite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- on first use, on purpose (above)
  return require('@electric-sql/pglite') as typeof Pglite;
}
