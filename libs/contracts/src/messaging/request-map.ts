import type { IdentityRequests } from '../identity/identity.requests';
import type { MiniProgramsRequests } from '../miniprograms/miniprograms.requests';
import type { ReviewQuotaRequests } from '../miniprograms/review-quota.requests';
import type { BatchJobsRequests } from '../miniprograms/batch-jobs.requests';
import type { CatalogRequests } from '../catalog/catalog.requests';
import type { OrderingRequests } from '../ordering/ordering.requests';
import type { UiAssetsRequests } from '../miniprograms/ui-assets.requests';
import type { TemplatesRequests } from '../miniprograms/templates.requests';
import type { InsightsRequests } from '../insights/insights.requests';
import type { IntegrationsRequests } from '../integrations/integrations.requests';
import type { UploadKeysRequests } from '../miniprograms/upload-keys.requests';
import type { RequestMeta } from './request';
import type { ServiceName } from './topics';

/**
 * Every request a service answers, declared once: its type (`<service>.<Verb>`) → its payload and its reply.
 * The gateway's `bus.send` and the services' request classes are checked against it by the compiler.
 */
export type RequestMap = IdentityRequests & CatalogRequests & OrderingRequests & MiniProgramsRequests & UiAssetsRequests & ReviewQuotaRequests & TemplatesRequests & BatchJobsRequests & InsightsRequests & IntegrationsRequests & UploadKeysRequests;

export type RequestType = keyof RequestMap & string;
export type PayloadOf<T extends RequestType> = RequestMap[T]['payload'];
export type ReplyOf<T extends RequestType> = RequestMap[T]['reply'];

/** The service that answers a request: the prefix of its type. */
export type ServiceOf<T extends RequestType> = T extends `${infer Service extends ServiceName}.${string}` ? Service : never;

export function serviceOf<T extends RequestType>(type: T): ServiceOf<T> {
  return type.slice(0, type.indexOf('.')) as ServiceOf<T>;
}

/** One entry of a context's request map. */
export interface Answers<Payload, Reply> {
  payload: Payload;
  reply: Reply;
}

/** What every request carries besides its payload. */
export type { RequestMeta };
