// Requests the gateway sends to miniprograms about an ISV workspace's monthly review quota and expedites (DOMAIN.md 5).
import type { Answers } from '../messaging/request-map';
import type { VersionRef } from './miniprograms.requests';

export const GET_REVIEW_QUOTA = 'miniprograms.GetReviewQuota';
export const SET_REVIEW_QUOTA = 'miniprograms.SetReviewQuota';
export const EXPEDITE_VERSION = 'miniprograms.ExpediteVersion';

export interface ReviewQuotaRef {
  workspaceId: string;
}

export interface SetReviewQuotaPayload extends ReviewQuotaRef {
  /** Submissions a month, from now on (also in later months): an integer 0..100000. */
  limit: number;
}

export interface QuotaUsage {
  limit: number;
  used: number;
  remaining: number;
}

/** The workspace's quota in the current calendar month (UTC). */
export interface ReviewQuotaView extends QuotaUsage {
  workspaceId: string;
  /** YYYY-MM, UTC. */
  month: string;
  expedite: QuotaUsage;
}

export interface VersionExpeditedReply {
  expedited: true;
}

/** miniprograms' review quota requests. */
export interface ReviewQuotaRequests {
  [GET_REVIEW_QUOTA]: Answers<ReviewQuotaRef, ReviewQuotaView>;
  [SET_REVIEW_QUOTA]: Answers<SetReviewQuotaPayload, ReviewQuotaView>;
  [EXPEDITE_VERSION]: Answers<VersionRef, VersionExpeditedReply>;
}
