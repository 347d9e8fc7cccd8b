import { MEMBER_ADDED, MEMBER_REMOVED, MemberAddedV1, MemberRemovedV1, WORKSPACE_APPROVED, WorkspaceApprovedV1 } from '@mpp/contracts';
import { Projection } from '@mpp/eventsourcing';

/** What a context knows of identity's workspaces and members, from identity.events: it never calls identity. */
export const knownWorkspacesProjection: Projection = {
  name: 'known-workspaces',
  source: 'inbox',
  eventTypes: [WORKSPACE_APPROVED, MEMBER_ADDED, MEMBER_REMOVED],
  tables: ['known_workspaces', 'known_members'],
  schema: (t) => `
    CREATE TABLE ${t('known_workspaces')} (workspace_id text PRIMARY KEY, name text NOT NULL, type text NOT NULL);
    CREATE TABLE ${t('known_members')} (workspace_id text NOT NULL, account_id text NOT NULL, role text NOT NULL, PRIMARY KEY (workspace_id, account_id));
    CREATE INDEX ON ${t('known_members')} (account_id);`,
  // membershipsOf finds an account's workspaces on every ISV request to a mini program: without this index, a
  // sequential scan of every member (a quarter of miniprograms' database time in a batch job over 1,000 merchants).
  upgrade: (t) => `CREATE INDEX IF NOT EXISTS ${t('known_members')}_account_id_idx ON ${t('known_members')} (account_id)`,
  async apply(tx, event, t) {
    switch (event.type) {
      case WORKSPACE_APPROVED: {
        const d = event.data as unknown as WorkspaceApprovedV1;
        await tx.query(`INSERT INTO ${t('known_workspaces')} (workspace_id, name, type) VALUES ($1, $2, $3) ON CONFLICT (workspace_id) DO NOTHING`, [d.workspaceId, d.name, d.type]);
        return;
      }
      case MEMBER_ADDED: {
        const d = event.data as unknown as MemberAddedV1;
        await tx.query(
          `INSERT INTO ${t('known_members')} (workspace_id, account_id, role) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, account_id) DO UPDATE SET role = EXCLUDED.role`,
          [d.workspaceId, d.accountId, d.role],
        );
        return;
      }
      case MEMBER_REMOVED: {
        const d = event.data as unknown as MemberRemovedV1;
        await tx.query(`DELETE FROM ${t('known_members')} WHERE workspace_id = $1 AND account_id = $2`, [d.workspaceId, d.accountId]);
        return;
      }
    }
  },
};
