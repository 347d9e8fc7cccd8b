import { ACCOUNT_REGISTERED, INVITATION_ACCEPTED, MEMBER_ADDED, MEMBER_REMOVED, WORKSPACE_APPROVED } from '@mpp/contracts';
import { Projection } from '@mpp/eventsourcing';
import { INVITATION_DECLINED, INVITATION_SENT, INVITATION_WITHDRAWN, InvitationSentData } from './workspace.decider';

/** Workspaces, their members (with usernames) and invitations: what lists and GET /v1/me read. */
export const workspaceDirectoryProjection: Projection = {
  name: 'workspace-directory',
  source: 'store',
  tables: ['workspaces', 'member_accounts', 'workspace_members', 'workspace_invitations'],
  schema: (t) => `
    CREATE TABLE ${t('workspaces')} (workspace_id text PRIMARY KEY, name text NOT NULL, type text NOT NULL, owner_account_id text NOT NULL, created_at timestamptz NOT NULL);
    CREATE TABLE ${t('member_accounts')} (account_id text PRIMARY KEY, username text NOT NULL);
    CREATE TABLE ${t('workspace_members')} (
      workspace_id text NOT NULL, account_id text NOT NULL, role text NOT NULL, joined_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, account_id)
    );
    CREATE INDEX ON ${t('workspace_members')} (account_id);
    CREATE TABLE ${t('workspace_invitations')} (
      invitation_id text PRIMARY KEY, workspace_id text NOT NULL, email text NOT NULL, role text NOT NULL, status text NOT NULL,
      invited_by text NOT NULL, expires_at timestamptz NOT NULL, created_at timestamptz NOT NULL
    );
    CREATE INDEX ON ${t('workspace_invitations')} (workspace_id, created_at DESC, invitation_id DESC);`,
  async apply(tx, event, t) {
    const d = event.data as Record<string, string>;
    switch (event.type) {
      case ACCOUNT_REGISTERED:
        await tx.query(`INSERT INTO ${t('member_accounts')} (account_id, username) VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING`, [d.accountId, d.username]);
        return;
      case WORKSPACE_APPROVED:
        await tx.query(
          `INSERT INTO ${t('workspaces')} (workspace_id, name, type, owner_account_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workspace_id) DO NOTHING`,
          [d.workspaceId, d.name, d.type, d.ownerAccountId, d.approvedAt],
        );
        return;
      case MEMBER_ADDED:
        await tx.query(
          `INSERT INTO ${t('workspace_members')} (workspace_id, account_id, role, joined_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (workspace_id, account_id) DO UPDATE SET role = EXCLUDED.role`,
          [d.workspaceId, d.accountId, d.role, d.at],
        );
        return;
      case MEMBER_REMOVED:
        await tx.query(`DELETE FROM ${t('workspace_members')} WHERE workspace_id = $1 AND account_id = $2`, [d.workspaceId, d.accountId]);
        return;
      case INVITATION_SENT: {
        const i = event.data as unknown as InvitationSentData;
        await tx.query(
          `INSERT INTO ${t('workspace_invitations')} (invitation_id, workspace_id, email, role, status, invited_by, expires_at, created_at)
           VALUES ($1, $2, $3, $4, 'PENDING', $5, $6, $7) ON CONFLICT (invitation_id) DO NOTHING`,
          [i.invitationId, i.workspaceId, i.email, i.role, i.invitedBy, i.expiresAt, i.at],
        );
        return;
      }
      case INVITATION_ACCEPTED:
      case INVITATION_DECLINED:
      case INVITATION_WITHDRAWN: {
        const status = event.type === INVITATION_ACCEPTED ? 'ACCEPTED' : event.type === INVITATION_DECLINED ? 'DECLINED' : 'WITHDRAWN';
        await tx.query(`UPDATE ${t('workspace_invitations')} SET status = $2 WHERE invitation_id = $1`, [d.invitationId, status]);
        return;
      }
    }
  },
};
