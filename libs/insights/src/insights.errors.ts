import { AppError } from '@mpp/platform';

// insights' error codes, declared once (DOMAIN.md 6, API.md Statistics).
export const FORBIDDEN_ROLE = 'FORBIDDEN_ROLE';
export const HOST_APP_UNKNOWN = 'HOST_APP_UNKNOWN';
export const INGESTION_KEY_NOT_FOUND = 'INGESTION_KEY_NOT_FOUND';

export const operatorsOnly = () => AppError.forbidden(FORBIDDEN_ROLE, 'only platform operators manage ingestion keys');
export const ingestionKeyNotFound = () => AppError.notFound(INGESTION_KEY_NOT_FOUND, 'no such ingestion key for this host app');
export const MINI_PROGRAM_NOT_FOUND = 'MINI_PROGRAM_NOT_FOUND';
export const SCOPE_NOT_GRANTED = 'SCOPE_NOT_GRANTED';

export const miniProgramNotFound = () => AppError.notFound(MINI_PROGRAM_NOT_FOUND, 'no such mini program');
export const statisticsScopeNotGranted = () => AppError.forbidden(SCOPE_NOT_GRANTED, 'the merchant has not granted your workspace the STATISTICS scope on this mini program');
export const INGESTION_KEY_INVALID = 'INGESTION_KEY_INVALID';
export const ingestionKeyInvalid = () => new AppError(INGESTION_KEY_INVALID, 'unauthenticated', 'X-Ingestion-Key is missing, unknown or revoked');
export const HOST_APP_NOT_TARGET = 'HOST_APP_NOT_TARGET';
export const hostAppNotTarget = (hostApp: string) => AppError.badInput(`${hostApp} is not a target app of this mini program`, [{ field: 'hostApp', message: 'not a target app of this mini program' }], HOST_APP_NOT_TARGET);
