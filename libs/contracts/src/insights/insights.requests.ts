// Requests the gateway sends to insights (DOMAIN.md 6, API.md Statistics).
import type { Answers } from '../messaging/request-map';

export const ISSUE_INGESTION_KEY = 'insights.IssueIngestionKey';
export const REVOKE_INGESTION_KEY = 'insights.RevokeIngestionKey';

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

/** insights' requests. */
export interface InsightsRequests {
  [ISSUE_INGESTION_KEY]: Answers<HostAppRef, IssuedIngestionKey>;
  [REVOKE_INGESTION_KEY]: Answers<IngestionKeyRef, void>;
}
