import { Credentials, readCredentials, writeCredentials } from './credentials';

/** A refusal of the platform, printed as its problem's code and detail (API.md: problem+json). */
export class PlatformError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface CallOptions {
  body?: unknown;
  /** A body of its own (a multipart stream) with its content type. */
  stream?: { body: ReadableStream<Uint8Array>; contentType: string };
  /** An upload key instead of the session (POST /v1/mini-programs/{id}/versions only). */
  uploadKey?: string;
}

/**
 * The platform's HTTP API as the CLI calls it: the session `mpp login` stored (refreshed once when it has expired), or
 * an upload key; every refusal becomes a PlatformError. Issue 16's generated client will take its place.
 */
export class PlatformClient {
  constructor(private credentials: Credentials) {}

  static fromStore(url?: string): PlatformClient {
    const stored = readCredentials();
    const base = url ?? process.env.MPP_URL ?? stored?.url ?? 'http://localhost:3000';
    return new PlatformClient(stored && stored.url === base ? stored : { url: base });
  }

  get url(): string {
    return this.credentials.url;
  }

  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    let response = await this.send(method, path, options);
    if (response.status === 401 && !options.uploadKey && !options.stream && this.credentials.refreshToken && (await this.refresh())) response = await this.send(method, path, options);
    const text = await response.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    if (!response.ok) throw new PlatformError(response.status, String(body?.code ?? response.status), String(body?.detail ?? body?.title ?? response.statusText));
    return body as T;
  }

  async login(login: string, password: string): Promise<void> {
    const session = await this.call<{ accessToken: string; refreshToken: string }>('POST', '/v1/sessions', { body: { login, password } });
    this.credentials = { url: this.credentials.url, accessToken: session.accessToken, refreshToken: session.refreshToken };
    writeCredentials(this.credentials);
  }

  private send(method: string, path: string, options: CallOptions): Promise<Response> {
    const token = options.uploadKey ?? this.credentials.accessToken;
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
    if (options.stream) headers['content-type'] = options.stream.contentType;
    else if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body = options.stream?.body ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
    return fetch(new URL(path, this.credentials.url), { method, headers, body, ...(options.stream ? { duplex: 'half' } : {}) } as RequestInit);
  }

  private async refresh(): Promise<boolean> {
    const response = await fetch(new URL('/v1/sessions/refresh', this.credentials.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: this.credentials.refreshToken }) });
    if (!response.ok) return false;
    const session = (await response.json()) as { accessToken: string; refreshToken: string };
    this.credentials = { ...this.credentials, accessToken: session.accessToken, refreshToken: session.refreshToken };
    writeCredentials(this.credentials);
    return true;
  }
}
