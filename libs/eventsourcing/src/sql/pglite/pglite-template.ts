import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// PGlite's initdb takes seconds (about 6 on a laptop core) and is the same work for every new database: it is done
// once per machine and PGlite version, into a data directory kept as a template. A new database on disk starts as a
// file copy of it (nothing held in memory afterwards, unlike PGlite's `loadDataDir`); an in-memory one (tests) loads
// its tarball. Kept next to the package it belongs to, outside dist/ (rebuilt by every build) and any DATA_DIR.
const pglitePackage = require.resolve('@electric-sql/pglite');
const nodeModules = pglitePackage.slice(0, pglitePackage.lastIndexOf(`${path.sep}@electric-sql${path.sep}`));

function templatePaths(): { dir: string; tarball: string } {
  const { version } = JSON.parse(readFileSync(path.join(nodeModules, '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(process.env.PGLITE_TEMPLATE_DIR ?? path.join(nodeModules, '.cache', 'mpp'), `pglite-${version}-initdb`);
  return { dir, tarball: `${dir}.tar` };
}

/** Makes the template when this machine has none yet; returns where it is and whether it was made now. */
export async function ensurePgliteTemplate(): Promise<{ dir: string; made: boolean }> {
  const { dir, tarball } = templatePaths();
  if (existsSync(dir) && existsSync(tarball)) return { dir, made: false };
  // Made aside and renamed: a process killed while making it never leaves half a template for the next start.
  const partial = `${dir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  // Loaded here: a process whose database runs on PGlite's own thread never needs PGlite on its main thread.
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(partial);
  writeFileSync(`${partial}.tar`, Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()));
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  renameSync(`${partial}.tar`, tarball);
  return { dir, made: true };
}

/** Makes `dataDir` (which must not exist) a freshly initialised PGlite data directory, from the template. */
export async function createFromPgliteTemplate(dataDir: string): Promise<void> {
  await ensurePgliteTemplate();
  copyPgliteTemplate(dataDir);
}

/**
 * Makes `dataDir` (which must not exist) from this machine's template, at once, if there is one (false if not).
 * Copied aside and renamed into place: a process killed during the copy leaves no half database to start on.
 */
export function copyPgliteTemplate(dataDir: string): boolean {
  const { dir } = templatePaths();
  if (!existsSync(dir)) return false;
  const partial = `${dataDir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(dir, partial, { recursive: true });
  renameSync(partial, dataDir);
  return true;
}

let tarball: Blob | undefined;
/** The template as a tarball for an in-memory database, when the build has made it (else PGlite runs initdb). */
export function pgliteTemplateTarball(): Blob | undefined {
  const file = templatePaths().tarball;
  if (!tarball && existsSync(file)) tarball = new Blob([readFileSync(file)]);
  return tarball;
}
