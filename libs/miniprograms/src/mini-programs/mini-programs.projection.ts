import { Projection, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';
import { own } from '@mpp/platform';
import { miniProgramDecider, MiniProgramEvent, MiniProgramState } from './mini-program.decider';
import { miniProgramView, versionView } from './mini-program-views';

/**
 * Every mini program (its folded state, so the read side never re-implements the rules) and every version (for
 * the lists and the reviewer queue across all mini programs), updated in the same transaction.
 */
export const miniProgramsProjection: Projection = {
  name: 'mini-programs',
  source: 'store',
  tables: ['mini_programs', 'mini_program_versions'],
  schema: (t) => `
    CREATE TABLE ${t('mini_programs')} (
      mini_program_id text PRIMARY KEY, owner_workspace_id text NOT NULL, updated_at timestamptz NOT NULL, state jsonb NOT NULL, view jsonb NOT NULL
    );
    CREATE INDEX ON ${t('mini_programs')} (owner_workspace_id, updated_at DESC, mini_program_id DESC);
    CREATE TABLE ${t('mini_program_versions')} (
      mini_program_id text NOT NULL, version text NOT NULL, status text NOT NULL, uploaded_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, view jsonb NOT NULL,
      PRIMARY KEY (mini_program_id, version)
    );
    CREATE INDEX ON ${t('mini_program_versions')} (status, updated_at, mini_program_id, version);`,
  apply: (tx, event, t) => applyEvent(tx, event, t),
};

async function applyEvent(tx: SqlClient, event: StoredEvent, t: TableNames): Promise<void> {
  if (!event.streamId.startsWith('MiniProgram-')) return;
  const miniProgramId = event.streamId.slice('MiniProgram-'.length);
  const { rows } = await tx.query<{ state: MiniProgramState }>(`SELECT state FROM ${t('mini_programs')} WHERE mini_program_id = $1`, [miniProgramId]);
  const before: MiniProgramState = rows[0]?.state ?? miniProgramDecider.initialState();
  const state = miniProgramDecider.evolve(before, { type: event.type, data: event.data } as MiniProgramEvent);
  if (state.status === 'NONE') return;
  await tx.query(
    `INSERT INTO ${t('mini_programs')} (mini_program_id, owner_workspace_id, updated_at, state, view) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
     ON CONFLICT (mini_program_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, state = EXCLUDED.state, view = EXCLUDED.view`,
    [miniProgramId, state.ownerWorkspaceId, state.updatedAt, JSON.stringify(state), JSON.stringify(miniProgramView(state, event.streamPosition))],
  );
  // The versions this event touched: those whose state changed, and those it removed.
  const old = before.status === 'NONE' ? {} : before.versions;
  for (const version of new Set([...Object.keys(old), ...Object.keys(state.versions)])) {
    const now = own(state.versions, version);
    const was = own(old, version);
    if (!now) {
      await tx.query(`DELETE FROM ${t('mini_program_versions')} WHERE mini_program_id = $1 AND version = $2`, [miniProgramId, version]);
    } else if (was?.updatedAt !== now.updatedAt || was?.status !== now.status) {
      await tx.query(
        `INSERT INTO ${t('mini_program_versions')} (mini_program_id, version, status, uploaded_at, updated_at, view) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
         ON CONFLICT (mini_program_id, version) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, view = EXCLUDED.view`,
        [miniProgramId, version, now.status, now.uploadedAt, now.updatedAt, JSON.stringify(versionView(miniProgramId, now))],
      );
    }
  }
}
