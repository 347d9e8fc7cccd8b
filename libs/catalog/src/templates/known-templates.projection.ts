import { TEMPLATE_CREATED, TEMPLATE_VERSION_DEPRECATED, TEMPLATE_VERSION_PUBLISHED, TemplateCreatedV1, TemplateVersionChangedV1 } from '@mpp/contracts';
import { Projection } from '@mpp/eventsourcing';

/**
 * What catalog knows of the ISVs' templates, from miniprograms.events: whose each is and how many PUBLISHED
 * versions it has, which is all a template service's creation, submission and approval ask.
 */
export const knownTemplatesProjection: Projection = {
  name: 'known-templates',
  source: 'inbox',
  eventTypes: [TEMPLATE_CREATED, TEMPLATE_VERSION_PUBLISHED, TEMPLATE_VERSION_DEPRECATED],
  tables: ['known_templates'],
  schema: (t) => `CREATE TABLE ${t('known_templates')} (
      template_id text PRIMARY KEY, isv_workspace_id text NOT NULL, published_versions integer NOT NULL, at timestamptz NOT NULL)`,
  async apply(tx, event, t) {
    if (event.type === TEMPLATE_CREATED) {
      const d = event.data as unknown as TemplateCreatedV1;
      await tx.query(`INSERT INTO ${t('known_templates')} (template_id, isv_workspace_id, published_versions, at) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING`, [
        d.templateId,
        d.isvWorkspaceId,
        d.at,
      ]);
      return;
    }
    if (event.type !== TEMPLATE_VERSION_PUBLISHED && event.type !== TEMPLATE_VERSION_DEPRECATED) return;
    // Each event carries the count after it, so the newest one tells the whole truth; an older one arriving late changes nothing.
    const d = event.data as unknown as TemplateVersionChangedV1;
    await tx.query(
      `INSERT INTO ${t('known_templates')} (template_id, isv_workspace_id, published_versions, at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (template_id) DO UPDATE SET published_versions = EXCLUDED.published_versions, at = EXCLUDED.at
       WHERE ${t('known_templates')}.at <= EXCLUDED.at`,
      [d.templateId, d.isvWorkspaceId, d.publishedVersions, d.at],
    );
  },
};
