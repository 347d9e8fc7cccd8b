import { SERVICE_OFFLINE, SERVICE_PUBLIC_EVENTS, ServicePublicV1 } from '@mpp/contracts';
import { Projection, SqlClient } from '@mpp/eventsourcing';

/**
 * The ONLINE services that offer a template, from catalog.events: who may see a template (any signed-in user
 * when one backs an ONLINE service) and whether its last PUBLISHED version may be deprecated.
 */
export const templateServicesProjection: Projection = {
  name: 'template-services',
  source: 'inbox',
  eventTypes: SERVICE_PUBLIC_EVENTS,
  tables: ['template_services'],
  schema: (t) => `
    CREATE TABLE ${t('template_services')} (service_id text PRIMARY KEY, template_id text, online boolean NOT NULL, at timestamptz NOT NULL);
    CREATE INDEX ON ${t('template_services')} (template_id) WHERE online;`,
  async apply(tx, event, t) {
    if (!SERVICE_PUBLIC_EVENTS.includes(event.type)) return;
    const d = event.data as unknown as ServicePublicV1;
    // A service's events share its partition, in order; `at` still guards a redelivery of an older one.
    await tx.query(
      `INSERT INTO ${t('template_services')} (service_id, template_id, online, at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (service_id) DO UPDATE SET template_id = EXCLUDED.template_id, online = EXCLUDED.online, at = EXCLUDED.at
       WHERE ${t('template_services')}.at <= EXCLUDED.at`,
      [d.serviceId, d.templateId ?? null, event.type !== SERVICE_OFFLINE, d.at],
    );
  },
};

/** Whether an ONLINE service offers the template. */
export async function backsOnlineService(sql: SqlClient, templateId: string): Promise<boolean> {
  const { rows } = await sql.query(`SELECT 1 FROM template_services WHERE template_id = $1 AND online LIMIT 1`, [templateId]);
  return rows.length > 0;
}
