// The embedded database of standalone and of tests; loaded only by processes that use it (a cluster service never does).
export { PgliteDatabase, PgliteSqlClient } from './pglite-sql-client';
export { createFromPgliteTemplate, ensurePgliteTemplate } from './pglite-template';
export { copyDatabaseIntoSchema } from './pglite-schema-copy';
export { prestartPgliteDatabase } from './pglite-prestart';
