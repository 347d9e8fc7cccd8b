// miniprograms' public events about a mini program's versions (DOMAIN.md 4), on miniprograms.events (schema
// version 1): what a webhook or an event feed tells the merchant and its ISV (version.submitted, ...). The envelope's
// subject is the mini program's stream, `MiniProgram-<miniProgramId>`; the rest of a mini program's events stay inside.
import type { ReleaseMode } from './miniprograms.requests';

export const VERSION_SUBMITTED = 'miniprograms.VersionSubmitted';
export const VERSION_APPROVED = 'miniprograms.VersionApproved';
export const VERSION_REJECTED = 'miniprograms.VersionRejected';
export const VERSION_RELEASED = 'miniprograms.VersionReleased';
export const GRAY_RELEASE_STARTED = 'miniprograms.GrayReleaseStarted';
export const ROLLED_BACK = 'miniprograms.RolledBack';

/** The mini program a version event is about, from its envelope's subject. */
export const miniProgramIdOfSubject = (subject: string) => (subject.startsWith('MiniProgram-') ? subject.slice('MiniProgram-'.length) : undefined);

interface At {
  at: string;
}

export interface VersionSubmittedV1 extends At {
  version: string;
  releaseMode: ReleaseMode;
  note?: string;
}

export interface VersionApprovedV1 extends At {
  version: string;
  reviewerAccountId: string;
}

export interface VersionRejectedV1 extends At {
  version: string;
  reason: string;
  reviewerAccountId: string;
}

export interface VersionReleasedV1 extends At {
  version: string;
}

export interface GrayReleaseStartedV1 extends At {
  version: string;
  percent: number;
}

export interface RolledBackV1 extends At {
  /** The version that was live, and the one live again. */
  from: string;
  to: string;
}

export const VERSION_PUBLIC_EVENTS: readonly string[] = [VERSION_SUBMITTED, VERSION_APPROVED, VERSION_REJECTED, VERSION_RELEASED, GRAY_RELEASE_STARTED, ROLLED_BACK];
