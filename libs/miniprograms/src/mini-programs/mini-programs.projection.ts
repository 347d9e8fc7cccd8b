import { MINI_PROGRAM_CREATED, MiniProgramCreatedV1, MiniProgramView } from '@mpp/contracts';
import { Projection } from '@mpp/eventsourcing';

/** Every mini program with its detail, for the owner's list and the detail route. */
export const miniProgramsProjection: Projection = {
  name: 'mini-programs',
  source: 'store',
  tables: ['mini_programs'],
  schema: (t) => `
    CREATE TABLE ${t('mini_programs')} (mini_program_id text PRIMARY KEY, owner_workspace_id text NOT NULL, updated_at timestamptz NOT NULL, view jsonb NOT NULL);
    CREATE INDEX ON ${t('mini_programs')} (owner_workspace_id, updated_at DESC, mini_program_id DESC);`,
  async apply(tx, event, t) {
    if (event.type !== MINI_PROGRAM_CREATED) return;
    const d = event.data as unknown as MiniProgramCreatedV1;
    const view: MiniProgramView = {
      miniProgramId: d.miniProgramId,
      ownerWorkspaceId: d.ownerWorkspaceId,
      name: d.name,
      description: d.description,
      category: d.category,
      targetApps: d.targetApps,
      status: 'DEVELOPING',
      onlineVersion: null,
      trialVersion: null,
      createdAt: d.at,
      updatedAt: d.at,
      version: event.streamPosition,
    };
    await tx.query(
      `INSERT INTO ${t('mini_programs')} (mini_program_id, owner_workspace_id, updated_at, view) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (mini_program_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, view = EXCLUDED.view`,
      [d.miniProgramId, d.ownerWorkspaceId, d.at, JSON.stringify(view)],
    );
  },
};
