// Requests the gateway sends to catalog (DOMAIN.md section 2).

export const CREATE_SERVICE = 'catalog.CreateService';
export const UPDATE_SERVICE = 'catalog.UpdateService';
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
}

export interface CreateServicePayload extends ServiceContent {
  workspaceId: string;
}

export interface UpdateServicePayload {
  serviceId: string;
  changes: Partial<ServiceContent>;
}

export interface ServiceView extends ServiceContent {
  serviceId: string;
  isvWorkspaceId: string;
  status: ServiceStatus;
  /** When an ONLINE service is being revised: the revision's state; `online` is what the market shows meanwhile. */
  revisionStatus?: 'DRAFT' | 'PENDING_REVIEW' | 'TURNED_DOWN' | 'WITHDRAWN';
  online?: ServiceContent;
  reason?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}
