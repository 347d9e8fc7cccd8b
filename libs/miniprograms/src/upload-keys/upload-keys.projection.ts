import { Projection } from '@mpp/eventsourcing';
import { UPLOAD_KEY_CREATED, UPLOAD_KEY_REVOKED, UploadKeysEvent } from './upload-keys.decider';

/** Upload keys by hash: what a presented key is looked up by, with what decides whether it may upload. */
export const uploadKeysProjection: Projection = {
  name: 'upload-keys',
  source: 'store',
  eventTypes: [UPLOAD_KEY_CREATED, UPLOAD_KEY_REVOKED],
  tables: ['upload_keys'],
  schema: (t) => `
    CREATE TABLE ${t('upload_keys')} (
      key_id text PRIMARY KEY, key_hash text NOT NULL UNIQUE, mini_program_id text NOT NULL, ip_allowlist text[] NOT NULL, allow_any_ip boolean NOT NULL,
      expires_at timestamptz NOT NULL, created_by text NOT NULL, workspace_id text NOT NULL, side text NOT NULL, revoked_at timestamptz
    );`,
  async apply(tx, event, t) {
    const e = { type: event.type, data: event.data } as UploadKeysEvent;
    if (e.type === UPLOAD_KEY_CREATED) {
      const k = e.data;
      await tx.query(
        `INSERT INTO ${t('upload_keys')} (key_id, key_hash, mini_program_id, ip_allowlist, allow_any_ip, expires_at, created_by, workspace_id, side)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [k.keyId, k.keyHash, k.miniProgramId, k.ipAllowlist, k.allowAnyIp, k.expiresAt, k.createdBy, k.workspaceId, k.side],
      );
    } else if (e.type === UPLOAD_KEY_REVOKED) {
      await tx.query(`UPDATE ${t('upload_keys')} SET revoked_at = $2 WHERE key_id = $1`, [e.data.keyId, e.data.at]);
    }
  },
};
