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
