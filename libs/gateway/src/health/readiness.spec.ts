import { runReadinessChecks } from './readiness';

describe('readiness checks', () => {
  it('reports a check that never answers as down instead of hanging', async () => {
    const report = await runReadinessChecks([{ name: 'stuck', check: () => new Promise<void>(() => undefined) }], 20);

    expect(report).toEqual({ status: 'error', checks: { stuck: { status: 'down', error: 'no answer within 20 ms' } } });
  });

  it('is ok with no checks', async () => {
    await expect(runReadinessChecks([])).resolves.toEqual({ status: 'ok', checks: {} });
  });
});
