import { randomBytes, randomUUID } from 'node:crypto';
import { ensureSchema, SqlClient } from '@mpp/eventsourcing';
import { CodeCipher } from './code-cipher';

/**
 * Crypto-shredding for verification codes. The mailer sends the code from its event, so the event carries it
 * sealed, each code with a key of its own kept outside the event store; the mailer deletes the key in the
 * transaction that records the mail as sent. From then on only the code's hash can be read.
 */
export class CodeVault {
  constructor(private readonly sql: SqlClient) {}

  async init(): Promise<this> {
    await ensureSchema(this.sql, `CREATE TABLE IF NOT EXISTS verification_code_keys (code_id text PRIMARY KEY, key bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    return this;
  }

  async seal(code: string): Promise<{ codeId: string; codeCiphertext: string }> {
    const codeId = randomUUID();
    const key = randomBytes(32);
    await this.sql.query(`INSERT INTO verification_code_keys (code_id, key) VALUES ($1, $2)`, [codeId, key]);
    return { codeId, codeCiphertext: new CodeCipher(key).encrypt(code) };
  }

  /** The cipher that opens this code, or undefined once its key is shredded. */
  async opener(codeId: string, tx: SqlClient = this.sql): Promise<CodeCipher | undefined> {
    const { rows } = await tx.query<{ key: Uint8Array }>(`SELECT key FROM verification_code_keys WHERE code_id = $1`, [codeId]);
    return rows[0] ? new CodeCipher(Buffer.from(rows[0].key)) : undefined;
  }

  async shred(codeId: string, tx: SqlClient = this.sql): Promise<void> {
    await tx.query(`DELETE FROM verification_code_keys WHERE code_id = $1`, [codeId]);
  }
}
