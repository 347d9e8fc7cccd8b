import { BatchJobKind, BatchJobParams, PayloadOf, ReleaseMode, RequestType } from '@mpp/contracts';
import { AnyRequestClass } from '@mpp/messaging';
import { ReleaseVersion } from '../mini-programs/release-version/release-version.command';
import { Rollback } from '../mini-programs/rollback/rollback.command';
import { SubmitVersion } from '../mini-programs/submit-version/submit-version.command';

/** A request as the runner sends it for one item; built by `send`, which checks the payload against the class. */
export interface ItemRequest {
  type: RequestType;
  payload: unknown;
}

const send = <T extends RequestType>(Request: AnyRequestClass & { type: T }, payload: PayloadOf<T>): ItemRequest => ({ type: Request.type, payload });

/**
 * What one item of each kind of job sends: the very request a single call would (its request class and payload),
 * so every rule of that verb applies to it. A kind without an entry cannot be started (TEMPLATES_NOT_AVAILABLE).
 * APPLY_TEMPLATE joins with the templates slice, as one entry:
 *   APPLY_TEMPLATE: (miniProgramId, p) => send(ApplyTemplate, { miniProgramId, templateId: p.templateId!, templateVersion: p.templateVersion!, version: p.version! }),
 * (each item uses the mini program's stored ext config: none is passed).
 */
export const ITEM_COMMANDS: Partial<Record<BatchJobKind, (miniProgramId: string, params: BatchJobParams) => ItemRequest>> = {
  SUBMIT_REVIEW: (miniProgramId, p) => send(SubmitVersion, { miniProgramId, version: p.version as string, releaseMode: p.releaseMode as ReleaseMode }),
  RELEASE: (miniProgramId, p) => send(ReleaseVersion, { miniProgramId, version: p.version as string, ...(p.grayPercent ? { grayPercent: p.grayPercent } : {}) }),
  ROLLBACK: (miniProgramId) => send(Rollback, { miniProgramId }),
};
