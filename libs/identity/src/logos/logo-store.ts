import { createHash } from 'node:crypto';
import { ensureSchema, SqlClient } from '@mpp/eventsourcing';

/** Logos, content-addressed by SHA-256, in identity's database; events refer to them by hash. */
export class LogoStore {
  constructor(private readonly sql: SqlClient) {}

  async init(): Promise<this> {
    await ensureSchema(this.sql, `CREATE TABLE IF NOT EXISTS logos (sha256 text PRIMARY KEY, content_type text NOT NULL, data bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    return this;
  }

  async put(bytes: Buffer, contentType: string): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.sql.query(`INSERT INTO logos (sha256, content_type, data) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`, [sha256, contentType, bytes]);
    return sha256;
  }

  async get(sha256: string): Promise<{ contentType: string; data: Buffer } | undefined> {
    const { rows } = await this.sql.query<{ content_type: string; data: Uint8Array }>(`SELECT content_type, data FROM logos WHERE sha256 = $1`, [sha256]);
    return rows[0] ? { contentType: rows[0].content_type, data: Buffer.from(rows[0].data) } : undefined;
  }
}
