import { applyInOrder, Projection, RowBuffers, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';
import { EXT_CONFIG_SET, MiniProgramEvent, VERSION_UPLOADED } from '../mini-programs/mini-program.decider';

const PREFIX = 'MiniProgram-';

/**
 * Which mini programs were made from each template (a version applied from it: the template version of the newest
 * one), and which mini programs' stored ext config names each template (the targets of a batch job "every mini
 * program made from template T"). Their merchant, online version and status are read from the mini programs'
 * own projection at query time, so they are never copied stale.
 */
export const templateUsageProjection: Projection = {
  name: 'template-usage',
  source: 'store',
  eventTypes: [VERSION_UPLOADED, EXT_CONFIG_SET],
  tables: ['template_usage', 'template_ext_configs'],
  schema: (t) => `
    CREATE TABLE ${t('template_usage')} (
      template_id text NOT NULL, mini_program_id text NOT NULL, template_version text NOT NULL, applied_at timestamptz NOT NULL,
      PRIMARY KEY (template_id, mini_program_id)
    );
    CREATE INDEX ON ${t('template_usage')} (template_id, applied_at DESC, mini_program_id DESC);
    CREATE TABLE ${t('template_ext_configs')} (mini_program_id text PRIMARY KEY, template_id text NOT NULL, at timestamptz NOT NULL);
    CREATE INDEX ON ${t('template_ext_configs')} (template_id, mini_program_id);`,
  apply: (tx, event, t) => applyInOrder(tx, templateUsageProjection, [event], t),
  // Set-based: each row is written whole, so a batch keeps the last of each key and writes them in one statement.
  applyBatch: applyEvents,
};

async function applyEvents(_tx: SqlClient, events: StoredEvent[], t: TableNames, rows: RowBuffers): Promise<void> {
  const usage = rows.of(t('template_usage'), ['template_id', 'mini_program_id']);
  const configs = rows.of(t('template_ext_configs'), ['mini_program_id']);
  for (const event of events) {
    if (!event.streamId.startsWith(PREFIX)) continue;
    const miniProgramId = event.streamId.slice(PREFIX.length);
    const e = { type: event.type, data: event.data } as MiniProgramEvent;
    if (e.type === VERSION_UPLOADED && e.data.templateId && e.data.templateVersion) {
      usage.put({ template_id: e.data.templateId, mini_program_id: miniProgramId, template_version: e.data.templateVersion, applied_at: e.data.at });
    }
    if (e.type === EXT_CONFIG_SET) configs.put({ mini_program_id: miniProgramId, template_id: e.data.templateId, at: e.data.at });
  }
}

/** Every mini program whose stored ext config names the template (for batch jobs targeting a template). */
export async function miniProgramsConfiguredFor(sql: SqlClient, templateId: string): Promise<string[]> {
  const { rows } = await sql.query<{ mini_program_id: string }>(`SELECT mini_program_id FROM template_ext_configs WHERE template_id = $1 ORDER BY mini_program_id`, [templateId]);
  return rows.map((r) => r.mini_program_id);
}
