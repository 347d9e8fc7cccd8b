import ipaddr from 'ipaddr.js';
import { MAX_ACTIVE_UPLOAD_KEYS, MAX_UPLOAD_KEY_ALLOWLIST, MAX_UPLOAD_KEY_DAYS, UPLOAD_KEY_PREFIX } from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { apiKeyHash, AppError, FieldError, newApiKey, own } from '@mpp/platform';

// A mini program's upload keys (DOMAIN.md 7): keys a CI uploads versions with, as miniprogram-ci does. One stream per
// mini program holds all of them, so "at most 5 active" holds under concurrent creates (optimistic concurrency). A key
// is stored as its SHA-256 only; it works from its allowlist's addresses, until it expires or is revoked, and an ISV's
// key only while that ISV holds the mini program's authorization (checked when it is used).

export const UPLOAD_KEY_CREATED = 'miniprograms.UploadKeyCreated';
export const UPLOAD_KEY_REVOKED = 'miniprograms.UploadKeyRevoked';
export const TOO_MANY_UPLOAD_KEYS = 'TOO_MANY_UPLOAD_KEYS';
export const UPLOAD_KEY_NOT_FOUND = 'UPLOAD_KEY_NOT_FOUND';

export const uploadKeysStreamId = (miniProgramId: string) => `UploadKeys-${miniProgramId}`;
export const newUploadKey = () => newApiKey(UPLOAD_KEY_PREFIX);
export const uploadKeyHash = apiKeyHash;

export interface UploadKeyFacts {
  keyId: string;
  name: string;
  keyHash: string;
  ipAllowlist: string[];
  allowAnyIp: boolean;
  expiresAt: string;
  createdBy: string;
  /** The merchant's workspace, or the ISV's whose authorization the key lives by. */
  workspaceId: string;
  side: 'MERCHANT' | 'ISV';
}

type At = { at: string; by?: string };
export type UploadKeysEvent =
  | { type: typeof UPLOAD_KEY_CREATED; data: At & UploadKeyFacts & { miniProgramId: string } }
  | { type: typeof UPLOAD_KEY_REVOKED; data: At & { keyId: string } };

export type UploadKeysCommand =
  | { type: 'CreateUploadKey'; miniProgramId: string; key: UploadKeyFacts }
  /** `workspaceId`: the caller's side may revoke only the keys it made, unless it is the merchant. */
  | { type: 'RevokeUploadKey'; keyId: string; side: 'MERCHANT' | 'ISV'; workspaceId: string };

export interface UploadKeysState {
  keys: Record<string, UploadKeyFacts & { createdAt: string; revokedAt?: string }>;
}

/** A CIDR or a single address, as ipaddr.js reads it; the reason it is not, or undefined. */
export function cidrProblem(entry: string): string | undefined {
  try {
    if (entry.includes('/')) ipaddr.parseCIDR(entry);
    else ipaddr.parse(entry);
    return undefined;
  } catch {
    return `${entry} is not an address or a CIDR`;
  }
}

/** An allowlist entry as a range; an IPv4-mapped IPv6 range is read as its IPv4 one, as addresses are. */
function rangeOf(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const [address, bits] = entry.includes('/') ? ipaddr.parseCIDR(entry) : [ipaddr.parse(entry), ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128];
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return [address, bits];
}

/** Whether `ip` is in one of the allowlist's ranges (an IPv4-mapped IPv6 address counts as its IPv4 one). */
export function allowedFrom(ip: string, allowlist: string[]): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const address = ipaddr.process(ip);
  return allowlist.some((entry) => {
    const [range, bits] = rangeOf(entry);
    return range.kind() === address.kind() && address.match(range, bits);
  });
}

export const uploadKeyIsActive = (key: { revokedAt?: string; expiresAt: string }, now: Date) => !key.revokedAt && Date.parse(key.expiresAt) > now.getTime();

function checkKey(key: UploadKeyFacts, now: Date): void {
  const errors: FieldError[] = [];
  if (!key.name.trim() || key.name.length > 100) errors.push({ field: 'name', message: 'from 1 to 100 characters' });
  if (!key.allowAnyIp && key.ipAllowlist.length === 0) errors.push({ field: 'ipAllowlist', message: 'name the addresses the key is used from, or set allowAnyIp' });
  if (key.ipAllowlist.length > MAX_UPLOAD_KEY_ALLOWLIST) errors.push({ field: 'ipAllowlist', message: `at most ${MAX_UPLOAD_KEY_ALLOWLIST} entries` });
  for (const problem of key.ipAllowlist.map(cidrProblem).filter(Boolean)) errors.push({ field: 'ipAllowlist', message: problem as string });
  const expires = Date.parse(key.expiresAt);
  if (Number.isNaN(expires) || expires <= now.getTime()) errors.push({ field: 'expiresAt', message: 'a time in the future' });
  else if (expires > now.getTime() + MAX_UPLOAD_KEY_DAYS * 86_400_000) errors.push({ field: 'expiresAt', message: `at most ${MAX_UPLOAD_KEY_DAYS} days ahead` });
  if (errors.length) throw AppError.badInput('the upload key is not valid', errors);
}

export const uploadKeysDecider: Decider<UploadKeysState, UploadKeysCommand, UploadKeysEvent> = {
  initialState: () => ({ keys: {} }),
  evolve(state, event) {
    if (event.type === UPLOAD_KEY_CREATED) {
      const { keyId, name, keyHash, ipAllowlist, allowAnyIp, expiresAt, createdBy, workspaceId, side, at } = event.data;
      return { keys: { ...state.keys, [keyId]: { keyId, name, keyHash, ipAllowlist, allowAnyIp, expiresAt, createdBy, workspaceId, side, createdAt: at } } };
    }
    const key = own(state.keys, event.data.keyId);
    return key ? { keys: { ...state.keys, [event.data.keyId]: { ...key, revokedAt: event.data.at } } } : state;
  },
  decide(command, state, { now, actor }) {
    const at = now.toISOString();
    const by = actor?.accountId;
    if (command.type === 'CreateUploadKey') {
      if (own(state.keys, command.key.keyId)) return [];
      checkKey(command.key, now);
      const active = Object.values(state.keys).filter((k) => uploadKeyIsActive(k, now)).length;
      if (active >= MAX_ACTIVE_UPLOAD_KEYS) throw AppError.rule(TOO_MANY_UPLOAD_KEYS, `a mini program has at most ${MAX_ACTIVE_UPLOAD_KEYS} active upload keys; revoke one first`);
      const key = { ...command.key, ipAllowlist: [...new Set(command.key.ipAllowlist)], name: command.key.name.trim() };
      return [{ type: UPLOAD_KEY_CREATED, data: { miniProgramId: command.miniProgramId, ...key, at, ...(by ? { by } : {}) } }];
    }
    const key = own(state.keys, command.keyId);
    // An ISV does not see the merchant's keys, nor another ISV's.
    if (!key || (command.side === 'ISV' && key.workspaceId !== command.workspaceId)) throw AppError.notFound(UPLOAD_KEY_NOT_FOUND, 'no such upload key of this mini program');
    if (key.revokedAt) return [];
    return [{ type: UPLOAD_KEY_REVOKED, data: { keyId: command.keyId, at, ...(by ? { by } : {}) } }];
  },
};

