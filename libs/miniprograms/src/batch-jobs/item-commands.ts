import { BatchJobKind, BatchJobParams, PayloadOf, ReleaseMode, RequestType } from '@mpp/contracts';
import { AnyRequestClass } from '@mpp/messaging';
import { ReleaseVersion } from '../mini-programs/release-version/release-version.command';
import { Rollback } from '../mini-programs/rollback/rollback.command';
import { SubmitVersion } from '../mini-programs/submit-version/submit-version.command';
import { ApplyTemplate } from '../templates/apply-template/apply-template.command';

/** A request as the runner sends it for one item; built by `send`, which checks the payload against the class. */
export interface ItemRequest {
  type: RequestType;
  payload: unknown;
}

const send = <T extends RequestType>(Request: AnyRequestClass & { type: T }, payload: PayloadOf<T>): ItemRequest => ({ type: Request.type, payload });

/**
 * What one item of each kind of job sends: the very request a single call would (its request class and payload),
 * so every rule of that verb applies to it. APPLY_TEMPLATE passes no ext config: each item uses its mini program's
 * stored one (API.md), and fails EXT_CONFIG_MISSING without one, as the single request does.
 */
export const ITEM_COMMANDS: Record<BatchJobKind, (miniProgramId: string, params: BatchJobParams) => ItemRequest> = {
  APPLY_TEMPLATE: (miniProgramId, p) => send(ApplyTemplate, { miniProgramId, templateId: p.templateId as string, templateVersion: p.templateVersion as string, version: p.version as string }),
  SUBMIT_REVIEW: (miniProgramId, p) => send(SubmitVersion, { miniProgramId, version: p.version as string, releaseMode: p.releaseMode as ReleaseMode }),
  RELEASE: (miniProgramId, p) => send(ReleaseVersion, { miniProgramId, version: p.version as string, ...(p.grayPercent ? { grayPercent: p.grayPercent } : {}) }),
  ROLLBACK: (miniProgramId) => send(Rollback, { miniProgramId }),
};

/**
 * The kinds whose items are sent together, a group at a time (RequestRouter.handleTogether): their handlers' one
 * write is the mini program's append, after every check, so a refusal needs no savepoint. Not SUBMIT_REVIEW: its
 * charge on the workspace's quota takes turns on a lock and undoes a refused unit under a savepoint of its own.
 */
export const ITEMS_RUN_TOGETHER: ReadonlySet<BatchJobKind> = new Set(['APPLY_TEMPLATE', 'RELEASE', 'ROLLBACK']);
