import { IMAGE_INVALID } from '@mpp/contracts';
import { AppError } from '@mpp/platform';

// Every error code miniprograms answers (API.md), declared once.

export const MINI_PROGRAM_NOT_FOUND = 'MINI_PROGRAM_NOT_FOUND';
export const MINI_PROGRAM_EXISTS = 'MINI_PROGRAM_EXISTS';
export const MINI_PROGRAM_NOT_ONLINE = 'MINI_PROGRAM_NOT_ONLINE';
export const MINI_PROGRAM_NOT_OFFLINE = 'MINI_PROGRAM_NOT_OFFLINE';
export const WORKSPACE_NOT_FOUND = 'WORKSPACE_NOT_FOUND';
export const ISVS_CANNOT_CREATE_MINI_PROGRAMS = 'ISVS_CANNOT_CREATE_MINI_PROGRAMS';
export const FORBIDDEN_ROLE = 'FORBIDDEN_ROLE';
export const SCOPE_NOT_GRANTED = 'SCOPE_NOT_GRANTED';
export const ACCOUNT_NOT_IN_WORKSPACE = 'ACCOUNT_NOT_IN_WORKSPACE';
export const ALREADY_A_MEMBER = 'ALREADY_A_MEMBER';
export const MEMBER_LIMIT_REACHED = 'MEMBER_LIMIT_REACHED';
export const MEMBER_NOT_FOUND = 'MEMBER_NOT_FOUND';
export const VERSION_NOT_FOUND = 'VERSION_NOT_FOUND';
export const VERSION_EXISTS = 'VERSION_EXISTS';
export const VERSION_NOT_GREATER = 'VERSION_NOT_GREATER';
export const TOO_MANY_VERSIONS = 'TOO_MANY_VERSIONS';
export const VERSION_NOT_DELETABLE = 'VERSION_NOT_DELETABLE';
export const VERSION_NOT_SUBMITTABLE = 'VERSION_NOT_SUBMITTABLE';
export const ANOTHER_VERSION_IN_PROGRESS = 'ANOTHER_VERSION_IN_PROGRESS';
export const VERSION_NOT_IN_REVIEW = 'VERSION_NOT_IN_REVIEW';
export const WITHDRAWAL_LIMIT_REACHED = 'WITHDRAWAL_LIMIT_REACHED';
export const VERSION_NOT_APPROVED = 'VERSION_NOT_APPROVED';
export const VERSION_NOT_IN_GRAY = 'VERSION_NOT_IN_GRAY';
export const NOTHING_TO_ROLL_BACK = 'NOTHING_TO_ROLL_BACK';
// UI assets: IMAGE_INVALID is in the contracts, as the gateway answers it too (it checks the bytes).
export { IMAGE_INVALID };
export const TOO_MANY_SCREENSHOTS = 'TOO_MANY_SCREENSHOTS';
export const ICON_NOT_FOUND = 'ICON_NOT_FOUND';
export const SCREENSHOT_NOT_FOUND = 'SCREENSHOT_NOT_FOUND';
/** What the review quota answers a submission when none is left (429); a batch job pauses on it. */
export const REVIEW_QUOTA_EXHAUSTED = 'REVIEW_QUOTA_EXHAUSTED';
export const EXPEDITE_QUOTA_EXHAUSTED = 'EXPEDITE_QUOTA_EXHAUSTED';
// Batch jobs (DOMAIN.md 5).
export const BATCH_JOB_NOT_FOUND = 'BATCH_JOB_NOT_FOUND';
export const BATCH_JOB_FINISHED = 'BATCH_JOB_FINISHED';
export const BATCH_JOBS_FOR_ISVS_ONLY = 'BATCH_JOBS_FOR_ISVS_ONLY';
export const TOO_MANY_BATCH_ITEMS = 'TOO_MANY_BATCH_ITEMS';

export const miniProgramNotFound = () => AppError.notFound(MINI_PROGRAM_NOT_FOUND, 'no such mini program');
export const versionNotFound = (version: string) => AppError.notFound(VERSION_NOT_FOUND, `no version ${version}`);
export const workspaceNotFound = () => AppError.notFound(WORKSPACE_NOT_FOUND, 'no such workspace');
export const imageInvalid = (message: string, field: string, problem: string) => AppError.badInput(message, [{ field, message: problem }], IMAGE_INVALID);
export const iconNotFound = () => AppError.notFound(ICON_NOT_FOUND, 'the mini program has no icon');
export const screenshotNotFound = () => AppError.notFound(SCREENSHOT_NOT_FOUND, 'no such screenshot');

// Templates (DOMAIN.md 5).
export const TEMPLATE_NOT_FOUND = 'TEMPLATE_NOT_FOUND';
export const TEMPLATE_EXISTS = 'TEMPLATE_EXISTS';
export const TEMPLATE_VERSION_NOT_FOUND = 'TEMPLATE_VERSION_NOT_FOUND';
export const TEMPLATE_VERSION_NOT_PUBLISHED = 'TEMPLATE_VERSION_NOT_PUBLISHED';
export const TEMPLATE_VERSION_NOT_DRAFT = 'TEMPLATE_VERSION_NOT_DRAFT';
export const TEMPLATE_IN_USE = 'TEMPLATE_IN_USE';
export const TOO_MANY_TEMPLATES = 'TOO_MANY_TEMPLATES';
export const MERCHANTS_CANNOT_CREATE_TEMPLATES = 'MERCHANTS_CANNOT_CREATE_TEMPLATES';
export const EXT_SCHEMA_INVALID = 'EXT_SCHEMA_INVALID';
export const EXT_CONFIG_INVALID = 'EXT_CONFIG_INVALID';
export const EXT_CONFIG_MISSING = 'EXT_CONFIG_MISSING';

export const templateNotFound = () => AppError.notFound(TEMPLATE_NOT_FOUND, 'no such template');
export const templateVersionNotFound = (version: string) => AppError.notFound(TEMPLATE_VERSION_NOT_FOUND, `no template version ${version}`);
export const batchJobNotFound = () => AppError.notFound(BATCH_JOB_NOT_FOUND, 'no such batch job');
