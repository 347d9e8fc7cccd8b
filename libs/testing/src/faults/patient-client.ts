import { randomUUID } from 'node:crypto';
import { ApiClient, ApiResponse } from '../api-client';

/** What a client saw that the platform promises never to show: a 500, a 503 without Retry-After, a hang. */
export interface Violation {
  kind: '5xx' | 'no-retry-after' | 'hang';
  method: string;
  path: string;
  status?: number;
  code?: string;
  at: number;
}

export interface Answer<T> {
  status: number;
  body: T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client as a careful integrator writes one: every command carries an Idempotency-Key, and a command that
 * got no answer (the gateway unreachable, a 503, a 409 REQUEST_IN_PROGRESS) is sent again under the same key
 * until it gets one. It records what it should never see, and never waits longer than `hangMs` for an answer.
 */
export class PatientClient {
  private readonly api: ApiClient;

  constructor(
    baseUrl: string,
    token: string,
    private readonly violations: Violation[],
    private readonly hangMs: number,
    /** How long one command may take in all, retries included, before the test gives up on it. */
    private readonly giveUpMs = 180_000,
  ) {
    this.api = new ApiClient(baseUrl, token);
  }

  /** A command: sent until it is answered (2xx or a refusal), under one Idempotency-Key. */
  command<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    return this.untilAnswered<T>(method, path, body, randomUUID());
  }

  /** A request that is its own idempotency (a usage batch, by its events' ids): sent as it is until it is answered. */
  resend<T = Record<string, unknown>>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer<T>> {
    return this.untilAnswered<T>(method, path, body, undefined, headers);
  }

  /** A read, retried like a command while nothing answers. */
  read<T = Record<string, unknown>>(path: string): Promise<Answer<T>> {
    return this.untilAnswered<T>('GET', path, undefined, undefined);
  }

  /** One attempt: the status (0 when nothing answered) and the body; violations are recorded. */
  async once<T>(method: string, path: string, body?: unknown, key?: string, headers: Record<string, string> = {}): Promise<Answer<T> & { retryAfterMs?: number }> {
    let answer: ApiResponse<T>;
    try {
      // Any route its caller names: the contract is the journeys' to check, this only retries.
      answer = await this.api.unchecked.call<T>(method, path, { body, headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) }, signal: AbortSignal.timeout(this.hangMs) });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') this.violations.push({ kind: 'hang', method, path, at: Date.now() });
      // Nothing answered: the gateway is down or restarting.
      return { status: 0, body: undefined as T };
    }
    const { status } = answer;
    const code = (answer.body as { code?: string } | undefined)?.code;
    const retryAfter = answer.headers.get('retry-after');
    if (status >= 500 && status !== 503) this.violations.push({ kind: '5xx', method, path, status, code, at: Date.now() });
    if (status === 503 && !retryAfter) this.violations.push({ kind: 'no-retry-after', method, path, status, code, at: Date.now() });
    return { status, body: answer.body, retryAfterMs: retryAfter ? Number(retryAfter) * 1000 : undefined };
  }

  private async untilAnswered<T>(method: string, path: string, body: unknown, key: string | undefined, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const deadline = Date.now() + this.giveUpMs;
    for (;;) {
      const answer = await this.once<T>(method, path, body, key, headers);
      const inProgress = answer.status === 409 && (answer.body as { code?: string })?.code === 'REQUEST_IN_PROGRESS';
      if (answer.status !== 0 && answer.status < 500 && !inProgress) return answer;
      if (Date.now() > deadline) throw new Error(`${method} ${path} got no answer in ${this.giveUpMs} ms (last status ${answer.status})`);
      await sleep(Math.min(answer.retryAfterMs ?? 250, 2_000));
    }
  }
}
