// Requests the gateway sends to insights (DOMAIN.md 6, API.md Statistics).
import type { Answers } from '../messaging/request-map';

export const ISSUE_INGESTION_KEY = 'insights.IssueIngestionKey';
export const REVOKE_INGESTION_KEY = 'insights.RevokeIngestionKey';
export const COLLECT_USAGE = 'insights.CollectUsage';
export const GET_STATISTICS = 'insights.GetStatistics';
export const GET_PAGE_STATISTICS = 'insights.GetPageStatistics';
export const GET_RETENTION = 'insights.GetRetention';

export interface HostAppRef {
  /** A host app of GET /v1/host-apps. */
  hostApp: string;
}

export interface IngestionKeyRef extends HostAppRef {
  keyId: string;
}

/** A key just issued: `key` is shown this once, only its hash is kept. */
export interface IssuedIngestionKey {
  keyId: string;
  hostApp: string;
  key: string;
}

/**
 * A host app's batch as the gateway passes it on: the SHA-256 of its X-Ingestion-Key (the key itself stays in the
 * gateway) and the events as sent, each `userId` already replaced by its pseudonym, or removed when it was not a
 * user id (the event is then EVENT_INVALID).
 */
export interface UsageBatch {
  keyHash: string;
  events: unknown[];
}

export type UsageRefusalCode = 'MINI_PROGRAM_UNKNOWN' | 'HOST_APP_NOT_TARGET' | 'EVENT_TOO_OLD' | 'EVENT_IN_FUTURE' | 'EVENT_INVALID';

/** What became of each event of a batch: counted, already counted (same eventId within 7 days), or refused. */
export interface UsageBatchAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; code: UsageRefusalCode }[];
}

export type StatisticsGranularity = 'day' | 'week' | 'month';

/** A range of UTC dates `YYYY-MM-DD`, both ends included, of one mini program's figures. */
export interface StatisticsRange {
  miniProgramId: string;
  from: string;
  to: string;
}

export interface StatisticsQuery extends StatisticsRange {
  granularity: StatisticsGranularity;
  /** Only this host app's figures (one of the mini program's target apps). */
  hostApp?: string;
}

export interface PeriodStatistics {
  /** The date for a day, the Monday of an ISO week, `YYYY-MM` for a month. */
  period: string;
  opens: number;
  pageViews: number;
  uniqueVisitors: number;
  newVisitors: number;
  sessions: number;
  avgSessionMs: number;
  shares: number;
  errors: number;
}

export interface StatisticsView {
  items: PeriodStatistics[];
  /** Whether uniqueVisitors over weeks and months are exact (true) or estimates within 2 %. */
  uniqueVisitorsExact: boolean;
}

export interface PageStatisticsQuery extends StatisticsRange {
  limit: number;
}

export interface PageStatisticsView {
  items: { page: string; pageViews: number; uniqueVisitors: number }[];
}

export interface RetentionView {
  /** The share (0 to 1) of each date's new visitors seen again 1, 7 and 30 days later; null until that day has come. */
  items: { cohortDate: string; newVisitors: number; day1: number | null; day7: number | null; day30: number | null }[];
}

/** insights' requests. */
export interface InsightsRequests {
  [ISSUE_INGESTION_KEY]: Answers<HostAppRef, IssuedIngestionKey>;
  [REVOKE_INGESTION_KEY]: Answers<IngestionKeyRef, void>;
  [COLLECT_USAGE]: Answers<UsageBatch, UsageBatchAnswer>;
  [GET_STATISTICS]: Answers<StatisticsQuery, StatisticsView>;
  [GET_PAGE_STATISTICS]: Answers<PageStatisticsQuery, PageStatisticsView>;
  [GET_RETENTION]: Answers<StatisticsRange, RetentionView>;
}
