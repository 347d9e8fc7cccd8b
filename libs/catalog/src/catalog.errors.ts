import { AppError } from '@mpp/platform';

// catalog's error codes, declared once: clients and API.md know them by these names.
export const SERVICE_NOT_FOUND = 'SERVICE_NOT_FOUND';
export const SERVICE_EXISTS = 'SERVICE_EXISTS';
export const SERVICE_NAME_TAKEN = 'SERVICE_NAME_TAKEN';
export const SERVICE_ARCHIVED = 'SERVICE_ARCHIVED';
export const SERVICE_UNDER_REVIEW = 'SERVICE_UNDER_REVIEW';
export const SERVICE_ALREADY_SUBMITTED = 'SERVICE_ALREADY_SUBMITTED';
export const SERVICE_NOT_SUBMITTABLE = 'SERVICE_NOT_SUBMITTABLE';
export const SERVICE_NOT_UNDER_REVIEW = 'SERVICE_NOT_UNDER_REVIEW';
export const SERVICE_NOT_ONLINE = 'SERVICE_NOT_ONLINE';
/** A templateId that is not one of the ISV workspace's own templates (unknown, or another ISV's: the two look alike). */
export const TEMPLATE_NOT_FOUND = 'TEMPLATE_NOT_FOUND';
/** A MINI_PROGRAM_TEMPLATE service goes ONLINE only while its template has a PUBLISHED version (API.md). */
export const TEMPLATE_NOT_PUBLISHED = 'TEMPLATE_NOT_PUBLISHED';
export const WORKSPACE_NOT_FOUND = 'WORKSPACE_NOT_FOUND';
export const MERCHANTS_CANNOT_CREATE_SERVICES = 'MERCHANTS_CANNOT_CREATE_SERVICES';
export const FORBIDDEN_WORKSPACE_ROLE = 'FORBIDDEN_WORKSPACE_ROLE';
export const FORBIDDEN_ROLE = 'FORBIDDEN_ROLE';

/** A service the caller may not see is answered like one that does not exist. */
export const serviceNotFound = (message = 'no such service') => AppError.notFound(SERVICE_NOT_FOUND, message);
export const workspaceNotFound = () => AppError.notFound(WORKSPACE_NOT_FOUND, 'no such workspace');
/** Only platform reviewers see the queue and decide services. */
export const reviewersOnly = (message: string) => AppError.forbidden(FORBIDDEN_ROLE, message);
