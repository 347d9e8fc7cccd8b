// Requests the gateway sends to miniprograms about upload keys (DOMAIN.md 7, API.md Integrations): keys a CI uses to
// upload versions of one mini program without a person's password, as miniprogram-ci does.
import type { Answers } from '../messaging/request-map';
import type { MiniProgramRef } from './miniprograms.requests';

export const CREATE_UPLOAD_KEY = 'miniprograms.CreateUploadKey';
export const LIST_UPLOAD_KEYS = 'miniprograms.ListUploadKeys';
export const REVOKE_UPLOAD_KEY = 'miniprograms.RevokeUploadKey';
/** The gateway, before it reads an upload sent with `Authorization: Bearer <upload key>`: whose upload is it? */
export const AUTHENTICATE_UPLOAD_KEY = 'miniprograms.AuthenticateUploadKey';

/** What every upload key starts with: secret scanners match it, and the gateway tells it from an access token. */
export const UPLOAD_KEY_PREFIX = 'mpp_uk_';
export const MAX_ACTIVE_UPLOAD_KEYS = 5;
export const MAX_UPLOAD_KEY_ALLOWLIST = 20;
/** An upload key lives at most a year. */
export const MAX_UPLOAD_KEY_DAYS = 366;

export interface NewUploadKey extends MiniProgramRef {
  name: string;
  /** Addresses (CIDR, or one address) the key may be used from; required unless allowAnyIp. */
  ipAllowlist: string[];
  allowAnyIp?: boolean;
  /** RFC 3339, within a year. */
  expiresAt: string;
}

/** A key just made: `key` is shown this once, only its hash is kept. */
export interface CreatedUploadKey {
  keyId: string;
  key: string;
}

export type UploadKeyStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED';

export interface UploadKeyView {
  keyId: string;
  name: string;
  ipAllowlist: string[];
  allowAnyIp: boolean;
  expiresAt: string;
  createdAt: string;
  /** The workspace that made it: the merchant, or the ISV whose authorization it lives by. */
  workspaceId: string;
  lastUsedAt?: string;
  lastUsedIp?: string;
  status: UploadKeyStatus;
}

export interface UploadKeyRef extends MiniProgramRef {
  keyId: string;
}

/** A presented key: its SHA-256 (the key itself stays in the gateway), the mini program named, the caller's address. */
export interface UploadKeyPresented extends MiniProgramRef {
  keyHash: string;
  ip: string;
}

/** Who uploads with the key: the account that made it, acting as itself (every rule of the upload applies). */
export interface UploadKeyHolder {
  accountId: string;
  keyId: string;
}

/** miniprograms' upload key requests. */
export interface UploadKeysRequests {
  [CREATE_UPLOAD_KEY]: Answers<NewUploadKey, CreatedUploadKey>;
  [LIST_UPLOAD_KEYS]: Answers<MiniProgramRef, { items: UploadKeyView[] }>;
  [REVOKE_UPLOAD_KEY]: Answers<UploadKeyRef, void>;
  [AUTHENTICATE_UPLOAD_KEY]: Answers<UploadKeyPresented, UploadKeyHolder>;
}
