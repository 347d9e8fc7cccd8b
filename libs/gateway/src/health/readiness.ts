/** One dependency the gateway needs before it can serve (e.g. the request bus connected); throws when not ready. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export interface CheckResult {
  status: 'up' | 'down';
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, CheckResult>;
}

// A hanging dependency must not hang the probe as well.
const CHECK_TIMEOUT_MS = 3_000;

async function run(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timedOut]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check concurrently; the report is ok only when all are up. */
export async function runReadinessChecks(checks: readonly ReadinessCheck[], timeoutMs = CHECK_TIMEOUT_MS): Promise<HealthReport> {
  const results = await Promise.all(checks.map(async (check) => [check.name, await run(check, timeoutMs)] as const));
  return {
    status: results.every(([, result]) => result.status === 'up') ? 'ok' : 'error',
    checks: Object.fromEntries(results),
  };
}
