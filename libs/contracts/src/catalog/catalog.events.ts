// catalog's public events on catalog.events (schema version 1), for ordering.

export const SERVICE_ONLINE = 'catalog.ServiceOnline';
export const SERVICE_REVISED = 'catalog.ServiceRevised';
export const SERVICE_OFFLINE = 'catalog.ServiceOffline';

export interface ServicePublicV1 {
  serviceId: string;
  isvWorkspaceId: string;
  type: 'MINI_PROGRAM_DEVELOPMENT' | 'MINI_PROGRAM_TEMPLATE';
  name: string;
  /** The ISV's template a MINI_PROGRAM_TEMPLATE service offers (DOMAIN.md 5); absent for development services. */
  templateId?: string;
  at: string;
}

/** The events of a service's life in the market, each carrying the service as it is then (ServicePublicV1). */
export const SERVICE_PUBLIC_EVENTS: readonly string[] = [SERVICE_ONLINE, SERVICE_REVISED, SERVICE_OFFLINE];

export const CATALOG_PUBLIC_EVENTS: readonly string[] = SERVICE_PUBLIC_EVENTS;
