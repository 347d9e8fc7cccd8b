import { AppError } from '@mpp/platform';

// Every error code ordering answers (API.md), declared once.

export const ORDER_NOT_FOUND = 'ORDER_NOT_FOUND';
export const ORDER_EXISTS = 'ORDER_EXISTS';
export const ORDER_NOT_PLACED_YET = 'ORDER_NOT_PLACED_YET';
export const ORDER_FINISHED = 'ORDER_FINISHED';
export const ORDER_NOT_CANCELABLE = 'ORDER_NOT_CANCELABLE';
export const ORDER_NOT_NEW = 'ORDER_NOT_NEW';
export const ORDER_NOT_PENDING_CONFIRMATION = 'ORDER_NOT_PENDING_CONFIRMATION';
export const ORDER_NOT_IN_DEVELOPMENT = 'ORDER_NOT_IN_DEVELOPMENT';
export const ORDER_NOT_UNDER_APPROVAL = 'ORDER_NOT_UNDER_APPROVAL';
export const UNFINISHED_ORDER_EXISTS = 'UNFINISHED_ORDER_EXISTS';
export const ISV_SIDE_ONLY = 'ISV_SIDE_ONLY';
export const MERCHANT_SIDE_ONLY = 'MERCHANT_SIDE_ONLY';
export const FORBIDDEN_WORKSPACE_ROLE = 'FORBIDDEN_WORKSPACE_ROLE';
export const AUTHORIZATION_NOT_FOUND = 'AUTHORIZATION_NOT_FOUND';
export const AUTHORIZATION_NOT_ACTIVE = 'AUTHORIZATION_NOT_ACTIVE';
export const WORKSPACE_NOT_FOUND = 'WORKSPACE_NOT_FOUND';
export const MINI_PROGRAM_NOT_FOUND = 'MINI_PROGRAM_NOT_FOUND';
export const SERVICE_NOT_FOUND = 'SERVICE_NOT_FOUND';
export const SERVICE_NOT_ONLINE = 'SERVICE_NOT_ONLINE';

export const orderNotFound = () => AppError.notFound(ORDER_NOT_FOUND, 'no such order');
export const authorizationNotFound = () => AppError.notFound(AUTHORIZATION_NOT_FOUND, 'no such authorization');
export const workspaceNotFound = () => AppError.notFound(WORKSPACE_NOT_FOUND, 'no such workspace');
