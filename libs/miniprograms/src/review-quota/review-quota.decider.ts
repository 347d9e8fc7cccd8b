import { Decider } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { EXPEDITE_QUOTA_EXHAUSTED, FORBIDDEN_ROLE, REVIEW_QUOTA_EXHAUSTED } from '../miniprograms.errors';

// A workspace's review quota (DOMAIN.md 5) is two kinds of stream:
// - its limit, in one small stream per workspace (ReviewQuotaLimit-<workspaceId>): an operator's change holds from
//   then on, in this month and every later one, so it cannot live in a month's stream;
// - its use in one calendar month (UTC), one stream per workspace and month (ReviewQuota-<workspaceId>-<YYYY-MM>):
//   a new month starts from an empty stream (no reset to write, nothing to carry over), and a decision loads only
//   that month's units, never the workspace's whole past. Two submissions taking the last unit append to the same
//   stream at the version they loaded: one of them loads again and is refused (optimistic concurrency).

export const REVIEW_QUOTA_LIMIT_SET = 'miniprograms.ReviewQuotaLimitSet';
export const REVIEW_UNIT_USED = 'miniprograms.ReviewUnitUsed';
export const EXPEDITE_USED = 'miniprograms.ExpediteUsed';

/** Submissions for review a month when no operator has set another limit. */
export const DEFAULT_REVIEW_QUOTA = 100;
export const MAX_REVIEW_QUOTA = 100_000;
export const EXPEDITES_PER_MONTH = 3;

/** The calendar month (UTC) a moment falls in: YYYY-MM. */
export const monthOf = (moment: Date) => moment.toISOString().slice(0, 7);

export const reviewQuotaLimitStreamId = (workspaceId: string) => `ReviewQuotaLimit-${workspaceId}`;
export const reviewQuotaStreamId = (workspaceId: string, month: string) => `ReviewQuota-${workspaceId}-${month}`;

type At = { at: string };

export type ReviewQuotaLimitEvent = { type: typeof REVIEW_QUOTA_LIMIT_SET; data: At & { workspaceId: string; limit: number } };
export type ReviewQuotaLimitCommand = { type: 'SetReviewQuotaLimit'; workspaceId: string; limit: number };
export interface ReviewQuotaLimitState {
  limit: number;
}

/** The limit a platform operator sets for a workspace (0 stops its submissions). */
export const reviewQuotaLimitDecider: Decider<ReviewQuotaLimitState, ReviewQuotaLimitCommand, ReviewQuotaLimitEvent> = {
  initialState: () => ({ limit: DEFAULT_REVIEW_QUOTA }),
  evolve: (_state, event) => ({ limit: event.data.limit }),
  decide(command, state, { now, actor }) {
    if (!actor?.platformRoles?.includes('OPERATOR')) throw AppError.forbidden(FORBIDDEN_ROLE, 'only platform operators set review quotas');
    const { limit } = command;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_REVIEW_QUOTA) {
      throw AppError.badInput('The limit is not valid.', [{ field: 'limit', message: `must be an integer from 0 to ${MAX_REVIEW_QUOTA}` }]);
    }
    if (limit === state.limit) return [];
    return [{ type: REVIEW_QUOTA_LIMIT_SET, data: { workspaceId: command.workspaceId, limit, at: now.toISOString() } }];
  },
};

type Use = { workspaceId: string; month: string; miniProgramId: string; version: string };
export type ReviewQuotaEvent = { type: typeof REVIEW_UNIT_USED | typeof EXPEDITE_USED; data: At & Use };
export type ReviewQuotaCommand = ({ type: 'UseReviewUnit'; limit: number } & Use) | ({ type: 'UseExpedite' } & Use);
export interface ReviewQuotaState {
  used: number;
  expediteUsed: number;
}

/**
 * One workspace's use of its quota in one month: each submission for review takes a unit while fewer than the
 * limit (read from the limit's stream) are used, each expedite one of EXPEDITES_PER_MONTH. Units are never given
 * back (a withdrawn submission keeps its unit).
 */
export const reviewQuotaDecider: Decider<ReviewQuotaState, ReviewQuotaCommand, ReviewQuotaEvent> = {
  initialState: () => ({ used: 0, expediteUsed: 0 }),
  evolve: (state, event) => (event.type === REVIEW_UNIT_USED ? { ...state, used: state.used + 1 } : { ...state, expediteUsed: state.expediteUsed + 1 }),
  decide(command, state, { now }) {
    const { type, workspaceId, month, miniProgramId, version } = command;
    const data = { workspaceId, month, miniProgramId, version, at: now.toISOString() };
    if (type === 'UseReviewUnit') {
      if (state.used >= command.limit) {
        throw AppError.rateLimited(REVIEW_QUOTA_EXHAUSTED, `the workspace has used its ${command.limit} submissions for review of ${month} (UTC)`);
      }
      return [{ type: REVIEW_UNIT_USED, data }];
    }
    if (state.expediteUsed >= EXPEDITES_PER_MONTH) {
      throw AppError.rateLimited(EXPEDITE_QUOTA_EXHAUSTED, `the workspace has used its ${EXPEDITES_PER_MONTH} expedites of ${month} (UTC)`);
    }
    return [{ type: EXPEDITE_USED, data }];
  },
};
