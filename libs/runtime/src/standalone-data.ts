import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, createLogger, EnvReader, Logger } from '@mpp/platform';
import { exitOnConfigError } from './process-lifecycle';
import { runningStandalonePid, standalonePidFile } from './standalone-prestart';
import { openStandaloneStorage, StandaloneStorage } from './standalone-storage';

// Kept light on purpose (no Nest, no services): `npm start` loads it before the rest of the platform's code, so that
// the database starts on its own thread while this one loads the code (about half a second each on a laptop).

/** Standalone's data directory, held by this process, and its database being opened. */
export interface StandaloneData {
  pidFile: string;
  storage: Promise<StandaloneStorage>;
}

/**
 * Standalone keeps its secrets with its data, made on first start, so they survive a restart without any setup:
 * tokens stay valid, usage events' visitors stay the same people, and webhooks' sealed secrets still open.
 */
function ensureSecret(dataDir: string, variable: string, fileName: string): void {
  if (process.env[variable]) return;
  const file = path.join(dataDir, fileName);
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  process.env[variable] = readFileSync(file, 'utf8').trim();
}

/**
 * Takes DATA_DIR for this process (refused while another standalone holds it: PGlite allows one process per data
 * directory), with its secrets, and begins opening its database (PGlite, on a thread of its own).
 */
export function openStandaloneData(logger: Logger): StandaloneData {
  const env = new EnvReader();
  const dataDir = path.resolve(exitOnConfigError(logger, () => env.string('DATA_DIR', './data')));
  const layout = exitOnConfigError(logger, () => env.oneOf('STANDALONE_LAYOUT', ['one-database', 'database-per-service'] as const, 'one-database'));
  mkdirSync(dataDir, { recursive: true });
  const other = runningStandalonePid(dataDir);
  if (other !== undefined) {
    exitOnConfigError(logger, () => {
      throw new ConfigError('DATA_DIR', `is in use by another standalone (pid ${other}); stop it or choose another DATA_DIR`);
    });
  }
  ensureSecret(dataDir, 'JWT_SECRET', 'jwt-secret');
  ensureSecret(dataDir, 'USAGE_PSEUDONYM_KEY', 'usage-pseudonym-key');
  ensureSecret(dataDir, 'WEBHOOK_SECRETS_KEY', 'webhook-secrets-key');
  // A laptop's webhooks go to a receiver on the laptop (DOMAIN.md 7: allowed in development, never in production).
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ??= process.env.NODE_ENV === 'production' ? 'false' : 'true';
  // One password hash at a time (32 MiB of scrypt each): a laptop's standalone stays within its memory bound.
  process.env.PASSWORD_HASHES_AT_ONCE ??= '1';
  const pidFile = standalonePidFile(dataDir);
  writeFileSync(pidFile, String(process.pid));
  const storage = openStandaloneStorage(dataDir, logger, layout);
  // Awaited by startStandalone; until then a failure must not count as unhandled.
  storage.catch(() => undefined);
  return { pidFile, storage };
}

let early: StandaloneData | undefined;

/** `npm start`'s first step, before the services' code loads: startStandalone then takes what it opened. */
export function openStandaloneDataEarly(): void {
  early ??= openStandaloneData(createLogger('standalone'));
}

/** What openStandaloneDataEarly opened, once; else opened now. */
export function takeStandaloneData(logger: Logger): StandaloneData {
  const data = early ?? openStandaloneData(logger);
  early = undefined;
  return data;
}
