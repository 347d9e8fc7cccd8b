import { Projection } from '@mpp/eventsourcing';
import { templateDecider, TemplateEvent, TemplateState } from './template.decider';
import { templateView } from './template-views';

const PREFIX = 'Template-';

/** Every template, folded (so the read side never re-implements the rules), with its detail for the reads. */
export const templatesProjection: Projection = {
  name: 'templates',
  source: 'store',
  tables: ['templates'],
  schema: (t) => `
    CREATE TABLE ${t('templates')} (
      template_id text PRIMARY KEY, isv_workspace_id text NOT NULL, updated_at timestamptz NOT NULL, state jsonb NOT NULL, view jsonb NOT NULL
    );
    CREATE INDEX ON ${t('templates')} (isv_workspace_id, updated_at DESC, template_id DESC);`,
  async apply(tx, event, t) {
    if (!event.streamId.startsWith(PREFIX)) return;
    const templateId = event.streamId.slice(PREFIX.length);
    const { rows } = await tx.query<{ state: TemplateState }>(`SELECT state FROM ${t('templates')} WHERE template_id = $1`, [templateId]);
    const state = templateDecider.evolve(rows[0]?.state ?? templateDecider.initialState(), { type: event.type, data: event.data } as TemplateEvent);
    if (state.status === 'NONE') return;
    await tx.query(
      `INSERT INTO ${t('templates')} (template_id, isv_workspace_id, updated_at, state, view) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
       ON CONFLICT (template_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, state = EXCLUDED.state, view = EXCLUDED.view`,
      [templateId, state.isvWorkspaceId, state.updatedAt, JSON.stringify(state), JSON.stringify(templateView(state, event.streamPosition))],
    );
  },
};
