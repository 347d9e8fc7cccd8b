import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** What `mpp login` keeps: the platform's URL and the session's tokens. */
export interface Credentials {
  url: string;
  accessToken?: string;
  refreshToken?: string;
}

/** `$MPP_CONFIG_DIR/credentials.json`, by default under ~/.config/mpp; readable by its owner only. */
const file = () => path.join(process.env.MPP_CONFIG_DIR ?? path.join(homedir(), '.config', 'mpp'), 'credentials.json');

export function readCredentials(): Credentials | undefined {
  return existsSync(file()) ? (JSON.parse(readFileSync(file(), 'utf8')) as Credentials) : undefined;
}

export function writeCredentials(credentials: Credentials): void {
  mkdirSync(path.dirname(file()), { recursive: true, mode: 0o700 });
  writeFileSync(file(), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file(), 0o600);
}
