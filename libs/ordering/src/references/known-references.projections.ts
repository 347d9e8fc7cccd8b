import { MINI_PROGRAM_CREATED, MiniProgramCreatedV1, SERVICE_OFFLINE, SERVICE_ONLINE, SERVICE_REVISED, ServicePublicV1 } from '@mpp/contracts';
import { Projection } from '@mpp/eventsourcing';

/** What ordering knows of catalog's services, from catalog.events: whether each is ONLINE and of which type. */
export const knownServicesProjection: Projection = {
  name: 'known-services',
  source: 'inbox',
  tables: ['known_services'],
  schema: (t) => `CREATE TABLE ${t('known_services')} (
      service_id text PRIMARY KEY, isv_workspace_id text NOT NULL, type text NOT NULL, name text NOT NULL, online boolean NOT NULL, at timestamptz NOT NULL)`,
  async apply(tx, event, t) {
    if (![SERVICE_ONLINE, SERVICE_REVISED, SERVICE_OFFLINE].includes(event.type)) return;
    const d = event.data as unknown as ServicePublicV1;
    await tx.query(
      `INSERT INTO ${t('known_services')} (service_id, isv_workspace_id, type, name, online, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (service_id) DO UPDATE SET type = EXCLUDED.type, name = EXCLUDED.name, online = EXCLUDED.online, at = EXCLUDED.at
       WHERE ${t('known_services')}.at <= EXCLUDED.at`,
      [d.serviceId, d.isvWorkspaceId, d.type, d.name, event.type !== SERVICE_OFFLINE, d.at],
    );
  },
};

/** Which merchant workspace owns each mini program, from miniprograms.events. */
export const knownMiniProgramsProjection: Projection = {
  name: 'known-mini-programs',
  source: 'inbox',
  tables: ['known_mini_programs'],
  schema: (t) => `CREATE TABLE ${t('known_mini_programs')} (mini_program_id text PRIMARY KEY, owner_workspace_id text NOT NULL, name text NOT NULL)`,
  async apply(tx, event, t) {
    if (event.type !== MINI_PROGRAM_CREATED) return;
    const d = event.data as unknown as MiniProgramCreatedV1;
    await tx.query(`INSERT INTO ${t('known_mini_programs')} (mini_program_id, owner_workspace_id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      d.miniProgramId,
      d.ownerWorkspaceId,
      d.name,
    ]);
  },
};
