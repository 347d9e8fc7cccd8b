// Requests the gateway sends to catalog (DOMAIN.md section 2).
import type { Answers } from '../messaging/request-map';
import type { Page } from '../messaging/request';

export const CREATE_SERVICE = 'catalog.CreateService';
export const EDIT_SERVICE = 'catalog.EditService';
export const SUBMIT_SERVICE = 'catalog.SubmitService';
export const WITHDRAW_SERVICE = 'catalog.WithdrawService';
export const ARCHIVE_SERVICE = 'catalog.ArchiveService';
export const APPROVE_SERVICE = 'catalog.ApproveService';
export const REJECT_SERVICE = 'catalog.RejectService';
export const GET_SERVICE = 'catalog.GetService';
export const GET_SERVICE_HISTORY = 'catalog.GetServiceHistory';
export const LIST_WORKSPACE_SERVICES = 'catalog.ListWorkspaceServices';
export const LIST_SERVICES_FOR_REVIEW = 'catalog.ListServicesForReview';
export const SEARCH_MARKET = 'catalog.SearchMarket';
export const GET_MARKET_SERVICE = 'catalog.GetMarketService';

export type ServiceType = 'MINI_PROGRAM_DEVELOPMENT' | 'MINI_PROGRAM_TEMPLATE';
export const SERVICE_TYPES: readonly ServiceType[] = ['MINI_PROGRAM_DEVELOPMENT', 'MINI_PROGRAM_TEMPLATE'];
export type ServiceStatus = 'DRAFT' | 'PENDING_REVIEW' | 'ONLINE' | 'TURNED_DOWN' | 'WITHDRAWN' | 'ARCHIVED';
/** The state of the revision of an ONLINE service. */
export type RevisionStatus = 'DRAFT' | 'PENDING_REVIEW' | 'TURNED_DOWN' | 'WITHDRAWN';
export type PaymentModel = 'FREE' | 'FIXED' | 'QUOTE';

export interface ServicePayment {
  model: PaymentModel;
  /** Only for FIXED: a positive amount in the currency's units. */
  amount?: number;
  /** Only for FIXED: ISO 4217. */
  currency?: string;
}

/** What an ISV writes about a service; the same shape for a creation, an edit (partial) and a revision. */
export interface ServiceContent {
  name: string;
  industry: string;
  type: ServiceType;
  description: string;
  images: string[];
  applicableApps: string[];
  payment: ServicePayment;
  companyInfo?: string;
  details?: string;
  tutorial?: string;
  successStory?: string;
  /** The ISV's own template a MINI_PROGRAM_TEMPLATE service offers (DOMAIN.md 5): required for that type, refused for the other. */
  templateId?: string;
}

export interface CreateServicePayload extends ServiceContent {
  workspaceId: string;
}

export interface ServiceRef {
  serviceId: string;
}

export interface EditServicePayload extends ServiceRef {
  changes: Partial<ServiceContent>;
}

export interface RejectServicePayload extends ServiceRef {
  reason: string;
}

export interface ServiceCreatedReply {
  serviceId: string;
  status: 'DRAFT';
  version: number;
}

/** What every step of a service after its creation answers but the edit: the state after it (the revision's, for a revised ONLINE service). */
export interface ServiceStepReply {
  status: ServiceStatus;
  version: number;
}

export interface ListWorkspaceServicesPayload {
  workspaceId: string;
  limit: number;
  cursor?: string;
  status?: ServiceStatus;
}

export interface ListServicesForReviewPayload {
  /** PENDING_REVIEW when left out. */
  status?: ServiceStatus;
  limit: number;
  cursor?: string;
}

export interface SearchMarketPayload {
  industry?: string;
  type?: ServiceType;
  app?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export interface ServiceView extends ServiceContent {
  serviceId: string;
  isvWorkspaceId: string;
  status: ServiceStatus;
  /** When an ONLINE service is being revised: the revision's state; `online` is what the market shows meanwhile. */
  revisionStatus?: RevisionStatus;
  online?: ServiceContent;
  reason?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ServiceHistoryItem {
  type: string;
  /** The state it led to; `ONLINE (revision …)` while an ONLINE service is revised. */
  status: string;
  actor: string;
  at: string;
  reason?: string;
}

export interface ServiceHistory {
  items: ServiceHistoryItem[];
}

/** An ONLINE service as the market shows it, with its ISV's public information. */
export interface MarketServiceView extends ServiceContent {
  serviceId: string;
  onlineAt: string;
  isv: { workspaceId: string; name: string; logoUrl: string };
}

/** catalog's requests: one per verb of DOMAIN.md 2 and per query. */
export interface CatalogRequests {
  [CREATE_SERVICE]: Answers<CreateServicePayload, ServiceCreatedReply>;
  [EDIT_SERVICE]: Answers<EditServicePayload, ServiceView>;
  [SUBMIT_SERVICE]: Answers<ServiceRef, ServiceStepReply>;
  [WITHDRAW_SERVICE]: Answers<ServiceRef, ServiceStepReply>;
  [ARCHIVE_SERVICE]: Answers<ServiceRef, ServiceStepReply>;
  [APPROVE_SERVICE]: Answers<ServiceRef, ServiceStepReply>;
  [REJECT_SERVICE]: Answers<RejectServicePayload, ServiceStepReply>;
  [GET_SERVICE]: Answers<ServiceRef, ServiceView>;
  [GET_SERVICE_HISTORY]: Answers<ServiceRef, ServiceHistory>;
  [LIST_WORKSPACE_SERVICES]: Answers<ListWorkspaceServicesPayload, Page<ServiceView>>;
  [LIST_SERVICES_FOR_REVIEW]: Answers<ListServicesForReviewPayload, Page<ServiceView>>;
  [SEARCH_MARKET]: Answers<SearchMarketPayload, Page<MarketServiceView>>;
  [GET_MARKET_SERVICE]: Answers<ServiceRef, MarketServiceView>;
}
