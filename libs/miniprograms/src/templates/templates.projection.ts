import { applyInOrder, Projection, RowBuffers, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';
import { templateDecider, TemplateEvent, TemplateState, TEMPLATE_EVENT_TYPES } from './template.decider';
import { templateView } from './template-views';

const PREFIX = 'Template-';

/** Every template, folded (so the read side never re-implements the rules), with its detail for the reads. */
export const templatesProjection: Projection = {
  name: 'templates',
  source: 'store',
  eventTypes: TEMPLATE_EVENT_TYPES,
  tables: ['templates'],
  schema: (t) => `
    CREATE TABLE ${t('templates')} (
      template_id text PRIMARY KEY, isv_workspace_id text NOT NULL, updated_at timestamptz NOT NULL, state jsonb NOT NULL, view jsonb NOT NULL
    );
    CREATE INDEX ON ${t('templates')} (isv_workspace_id, updated_at DESC, template_id DESC);`,
  apply: (tx, event, t) => applyInOrder(tx, templatesProjection, [event], t),
  // Set-based, as the mini programs' projection: one read and one write per batch.
  applyBatch: applyEvents,
};

type TemplateRow = { template_id: string; isv_workspace_id: string; updated_at: string; state: TemplateState; view: unknown };

async function applyEvents(tx: SqlClient, stored: StoredEvent[], t: TableNames, rows: RowBuffers): Promise<void> {
  const events = stored.filter((e) => e.streamId.startsWith(PREFIX));
  if (events.length === 0) return;
  const templates = rows.of<TemplateRow>(t('templates'), ['template_id']);
  await templates.load(tx, events.map((e) => ({ template_id: e.streamId.slice(PREFIX.length) })));
  for (const event of events) {
    const templateId = event.streamId.slice(PREFIX.length);
    const state = templateDecider.evolve(templates.get({ template_id: templateId })?.state ?? templateDecider.initialState(), { type: event.type, data: event.data } as TemplateEvent);
    if (state.status === 'NONE') continue;
    templates.put({ template_id: templateId, isv_workspace_id: state.isvWorkspaceId, updated_at: state.updatedAt, state, view: templateView(state, event.streamPosition) });
  }
}
