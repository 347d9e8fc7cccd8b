import { ensureSchema, SqlClient } from '@mpp/eventsourcing';

/**
 * When and from where each upload key was last used (shown in the list). Kept as a plain row, not as events: it is a
 * note of use, not a change of the key, and an event per upload would only grow the key's stream.
 */
export class UploadKeyUses {
  constructor(private readonly sql: SqlClient) {}

  async init(): Promise<this> {
    await ensureSchema(this.sql, `CREATE TABLE IF NOT EXISTS upload_key_uses (key_id text PRIMARY KEY, last_used_at timestamptz NOT NULL, last_used_ip text NOT NULL)`);
    return this;
  }

  async record(keyId: string, ip: string, at: Date): Promise<void> {
    await this.sql.query(
      `INSERT INTO upload_key_uses (key_id, last_used_at, last_used_ip) VALUES ($1, $2, $3)
       ON CONFLICT (key_id) DO UPDATE SET last_used_at = EXCLUDED.last_used_at, last_used_ip = EXCLUDED.last_used_ip`,
      [keyId, at, ip],
    );
  }

  async of(keyIds: string[]): Promise<Map<string, { lastUsedAt: string; lastUsedIp: string }>> {
    const { rows } = await this.sql.query<{ key_id: string; last_used_at: Date; last_used_ip: string }>(`SELECT key_id, last_used_at, last_used_ip FROM upload_key_uses WHERE key_id = ANY($1::text[])`, [keyIds]);
    return new Map(rows.map((r) => [r.key_id, { lastUsedAt: new Date(r.last_used_at).toISOString(), lastUsedIp: r.last_used_ip }]));
  }
}

export const UPLOAD_KEY_USES = Symbol('UPLOAD_KEY_USES');
