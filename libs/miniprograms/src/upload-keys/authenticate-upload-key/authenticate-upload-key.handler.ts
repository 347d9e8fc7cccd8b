import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UploadKeyHolder } from '@mpp/contracts';
import { activeAuthorization } from '@mpp/authorization-replica';
import { SqlClient } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { UPLOAD_KEY_USES, UploadKeyUses } from '../upload-key-uses';
import { allowedFrom } from '../upload-keys.decider';
import { AuthenticateUploadKey } from './authenticate-upload-key.command';

export const UPLOAD_KEY_INVALID = 'UPLOAD_KEY_INVALID';
export const KEY_NOT_FOR_MINI_PROGRAM = 'KEY_NOT_FOR_MINI_PROGRAM';
export const IP_NOT_ALLOWED = 'IP_NOT_ALLOWED';

const invalid = (why: string) => new AppError(UPLOAD_KEY_INVALID, 'unauthenticated', `the upload key ${why}`);

/**
 * A presented upload key (API.md): unknown, revoked, expired, or an ISV's whose authorization with UPLOAD has ended:
 * 401; for another mini program, or from an address outside its allowlist: 403. Otherwise the upload goes on as the
 * account that made the key, so every rule of an upload applies to it as to that person, and the use is noted.
 */
@CommandHandler(AuthenticateUploadKey)
export class AuthenticateUploadKeyHandler implements ICommandHandler<AuthenticateUploadKey> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(UPLOAD_KEY_USES) private readonly uses: UploadKeyUses,
  ) {}

  async execute({ payload }: AuthenticateUploadKey): Promise<UploadKeyHolder> {
    const { rows } = await this.sql.query<{ key_id: string; mini_program_id: string; ip_allowlist: string[]; allow_any_ip: boolean; expires_at: Date; created_by: string; workspace_id: string; side: string; revoked_at: Date | null }>(
      `SELECT key_id, mini_program_id, ip_allowlist, allow_any_ip, expires_at, created_by, workspace_id, side, revoked_at FROM upload_keys WHERE key_hash = $1`,
      [payload.keyHash],
    );
    const key = rows[0];
    const now = new Date();
    if (!key) throw invalid('is not known');
    if (key.revoked_at) throw invalid('was revoked');
    if (new Date(key.expires_at) <= now) throw invalid('has expired');
    if (key.mini_program_id !== payload.miniProgramId) throw AppError.forbidden(KEY_NOT_FOR_MINI_PROGRAM, 'this upload key uploads versions of another mini program');
    if (!key.allow_any_ip && !allowedFrom(payload.ip, key.ip_allowlist)) throw AppError.forbidden(IP_NOT_ALLOWED, `this upload key is not used from ${payload.ip} (its allowlist)`);
    if (key.side === 'ISV' && !(await activeAuthorization(this.sql, key.mini_program_id, [key.workspace_id], 'UPLOAD'))?.scopes.includes('UPLOAD')) {
      throw invalid("died with its workspace's authorization (or its UPLOAD scope)");
    }
    await this.uses.record(key.key_id, payload.ip, now);
    return { accountId: key.created_by, keyId: key.key_id };
  }
}
