import type { PGlite } from '@electric-sql/pglite';
import { quoteIdentifier } from './pglite-sql-client';

/**
 * Copies a whole PGlite database (its `public` schema: tables and rows, identity positions, partitions, functions)
 * into the schema `schema` of `target`, with pg_dump's own output: restored into `target`'s empty `public`, which
 * is then renamed. Exact, so nothing has to be rebuilt or replayed after it. `target` must have an empty `public`
 * and no schema `schema`; run it in a database nothing else uses yet, since the dump resets the session's settings.
 */
export async function copyDatabaseIntoSchema(source: PGlite, target: PGlite, schema: string): Promise<void> {
  // Loaded here: only the copy of an earlier layout needs pg_dump.
  const { pgDump } = await import('@electric-sql/pglite-tools');
  const dump = await (await pgDump({ pg: source })).text();
  await target.transaction(async (tx) => {
    await tx.exec(dump);
    await tx.exec(`ALTER SCHEMA public RENAME TO ${quoteIdentifier(schema)}; CREATE SCHEMA public`);
  });
  await target.exec(`RESET ALL`);
}
