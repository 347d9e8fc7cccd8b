import { SERVICE_OFFLINE, SERVICE_ONLINE, SERVICE_REVISED, ServiceContent, ServiceView } from '@mpp/contracts';
import { Projection, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';
import { fold } from '@mpp/eventsourcing';
import { SERVICE_CREATED, serviceDecider, ServiceEvent } from './service.decider';

/**
 * Every service in every state (the ISV's lists, the review queue) and, in the same transaction, the market:
 * the ONLINE content with a full-text index on name and description.
 */
export const servicesProjection: Projection = {
  name: 'services',
  source: 'store',
  tables: ['services', 'market_services'],
  schema: (t) => `
    CREATE TABLE ${t('services')} (
      service_id text PRIMARY KEY, workspace_id text NOT NULL, status text NOT NULL, revision_status text,
      updated_at timestamptz NOT NULL, events jsonb NOT NULL, view jsonb NOT NULL
    );
    CREATE INDEX ON ${t('services')} (workspace_id, updated_at DESC, service_id DESC);
    CREATE INDEX ON ${t('services')} (status, revision_status, updated_at, service_id);
    CREATE TABLE ${t('market_services')} (
      service_id text PRIMARY KEY, workspace_id text NOT NULL, name text NOT NULL, industry text NOT NULL, type text NOT NULL,
      apps text[] NOT NULL, online_at timestamptz NOT NULL, search tsvector NOT NULL, content jsonb NOT NULL
    );
    CREATE INDEX ON ${t('market_services')} USING gin (search);
    CREATE INDEX ON ${t('market_services')} USING gin (apps);
    CREATE INDEX ON ${t('market_services')} (online_at DESC, service_id DESC);
    CREATE INDEX ON ${t('market_services')} (industry, type, online_at DESC, service_id DESC);`,
  apply: (tx, event, t) => applyServiceEvent(tx, event, t),
};

/** The service's events so far are kept with its row, so its view is the decider's own state, never a second copy of the rules. */
async function applyServiceEvent(tx: SqlClient, event: StoredEvent, t: TableNames): Promise<void> {
  const serviceId = event.streamId.replace(/^Service-/, '');
  const { rows } = await tx.query<{ events: ServiceEvent[] }>(`SELECT events FROM ${t('services')} WHERE service_id = $1`, [serviceId]);
  if (!rows[0] && event.type !== SERVICE_CREATED) return;
  const events = [...(rows[0]?.events ?? []), { type: event.type, data: event.data } as ServiceEvent];
  const state = fold(serviceDecider, events);
  if (state.status === 'NONE') return;
  const view: ServiceView = {
    ...state.content,
    serviceId,
    isvWorkspaceId: state.isvWorkspaceId,
    status: state.status,
    ...(state.revision ? { revisionStatus: state.revision } : {}),
    ...(state.online && state.revision ? { online: state.online } : {}),
    ...(state.reason ? { reason: state.reason } : {}),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    version: event.streamPosition,
  };
  await tx.query(
    `INSERT INTO ${t('services')} (service_id, workspace_id, status, revision_status, updated_at, events, view) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)
     ON CONFLICT (service_id) DO UPDATE SET status = EXCLUDED.status, revision_status = EXCLUDED.revision_status, updated_at = EXCLUDED.updated_at, events = EXCLUDED.events, view = EXCLUDED.view`,
    [serviceId, state.isvWorkspaceId, state.status, state.revision ?? null, state.updatedAt, JSON.stringify(events), JSON.stringify(view)],
  );
  if (event.type === SERVICE_ONLINE || event.type === SERVICE_REVISED) await list(tx, t, serviceId, state.isvWorkspaceId, state.online as ServiceContent, event.data.at as string);
  if (event.type === SERVICE_OFFLINE) await tx.query(`DELETE FROM ${t('market_services')} WHERE service_id = $1`, [serviceId]);
}

async function list(tx: SqlClient, t: TableNames, serviceId: string, workspaceId: string, content: ServiceContent, at: string): Promise<void> {
  await tx.query(
    `INSERT INTO ${t('market_services')} (service_id, workspace_id, name, industry, type, apps, online_at, search, content)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, setweight(to_tsvector('simple', $3), 'A') || setweight(to_tsvector('simple', $8), 'B'), $9::jsonb)
     ON CONFLICT (service_id) DO UPDATE SET name = EXCLUDED.name, industry = EXCLUDED.industry, type = EXCLUDED.type, apps = EXCLUDED.apps,
       search = EXCLUDED.search, content = EXCLUDED.content`,
    [serviceId, workspaceId, content.name, content.industry, content.type, content.applicableApps, at, content.description, JSON.stringify(content)],
  );
}
