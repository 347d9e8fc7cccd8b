import { MINI_PROGRAM_CREATED, MiniProgramCreatedV1, SERVICE_OFFLINE, SERVICE_PUBLIC_EVENTS, ServicePublicV1 } from '@mpp/contracts';
import { applyInOrder, Projection, RowBuffers, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';

type KnownServiceRow = { service_id: string; isv_workspace_id: string; type: string; name: string; online: boolean; at: string };
type KnownMiniProgramRow = { mini_program_id: string; owner_workspace_id: string; name: string };

/** What ordering knows of catalog's services, from catalog.events: whether each is ONLINE and of which type. */
export const knownServicesProjection: Projection = {
  name: 'known-services',
  source: 'inbox',
  eventTypes: SERVICE_PUBLIC_EVENTS,
  tables: ['known_services'],
  schema: (t) => `CREATE TABLE ${t('known_services')} (
      service_id text PRIMARY KEY, isv_workspace_id text NOT NULL, type text NOT NULL, name text NOT NULL, online boolean NOT NULL, at timestamptz NOT NULL)`,
  apply: (tx, event, t) => applyInOrder(tx, knownServicesProjection, [event], t),
  // Set-based (RowBuffer), as the inbox of a rebuild holds thousands of them.
  applyBatch: applyServiceEvents,
};

async function applyServiceEvents(tx: SqlClient, stored: StoredEvent[], t: TableNames, rows: RowBuffers): Promise<void> {
  const events = stored.filter((e) => SERVICE_PUBLIC_EVENTS.includes(e.type));
  if (events.length === 0) return;
  const services = rows.of<KnownServiceRow>(t('known_services'), ['service_id']);
  await services.load(tx, events.map((e) => ({ service_id: (e.data as unknown as ServicePublicV1).serviceId })));
  for (const event of events) {
    const d = event.data as unknown as ServicePublicV1;
    const before = services.get({ service_id: d.serviceId });
    // Events may arrive out of order: an older one than the row's never overwrites it; the ISV is the first one's.
    if (before && Date.parse(before.at) > Date.parse(d.at)) continue;
    services.put({ service_id: d.serviceId, isv_workspace_id: before?.isv_workspace_id ?? d.isvWorkspaceId, type: d.type, name: d.name, online: event.type !== SERVICE_OFFLINE, at: d.at });
  }
}

/** Which merchant workspace owns each mini program, from miniprograms.events. */
export const knownMiniProgramsProjection: Projection = {
  name: 'known-mini-programs',
  source: 'inbox',
  eventTypes: [MINI_PROGRAM_CREATED],
  tables: ['known_mini_programs'],
  schema: (t) => `CREATE TABLE ${t('known_mini_programs')} (mini_program_id text PRIMARY KEY, owner_workspace_id text NOT NULL, name text NOT NULL)`,
  apply: (tx, event, t) => applyInOrder(tx, knownMiniProgramsProjection, [event], t),
  // Set-based (RowBuffer), as the inbox of a rebuild holds thousands of them.
  applyBatch: applyMiniProgramEvents,
};

async function applyMiniProgramEvents(tx: SqlClient, stored: StoredEvent[], t: TableNames, rows: RowBuffers): Promise<void> {
  const events = stored.filter((e) => e.type === MINI_PROGRAM_CREATED).map((e) => e.data as unknown as MiniProgramCreatedV1);
  if (events.length === 0) return;
  const known = rows.of<KnownMiniProgramRow>(t('known_mini_programs'), ['mini_program_id']);
  await known.load(tx, events.map((d) => ({ mini_program_id: d.miniProgramId })));
  // The first creation received is kept (a redelivery changes nothing).
  for (const d of events) if (!known.get({ mini_program_id: d.miniProgramId })) known.put({ mini_program_id: d.miniProgramId, owner_workspace_id: d.ownerWorkspaceId, name: d.name });
}
