import { SqlClient } from '@mpp/eventsourcing';
import { replayOneByOneAndInPages } from '@mpp/eventsourcing/testing';
import { testDatabases } from '@mpp/testing';
import { batchJobsProjection } from '../batch-jobs/batch-jobs.projection';
import { sampleBatchJobsHistory, sampleMiniprogramsHistory } from '../sample-history';
import { templateUsageProjection } from '../templates/template-usage.projection';
import { templatesProjection } from '../templates/templates.projection';
import { miniProgramsProjection } from './mini-programs.projection';

const backends = testDatabases('mini_programs_batch', { max: 2 });

describe.each(backends)("miniprograms' set-based projections applied in pages (%s)", (_name, open) => {
  let sql: SqlClient;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ sql, drop } = await open()));
  afterAll(async () => {
    await sql.close();
    await drop();
  });

  it.each([
    ['mini-programs', miniProgramsProjection, 'mini_programs'],
    ['templates', templatesProjection, 'templates'],
    ['template-usage', templateUsageProjection, 'template_usage'],
    ['batch-jobs', batchJobsProjection, 'batch_job_items'],
  ] as const)('%s gives the rows that applying one event at a time gives, whatever the page size', async (name, projection, table) => {
    // Few mini programs (jobs) in progress at a time: a page holds several events of one, and one's events span pages.
    const history = name === 'batch-jobs' ? sampleBatchJobsHistory({ events: 500, seed: 11, concurrent: 20 }) : sampleMiniprogramsHistory({ events: 500, seed: 11, concurrent: 20 });
    await sql.exec(`DROP TABLE IF EXISTS es_events, es_streams, applied_ddl`); // applied_ddl with them: the store makes them again
    const { oneByOne, inPages } = await replayOneByOneAndInPages(sql, projection, history, [9, 150]);
    expect(oneByOne[table].length).toBeGreaterThan(0);
    for (const rows of inPages) expect(rows).toEqual(oneByOne);
  }, 120_000);
});
