import type { Schema } from '@mpp/client';
import { BatchJobItemView, BatchJobView } from '@mpp/contracts';
import { Page } from '@mpp/platform';
import { ApiClient, eventually } from '../api-client';
import { miniProgramPackage, versionForm } from '../zip-packages';
import { ReadMail } from './account.journey';
import { approvedWorkspace, miniProgram, onlineService } from './onboarding';

/**
 * DOMAIN.md 5 "Batch jobs" through the gateway: an ISV authorized on three of a merchant's mini programs (two with
 * SUBMIT_REVIEW, one without) dry-runs a submission across them, then runs it: the two are IN_REVIEW, the third
 * FAILED with SCOPE_NOT_GRANTED as its single request is answered; a stranger does not see the job.
 */
export async function batchJobJourney(api: ApiClient, readMail: ReadMail, reviewer: ApiClient) {
  const isv = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'batcher');
  const merchant = await approvedWorkspace(api, readMail, reviewer, 'MERCHANT', 'chain');
  const stranger = await approvedWorkspace(api, readMail, reviewer, 'ISV', 'other');
  const serviceId = await onlineService(isv, reviewer, `Batch studio ${isv.workspaceId.slice(0, 6)}`);
  const programs: string[] = [];
  for (const [i, scopes] of ([['UPLOAD', 'SUBMIT_REVIEW'], ['UPLOAD', 'SUBMIT_REVIEW'], ['UPLOAD']] satisfies Schema<'ConfirmOrderRequest'>['scopes'][]).entries()) {
    const programId = await miniProgram(merchant, `Branch ${i}`);
    const placed = await eventually(async () => {
      const r = await merchant.client.post<{ orderId: string }>('/v1/orders', { serviceId, miniProgramId: programId });
      return r.status === 201 ? r : undefined;
    }, 30_000, 'ordering knowing the service and the mini program');
    await isv.client.post(`/v1/orders/${placed.body.orderId}/accept`);
    expect((await merchant.client.post(`/v1/orders/${placed.body.orderId}/confirm`, { scopes })).status).toBe(200);
    const uploaded = await eventually(async () => {
      const r = await isv.client.call('POST', `/v1/mini-programs/${programId}/versions`, { form: versionForm('1.0.0', 'First', await miniProgramPackage(`b${i}`)) });
      return r.status === 201 ? r : undefined;
    }, 30_000, 'miniprograms seeing the authorization');
    expect(uploaded.status).toBe(201);
    programs.push(programId);
  }
  const single = await isv.client.post<{ code: string; detail: string }>(`/v1/mini-programs/${programs[2]}/versions/1.0.0/submit`, { releaseMode: 'MANUAL' });
  expect([single.status, single.body.code]).toEqual([403, 'SCOPE_NOT_GRANTED']);

  const run = async (dryRun: boolean) => {
    const started = await isv.client.post<{ jobId: string; status: string; total: number }>(`/v1/workspaces/${isv.workspaceId}/batch-jobs`, {
      kind: 'SUBMIT_REVIEW',
      targets: { miniProgramIds: programs },
      params: { version: '1.0.0', releaseMode: 'MANUAL' },
      options: { concurrency: 2, dryRun },
    });
    expect([started.status, started.body]).toEqual([202, { jobId: expect.any(String), status: 'RUNNING', total: 3 }]);
    const { jobId } = started.body;
    const done = await eventually(async () => {
      const r = await isv.client.get<BatchJobView>(`/v1/batch-jobs/${jobId}`);
      return r.body.status === 'COMPLETED_WITH_FAILURES' && r.body.counts.running === 0 ? r.body : undefined;
    }, 30_000, 'the batch job done');
    expect(done).toMatchObject({ jobId, kind: 'SUBMIT_REVIEW', dryRun, total: 3, counts: { pending: 0, running: 0, succeeded: 2, failed: 1, skipped: 0 } });
    const failed = await isv.client.get<Page<BatchJobItemView>>(`/v1/batch-jobs/${jobId}/items?status=FAILED`);
    expect(failed.body).toEqual({ items: [{ miniProgramId: programs[2], status: 'FAILED', code: 'SCOPE_NOT_GRANTED', message: single.body.detail, attempts: 1 }], nextCursor: null });
    return jobId;
  };
  const statusOf = async (programId: string) => (await merchant.client.get<{ status: string }>(`/v1/mini-programs/${programId}/versions/1.0.0`)).body.status;

  // A dry run: what would fail, and nothing changed.
  await run(true);
  expect([await statusOf(programs[0]), await statusOf(programs[1])]).toEqual(['UPLOADED', 'UPLOADED']);
  const jobId = await run(false);
  expect([await statusOf(programs[0]), await statusOf(programs[1]), await statusOf(programs[2])]).toEqual(['IN_REVIEW', 'IN_REVIEW', 'UPLOADED']);

  const listed = await isv.client.get<Page<BatchJobView>>(`/v1/workspaces/${isv.workspaceId}/batch-jobs`);
  expect(listed.body.items.map((j) => [j.jobId, j.dryRun])[0]).toEqual([jobId, false]);
  expect((await stranger.client.get<{ code: string }>(`/v1/batch-jobs/${jobId}`)).body.code).toBe('BATCH_JOB_NOT_FOUND');
  expect((await stranger.client.post<{ code: string }>(`/v1/batch-jobs/${jobId}/cancel`)).status).toBe(404);
  const finished = await isv.client.post<{ code: string }>(`/v1/batch-jobs/${jobId}/cancel`);
  expect([finished.status, finished.body.code]).toEqual([409, 'BATCH_JOB_FINISHED']);
}
