import { randomUUID } from 'node:crypto';

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
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly violations: Violation[],
    private readonly hangMs: number,
    /** How long one command may take in all, retries included, before the test gives up on it. */
    private readonly giveUpMs = 180_000,
  ) {}

  /** A command: sent until it is answered (2xx or a refusal), under one Idempotency-Key. */
  command<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    return this.untilAnswered<T>(method, path, body, randomUUID());
  }

  /** A read, retried like a command while nothing answers. */
  read<T = Record<string, unknown>>(path: string): Promise<Answer<T>> {
    return this.untilAnswered<T>('GET', path, undefined, undefined);
  }

  /** One attempt: the status (0 when nothing answered) and the body; violations are recorded. */
  async once<T>(method: string, path: string, body?: unknown, key?: string): Promise<Answer<T> & { retryAfterMs?: number }> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(this.hangMs) });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') this.violations.push({ kind: 'hang', method, path, at: Date.now() });
      // Nothing answered: the gateway is down or restarting.
      return { status: 0, body: undefined as T };
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    const code = (parsed as { code?: string } | undefined)?.code;
    const retryAfter = response.headers.get('retry-after');
    if (response.status >= 500 && response.status !== 503) this.violations.push({ kind: '5xx', method, path, status: response.status, code, at: Date.now() });
    if (response.status === 503 && !retryAfter) this.violations.push({ kind: 'no-retry-after', method, path, status: 503, code, at: Date.now() });
    return { status: response.status, body: parsed as T, retryAfterMs: retryAfter ? Number(retryAfter) * 1000 : undefined };
  }

  private async untilAnswered<T>(method: string, path: string, body: unknown, key: string | undefined): Promise<Answer<T>> {
    const deadline = Date.now() + this.giveUpMs;
    for (;;) {
      const answer = await this.once<T>(method, path, body, key);
      const inProgress = answer.status === 409 && (answer.body as { code?: string })?.code === 'REQUEST_IN_PROGRESS';
      if (answer.status !== 0 && answer.status < 500 && !inProgress) return answer;
      if (Date.now() > deadline) throw new Error(`${method} ${path} got no answer in ${this.giveUpMs} ms (last status ${answer.status})`);
      await sleep(Math.min(answer.retryAfterMs ?? 250, 2_000));
    }
  }
}
