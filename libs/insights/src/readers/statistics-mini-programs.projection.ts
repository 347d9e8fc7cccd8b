import { MINI_PROGRAM_CREATED, MINI_PROGRAM_EDITED, MiniProgramCreatedV1, MiniProgramEditedV1 } from '@mpp/contracts';
import { Projection, SqlClient } from '@mpp/eventsourcing';

/**
 * The mini programs insights counts for, from miniprograms.events: their owner (whose members read the figures)
 * and their target apps (the host apps whose events are taken; an edit changes them from then on).
 */
export const statisticsMiniProgramsProjection: Projection = {
  name: 'known-mini-programs',
  source: 'inbox',
  eventTypes: [MINI_PROGRAM_CREATED, MINI_PROGRAM_EDITED],
  tables: ['known_mini_programs'],
  schema: (t) => `CREATE TABLE ${t('known_mini_programs')} (mini_program_id text PRIMARY KEY, owner_workspace_id text NOT NULL, target_apps text[] NOT NULL)`,
  async apply(tx, event, t) {
    if (event.type === MINI_PROGRAM_CREATED) {
      const d = event.data as unknown as MiniProgramCreatedV1;
      await tx.query(`INSERT INTO ${t('known_mini_programs')} (mini_program_id, owner_workspace_id, target_apps) VALUES ($1, $2, $3::text[]) ON CONFLICT DO NOTHING`, [d.miniProgramId, d.ownerWorkspaceId, d.targetApps]);
    } else if (event.type === MINI_PROGRAM_EDITED) {
      const d = event.data as unknown as MiniProgramEditedV1;
      if (d.targetApps) await tx.query(`UPDATE ${t('known_mini_programs')} SET target_apps = $2::text[] WHERE mini_program_id = $1`, [d.miniProgramId, d.targetApps]);
    }
  },
};

/** Each of these mini programs insights knows, with its owner and target apps. */
export async function knownMiniPrograms(sql: SqlClient, miniProgramIds: string[]): Promise<Map<string, { ownerWorkspaceId: string; targetApps: string[] }>> {
  const { rows } = await sql.query<{ mini_program_id: string; owner_workspace_id: string; target_apps: string[] }>(
    `SELECT mini_program_id, owner_workspace_id, target_apps FROM known_mini_programs WHERE mini_program_id = ANY($1::text[])`,
    [miniProgramIds],
  );
  return new Map(rows.map((r) => [r.mini_program_id, { ownerWorkspaceId: r.owner_workspace_id, targetApps: r.target_apps }]));
}
