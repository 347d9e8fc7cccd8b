import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFromPgliteTemplate } from '@mpp/eventsourcing/pglite';
import { createLogger } from '@mpp/platform';
import { prestartStandaloneDatabase, standaloneDatabaseDir, standalonePidFile } from './standalone-prestart';
import { openStandaloneStorage } from './standalone-storage';

const prestarted = () => (globalThis as { [key: symbol]: unknown })[Symbol.for('mpp.pglite.prestarted-thread')];

describe("standalone's head start", () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(path.join(tmpdir(), 'mpp-prestart-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The storage opened next takes the prestarted database over and serves a service's schema from it. */
  const expectTakenOver = async (dir: string, service: 'catalog' | 'ordering') => {
    const storage = await openStandaloneStorage(dir, createLogger('test', 'silent'));
    expect(prestarted()).toBeUndefined();
    const sql = await storage.client(service);
    expect((await sql.query(`SELECT current_schema() AS schema`)).rows).toEqual([{ schema: service }]);
    await storage.close();
  };

  it('starts the database of the current layout, claims DATA_DIR, and the storage opened next takes it over', async () => {
    await createFromPgliteTemplate(standaloneDatabaseDir(dataDir));
    prestartStandaloneDatabase({ DATA_DIR: dataDir });
    expect(prestarted()).toBeDefined();
    expect(readFileSync(standalonePidFile(dataDir), 'utf8')).toBe(String(process.pid));
    await expectTakenOver(dataDir, 'catalog');
  });

  it('gives a new DATA_DIR its database from the template, whole, and starts it: the storage opened next takes it over', async () => {
    const fresh = path.join(dataDir, 'new');
    prestartStandaloneDatabase({ DATA_DIR: fresh });
    expect(prestarted()).toBeDefined();
    expect(existsSync(path.join(standaloneDatabaseDir(fresh), 'PG_VERSION'))).toBe(true);
    expect(readdirSync(fresh).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(readFileSync(standalonePidFile(fresh), 'utf8')).toBe(String(process.pid));
    await expectTakenOver(fresh, 'ordering');
  });

  it.each([
    // Its databases are copied into the new layout by the platform's start, which says so.
    ['a directory of the earlier layout', async () => void (await createFromPgliteTemplate(path.join(dataDir, 'ordering'))), {}],
    ['the earlier layout asked for', () => createFromPgliteTemplate(standaloneDatabaseDir(dataDir)), { STANDALONE_LAYOUT: 'database-per-service' }],
    // This test's parent process stands for another standalone running on the directory.
    ['a directory another standalone holds', async () => (await createFromPgliteTemplate(standaloneDatabaseDir(dataDir)), writeFileSync(standalonePidFile(dataDir), String(process.ppid))), {}],
  ])('leaves %s to the platform’s own start', async (_case, prepare, env) => {
    await prepare();
    const pidBefore = existsSync(standalonePidFile(dataDir)) ? readFileSync(standalonePidFile(dataDir), 'utf8') : undefined;
    prestartStandaloneDatabase({ DATA_DIR: dataDir, ...env });
    expect(prestarted()).toBeUndefined();
    expect(existsSync(standalonePidFile(dataDir)) ? readFileSync(standalonePidFile(dataDir), 'utf8') : undefined).toBe(pidBefore);
  });
});
