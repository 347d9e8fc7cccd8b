import { PGlite } from '@electric-sql/pglite';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

// PGlite's initdb takes seconds (about 6 on a laptop core) and is the same work for every new database: it is done
// once per machine and PGlite version, into a data directory kept as a template, and a new database starts as a copy
// of it (a plain file copy: nothing held in memory afterwards, unlike PGlite's `loadDataDir` tarball). Kept next to
// the package it belongs to, outside dist/ (rebuilt by every build) and any DATA_DIR.
const pglitePackage = require.resolve('@electric-sql/pglite');
const nodeModules = pglitePackage.slice(0, pglitePackage.lastIndexOf(`${path.sep}@electric-sql${path.sep}`));

function templateDir(): string {
  const { version } = JSON.parse(readFileSync(path.join(nodeModules, '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
  return path.join(process.env.PGLITE_TEMPLATE_DIR ?? path.join(nodeModules, '.cache', 'mpp'), `pglite-${version}-initdb`);
}

/** Makes the template when this machine has none yet; returns where it is and whether it was made now. */
export async function ensurePgliteTemplate(): Promise<{ dir: string; made: boolean }> {
  const dir = templateDir();
  if (existsSync(dir)) return { dir, made: false };
  // Made aside and renamed: a process killed while making it never leaves half a template for the next start.
  const partial = `${dir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  const db = await PGlite.create(partial);
  await db.close();
  renameSync(partial, dir);
  return { dir, made: true };
}

/** Makes `dataDir` (which must not exist) a freshly initialised PGlite data directory, from the template. */
export async function createFromPgliteTemplate(dataDir: string): Promise<void> {
  const { dir } = await ensurePgliteTemplate();
  cpSync(dir, dataDir, { recursive: true, errorOnExist: true, force: false });
}
