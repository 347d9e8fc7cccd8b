import { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// PGlite's initdb takes seconds (about 6 on a laptop core) and is the same work for every new database: it is done
// once per machine and PGlite version, and every new data directory starts from its dump (PGlite's `loadDataDir`),
// in under a second. Kept next to the package it belongs to, outside dist/ (rebuilt by every build) and any DATA_DIR.
const pglitePackage = require.resolve('@electric-sql/pglite');
const nodeModules = pglitePackage.slice(0, pglitePackage.lastIndexOf(`${path.sep}@electric-sql${path.sep}`));

function templateFile(): string {
  const { version } = JSON.parse(readFileSync(path.join(nodeModules, '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
  return path.join(process.env.PGLITE_TEMPLATE_DIR ?? path.join(nodeModules, '.cache', 'mpp'), `pglite-${version}-initdb.tar`);
}

/** Makes the template when this machine has none yet; returns where it is and whether it was made now. */
export async function ensurePgliteTemplate(): Promise<{ file: string; made: boolean }> {
  const file = templateFile();
  if (existsSync(file)) return { file, made: false };
  const db = await PGlite.create();
  const tarball = await db.dumpDataDir('none');
  await db.close();
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside and renamed: a process killed while writing never leaves half a template for the next start.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
  renameSync(partial, file);
  return { file, made: true };
}

/** The freshly initialised data directory to start a new database from (made first if this machine has none). */
export async function pgliteTemplate(): Promise<Blob> {
  const { file } = await ensurePgliteTemplate();
  return new Blob([readFileSync(file)]);
}
