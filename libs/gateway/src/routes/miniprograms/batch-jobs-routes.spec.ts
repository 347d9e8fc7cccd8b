import {
  CANCEL_BATCH_JOB,
  GET_BATCH_JOB,
  LIST_BATCH_JOB_ITEMS,
  LIST_WORKSPACE_BATCH_JOBS,
  PAUSE_BATCH_JOB,
  RESUME_BATCH_JOB,
  RETRY_FAILED_BATCH_ITEMS,
  START_BATCH_JOB,
} from '@mpp/contracts';
import { routesHarness } from '../../testing/routes-harness';

// The batch job routes on the gateway conventions, talking to a scripted bus.

describe('batch job routes', () => {
  const { bus, server, token, expectSent, expectInvalid, expectNotFound } = routesHarness('miniprograms');
  let caller: string;
  beforeAll(async () => {
    caller = await token('acc-1', []);
  });
  const start = (body: object) => server().post('/v1/workspaces/i-1/batch-jobs').set('Authorization', caller).send(body);
  const submit = { kind: 'SUBMIT_REVIEW', targets: { miniProgramIds: ['mp-1', 'mp-2'] }, params: { version: '1.0.0', releaseMode: 'MANUAL' } };

  it('starts a job with 202 and sends the kind, targets, params and options as they came', async () => {
    bus.answer = async () => ({ jobId: 'job-1', status: 'RUNNING', total: 2 });
    const res = await start({ ...submit, options: { concurrency: 5, maxFailureRatio: 0.2, dryRun: true } });
    expect([res.status, res.body]).toEqual([202, { jobId: 'job-1', status: 'RUNNING', total: 2 }]);
    expectSent(START_BATCH_JOB, { workspaceId: 'i-1', ...submit, options: { concurrency: 5, maxFailureRatio: 0.2, dryRun: true } });
  });

  it('takes a template as the targets, and APPLY_TEMPLATE applies that template unless params name one', async () => {
    bus.answer = async () => ({ jobId: 'job-1', status: 'RUNNING', total: 0 });
    await start({ kind: 'APPLY_TEMPLATE', targets: { templateId: 't-1' }, params: { templateVersion: '1.0.0', version: '2.0.0' } });
    expectSent(START_BATCH_JOB, { workspaceId: 'i-1', kind: 'APPLY_TEMPLATE', targets: { templateId: 't-1' }, params: { templateId: 't-1', templateVersion: '1.0.0', version: '2.0.0' } });
  });

  it.each([
    ['an unknown kind', { ...submit, kind: 'DELETE' }, 'kind'],
    ['no targets', { kind: 'ROLLBACK' }, 'targets'],
    ['both kinds of targets', { ...submit, targets: { miniProgramIds: ['mp-1'], templateId: 't-1' } }, 'targets'],
    ['neither kind of targets', { ...submit, targets: {} }, 'targets.miniProgramIds'],
    ['an id that cannot be one', { ...submit, targets: { miniProgramIds: ['../x'] } }, 'targets.miniProgramIds'],
    ['a release mode that is none', { ...submit, params: { version: '1.0.0', releaseMode: 'LATER' } }, 'params.releaseMode'],
    ['a gray percent that is none', { ...submit, kind: 'RELEASE', params: { version: '1.0.0', grayPercent: 20 } }, 'params.grayPercent'],
    ['concurrency 0', { ...submit, options: { concurrency: 0 } }, 'options.concurrency'],
    ['concurrency 51', { ...submit, options: { concurrency: 51 } }, 'options.concurrency'],
    ['a ratio above 1', { ...submit, options: { maxFailureRatio: 1.5 } }, 'options.maxFailureRatio'],
    ['dryRun as text', { ...submit, options: { dryRun: 'yes' } }, 'options.dryRun'],
    ['an unknown option', { ...submit, options: { fast: true } }, 'options.fast'],
  ])('refuses %s with 400 naming the field, sending nothing', async (_what, body, field) => {
    expectInvalid(await start(body), field);
  });

  it('reads a job, its items by status and the workspace\'s jobs', async () => {
    await server().get('/v1/batch-jobs/job-1').set('Authorization', caller);
    expectSent(GET_BATCH_JOB, { jobId: 'job-1' });
    bus.sent.length = 0;
    await server().get('/v1/batch-jobs/job-1/items?status=FAILED&limit=5').set('Authorization', caller);
    expectSent(LIST_BATCH_JOB_ITEMS, { jobId: 'job-1', status: 'FAILED', limit: 5, cursor: undefined });
    bus.sent.length = 0;
    await server().get('/v1/workspaces/i-1/batch-jobs').set('Authorization', caller);
    expectSent(LIST_WORKSPACE_BATCH_JOBS, { workspaceId: 'i-1', limit: 20, cursor: undefined });
    bus.sent.length = 0;
    expectInvalid(await server().get('/v1/batch-jobs/job-1/items?status=LOST').set('Authorization', caller), 'status');
    expectNotFound(await server().get('/v1/batch-jobs/..%2Fx').set('Authorization', caller), 'BATCH_JOB_NOT_FOUND');
  });

  it.each([
    ['pause', PAUSE_BATCH_JOB, 'PAUSED'],
    ['resume', RESUME_BATCH_JOB, 'RUNNING'],
    ['cancel', CANCEL_BATCH_JOB, 'CANCELED'],
    ['retry-failed', RETRY_FAILED_BATCH_ITEMS, 'RUNNING'],
  ])('%s answers 200 with the status', async (path, type, status) => {
    bus.answer = async () => ({ jobId: 'job-1', status });
    const res = await server().post(`/v1/batch-jobs/job-1/${path}`).set('Authorization', caller);
    expect([res.status, res.body]).toEqual([200, { jobId: 'job-1', status }]);
    expectSent(type, { jobId: 'job-1' });
  });

  it('asks who is calling first', async () => {
    const res = await server().post('/v1/workspaces/i-1/batch-jobs').send(submit);
    expect([res.status, res.body.code, bus.sent]).toEqual([401, 'UNAUTHENTICATED', []]);
  });
});
