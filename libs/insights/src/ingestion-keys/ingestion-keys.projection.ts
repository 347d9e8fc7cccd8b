import { Projection } from '@mpp/eventsourcing';
import { INGESTION_KEY_ISSUED, INGESTION_KEY_REVOKED, IngestionKeyEvent } from './ingestion-key.decider';

/**
 * The ingestion keys by hash: what a collect request's X-Ingestion-Key is looked up by (its SHA-256), with its host
 * app, and whether it was revoked. The key itself is nowhere.
 */
export const ingestionKeysProjection: Projection = {
  name: 'ingestion-keys',
  source: 'store',
  tables: ['ingestion_keys'],
  schema: (t) => `
    CREATE TABLE ${t('ingestion_keys')} (
      key_hash text PRIMARY KEY, key_id text NOT NULL UNIQUE, host_app text NOT NULL, issued_at timestamptz NOT NULL, revoked_at timestamptz
    );`,
  async apply(tx, event, t) {
    const e = { type: event.type, data: event.data } as IngestionKeyEvent;
    if (e.type === INGESTION_KEY_ISSUED) {
      await tx.query(`INSERT INTO ${t('ingestion_keys')} (key_hash, key_id, host_app, issued_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [e.data.keyHash, e.data.keyId, e.data.hostApp, e.data.at]);
    } else if (e.type === INGESTION_KEY_REVOKED) {
      await tx.query(`UPDATE ${t('ingestion_keys')} SET revoked_at = $2 WHERE key_id = $1`, [e.data.keyId, e.data.at]);
    }
  },
};
