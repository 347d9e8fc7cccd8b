import { createPlatformClient, type paths, type PlatformClient as TypedClient, type ProblemDetails, type Schema } from '@mpp/client';
import { Credentials, readCredentials, writeCredentials } from './credentials';
import { multipartUpload, PackageFile } from './package-zip';

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

/** What a call of the typed client answers (openapi-fetch): the data, or the error, and the response. */
type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The data of a 2xx answer; any other answer becomes a PlatformError with the problem's code and detail. */
function dataOf<T>({ data, error, response }: Answer<T>): T {
  if (response.ok) return data as T;
  const problem: Partial<ProblemDetails> = typeof error === 'object' && error !== null ? error : {};
  throw new PlatformError(response.status, String(problem.code ?? response.status), String(problem.detail ?? problem.title ?? response.statusText));
}

/**
 * The platform's HTTP API as the CLI calls it: the typed client of @mpp/client (generated from the OpenAPI document),
 * with the session `mpp login` stored (refreshed once when it has expired), or an upload key; every refusal becomes
 * a PlatformError.
 */
export class PlatformClient {
  /** With the session's access token, whatever it is at the time of each request. */
  private readonly api: TypedClient;
  /** Without one: signing in and refreshing. */
  private readonly anonymous: TypedClient;

  constructor(private credentials: Credentials) {
    this.api = createPlatformClient({ baseUrl: credentials.url, token: () => this.credentials.accessToken });
    this.anonymous = createPlatformClient({ baseUrl: credentials.url });
  }

  static fromStore(url?: string): PlatformClient {
    const stored = readCredentials();
    const base = url ?? process.env.MPP_URL ?? stored?.url ?? 'http://localhost:3000';
    return new PlatformClient(stored && stored.url === base ? stored : { url: base });
  }

  get url(): string {
    return this.credentials.url;
  }

  /**
   * One request with the session, e.g. `call((api) => api.GET('/v1/batch-jobs/{id}', { params: { path: { id } } }))`:
   * on a 401 the session is refreshed once and the request sent again. The data of its 2xx answer.
   */
  async call<T>(send: (api: TypedClient) => Promise<Answer<T>>): Promise<T> {
    let answer = await send(this.api);
    if (answer.response.status === 401 && this.credentials.refreshToken && (await this.refresh())) answer = await send(this.api);
    return dataOf(answer);
  }

  async login(login: string, password: string): Promise<void> {
    const session = dataOf(await this.anonymous.POST('/v1/sessions', { body: { login, password } }));
    this.credentials = { url: this.credentials.url, accessToken: session.accessToken, refreshToken: session.refreshToken };
    writeCredentials(this.credentials);
  }

  /**
   * POST /v1/mini-programs/{id}/versions: the contract's multipart fields and the package, streamed as they are read
   * (`onBytes` counts them), with an upload key instead of the session if given. Sent once: a stream cannot be sent again.
   */
  async uploadVersion(miniProgramId: string, fields: Omit<UploadFields, 'package'>, pkg: PackageFile, onBytes: (n: number) => void, uploadKey?: string): Promise<Schema<'VersionResponse'>> {
    const upload = multipartUpload(fields, pkg, onBytes);
    const answer = await this.api.POST('/v1/mini-programs/{id}/versions', {
      params: { path: { id: miniProgramId } },
      // The fields as the contract types them (the package: its file); the bytes sent are the multipart stream.
      body: { ...fields, package: pkg.file },
      bodySerializer: () => upload.body,
      headers: { 'content-type': upload.contentType, ...(uploadKey ? { authorization: `Bearer ${uploadKey}` } : {}) },
      duplex: 'half',
    });
    return dataOf(answer);
  }

  private async refresh(): Promise<boolean> {
    const { data, response } = await this.anonymous.POST('/v1/sessions/refresh', { body: { refreshToken: this.credentials.refreshToken as string } });
    if (!response.ok || !data) return false;
    this.credentials = { ...this.credentials, accessToken: data.accessToken, refreshToken: data.refreshToken };
    writeCredentials(this.credentials);
    return true;
  }
}

/** The multipart fields of a version upload, as the contract has them. */
type UploadFields = paths['/v1/mini-programs/{id}/versions']['post']['requestBody']['content']['multipart/form-data'];
