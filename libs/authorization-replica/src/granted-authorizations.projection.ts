import {
  AUTHORIZATION_EVENTS,
  AuthorizationEventV1,
  AuthorizationScope,
  ORDER_CANCELED,
  ORDER_COMPLETED,
  upcastOrderEvent,
} from '@mpp/contracts';
import { Projection, SqlClient, TableNames } from '@mpp/eventsourcing';

/**
 * The authorizations ISVs hold on mini programs, from ordering.events: what every ISV request is checked
 * against. An order's completion or cancellation ends its authorization here at once, whenever the
 * authorization's own AuthorizationEnded follows; REVOKED and ENDED are final.
 */
export const grantedAuthorizationsProjection: Projection = {
  name: 'granted-authorizations',
  source: 'inbox',
  eventTypes: [ORDER_COMPLETED, ORDER_CANCELED, ...AUTHORIZATION_EVENTS],
  tables: ['granted_authorizations'],
  schema: (t) => `
    CREATE TABLE ${t('granted_authorizations')} (
      authorization_id text PRIMARY KEY, mini_program_id text NOT NULL, isv_workspace_id text NOT NULL, status text NOT NULL,
      scopes text[] NOT NULL, at timestamptz NOT NULL
    );
    CREATE INDEX ON ${t('granted_authorizations')} (mini_program_id, isv_workspace_id) WHERE status = 'ACTIVE';`,
  async apply(tx, event, t) {
    // Order and authorization events travel on different partitions: an order's end may arrive before its grant, so it leaves an ENDED row the grant cannot revive.
    const ended = upcastOrderEvent(event);
    if ((ended.type === ORDER_COMPLETED || ended.type === ORDER_CANCELED) && ended.data.authorizationId) {
      // Ends it by id; an end that comes before the grant leaves an ENDED row (no mini program yet) the grant cannot revive.
      await tx.query(
        `INSERT INTO ${t('granted_authorizations')} (authorization_id, mini_program_id, isv_workspace_id, status, scopes, at) VALUES ($1, '', '', 'ENDED', '{}', $2)
         ON CONFLICT (authorization_id) DO UPDATE SET status = 'ENDED', scopes = '{}', at = EXCLUDED.at WHERE ${t('granted_authorizations')}.status = 'ACTIVE'`,
        [ended.data.authorizationId, ended.data.at],
      );
      return;
    }
    if (AUTHORIZATION_EVENTS.includes(event.type)) await upsert(tx, t, event.data as unknown as AuthorizationEventV1);
  },
};

async function upsert(tx: SqlClient, t: TableNames, d: Pick<AuthorizationEventV1, 'authorizationId' | 'miniProgramId' | 'isvWorkspaceId' | 'status' | 'scopes' | 'at'>): Promise<void> {
  await tx.query(
      `INSERT INTO ${t('granted_authorizations')} (authorization_id, mini_program_id, isv_workspace_id, status, scopes, at) VALUES ($1, $2, $3, $4, $5::text[], $6)
       ON CONFLICT (authorization_id) DO UPDATE SET status = EXCLUDED.status, scopes = EXCLUDED.scopes, at = EXCLUDED.at
       WHERE ${t('granted_authorizations')}.status = 'ACTIVE'`,
    [d.authorizationId, d.miniProgramId, d.isvWorkspaceId, d.status, d.scopes, d.at],
  );
}

/**
 * The ACTIVE authorization one of these ISV workspaces holds on the mini program, with its scopes, if any: one that
 * grants `scope` when there is one (a member of two ISVs acting on the same mini program is not refused by chance).
 */
export async function activeAuthorization(sql: SqlClient, miniProgramId: string, isvWorkspaceIds: string[], scope?: AuthorizationScope): Promise<{ isvWorkspaceId: string; scopes: AuthorizationScope[] } | undefined> {
  if (isvWorkspaceIds.length === 0) return undefined;
  const { rows } = await sql.query<{ isv_workspace_id: string; scopes: AuthorizationScope[] }>(
    `SELECT isv_workspace_id, scopes FROM granted_authorizations WHERE mini_program_id = $1 AND isv_workspace_id = ANY($2::text[]) AND status = 'ACTIVE'
     ORDER BY ($3::text = ANY(scopes)) DESC, isv_workspace_id LIMIT 1`,
    [miniProgramId, isvWorkspaceIds, scope ?? null],
  );
  return rows[0] && { isvWorkspaceId: rows[0].isv_workspace_id, scopes: rows[0].scopes };
}
