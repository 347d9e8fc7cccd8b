import { AppError } from '@mpp/platform';

// integrations' error codes, declared once (DOMAIN.md 7, API.md Integrations).
export const WORKSPACE_NOT_FOUND = 'WORKSPACE_NOT_FOUND';
export const FORBIDDEN_WORKSPACE_ROLE = 'FORBIDDEN_WORKSPACE_ROLE';
export const WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND';
export const DELIVERY_NOT_FOUND = 'DELIVERY_NOT_FOUND';
export const WEBHOOK_URL_INVALID = 'WEBHOOK_URL_INVALID';
export const EVENT_TYPE_UNKNOWN = 'EVENT_TYPE_UNKNOWN';
export const TOO_MANY_WEBHOOKS = 'TOO_MANY_WEBHOOKS';

/** A workspace the caller is not a member of is answered like one that does not exist. */
export const workspaceNotFound = () => AppError.notFound(WORKSPACE_NOT_FOUND, 'no such workspace');
export const ownersAndAdminsOnly = () => AppError.forbidden(FORBIDDEN_WORKSPACE_ROLE, "only the workspace's Owner and Admins manage its webhooks");
/** An endpoint of a workspace the caller is not a member of is answered like one that does not exist. */
export const webhookNotFound = () => AppError.notFound(WEBHOOK_NOT_FOUND, 'no such webhook');
export const deliveryNotFound = () => AppError.notFound(DELIVERY_NOT_FOUND, 'no such delivery of this webhook');
